"""Deactivating ends every session at once; people can end their own other sessions."""

import pytest
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings

from accounts.models import AuditEntry, User
from accounts.services import session_store
from tests.personas import PASSWORD


def login(username: str) -> Client:
    client = Client()
    response = client.post("/tai-khoan/login/", {"login": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def sessions_of(user) -> int:
    return sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    )


@pytest.mark.parametrize(
    "engine",
    ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"],
)
def test_deactivating_ends_every_session_at_once(personas, client_for, engine):
    with override_settings(SESSION_ENGINE=engine):
        phone, laptop = login("hs_an"), login("hs_an")
        forced = client_for("pupil_an")  # a session made without the login page
        assert sessions_of(personas.pupil_an) == 3
        response = client_for("admin").post(
            f"/nguoi-dung/{personas.pupil_an.pk}/trang-thai/",
            {"active": "0", "reason": "Chuyển trường"},
        )
        assert response.status_code == 302
        assert sessions_of(personas.pupil_an) == 0
        assert not UserSession.objects.filter(user=personas.pupil_an).exists()
        for client in (phone, laptop, forced):
            key = client.cookies[settings.SESSION_COOKIE_NAME].value
            assert not session_store(key).get("_auth_user_id")
            assert client.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 302
    entry = AuditEntry.objects.get(action="account.deactivate")
    assert entry.reason == "Chuyển trường" and entry.actor == personas.admin


def test_reactivated_person_can_log_in_again(personas, client_for):
    admin = client_for("admin")
    admin.post(f"/nguoi-dung/{personas.pupil_an.pk}/trang-thai/", {"active": "0"})
    refused = Client().post("/tai-khoan/login/", {"login": "hs_an", "password": PASSWORD})
    assert refused.url == "/tai-khoan/inactive/"
    admin.post(f"/nguoi-dung/{personas.pupil_an.pk}/trang-thai/", {"active": "1"})
    assert User.objects.get(pk=personas.pupil_an.pk).is_active
    login("hs_an")
    assert AuditEntry.objects.filter(action="account.reactivate").count() == 1


def test_admin_cannot_lock_themselves_out(personas, client_for):
    client_for("admin").post(f"/nguoi-dung/{personas.admin.pk}/trang-thai/", {"active": "0"})
    assert User.objects.get(pk=personas.admin.pk).is_active


def test_person_ends_their_other_sessions(personas):
    here, elsewhere = login("ph_an"), login("ph_an")
    page = here.get("/nguoi-dung/cua-toi/phien-dang-nhap/").content.decode()
    assert page.count('data-testid="session"') == 2 and "Phiên này" in page
    response = here.post("/nguoi-dung/cua-toi/phien-dang-nhap/", follow=True)
    assert "Đã kết thúc 1 phiên đăng nhập khác." in response.content.decode()
    assert here.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 200
    assert elsewhere.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 302
    entry = AuditEntry.objects.get(action="account.end_other_sessions")
    assert entry.actor == personas.parent_an


def test_allauths_own_sessions_page_also_ends_other_sessions(personas):
    here, elsewhere = login("ph_an"), login("ph_an")
    assert here.post("/tai-khoan/sessions/", {"action": "sign_out_other"}).status_code == 302
    assert here.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 200
    assert elsewhere.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 302


def test_logout_deletes_the_session_on_the_server(personas):
    client = login("hs_an")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=key).exists()
    client.post("/tai-khoan/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    # Replaying the old cookie gets nobody in.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert replay.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 302


def test_session_id_changes_at_login(personas):
    client = Client()
    client.get("/tai-khoan/login/")
    client.session.save()
    before = client.session.session_key
    client.post("/tai-khoan/login/", {"login": "hs_an", "password": PASSWORD})
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


def test_idle_timeout_suits_a_shared_computer_lab():
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    # The idle mark is written at most once a minute (portal.middleware.IdleSessionMiddleware):
    # tests/portal/test_request_cost.py checks that an idle session still expires.
    assert settings.SESSION_TOUCH_SECONDS <= 60
