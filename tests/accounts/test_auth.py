"""Logging in and out, first-login password change, reset, rate limits, language."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from ..personas import PASSWORD

LOGIN_URL = "/tai-khoan/login/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_pupil_logs_in_with_username(personas, client):
    response = client.post(LOGIN_URL, {"login": "hs_an", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == personas.pupil_an


def test_parent_logs_in_with_email_and_lands_on_home_or_family_page(personas, client):
    response = client.post(LOGIN_URL, {"login": "bich@example.com", "password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/")
    assert "Nguyễn Thị Bích" in page.content.decode()


def test_wrong_password_gets_a_vietnamese_message_and_keeps_the_username(personas, client):
    response = client.post(LOGIN_URL, {"login": "hs_an", "password": "sai-mat-khau"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="hs_an"' in html
    assert not response.context["user"].is_authenticated


def test_logout_needs_a_post_and_ends_the_session(personas, client):
    client.force_login(personas.parent_an)
    session_key = client.session.session_key
    from django.contrib.sessions.models import Session

    assert Session.objects.filter(session_key=session_key).exists()
    client.post("/tai-khoan/logout/")
    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get("/thong-bao-ca-nhan/").status_code == 302


def test_login_rotates_the_session_id(personas, client):
    client.get(LOGIN_URL)
    client.session.save()
    before = client.session.session_key
    client.post(LOGIN_URL, {"login": "hs_an", "password": PASSWORD})
    assert client.session.session_key != before


def test_school_issued_account_must_change_password_before_anything_else(personas, client):
    pupil = personas.pupil_binh
    pupil.must_change_password = True
    pupil.save(update_fields=["must_change_password"])
    client.post(LOGIN_URL, {"login": "hs_binh", "password": PASSWORD})
    response = client.get("/thong-bao-ca-nhan/")
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/password/change/"
    client.post(
        "/tai-khoan/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "Hoa-sen-xanh-2027",
            "password2": "Hoa-sen-xanh-2027",
        },
    )
    pupil.refresh_from_db()
    assert pupil.must_change_password is False
    assert client.get("/thong-bao-ca-nhan/").status_code == 200
    from accounts.models import AuditEntry

    assert (
        AuditEntry.objects.filter(
            action="account.password_changed", target_id=str(pupil.pk)
        ).count()
        == 1
    )


def test_there_is_no_public_sign_up(personas, client):
    response = client.post(
        "/tai-khoan/signup/",
        {"username": "ke_la", "password1": "Abcdef-12345", "password2": "Abcdef-12345"},
    )
    from accounts.models import User

    assert not User.objects.filter(username="ke_la").exists()
    assert response.status_code == 200


def test_password_reset_mails_a_link_only_to_known_addresses(personas, client):
    client.post("/tai-khoan/password/reset/", {"email": "bich@example.com"})
    assert len(mail.outbox) == 1
    assert re.search(r"/tai-khoan/password/reset/key/", mail.outbox[0].body)
    unknown = client.post("/tai-khoan/password/reset/", {"email": "nobody@example.com"})
    # Enumeration prevention: same answer, and the stranger's inbox gets nothing useful.
    assert unknown.status_code == 302
    assert all("nobody@example.com" not in m.to or "/key/" not in m.body for m in mail.outbox)


def test_repeated_failed_logins_for_one_account_make_it_wait(personas, client):
    for _ in range(5):
        client.post(LOGIN_URL, {"login": "hs_an", "password": "sai"})
    blocked = client.post(LOGIN_URL, {"login": "hs_an", "password": PASSWORD})
    # Even the right password is refused until the wait passes (test_login_waits.py).
    assert "thử lại sau" in blocked.content.decode()
    assert not blocked.wsgi_request.user.is_authenticated
    assert client.get("/thong-bao-ca-nhan/").status_code == 302


def test_language_switch_to_english_and_back(personas, client):
    assert '<html lang="vi">' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    assert '<html lang="en">' in english and "Log in" in english
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Đăng nhập" in client.get("/").content.decode()


def test_english_browser_still_gets_vietnamese_by_default(db, client):
    html = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in html


def test_an_admin_lands_on_the_overview_and_it_links_the_audit_log(personas, client):
    response = client.post(LOGIN_URL, {"login": personas.admin.username, "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/bao-cao/tong-quan/"
    assert 'href="/dien-dan/nhat-ky/"' in client.get(response.url).content.decode()
    # Others land where they did: a parent on the family page.
    other = client.__class__()
    landing = other.post(LOGIN_URL, {"login": personas.parent_an.username, "password": PASSWORD})
    assert landing.url == "/thong-bao/gia-dinh/"
