"""The Redis cache: its connections shared by the whole process, and a per-process
memory cache when Redis goes away, until it answers again.

Shared connections. Django makes a cache backend object per thread and, under ASGI,
per request (`django.core.cache.caches` is a context-local), and Django's RedisCache
keeps its connection pool on that object: each request of the ASGI server opened new
connections to Redis (a TCP connect, and redis-py 7 reading its package metadata from
disk for each), and Django builds a new `redis.Redis` for every call. Here the pool,
its one `redis.Redis` and the fallback state belong to the process, one per cache
location and options (`_shared`): the backend objects Django makes are thin views of
them. Measured on a public page (docs/benchmarks.md, "Public pages").

Fallback. The cache holds nothing that must survive (rate-limit counts, fragments);
the database holds everything else. So when Redis stops, each worker process carries
on with its own memory (rate limits then count per process: they fail soft, never
closed), logs it once, and tries Redis again after `RETRY_SECONDS`. Nothing of a
citizen's or an officer's request fails because the cache is away."""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("portal.reliability")

RETRY_SECONDS = 5.0


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per connection pool. A client
    holds no connection of its own (each command takes one from the pool and gives it
    back), so one per pool serves every thread of the process."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._lock = threading.Lock()

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            with self._lock:
                if index not in self._pools:
                    self._pools[index] = self._pool_class.from_url(
                        self._servers[index], **self._pool_options
                    )
                client = self._clients.setdefault(
                    index, self._client(connection_pool=self._pools[index])
                )
        return client


class _Shared:
    """What every backend object of one location shares in the process."""

    def __init__(self, servers, options: dict, params: dict, name: str):
        self.client = SharedClientRedisCacheClient(servers, **options)
        self.fallback = LocMemCache(f"portal-fallback-{name}", {**params, "OPTIONS": {}})
        self.down_until = 0.0


_shared_by_location: dict[str, _Shared] = {}
_shared_lock = threading.Lock()


def _shared(servers, params: dict) -> _Shared:
    options = params.get("OPTIONS", {})
    name = repr((servers, sorted((key, repr(value)) for key, value in params.items())))
    with _shared_lock:
        shared = _shared_by_location.get(name)
        if shared is None:
            shared = _shared_by_location[name] = _Shared(servers, options, params, name)
        return shared


class FallbackRedisCache(RedisCache):
    """Django's RedisCache on the process's shared connections; on a Redis error the
    call (and every call for the next `RETRY_SECONDS`) goes to a local-memory cache
    instead of raising."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._shared = _shared(self._servers, params)

    @property
    def _cache(self):
        return self._shared.client

    @property
    def _fallback(self):
        return self._shared.fallback

    def _call(self, name: str, *args, **kwargs):
        shared = self._shared
        if time.monotonic() < shared.down_until:
            return getattr(shared.fallback, name)(*args, **kwargs)
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except RedisError as error:
            if shared.down_until == 0.0 or time.monotonic() >= shared.down_until:
                logger.warning("Redis cache unavailable, using process memory: %s", error)
            shared.down_until = time.monotonic() + RETRY_SECONDS
            return getattr(shared.fallback, name)(*args, **kwargs)

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
