from news.models import Article, Rating
from notifications.models import Notification

from . import factories


def _scores(article):
    return Article.objects.values_list("rating_sum", "rating_count").get(pk=article.pk)


def test_reader_rates_once_and_may_change_their_mind(personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    url = f"/bai-viet/{article.slug}/danh-gia/"
    pupil = client_for("pupil_an")
    pupil.post(url, {"score": 5})
    pupil.post(url, {"score": 3})
    client_for("parent_an").post(url, {"score": 4})
    assert _scores(article) == (7, 2)
    assert Rating.objects.get(user=personas.pupil_an).score == 3
    page = pupil.get(article.get_absolute_url()).content.decode()
    assert "Tổng số điểm của bài viết là: 7 trong 2 đánh giá" in page
    assert "Bạn đã chấm 3 sao" in page


def test_out_of_range_and_anonymous_ratings_change_nothing(personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    url = f"/bai-viet/{article.slug}/danh-gia/"
    client_for("pupil_an").post(url, {"score": 9})
    client_for("pupil_an").post(url, {"score": "abc"})
    response = client_for("anonymous").post(url, {"score": 5})
    assert response.status_code == 302 and "/tai-khoan/login/" in response["Location"]
    assert _scores(article) == (0, 0)


def test_cannot_rate_what_one_cannot_read(personas, client_for):
    article = factories.article(
        author=personas.teacher_5a, audience="staff", publish_by=personas.editor
    )
    response = client_for("pupil_an").post(f"/bai-viet/{article.slug}/danh-gia/", {"score": 1})
    assert response.status_code == 404
    assert _scores(article) == (0, 0)


def test_error_report_reaches_every_editor(personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    response = client_for("parent_an").post(
        f"/bai-viet/{article.slug}/bao-loi/", {"message": "Sai ngày khai giảng: phải là 5/9"}
    )
    assert response.status_code == 302
    reports = Notification.objects.filter(kind="news.error_report")
    assert set(reports.values_list("recipient__username", flat=True)) == {"bt_lan", "qt_quan"}
    assert "Sai ngày khai giảng" in reports.first().body


def test_empty_error_report_is_refused_with_a_message(personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    response = client_for("parent_an").post(f"/bai-viet/{article.slug}/bao-loi/", {"message": "x"})
    assert response.status_code == 200
    assert "ít nhất 5 ký tự" in response.content.decode()
    assert not Notification.objects.filter(kind="news.error_report").exists()


def test_error_reports_are_limited_per_hour(personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    client = client_for("pupil_an")
    for i in range(6):
        response = client.post(f"/bai-viet/{article.slug}/bao-loi/", {"message": f"Lỗi số {i}"})
    assert response.status_code == 429
    assert (
        "Em viết nhanh quá! Hãy chờ khoảng 60 phút rồi gửi tiếp nhé." in response.content.decode()
    )
    assert "Lỗi số 5" in response.content.decode()  # the text is kept
    assert Notification.objects.filter(kind="news.error_report").count() == 5 * 2  # 2 editors
