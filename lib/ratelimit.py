"""A small rate limiter on the cache: at most so many actions per key in each window.

For limits that protect people rather than the server (accounts.write_limits: how
often one person may write); logins and password resets are limited by allauth.
Each window is fixed: it starts with the first action and the count starts again
when it ends. Only the actions that went through count: `reserve` takes a place in
every window of the action at once, `release` gives it back when the action did
not happen after all. `cache.add`, `cache.incr` and `cache.decr` are atomic in the
local-memory cache and in Redis, so two requests at once cannot both take the last
place. With the local-memory cache each worker process counts on its own.
"""

import contextlib
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache

_PREFIX = "ratelimit:"


@dataclass(frozen=True)
class Limit:
    """At most `count` actions in `seconds`."""

    count: int
    seconds: int


def reserve(key: str, limits: Sequence[Limit]) -> int | None:
    """Count one action under `key` (e.g. f"writes:forum.topic:{user.pk}") in each of
    `limits` (e.g. 5 in 10 minutes and 20 in a day). None when it fits in all of them;
    otherwise nothing is counted and the answer is the seconds until the fullest
    window ends (at least 1).
    """
    counted: list[str] = []
    wait = 0
    for limit in limits:
        window_key = _window_key(key, limit)
        counted.append(window_key)
        if _count_one(window_key, limit.seconds) > limit.count:
            wait = max(wait, _seconds_left(window_key))
    if wait:
        _uncount(counted)
        return wait
    return None


def release(key: str, limits: Sequence[Limit]) -> None:
    """Give back a place taken by `reserve` when the action did not happen after all."""
    _uncount([_window_key(key, limit) for limit in limits])


def _window_key(key: str, limit: Limit) -> str:
    return f"{_PREFIX}{key}:{limit.seconds}"


def _count_one(window_key: str, seconds: int) -> int:
    now = time.time()
    ends_key = window_key + ":ends"
    ends = cache.get(ends_key)
    if ends is not None and now >= ends:
        # Over by our clock though the cache keeps the keys a moment longer (a
        # backend's own clock, or a test's): the window has ended.
        cache.delete_many([window_key, ends_key])
    # The window's end is kept beside its count: the cache tells no one its TTL,
    # and the person is told how long to wait.
    cache.add(ends_key, now + seconds, seconds)
    cache.add(window_key, 0, seconds)
    try:
        count: int = cache.incr(window_key)
    except ValueError:  # the window ended between add and incr: this is a new one
        cache.add(window_key, 1, seconds)
        count = 1
    return count


def _seconds_left(window_key: str) -> int:
    ends = cache.get(window_key + ":ends")
    if ends is None:
        return 1
    return max(1, math.ceil(ends - time.time()))


def _uncount(window_keys: list[str]) -> None:
    for window_key in window_keys:
        # The window may have ended meanwhile: then there is nothing to give back.
        with contextlib.suppress(ValueError):
            cache.decr(window_key)
