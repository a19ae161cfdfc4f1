from news import services
from news.models import Revision

from . import factories


def test_every_save_keeps_a_revision_and_the_diff_shows_changes(personas, client_for):
    article = factories.article(author=personas.teacher_5a, body="<p>Khai giảng lúc 7 giờ</p>")
    services.update_article(
        article=article, by=personas.teacher_5a, body="<p>Khai giảng lúc 8 giờ</p>"
    )
    newest = article.revisions.order_by("-created_at", "-id").first()
    assert Revision.objects.filter(article=article).count() == 2
    page = client_for("editor").get(f"/viet-bai/{article.pk}/phien-ban/{newest.pk}/")
    html = page.content.decode()
    assert 'class="news-diff-removed">− Khai giảng lúc 7 giờ' in html
    assert 'class="news-diff-added">+ Khai giảng lúc 8 giờ' in html


def test_editor_restores_an_old_revision_and_nothing_is_lost(personas, client_for):
    article = factories.article(author=personas.teacher_5a, body="<p>Bản gốc</p>")
    first = article.revisions.get()
    services.update_article(article=article, by=personas.teacher_5a, body="<p>Bản sửa hỏng</p>")
    client_for("editor").post(f"/viet-bai/{article.pk}/phien-ban/{first.pk}/khoi-phuc/")
    article.refresh_from_db()
    assert article.body == "<p>Bản gốc</p>"
    assert article.revisions.count() == 3
    assert article.revisions.filter(body="<p>Bản sửa hỏng</p>").exists()
