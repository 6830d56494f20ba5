"""The Redis cache's connections belong to the process (portal/cache.py), against the
machine's real Redis (127.0.0.1:6379, as on CI): Django makes a backend object per
thread and, under ASGI, per request; they all share one pool and one client."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from portal.cache import FallbackRedisCache

LOCATION = "redis://127.0.0.1:6379/11"


@pytest.fixture
def params():
    return {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "OPTIONS": {"socket_timeout": 2}}


@pytest.fixture
def redis_cache(params):
    cache = FallbackRedisCache(LOCATION, params)
    yield cache
    cache.clear()


def test_backend_objects_made_per_request_share_one_connection(redis_cache, params):
    redis_cache.set("a", 1)
    pool = redis_cache._cache.get_client().connection_pool
    for _ in range(20):  # what an ASGI server's twenty requests make
        per_request = FallbackRedisCache(LOCATION, params)
        assert per_request.get("a") == 1
        assert per_request._cache is redis_cache._cache
    assert len(pool._available_connections) + len(pool._in_use_connections) == 1


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client("a key") is client
    assert redis_cache._cache.get_client(write=True) is client  # one server: one pool


def test_the_shared_client_answers_many_threads(redis_cache):
    redis_cache.set("counter", 0, None)
    errors = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                redis_cache.set(f"k{n}-{i}", (n, i))
                assert redis_cache.get(f"k{n}-{i}") == (n, i)
                redis_cache.incr("counter")
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert redis_cache.get("counter") == 400
    assert redis_cache.get_many([f"k{n}-49" for n in range(8)]) == {
        f"k{n}-49": (n, 49) for n in range(8)
    }


def test_redis_found_down_is_down_for_the_next_requests_too():
    params = {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
              "KEY_PREFIX": uuid.uuid4().hex}
    down = "redis://127.0.0.1:17998/1"  # nothing listens there
    FallbackRedisCache(down, params).set("a", 1)  # finds it down, keeps it in memory
    started = time.monotonic()
    for _ in range(10):
        assert FallbackRedisCache(down, params).get("a") == 1
    assert time.monotonic() - started < 0.2  # no new attempt for each request
