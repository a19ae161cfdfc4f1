"""The cache rate limiter: a limit per key and window, counted atomically."""

import time
import uuid

import pytest
from django.core.cache import cache

from lib import ratelimit


@pytest.fixture
def key():
    return f"test:{uuid.uuid4().hex}"


def test_actions_up_to_the_limit_pass_and_the_next_is_refused(key):
    assert [ratelimit.hit(key, limit=3, window=60) for _ in range(5)] == [
        True, True, True, False, False,
    ]  # fmt: skip


def test_each_key_has_its_own_count(key):
    assert ratelimit.hit(key, limit=1, window=60)
    assert not ratelimit.hit(key, limit=1, window=60)
    assert ratelimit.hit(key + ":someone-else", limit=1, window=60)


def test_the_count_starts_again_when_the_window_ends(key):
    assert ratelimit.hit(key, limit=1, window=1)
    assert not ratelimit.hit(key, limit=1, window=1)
    time.sleep(1.1)
    assert ratelimit.hit(key, limit=1, window=1)


def test_a_window_ending_between_add_and_incr_starts_a_new_one(key, monkeypatch):
    real_add = cache.add

    def add_then_expire(cache_key, value, timeout):
        added = real_add(cache_key, value, timeout)
        cache.delete(cache_key)  # the window ends right here
        return added

    monkeypatch.setattr(cache, "add", add_then_expire)
    assert ratelimit.hit(key, limit=1, window=60)


def test_reset_lifts_the_limit(key):
    ratelimit.hit(key, limit=1, window=60)
    assert not ratelimit.hit(key, limit=1, window=60)
    ratelimit.reset(key)
    assert ratelimit.hit(key, limit=1, window=60)
