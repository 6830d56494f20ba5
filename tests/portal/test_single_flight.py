"""One reader computes a missing cached value, the others wait for its result
(portal/single_flight.py), and nobody waits for a holder that failed or is gone."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import cache

from portal import single_flight
from portal.single_flight import get_or_compute


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _together(count: int, work) -> list:
    """Run `work()` on `count` threads released at once; their results in order."""
    start = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        start.wait()
        results[i] = work()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_concurrent_readers_of_a_missing_value_compute_it_once():
    computed = []

    def slow_count():
        computed.append(1)
        time.sleep(0.3)
        return {"total": 100_000}

    results = _together(8, lambda: get_or_compute("k:counters", slow_count, timeout=60))
    assert computed == [1]
    assert results == [{"total": 100_000}] * 8
    assert cache.get("k:counters") == {"total": 100_000}
    assert cache.get("k:counters:computing") is None  # the lease is given back


def test_a_cached_value_is_read_without_computing():
    cache.set("k:kept", 7, 60)
    assert get_or_compute("k:kept", lambda: pytest.fail("computed again"), timeout=60) == 7


def test_when_the_holder_fails_a_waiter_computes_the_value_itself():
    calls = []

    def fails_first():
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            time.sleep(0.2)
            raise RuntimeError("the database went away")
        return 42

    outcomes = []

    def read():
        try:
            return get_or_compute("k:flaky", fails_first, timeout=60)
        except RuntimeError as error:
            outcomes.append(str(error))
            return None

    results = _together(2, read)
    assert outcomes == ["the database went away"]  # the holder's own request fails
    assert sorted(results, key=str) == [42, None]  # the waiter did not wait for nothing
    assert len(calls) == 2


def test_nobody_waits_longer_than_the_limit_for_a_slow_holder():
    cache.add("k:slow:computing", 1, 60)  # a holder that never finishes (a process killed)
    started = time.monotonic()
    assert get_or_compute("k:slow", lambda: "counted here", timeout=60, wait=0.3) == "counted here"
    assert 0.3 <= time.monotonic() - started < 2
    assert cache.get("k:slow") == "counted here"


def test_the_lease_expires_with_the_wait(monkeypatch):
    leases = []
    real_add = cache.add

    def add(key, value, timeout=None, **kwargs):
        leases.append((key, timeout))
        return real_add(key, value, timeout, **kwargs)

    monkeypatch.setattr(single_flight.cache, "add", add)
    get_or_compute("k:leased", lambda: 1, timeout=60, wait=3)
    assert leases == [("k:leased:computing", 3)]
