"""Pupils the school made contributors propose articles; only editors publish them."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Capability
from accounts.services import grant_capability
from news import services
from news.models import Article, Status

from . import factories


def test_a_contributor_pupil_drafts_and_submits_but_cannot_publish(personas, client_for):
    grant_capability(user=personas.pupil_an, capability=Capability.CONTRIBUTE, by=personas.admin)
    category = factories.category()
    pupil = client_for("pupil_an")
    response = pupil.post(
        "/viet-bai/moi/",
        {"title": "Câu lạc bộ đọc sách lớp 5A", "kind": "news", "audience": "public", "summary": "Tin của lớp",
         "body": "<p>Tuần này lớp em đọc truyện Dế Mèn.</p>", "category": category.pk},
    )  # fmt: skip
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.author == personas.pupil_an and article.status == Status.DRAFT
    assert pupil.post(f"/viet-bai/{article.pk}/gui-duyet/").status_code == 302
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert pupil.post(f"/viet-bai/{article.pk}/xuat-ban/", {}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.publish_article(article=article, by=personas.pupil_an)


def test_other_pupils_still_cannot_write(personas, client_for):
    grant_capability(user=personas.pupil_an, capability=Capability.CONTRIBUTE, by=personas.admin)
    assert client_for("pupil_binh").get("/viet-bai/moi/").status_code == 403


def test_a_contributor_pupil_finds_the_writing_page_from_the_team_regulation(personas, client_for):
    from accounts.models import SchoolSettings

    school = SchoolSettings.load()
    school.team_regulation = "Điều 1. Tổ cộng tác viên giúp nhà trường giữ diễn đàn an toàn."
    school.team_regulation_published = True
    school.save()
    grant_capability(user=personas.pupil_an, capability=Capability.CONTRIBUTE, by=personas.admin)
    html = client_for("pupil_an").get("/nguoi-dung/to-cong-tac-vien/quy-che/").content.decode()
    assert 'href="/viet-bai/"' in html
    assert (
        'href="/viet-bai/"'
        not in client_for("pupil_binh")
        .get("/nguoi-dung/to-cong-tac-vien/quy-che/")
        .content.decode()
    )


def _published_by_pupil_contributor(personas):
    grant_capability(user=personas.pupil_an, capability=Capability.CONTRIBUTE, by=personas.admin)
    category = factories.category("Góc học sinh")
    article = factories.article(
        author=personas.pupil_an,
        title="Câu lạc bộ đọc sách lớp 5A",
        summary="Tin của lớp",
        in_category=category,
    )
    services.submit_article(article=article, by=personas.pupil_an)
    services.publish_article(article=article, by=personas.editor)
    return article


def test_no_public_page_or_feed_names_a_pupil_contributor(personas, client_for):
    import feedparser
    from django.conf import settings

    article = _published_by_pupil_contributor(personas)
    pupil = personas.pupil_an
    visitor = client_for("anonymous")
    pages = [
        article.get_absolute_url(),
        f"{article.get_absolute_url()}ban-in/",
        article.category.get_absolute_url(),
        "/tin-tuc/",
        "/tim-kiem/?q=doc+sach",
        "/",
        "/sitemap.xml",
    ]
    for url in pages:
        response = visitor.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert article.get_absolute_url() in html, url  # the article is there…
        assert pupil.full_name not in html and pupil.username not in html, url  # …its author not
    for url in (article.get_absolute_url(), f"{article.get_absolute_url()}ban-in/"):
        assert "Cộng tác viên nhỏ" in visitor.get(url).content.decode()
    for url in ("/rss/", "/atom/", f"/chuyen-muc/{article.category.slug}/rss/"):
        response = visitor.get(url)
        assert pupil.full_name not in response.content.decode(), url
        feed = feedparser.parse(response.content)
        assert [entry.title for entry in feed.entries] == [article.title]
        assert feed.entries[0].author == settings.SCHOOL_NAME


def test_a_teachers_article_still_carries_the_teachers_name(personas, client_for):
    import feedparser

    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    visitor = client_for("anonymous")
    assert personas.teacher_5a.full_name in visitor.get(article.get_absolute_url()).content.decode()
    feed = feedparser.parse(visitor.get("/atom/").content)
    assert feed.entries[0].author == personas.teacher_5a.full_name
