"""Search ignores diacritics and case, ranks titles first, highlights, respects audiences.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL: the folded
columns make both return the same rows in the same order.
"""

from news.models import Audience
from news.search import highlight, search_column

from . import factories


def _results(client, query):
    page = client.get("/tim-kiem/", {"q": query}).content.decode()
    return page


def test_unaccented_query_finds_accented_title(personas, client_for):
    factories.article(
        author=personas.teacher_5a, title="An toàn mạng cho học sinh", publish_by=personas.editor
    )
    page = _results(client_for("anonymous"), "an toan mang")
    assert "<mark>An</mark> <mark>toàn</mark> <mark>mạng</mark> cho học sinh" in page


def test_d_matches_đ_and_case_is_ignored(personas, client_for):
    factories.article(
        author=personas.teacher_5a, title="Đại hội Liên đội", publish_by=personas.editor
    )
    assert "<mark>Đại</mark> <mark>hội</mark>" in _results(client_for("anonymous"), "DAI HOI")
    assert "<mark>Đại</mark> hội" in _results(client_for("anonymous"), "đại")


def test_title_matches_rank_above_body_matches(personas, client_for):
    body_only = factories.article(
        author=personas.teacher_5a,
        title="Tin hoạt động tuần",
        body="<p>Tuần này lớp 5A học về mật khẩu mạnh.</p>",
        publish_by=personas.editor,
    )
    in_title = factories.article(
        author=personas.teacher_5a, title="Mật khẩu mạnh là thế nào?", publish_by=personas.editor
    )
    page = _results(client_for("anonymous"), "mat khau")
    assert page.index(in_title.get_absolute_url()) < page.index(body_only.get_absolute_url())


def test_documents_are_found_too(personas, client_for):
    document = factories.document(by=personas.editor, summary="Kế hoạch phòng chống đuối nước")
    page = _results(client_for("anonymous"), "duoi nuoc")
    assert document.get_absolute_url() in page
    assert "<mark>đuối</mark> <mark>nước</mark>" in page


def test_search_respects_audiences(personas, client_for):
    factories.article(
        author=personas.teacher_5a,
        title="Hướng dẫn phụ huynh cài kiểm soát",
        audience=Audience.PARENTS,
        publish_by=personas.editor,
    )
    assert "kiểm soát" not in _results(client_for("pupil_an"), "kiem soat")
    assert "<mark>kiểm</mark> <mark>soát</mark>" in _results(client_for("parent_an"), "kiem soat")


def test_results_paginate(personas, client_for):
    category = factories.category()
    factories.bulk_articles(25, author=personas.teacher_5a, in_category=category)
    client = client_for("anonymous")
    first = client.get("/tim-kiem/", {"q": "an toan"}).content.decode()
    last = client.get("/tim-kiem/", {"q": "an toan", "page": 3}).content.decode()
    assert "25 kết quả" in first and "Trang 1/3" in first and "Trang 3/3" in last
    assert last.count("news-result") == 5


def test_matches_only_at_word_starts_and_highlight_escapes():
    assert search_column("Đà Nẵng, 2026!") == " da nang 2026 "
    assert (
        str(highlight("<b>bạn</b> an toàn", ["an"]))
        == "&lt;b&gt;bạn&lt;/b&gt; <mark>an</mark> toàn"
    )
    # A prefix marks the whole word it starts, never part of one.
    assert str(highlight("Chụp ảnh lớp", ["an"])) == "Chụp <mark>ảnh</mark> lớp"


def test_paragraphs_do_not_run_together_in_excerpts(personas):
    article = factories.article(
        author=personas.teacher_5a,
        body="<p>Câu một.</p><p>Câu hai &amp; ba.</p><ul><li>Bốn</li></ul>",
    )
    assert article.body_text == "Câu một. Câu hai & ba. Bốn"
