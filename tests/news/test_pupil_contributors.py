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
