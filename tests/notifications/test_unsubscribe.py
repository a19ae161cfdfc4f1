"""One-click unsubscribe links: signed, no login, valid for 90 days."""

import time

from django.test import Client

from notifications import services
from notifications.models import Mode
from notifications.services import modes_for, unsubscribe_token


def url_for(token: str) -> str:
    return f"/thong-bao-ca-nhan/huy-dang-ky/{token}/"


def test_valid_link_asks_once_then_turns_the_kind_off_without_login(personas):
    token = unsubscribe_token(user=personas.parent_an, kind="forum.reply")
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get(url_for(token))
    assert page.status_code == 200 and "Ngừng nhận" in page.text
    # A link scanner following the GET changes nothing.
    assert modes_for([personas.parent_an], "forum.reply")[personas.parent_an.pk] == Mode.DIGEST

    # The mail client's one-click POST (RFC 8058) carries no CSRF token.
    done = visitor.post(url_for(token), {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and 'data-testid="unsubscribe-done"' in done.text
    assert modes_for([personas.parent_an], "forum.reply")[personas.parent_an.pk] == Mode.OFF


def test_digest_link_turns_off_every_kind_but_urgent(personas):
    token = unsubscribe_token(user=personas.parent_an, kind=services.ALL_KINDS)
    Client().post(url_for(token))
    for kind in ("forum.reply", "announcement.normal", "announcement.important"):
        assert modes_for([personas.parent_an], kind)[personas.parent_an.pk] == Mode.OFF
    assert modes_for([personas.parent_an], "announcement.urgent")[personas.parent_an.pk] == (
        Mode.IMMEDIATE
    )


def test_tampered_link_is_refused_and_changes_nothing(personas):
    token = unsubscribe_token(user=personas.parent_an, kind="forum.reply")
    # Someone edits the payload to unsubscribe another person.
    other = unsubscribe_token(user=personas.other_parent, kind="forum.reply")
    forged = other.split(":")[0] + ":" + ":".join(token.split(":")[1:])
    response = Client().post(url_for(forged))
    assert response.status_code == 400
    assert "không hợp lệ hoặc đã hết hạn" in response.text
    assert modes_for([personas.other_parent], "forum.reply")[personas.other_parent.pk] == (
        Mode.DIGEST
    )


def test_expired_link_is_refused(personas, monkeypatch):
    token = unsubscribe_token(user=personas.parent_an, kind="forum.reply")
    later = time.time() + services.UNSUBSCRIBE_MAX_AGE + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = Client().post(url_for(token))
    assert response.status_code == 400
    assert modes_for([personas.parent_an], "forum.reply")[personas.parent_an.pk] == Mode.DIGEST


def test_link_for_a_deactivated_account_is_refused(personas):
    token = unsubscribe_token(user=personas.parent_an, kind="forum.reply")
    personas.parent_an.is_active = False
    personas.parent_an.save(update_fields=["is_active"])
    assert Client().get(url_for(token)).status_code == 400
