"""Odd input typed or crafted by a reader or writer gets a message or a 404, never a 500."""

import pytest

from news import services
from news.models import Article, Status

from . import factories


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "1800-05-01T08:00", "9999-12-31T23:59"])
def test_a_publish_time_outside_the_storable_years_is_refused_with_a_message(
    when, personas, client_for
):
    article = factories.article(author=personas.teacher_5a)
    services.submit_article(article=article, by=personas.teacher_5a)
    client = client_for("editor")
    client.raise_request_exception = False  # a crash must show up as a 500, not as a raise
    response = client.post(f"/viet-bai/{article.pk}/xuat-ban/", {"publish_at": when}, follow=True)
    assert response.status_code == 200
    assert "Thời điểm đăng không hợp lệ." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED


@pytest.mark.parametrize("field", ["publish_at", "expire_at"])
def test_the_article_form_explains_which_years_it_accepts(field, personas, client_for):
    category = factories.category()
    client = client_for("teacher_5a")
    client.raise_request_exception = False
    response = client.post(
        "/viet-bai/moi/",
        {"title": "Tin từ năm 1", "kind": "news", "audience": "public", "category": category.pk,
         "summary": "Tóm tắt giữ lại", "body": "<p>Nội dung</p>", field: "0001-01-01T00:00"},
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hãy nhập thời điểm trong khoảng năm 1900 đến 2100." in page
    assert "Tóm tắt giữ lại" in page  # nothing the writer typed is lost
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/tin-tuc/?page=abc",
        "/tin-tuc/?page=99999999999999999999999",
        "/huong-dan/?page=-1",
        "/van-ban/?year=abc",
        "/van-ban/?year=99999999999999999999&type=zzz&issuer=zzz",
        "/van-ban/?q=%00&page=zz",
        "/tim-kiem/?q=an+toan&page=zz",
        "/tim-kiem/?q=%00",
    ],
)
def test_junk_in_list_and_search_parameters_still_shows_the_page(url, personas, client_for):
    factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    factories.document(by=personas.editor)
    client = client_for("anonymous")
    client.raise_request_exception = False
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("score", ["abc", "0", "6", "99999999999999999999999", ""])
def test_a_crafted_rating_is_refused_with_a_message(score, personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    client = client_for("parent_an")
    client.raise_request_exception = False
    response = client.post(f"{article.get_absolute_url()}danh-gia/", {"score": score}, follow=True)
    assert response.status_code == 200
    assert "Hãy chọn từ 1 đến 5 sao." in response.content.decode()
    article.refresh_from_db()
    assert article.rating_count == 0


def test_an_attachment_number_too_large_for_the_database_is_a_404(personas, client_for):
    client = client_for("anonymous")
    client.raise_request_exception = False
    assert client.get("/tep-dinh-kem/99999999999999999999999/").status_code == 404
