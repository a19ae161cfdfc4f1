"""Who reads which board, what the board and topic pages show, and that nothing is public."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum import access, services
from forum.models import Board, Topic

pytestmark = pytest.mark.django_db


def test_pupil_sees_only_school_grade_and_own_class_boards(personas, forum):
    slugs = set(Board.objects.readable_by(personas.pupil_an).values_list("slug", flat=True))
    assert slugs == {"san-truong", "khoi-5", forum.class_5a.slug}


def test_pupil_cannot_open_other_class_board(forum, client_for):
    response = client_for("pupil_an").get(forum.class_4b.get_absolute_url())
    assert response.status_code == 404


def test_parent_sees_parents_board_but_no_pupil_board(personas, forum, client_for):
    client = client_for("parent_an")
    slugs = set(Board.objects.readable_by(personas.parent_an).values_list("slug", flat=True))
    assert slugs == {"goc-phu-huynh"}
    assert client.get(forum.class_5a.get_absolute_url()).status_code == 404
    assert client.get(forum.topic_5a.get_absolute_url()).status_code == 404


def test_board_opened_to_parents_is_readable_by_that_class_parents_only(personas, forum):
    Board.objects.filter(pk=forum.class_5a.pk).update(open_to_parents=True)
    assert Board.objects.readable_by(personas.parent_an).filter(pk=forum.class_5a.pk).exists()
    assert (
        not Board.objects.readable_by(personas.other_parent).filter(pk=forum.class_5a.pk).exists()
    )


def test_homeroom_teacher_moderates_own_class_board_only(personas, forum):
    assert access.is_board_moderator(personas.teacher_5a, forum.class_5a)
    assert not access.is_board_moderator(personas.teacher_5a, forum.class_4b)
    assert not access.is_board_moderator(personas.teacher_5a, forum.school)
    assert access.is_board_moderator(personas.collaborator, forum.class_4b)


def test_anonymous_visitor_is_sent_to_login(forum, client):
    response = client.get("/dien-dan/")
    assert response.status_code == 302
    assert "/tai-khoan/login/" in response["Location"]


@pytest.mark.parametrize(
    "path_of",
    [
        lambda f: "/dien-dan/",
        lambda f: f.school.get_absolute_url(),
        lambda f: f.topic_school.get_absolute_url(),
        lambda f: "/dien-dan/cua-toi/",
        lambda f: "/dien-dan/hoi-dap/",
    ],
)
def test_every_forum_page_carries_noindex(forum, client_for, path_of):
    response = client_for("pupil_binh").get(path_of(forum))
    assert response.status_code == 200
    assert b'<meta name="robots" content="noindex' in response.content


def test_board_lists_pinned_first_then_latest_activity(personas, forum, client_for):
    board = forum.school
    old = services.create_topic(board=board, author=personas.pupil_an, title="Chủ đề cũ ghim", body="Nội dung")  # fmt: skip
    fresh = services.create_topic(board=board, author=personas.pupil_an, title="Chủ đề mới nhất", body="Nội dung")  # fmt: skip
    Topic.objects.filter(pk=old.pk).update(last_post_at=timezone.now() - timedelta(days=5))
    services.moderate_topic(topic=old, moderator=personas.collaborator, action="pin")
    html = client_for("pupil_an").get(board.get_absolute_url()).content.decode()
    assert html.index("Chủ đề cũ ghim") < html.index("Chủ đề mới nhất") < html.index("Hội khoẻ")
    assert fresh.title in html


def test_board_shows_reply_count_and_last_poster(personas, forum, client_for):
    services.create_reply(topic=forum.topic_school, author=personas.pupil_an, body="Lớp 5A thi!")  # fmt: skip
    html = client_for("pupil_binh").get(forum.school.get_absolute_url()).content.decode()
    assert "1 trả lời" in html
    assert "Nguyễn Văn An" in html


def test_topic_pages_hold_posts_in_order(personas, forum, client_for, settings):
    for n in range(1, 45):
        services.create_reply(topic=forum.topic_school, author=personas.pupil_an, body=f"Trả lời số {n:02d}")  # fmt: skip
    client = client_for("pupil_binh")
    page1 = client.get(forum.topic_school.get_absolute_url()).content.decode()
    assert "Trả lời số 01" in page1 and "Trả lời số 19" in page1 and "Trả lời số 20" not in page1
    assert page1.index("Trả lời số 01") < page1.index("Trả lời số 02")
    page3 = client.get(forum.topic_school.get_absolute_url() + "?page=3").content.decode()
    assert "Trả lời số 44" in page3 and "Trả lời số 39" not in page3


def test_quote_prefills_reply_with_the_quoted_text(personas, forum, client_for):
    first = forum.topic_school.posts.get(position=1)
    response = client_for("pupil_an").get(
        f"/dien-dan/chu-de/{forum.topic_school.pk}/tra-loi/?quote={first.pk}"
    )
    assert "&gt; Lớp nào thi kéo co?" in response.content.decode()


def test_home_section_lists_recent_readable_topics(personas, forum, client_for):
    html = client_for("pupil_binh").get("/").content.decode()
    assert "Hội khoẻ Phù Đổng" in html
    assert "Lịch trực nhật" not in html  # 5A's board is not Bình's
    assert "Hội khoẻ Phù Đổng" not in client_for("anonymous").get("/").content.decode()


def test_nav_shows_forum_links_and_queue_count_for_moderators(personas, forum, client_for):
    services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đồ ngu!")  # fmt: skip
    pupil_html = client_for("pupil_an").get("/").content.decode()
    assert "Diễn đàn" in pupil_html and ">Hỏi đáp<" in pupil_html.replace("</i> ", ">")
    assert "Hàng đợi duyệt bài" not in pupil_html
    teacher_html = client_for("teacher_5a").get("/").content.decode()
    assert 'data-testid="forum-queue-count">1<' in teacher_html
    other_html = client_for("other_teacher").get("/").content.decode()
    assert 'data-testid="forum-queue-count">0<' in other_html  # moderates 4B: nothing waits there
    assert "Hàng đợi duyệt bài" not in client_for("editor").get("/").content.decode()
