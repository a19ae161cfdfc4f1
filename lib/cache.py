"""Django's Redis cache, made to survive Redis being down: the site keeps serving.

Every use of the cache in the portal is an optimisation or a courtesy limit,
never the only copy of anything: sessions are `cached_db` (the database holds
them), pages and counts are built again on a miss, and the rate limits let an
action through when they cannot count it (lib.ratelimit, allauth's limits).
So when Redis does not answer, a read is a miss, a write is dropped, and the
request goes on; the error is logged once per outage.

After a failure the backend stops asking Redis for `RETRY_SECONDS`, so that a
down Redis costs one refused connection per process and period rather than one
per cache call. When Redis answers again, the first call empties the cache:
writes dropped during the outage (a session ended, a page changed) must not
leave an older copy in Redis to be read back as if current.

Short connect and read timeouts (settings may override them in OPTIONS) keep a
Redis that hangs, rather than refusing, from holding up every request.
"""

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
T = TypeVar("T")


class TolerantRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._failed = False

    def _guard(self, call: Callable[[], T], fallback: T) -> T:
        if self._failed and time.monotonic() < self._down_until:
            return fallback
        try:
            if self._failed:
                # Redis is back: nothing written during the outage reached it.
                super().clear()
                self._failed = False
                logger.warning("Redis answers again; the cache was emptied")
            return call()
        except RedisError as error:
            if not self._failed:
                logger.error("Redis does not answer, serving without the cache: %s", error)
            self._failed = True
            self._down_until = time.monotonic() + RETRY_SECONDS
            return fallback

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._guard(
            lambda: super(TolerantRedisCache, self).add(key, value, timeout, version), False
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._guard(
            lambda: super(TolerantRedisCache, self).get(key, default, version), default
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._guard(lambda: super(TolerantRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._guard(
            lambda: super(TolerantRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._guard(lambda: super(TolerantRedisCache, self).delete(key, version), False)

    def get_many(self, keys: Iterable[Any], version: Any = None) -> dict[Any, Any]:
        return self._guard(lambda: super(TolerantRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._guard(lambda: super(TolerantRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        missing = object()
        result = self._guard(
            lambda: super(TolerantRedisCache, self).incr(key, delta, version), missing
        )
        if result is missing:
            # As for a key that is not there: the caller (lib.ratelimit) starts a new count.
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return result  # type: ignore[return-value]

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> list[Any]:
        return self._guard(
            lambda: super(TolerantRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys: Iterable[Any], version: Any = None) -> None:
        keys = list(keys)
        self._guard(lambda: super(TolerantRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._guard(lambda: super(TolerantRedisCache, self).clear(), None)
