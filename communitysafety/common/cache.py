"""A Redis cache that degrades to "always a miss" when Redis is unreachable.

The cache only speeds things up (pages, rate limits, the ward index generation);
losing it must not take the site down. Errors are logged once per minute per
process, and rate limits fail open while Redis is away (documented in the README).
"""

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)
_LOG_EVERY_SECONDS = 60.0


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, with connection errors turned into cache misses."""

    _last_logged = 0.0

    def _unavailable(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged > _LOG_EVERY_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.error("Redis cache unavailable during %s: %s", operation, type(error).__name__)

    def _guard(self, operation: str, default: Any, call, *args: Any, **kwargs: Any) -> Any:
        import redis

        try:
            return call(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            self._unavailable(operation, error)
            return default

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._guard("get", default, super().get, key, default, version)

    def get_many(self, keys: Any, version: int | None = None) -> dict:
        return self._guard("get_many", {}, super().get_many, keys, version)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version=None) -> None:
        self._guard("set", None, super().set, key, value, timeout, version)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version=None) -> bool:
        # True = "stored", so callers such as the rate limiter treat the request as new.
        return self._guard("add", True, super().add, key, value, timeout, version)

    def set_many(self, data: dict, timeout: Any = DEFAULT_TIMEOUT, version=None) -> list:
        return self._guard("set_many", [], super().set_many, data, timeout, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._guard("incr", delta, super().incr, key, delta, version)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._guard("delete", False, super().delete, key, version)

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._guard("delete_many", None, super().delete_many, keys, version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._guard("has_key", False, super().has_key, key, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version=None) -> bool:
        return self._guard("touch", False, super().touch, key, timeout, version)

    def clear(self) -> bool:
        return self._guard("clear", False, super().clear)
