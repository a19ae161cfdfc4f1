"""An article title cannot be made to display reversed (U+202E and the other bidi controls)."""

from news.models import Article

from . import factories


def test_an_article_title_loses_its_bidi_controls(personas, client_for):
    response = client_for("teacher_5a").post(
        "/viet-bai/moi/",
        {
            "title": "Lịch thi \u202ehọc kỳ\u202c I\u200f",
            "kind": "news",
            "audience": "public",
            "category": factories.category().pk,
            "summary": "Tóm tắt",
            "body": "<p>Nội dung</p>",
        },
    )
    assert response.status_code == 302
    assert Article.objects.get().title == "Lịch thi học kỳ I"
