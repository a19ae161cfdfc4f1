"""A small rate limiter on the cache: at most `limit` actions per key in a window.

For limits that protect people rather than the server (an editors' inbox is
not a chat room); logins and password resets are limited by allauth. The
window is fixed: it starts with the first action and the count starts again
when it ends. `cache.add` and `cache.incr` are atomic in the local-memory
cache and in Redis, so two requests at once cannot both slip under the limit.
With the local-memory cache each worker process counts on its own.
"""

from django.core.cache import cache

_PREFIX = "ratelimit:"


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
