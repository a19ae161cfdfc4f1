"""Wrong passwords make an account wait a little longer each time; they never lock its
owner out, and a computer lab of 40 pupils behind one address is not blocked together.

Before: 5 wrong passwords locked the account for 5 minutes for everyone, its owner
included, and 20 wrong passwords a minute from one address blocked the whole lab."""

import time

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import Role

from ..personas import PASSWORD, make_user

LOGIN_URL = "/tai-khoan/login/"
LAB = "10.20.30.40"


class Clock:
    """time.time() as the cache, allauth's rate limits and the waits read it, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(time, "time", fake)
    return fake


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _try(client: Client, login: str, password: str, address: str = LAB):
    return client.post(LOGIN_URL, {"login": login, "password": password}, REMOTE_ADDR=address)


def _logged_in(client: Client) -> bool:
    return client.get("/nguoi-dung/cua-toi/du-lieu/").status_code == 200


def test_five_typos_cost_nothing_and_the_sixth_try_waits_one_second(personas, clock):
    owner = Client()
    for _ in range(5):
        assert "thử lại sau" not in _try(owner, "hs_an", "sai").content.decode()
    refused = _try(owner, "hs_an", PASSWORD)
    assert "thử lại sau 1 giây" in refused.content.decode()
    assert not _logged_in(owner)
    clock.advance(1)
    _try(owner, "hs_an", PASSWORD)
    assert _logged_in(owner)


def test_the_right_password_during_the_wait_is_refused_but_never_makes_it_longer(personas, clock):
    classmate, owner = Client(), Client()
    for _ in range(5):
        _try(classmate, "hs_an", "sai")
    for wait in (1, 2):  # the 6th and 7th wrong passwords, each after its wait
        clock.advance(wait)
        _try(classmate, "hs_an", "sai")
    # Seven wrong passwords: the next try waits 4 seconds. The owner keeps trying.
    for second in (0, 1, 2, 3):
        page = _try(owner, "hs_an", PASSWORD).content.decode()
        assert f"thử lại sau {4 - second} giây" in page
        assert not _logged_in(owner)
        clock.advance(1)
    _try(owner, "hs_an", PASSWORD)
    assert _logged_in(owner)
    # The right password starts the count again: one typo later costs nothing.
    other = Client()
    _try(other, "hs_an", "sai")
    _try(other, "hs_an", PASSWORD)
    assert _logged_in(other)


def test_the_wait_is_the_same_whichever_name_of_the_account_is_typed(personas, clock):
    client = Client()
    for login in ("gv_hong", "GV_HONG", "hong@example.com", "Hong@Example.com", "gv_hong"):
        _try(client, login, "sai")
    assert "thử lại sau 1 giây" in _try(client, "hong@example.com", PASSWORD).content.decode()


def _guess_wrong(client: Client, login: str, clock: Clock, times: int, address: str) -> int:
    """Wrong passwords as fast as the waits allow (5 at once, then after 1 s, 2 s, 4 s …
    at most 15 minutes); returns the seconds that took."""
    started = clock.now
    for n in range(times):
        if n >= 5:
            clock.advance(min(2 ** (n - 5), 15 * 60))
        page = _try(client, login, "sai", address=address).content.decode()
        assert "thử lại sau" not in page
    return int(clock.now - started)


def test_someone_who_keeps_guessing_makes_the_owner_wait_at_most_15_minutes(personas, clock):
    attacker = Client()
    # An hour of guessing gets 17 tries: 5 at once, 10 in the next 17 minutes, 2 more
    # (the 18th would come 3,723 seconds after the first).
    assert _guess_wrong(attacker, "gv_hong", clock, 17, address="203.0.113.7") <= 3600
    owner = Client()
    page = _try(owner, "gv_hong", PASSWORD).content.decode()
    assert "thử lại sau 15 phút" in page
    clock.advance(15 * 60)
    _try(owner, "gv_hong", PASSWORD)
    assert _logged_in(owner)


def test_a_lab_of_40_pupils_behind_one_address_all_get_in_despite_their_typos(personas, clock):
    pupils = [make_user(f"hs_lab{n}", f"Học Sinh Phòng Máy {n}", Role.PUPIL) for n in range(40)]
    clients = {pupil.username: Client() for pupil in pupils}
    for typo in range(4):  # four typos each, the whole lab typing at once
        for username, client in clients.items():
            _try(client, username, f"sai-{typo}")
            clock.advance(1)
    for username, client in clients.items():
        _try(client, username, PASSWORD)
        clock.advance(1)
        assert _logged_in(client), username


def test_an_address_that_keeps_guessing_is_stopped_and_others_are_not(personas, clock):
    guesser = Client()
    for n in range(200):  # a different name each time: no account's own wait applies
        assert "mạng này" not in _try(guesser, f"ai_do_{n}", "sai").content.decode()
        clock.advance(1)
    page = _try(guesser, "hs_binh", PASSWORD).content.decode()
    assert "mạng này" in page
    assert not _logged_in(guesser)
    at_home = Client()
    _try(at_home, "hs_binh", PASSWORD, address="198.51.100.9")
    assert _logged_in(at_home)
    # An hour later the address has its budget again.
    clock.advance(3600)
    _try(guesser, "hs_binh", PASSWORD)
    assert _logged_in(guesser)


def test_a_password_reset_ends_the_wait(personas, clock):
    from django.core import mail

    client = Client()
    _guess_wrong(client, "cuong@example.com", clock, 12, address=LAB)
    assert "thử lại sau" in _try(client, "cuong@example.com", PASSWORD).content.decode()
    client.post("/tai-khoan/password/reset/", {"email": "cuong@example.com"})
    link = next(word for word in mail.outbox[0].body.split() if "/password/reset/key/" in word)
    path = "/" + link.split("://", 1)[-1].split("/", 1)[-1]
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    new = "Mot-mat-khau-moi-2026"
    client.post(form_path, {"password1": new, "password2": new})
    _try(client, "cuong@example.com", new)
    assert _logged_in(client)
