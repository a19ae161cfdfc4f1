"""Two-factor authentication for staff: TOTP with recovery codes, optionally required;
a password reset never bypasses it."""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.test import Client

from accounts.models import SchoolSettings
from tests.personas import PASSWORD


def activate_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def require_mfa():
    school = SchoolSettings.load()
    school.require_mfa_for_staff = True
    school.save()


def test_staff_login_with_totp_asks_for_the_code(personas):
    secret = activate_totp(personas.editor)
    client = Client()
    response = client.post("/tai-khoan/login/", {"login": "bt_lan", "password": PASSWORD})
    assert response.url == "/tai-khoan/2fa/authenticate/"
    assert client.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 302  # not yet logged in
    response = client.post("/tai-khoan/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 200


def test_a_recovery_code_also_works(personas):
    activate_totp(personas.editor)
    code = RecoveryCodes(
        Authenticator.objects.get(user=personas.editor, type="recovery_codes")
    ).get_unused_codes()[0]
    client = Client()
    client.post("/tai-khoan/login/", {"login": "bt_lan", "password": PASSWORD})
    client.post("/tai-khoan/2fa/authenticate/", {"code": code})
    assert client.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 200


def test_required_mfa_sends_staff_without_it_to_set_it_up(personas, client_for):
    require_mfa()
    teacher = client_for("teacher_5a")
    response = teacher.get("/nguoi-dung/lop/")
    assert response.status_code == 302 and response.url == "/tai-khoan/2fa/totp/activate/"
    # allauth asks for the password again before setting up MFA: that page is reachable.
    setup = teacher.get("/tai-khoan/2fa/totp/activate/", follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0].startswith("/tai-khoan/reauthenticate/")
    # Pupils and parents are not asked.
    assert client_for("pupil_an").get("/nguoi-dung/cua-toi/du-lieu/").status_code == 200
    activate_totp(personas.teacher_5a)
    assert teacher.get("/nguoi-dung/lop/").status_code == 200


def test_required_mfa_applies_at_the_next_login_through_the_login_page(personas):
    require_mfa()
    client = Client()
    client.post("/tai-khoan/login/", {"login": "gv_hong", "password": PASSWORD})
    assert client.get("/nguoi-dung/lop/").url == "/tai-khoan/2fa/totp/activate/"
    assert client.get("/tai-khoan/logout/").status_code == 200  # log out stays reachable


def test_setting_up_mfa_right_after_logging_in_does_not_ask_the_password_again(personas):
    require_mfa()
    client = Client()
    client.post("/tai-khoan/login/", {"login": "gv_hong", "password": PASSWORD})
    setup = client.get("/tai-khoan/2fa/totp/activate/")
    assert setup.status_code == 200 and "reauthenticate" not in setup.get("Location", "")
    # Once a factor exists, changing it still asks for the password again.
    activate_totp(personas.teacher_5a)
    again = client.get("/tai-khoan/2fa/recovery-codes/generate/")
    assert again.status_code == 302 and "reauthenticate" in again.url


def test_admin_turns_the_requirement_on_in_school_settings(personas, client_for):
    response = client_for("admin").post(
        "/nguoi-dung/cai-dat/", {"require_mfa_for_staff": "on", "team_regulation": ""}
    )
    assert response.status_code == 302
    assert SchoolSettings.load().require_mfa_for_staff


def test_password_reset_never_bypasses_mfa(personas):
    secret = activate_totp(personas.editor)
    client = Client()
    client.post("/tai-khoan/password/reset/", {"email": "lan@example.com"})
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/password/reset/key/" in word)
    path = link.split("://", 1)[-1].split("/", 1)[-1]
    response = client.get("/" + path, follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else "/" + path
    response = client.post(
        form_path, {"password1": "Mot-mat-khau-moi-2026", "password2": "Mot-mat-khau-moi-2026"}
    )
    assert response.status_code == 302
    # The reset alone does not log in…
    assert client.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 302
    # …and logging in with the new password still asks for the second factor.
    response = client.post(
        "/tai-khoan/login/", {"login": "bt_lan", "password": "Mot-mat-khau-moi-2026"}
    )
    assert response.url == "/tai-khoan/2fa/authenticate/"
    assert client.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 302
    client.post("/tai-khoan/2fa/authenticate/", {"code": current_code(secret)})
    assert client.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 200
