"""The cache rate limiter: places per key in several windows, counted atomically,
given back when the action did not happen."""

import time
import uuid

import pytest
from django.core.cache import cache

from lib import ratelimit
from lib.ratelimit import Limit

BURST_AND_DAY = (Limit(2, 60), Limit(3, 24 * 60 * 60))


@pytest.fixture
def key():
    return f"test:{uuid.uuid4().hex}"


def test_actions_up_to_the_limit_pass_and_the_next_is_told_how_long_to_wait(key):
    assert ratelimit.reserve(key, BURST_AND_DAY) is None
    assert ratelimit.reserve(key, BURST_AND_DAY) is None
    wait = ratelimit.reserve(key, BURST_AND_DAY)
    assert wait is not None and 55 <= wait <= 60


def test_each_key_has_its_own_count(key):
    one = (Limit(1, 60),)
    assert ratelimit.reserve(key, one) is None
    assert ratelimit.reserve(key, one) is not None
    assert ratelimit.reserve(key + ":someone-else", one) is None


def test_the_count_starts_again_when_the_window_ends(key, monkeypatch):
    one = (Limit(1, 60),)
    assert ratelimit.reserve(key, one) is None
    assert ratelimit.reserve(key, one) is not None
    a_minute_later = time.time() + 60
    monkeypatch.setattr(time, "time", lambda: a_minute_later)
    assert ratelimit.reserve(key, one) is None


def test_a_refused_action_counts_in_no_window(key, monkeypatch):
    ratelimit.reserve(key, BURST_AND_DAY)
    ratelimit.reserve(key, BURST_AND_DAY)
    for _ in range(5):  # refused by the minute: the day must not count them
        assert ratelimit.reserve(key, BURST_AND_DAY) is not None
    a_minute_later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: a_minute_later)
    assert ratelimit.reserve(key, BURST_AND_DAY) is None  # the day's third


def test_the_fullest_window_decides_the_wait(key, monkeypatch):
    start = time.time()
    for minute in range(3):
        monkeypatch.setattr(time, "time", lambda minute=minute: start + minute * 61)
        assert ratelimit.reserve(key, BURST_AND_DAY) is None
    monkeypatch.setattr(time, "time", lambda: start + 4 * 61)
    wait = ratelimit.reserve(key, BURST_AND_DAY)
    assert wait is not None and wait > 23 * 60 * 60


def test_release_gives_the_place_back(key):
    ratelimit.reserve(key, BURST_AND_DAY)
    ratelimit.reserve(key, BURST_AND_DAY)
    ratelimit.release(key, BURST_AND_DAY)
    assert ratelimit.reserve(key, BURST_AND_DAY) is None


def test_release_after_the_window_ended_is_harmless(key):
    ratelimit.release(key, BURST_AND_DAY)
    assert ratelimit.reserve(key, BURST_AND_DAY) is None


def test_a_window_ending_between_add_and_incr_starts_a_new_one(key, monkeypatch):
    real_add = cache.add

    def add_then_expire(cache_key, value, timeout):
        added = real_add(cache_key, value, timeout)
        cache.delete(cache_key)  # the window ends right here
        return added

    monkeypatch.setattr(cache, "add", add_then_expire)
    assert ratelimit.reserve(key, (Limit(1, 60),)) is None


def test_a_window_over_by_the_clock_ends_though_the_cache_still_holds_it(key, monkeypatch):
    """A cache with its own clock (Redis) may keep the count a moment past the window."""
    real_add = cache.add
    monkeypatch.setattr(cache, "add", lambda k, value, timeout: real_add(k, value, None))
    one = (Limit(1, 60),)
    assert ratelimit.reserve(key, one) is None
    assert ratelimit.reserve(key, one) is not None
    a_minute_later = time.time() + 60
    monkeypatch.setattr(time, "time", lambda: a_minute_later)
    assert ratelimit.reserve(key, one) is None
