"""A small rate limiter on the cache: at most `limit` actions per key in a window.

For limits that protect people rather than the server (an editors' inbox is
not a chat room); logins and password resets are limited by allauth. The
window is fixed: it starts with the first action and the count starts again
when it ends. `cache.add` and `cache.incr` are atomic in the local-memory
cache and in Redis, so two requests at once cannot both slip under the limit.
With the local-memory cache each worker process counts on its own.

`hit` counts every attempt. `reserve` and `release` count only the actions
that went through: reserve one place before acting (in every window of the
action at once), release it when the action did not happen after all.
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


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one action under `key` (e.g. f"news:reports:{user.pk}").

    True while it is at most the `limit`-th in `window` seconds, False once
    over: refuse the action then. Refused actions count too, so retrying at
    once does not help.
    """
    cache_key = _PREFIX + key
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window ended between add and incr: this is a new one
        cache.add(cache_key, 1, window)
        count = 1
    return count <= limit


def reset(key: str) -> None:
    """Start `key` afresh (after an administrator lifts a limit, for instance)."""
    cache.delete(_PREFIX + key)


def reserve(key: str, limits: Sequence[Limit]) -> int | None:
    """Count one action under `key` in each of `limits` (e.g. 5 in 10 minutes and
    20 in a day). None when it fits in all of them; otherwise nothing is counted and
    the answer is the seconds until the fullest window ends (at least 1).
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
