"""Django's Redis cache, forgiving: when Redis is down, a read is a miss and a write is dropped.

Nothing in the cache is the only copy of anything (ARCHITECTURE.md), so a failed Redis must cost
speed, not answers: the token owner is read from the database again, a rate limiter lets the
request through, the flash-sale gate stands aside. `incr` and `decr` still raise, so a caller
that counts can tell a failure from a count. /readyz still reports the cache down (its probe
reads back nothing).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger(__name__)

WARN_EVERY_SECONDS = 10.0
# After a failure the cache is not asked again for this long: a request must not pay the client's
# connection retries on every read while Redis is down.
PAUSE_AFTER_FAILURE_SECONDS = 2.0


class ForgivingRedisCache(RedisCache):
    _warned_at = 0.0
    _down_until = 0.0

    def _resting(self) -> bool:
        return time.monotonic() < self._down_until

    def _forgive(self, error: Exception) -> None:
        import redis

        if not isinstance(error, (redis.RedisError, OSError)):
            raise error
        now = time.monotonic()
        self._down_until = now + PAUSE_AFTER_FAILURE_SECONDS
        if now - ForgivingRedisCache._warned_at >= WARN_EVERY_SECONDS:
            ForgivingRedisCache._warned_at = now
            log.warning("cache unavailable, answering without it: %s", error)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        if self._resting():
            return default
        try:
            return super().get(key, default, version)
        except Exception as error:
            self._forgive(error)
            return default

    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        if self._resting():
            return {}
        try:
            return super().get_many(keys, version)
        except Exception as error:
            self._forgive(error)
            return {}

    def has_key(self, key: Any, version: int | None = None) -> bool:
        if self._resting():
            return False
        try:
            return super().has_key(key, version)
        except Exception as error:
            self._forgive(error)
            return False

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        if self._resting():
            return
        try:
            super().set(key, value, timeout, version)
        except Exception as error:
            self._forgive(error)

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        if self._resting():
            return False
        try:
            return super().add(key, value, timeout, version)
        except Exception as error:
            self._forgive(error)
            return False

    def set_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        if self._resting():
            return list(data)
        try:
            return super().set_many(data, timeout, version)
        except Exception as error:
            self._forgive(error)
            return list(data)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        if self._resting():
            return False
        try:
            return super().touch(key, timeout, version)
        except Exception as error:
            self._forgive(error)
            return False

    def delete(self, key: Any, version: int | None = None) -> bool:
        if self._resting():
            return False
        try:
            return super().delete(key, version)
        except Exception as error:
            self._forgive(error)
            return False

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        if self._resting():
            return
        try:
            super().delete_many(keys, version)
        except Exception as error:
            self._forgive(error)
