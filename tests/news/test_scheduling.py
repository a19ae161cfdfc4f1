"""Scheduled publishing and expiry are queries: no job has to run."""

import datetime

from django.utils import timezone

from news.models import Article

from . import factories


def test_scheduled_article_appears_by_itself_when_its_time_comes(personas, client_for):
    now = timezone.now()
    article = factories.article(
        author=personas.teacher_5a,
        publish_by=personas.editor,
        publish_at=now + datetime.timedelta(hours=2),
    )
    assert client_for("anonymous").get(article.get_absolute_url()).status_code == 404
    assert not Article.objects.visible_to(None).filter(pk=article.pk).exists()
    later = now + datetime.timedelta(hours=3)
    assert Article.objects.live(later).filter(pk=article.pk).exists()
    # The editor sees it among the scheduled ones.
    assert article.title in client_for("editor").get("/duyet-bai/").content.decode()


def test_expired_article_disappears(personas, client_for):
    now = timezone.now()
    article = factories.article(
        author=personas.teacher_5a,
        publish_by=personas.editor,
        publish_at=now - datetime.timedelta(days=2),
        expire_at=now - datetime.timedelta(days=1),
    )
    assert client_for("anonymous").get(article.get_absolute_url()).status_code == 404
    assert Article.objects.live(now - datetime.timedelta(hours=36)).filter(pk=article.pk).exists()


def test_expiry_before_publication_is_refused_with_a_message(personas, client_for):
    category = factories.category()
    response = client_for("teacher_5a").post(
        "/viet-bai/moi/",
        {
            "title": "Thông báo nghỉ lễ",
            "kind": "news",
            "audience": "public",
            "category": category.pk,
            "body": "<p>Nội dung giữ nguyên</p>",
            "publish_at": "2026-12-10T08:00",
            "expire_at": "2026-12-01T08:00",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày hết hạn phải sau ngày đăng." in page
    assert "Thông báo nghỉ lễ" in page  # nothing the teacher typed is lost
    assert not Article.objects.exists()
