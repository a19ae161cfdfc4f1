"""Every way into a session asks for the second factor once it is on: the site's login,
the Django admin's address, a password reset; nothing else logs anyone in.

The admin's own form checked the password alone (no second factor, no rate limit,
and the right password even while the site made the account wait)."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from ..personas import PASSWORD
from ..url_matrix import all_url_names
from .test_mfa import activate_totp, current_code

ADMIN_PAGE = "/quan-tri/accounts/user/"

# Every allauth or admin address that could start a session, and how this file covers it.
LOGIN_PATHS = {
    "account_login": "test_site_login_asks_for_the_code",
    "admin:login": "test_admin_address_sends_to_the_site_login_and_its_second_factor",
    "account_reset_password_from_key": "test_a_password_reset_logs_nobody_in_and_the_next_login_asks",
    "account_confirm_login_code": "test_login_by_code_and_sign_up_are_closed",
    "account_signup": "test_login_by_code_and_sign_up_are_closed",
    # Both need a session already (and then ask for the password or the code again).
    "account_reauthenticate": "logged-in users only",
    "account_request_reauthentication_code": "logged-in users only",
    "account_confirm_reauthentication_code": "logged-in users only",
    "account_reset_password_from_key_done": "a page saying the password changed",
    "mfa_authenticate": "the second factor itself",
    "mfa_reauthenticate": "logged-in users only",
}
# URL names that look like a way in: a new one must be added above, with a test.
LOOKS_LIKE_A_WAY_IN = re.compile(r"login|signup|reset_password_from_key|reauth|authenticate")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _is_logged_in(client: Client) -> bool:
    return client.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 200


def test_every_way_in_is_listed_here():
    found = {name for name in all_url_names() if LOOKS_LIKE_A_WAY_IN.search(name)}
    unlisted = sorted(found - set(LOGIN_PATHS))
    assert not unlisted, f"New ways to log in, test that they ask for the second factor: {unlisted}"


def test_site_login_asks_for_the_code(personas):
    secret = activate_totp(personas.admin)
    client = Client()
    response = client.post("/tai-khoan/login/", {"login": "qt_quan", "password": PASSWORD})
    assert response.url == "/tai-khoan/2fa/authenticate/"
    assert not _is_logged_in(client)
    assert client.get(ADMIN_PAGE).status_code == 302
    client.post("/tai-khoan/2fa/authenticate/", {"code": current_code(secret)})
    assert client.get(ADMIN_PAGE).status_code == 200


def test_admin_address_sends_to_the_site_login_and_its_second_factor(personas):
    secret = activate_totp(personas.admin)
    client = Client()
    # An admin page sends a visitor to the site's login; so does the admin's login address.
    assert client.get(ADMIN_PAGE).url == "/tai-khoan/login/?next=/quan-tri/accounts/user/"
    second = client.get("/quan-tri/login/?next=/quan-tri/accounts/user/")
    assert second.status_code == 302
    assert second.url == "/tai-khoan/login/?next=/quan-tri/accounts/user/"
    # The password alone, posted as the old admin form did, logs nobody in.
    posted = client.post(
        "/quan-tri/login/?next=/quan-tri/", {"username": "qt_quan", "password": PASSWORD}
    )
    assert posted.status_code == 302 and posted.url.startswith("/tai-khoan/login/")
    assert not _is_logged_in(client)
    assert client.get(ADMIN_PAGE).status_code == 302
    # Through the site's login the second factor is asked, then the admin opens.
    response = client.post(second.url, {"login": "qt_quan", "password": PASSWORD})
    assert response.url.startswith("/tai-khoan/2fa/authenticate/")
    assert client.get(ADMIN_PAGE).status_code == 302
    done = client.post("/tai-khoan/2fa/authenticate/", {"code": current_code(secret)})
    assert done.url == ADMIN_PAGE
    assert client.get(ADMIN_PAGE).status_code == 200
    # Logged in, the admin's login address just goes where it was asked to.
    assert client.get("/quan-tri/login/?next=/quan-tri/").url == "/quan-tri/"


def test_admin_address_ignores_a_password_however_often_it_is_tried(personas):
    """The old form let 30 wrong passwords through unthrottled, then took the right one
    while the site's login was making the account wait."""
    client = Client()
    for attempt in range(30):
        client.post("/quan-tri/login/", {"username": "qt_quan", "password": f"sai-{attempt}"})
    client.post("/quan-tri/login/", {"username": "qt_quan", "password": PASSWORD})
    assert not _is_logged_in(client)
    assert client.get("/quan-tri/").status_code == 302


def test_admin_address_does_not_send_somebody_elsewhere(personas):
    response = Client().get("/quan-tri/login/?next=https://ke-gian.example/")
    assert response.url == "/tai-khoan/login/?next=/quan-tri/"


def test_logged_in_people_without_the_admin_are_refused_not_sent_round(personas, client_for):
    teacher = client_for("teacher_5a")
    assert teacher.get("/quan-tri/").status_code == 302
    assert teacher.get("/quan-tri/login/?next=/quan-tri/").status_code == 403


def test_a_password_reset_logs_nobody_in_and_the_next_login_asks(personas):
    secret = activate_totp(personas.admin)
    client = Client()
    client.post("/tai-khoan/password/reset/", {"email": "quan@example.com"})
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/password/reset/key/" in word)
    path = "/" + link.split("://", 1)[-1].split("/", 1)[-1]
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    new = "Mot-mat-khau-moi-2026"
    assert client.post(form_path, {"password1": new, "password2": new}).status_code == 302
    assert not _is_logged_in(client)
    assert client.get(ADMIN_PAGE).status_code == 302
    response = client.post("/tai-khoan/login/", {"login": "qt_quan", "password": new})
    assert response.url == "/tai-khoan/2fa/authenticate/"
    assert not _is_logged_in(client)
    client.post("/tai-khoan/2fa/authenticate/", {"code": current_code(secret)})
    assert client.get(ADMIN_PAGE).status_code == 200


def test_login_by_code_and_sign_up_are_closed(personas):
    activate_totp(personas.admin)
    client = Client()
    client.get("/tai-khoan/login/code/confirm/")
    client.post("/tai-khoan/login/code/confirm/", {"code": "123456"})
    client.post(
        "/tai-khoan/signup/",
        {"username": "ke_la", "password1": "Abcdef-12345", "password2": "Abcdef-12345"},
    )
    assert not _is_logged_in(client)
