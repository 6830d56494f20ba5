"""The cache when Redis goes away: a per-process memory cache until it answers again.

The cache holds nothing that must survive (rate-limit counts, fragments); the
database holds everything else. So when Redis stops, each worker process carries on
with its own memory (rate limits then count per process: they fail soft, never
closed), logs it once, and tries Redis again after `RETRY_SECONDS`. Nothing of a
citizen's or an officer's request fails because the cache is away."""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("portal.reliability")

RETRY_SECONDS = 5.0


class FallbackRedisCache(RedisCache):
    """Django's RedisCache; on a Redis error the call (and every call for the next
    `RETRY_SECONDS`) goes to a local-memory cache instead of raising."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"portal-fallback-{id(self)}", {**params, "OPTIONS": {}})
        self._down_until = 0.0

    def _call(self, name: str, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return getattr(self._fallback, name)(*args, **kwargs)
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except RedisError as error:
            if self._down_until == 0.0 or time.monotonic() >= self._down_until:
                logger.warning("Redis cache unavailable, using process memory: %s", error)
            self._down_until = time.monotonic() + RETRY_SECONDS
            return getattr(self._fallback, name)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        return self._call("clear")
