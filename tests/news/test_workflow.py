"""Draft → submitted → published / returned → archived, and who may do what."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import AuditEntry
from news import services
from news.models import Article, Audience, Status
from notifications.models import Notification

from . import factories

FORM = {
    "title": "Hội khoẻ Phù Đổng",
    "kind": "news",
    "audience": "public",
    "summary": "Sân chơi thể thao",
    "body": "<p>Hơn 300 học sinh tham gia.</p>",
}


def _form(category, **extra):
    return FORM | {"category": category.pk} | extra


def test_teacher_writes_a_draft_that_nobody_else_can_read(personas, client_for):
    category = factories.category()
    response = client_for("teacher_5a").post("/viet-bai/moi/", _form(category))
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.status == Status.DRAFT and article.author == personas.teacher_5a
    assert article.slug == "hoi-khoe-phu-dong"
    assert client_for("anonymous").get(article.get_absolute_url()).status_code == 404
    assert client_for("teacher_5a").get(article.get_absolute_url()).status_code == 404


def test_pupil_and_parent_cannot_write(personas, client_for):
    category = factories.category()
    for persona in ("pupil_an", "parent_an"):
        assert client_for(persona).post("/viet-bai/moi/", _form(category)).status_code == 403
    assert not Article.objects.exists()
    with pytest.raises(PermissionDenied):
        services.create_article(by=personas.pupil_an, title="x", category=category)


def test_teacher_cannot_publish_even_their_own_article(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    services.submit_article(article=article, by=personas.teacher_5a)
    response = client_for("teacher_5a").post(f"/viet-bai/{article.pk}/xuat-ban/", {})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.publish_article(article=article, by=personas.teacher_5a)


def test_submission_reaches_editors_queue_with_a_count_badge(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    client_for("teacher_5a").post(f"/viet-bai/{article.pk}/gui-duyet/")
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    page = client_for("editor").get("/duyet-bai/").content.decode()
    assert article.title in page
    assert 'data-testid="news-review-count">1<' in page
    assert Notification.objects.filter(recipient=personas.editor, kind="news.submitted").exists()
    # Teachers without the capability see no queue link and no badge.
    assert "news-review-count" not in client_for("teacher_5a").get("/").content.decode()


def test_editor_publishes_and_the_author_is_told(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    services.submit_article(article=article, by=personas.teacher_5a)
    response = client_for("editor").post(f"/viet-bai/{article.pk}/xuat-ban/", {})
    assert response.status_code == 302
    assert client_for("anonymous").get(article.get_absolute_url()).status_code == 200
    assert AuditEntry.objects.filter(action="news.publish", target_id=str(article.pk)).exists()
    assert Notification.objects.filter(recipient=personas.teacher_5a, kind="news.published")


def test_editor_returns_with_a_comment_the_author_sees(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    services.submit_article(article=article, by=personas.teacher_5a)
    editor = client_for("editor")
    # No reason given: nothing changes.
    editor.post(f"/viet-bai/{article.pk}/tra-lai/", {"comment": ""})
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    editor.post(f"/viet-bai/{article.pk}/tra-lai/", {"comment": "Cần thêm ảnh hoạt động"})
    article.refresh_from_db()
    assert article.status == Status.RETURNED
    page = client_for("teacher_5a").get(f"/viet-bai/{article.pk}/sua/").content.decode()
    assert "Cần thêm ảnh hoạt động" in page
    # The author fixes it and submits again in one step.
    client_for("teacher_5a").post(
        f"/viet-bai/{article.pk}/sua/",
        _form(article.category, title=article.title, then="submit"),
    )
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED


def test_teacher_cannot_edit_after_submitting(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    services.submit_article(article=article, by=personas.teacher_5a)
    response = client_for("teacher_5a").post(
        f"/viet-bai/{article.pk}/sua/", _form(article.category, title="Đổi tiêu đề lén")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title != "Đổi tiêu đề lén"


def test_other_teacher_cannot_reach_someone_elses_draft(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    assert client_for("other_teacher").get(f"/viet-bai/{article.pk}/sua/").status_code == 404


def test_archived_article_disappears(personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    client_for("editor").post(f"/viet-bai/{article.pk}/luu-tru/")
    assert client_for("anonymous").get(article.get_absolute_url()).status_code == 404
    assert article.title not in client_for("anonymous").get("/tin-tuc/").content.decode()


def test_staff_only_article_stays_hidden_everywhere(personas, client_for):
    article = factories.article(
        author=personas.teacher_5a,
        title="Họp hội đồng sư phạm tháng mười một",
        audience=Audience.STAFF,
        publish_by=personas.editor,
    )
    for persona in ("anonymous", "pupil_an", "parent_an"):
        client = client_for(persona)
        assert client.get(article.get_absolute_url()).status_code == 404
        for url in ("/tin-tuc/", "/tim-kiem/?q=hoi+dong+su+pham", "/rss/", "/sitemap.xml", "/"):
            assert article.title not in client.get(url).content.decode(), (persona, url)
    assert client_for("other_teacher").get(article.get_absolute_url()).status_code == 200


def test_slug_is_unique_and_stable_when_the_title_changes(personas):
    first = factories.article(author=personas.teacher_5a, title="Đón Tết Đoàn viên")
    second = factories.article(author=personas.teacher_5a, title="Đón Tết đoàn viên!")
    assert (first.slug, second.slug) == ("don-tet-doan-vien", "don-tet-doan-vien-2")
    services.update_article(article=first, by=personas.teacher_5a, title="Tiêu đề khác hẳn")
    first.refresh_from_db()
    assert first.slug == "don-tet-doan-vien"
