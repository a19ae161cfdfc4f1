"""A topic title cannot be made to display reversed (U+202E and the other bidi controls)."""

from forum.models import Topic

RLO = "\u202e"


def test_a_topic_title_loses_its_bidi_controls_and_keeps_its_words(forum, client_for):
    response = client_for("pupil_an").post(
        f"/dien-dan/chuyen-muc/{forum.class_5a.slug}/chu-de-moi/",
        {"title": f"Hỏi về bài tập {RLO}gnol\u2066 nhé\u2069", "body": "Bài số 3 làm thế nào ạ?"},
    )
    assert response.status_code == 302
    topic = Topic.objects.get(title__startswith="Hỏi về bài tập")
    assert topic.title == "Hỏi về bài tập gnol nhé"
    page = client_for("pupil_an").get(topic.get_absolute_url()).content.decode()
    assert RLO not in page


def test_a_refused_title_comes_back_without_the_controls(forum, client_for):
    page = client_for("pupil_an").post(
        f"/dien-dan/chuyen-muc/{forum.class_5a.slug}/chu-de-moi/",
        {"title": f"{RLO}ab", "body": "Nội dung"},
    )
    html = page.content.decode()
    assert "Tiêu đề cần ít nhất 5 ký tự." in html
    assert RLO not in html and 'value="ab"' in html
