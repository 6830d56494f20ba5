"""A value kept in the shared cache and computed by one reader at a time.

When a cached aggregate is forgotten (a case changed, the day turned, the cache restarted),
every reader that misses it at once would compute the same value: the dashboards a
province's staff have open after a change would each count the 100,000 cases of their scope
(`bench/herd.py`: 100 readers at once took 3.8 s and 100 counts, against 0.17 s and one count
here; docs/benchmarks.md, "Live updates at scale", fifth round). Here the first reader takes
a lease in the cache (`cache.add`, atomic in Redis and in the local-memory cache alike) and
computes; the others wait for its result, reading the cache every `POLL_SECONDS`, and compute
it themselves only if the lease goes away without a result (the holder failed) or after
`wait` seconds (the holder is slow or gone: nobody waits longer than that, and the lease
expires with it)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

POLL_SECONDS = 0.05
WAIT_SECONDS = 5.0


def get_or_compute(key: str, compute: Callable[[], T], *, timeout: float,
                   wait: float = WAIT_SECONDS) -> T:
    """The value cached under `key`, else `compute()`'s, kept `timeout` seconds; while one
    reader computes it, the others wait for it (never None: None reads as a miss)."""
    value = cache.get(key)
    if value is not None:
        return value
    lease = f"{key}:computing"
    if cache.add(lease, 1, timeout=max(1, round(wait))):
        try:
            return _compute_and_keep(key, compute, timeout)
        finally:
            cache.delete(lease)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        value, holder = _read(key, lease)
        if value is not None:
            return value
        if not holder:  # the holder gave up without a result: compute it here
            break
    return _compute_and_keep(key, compute, timeout)


def _read(key: str, lease: str) -> tuple[object, bool]:
    """The cached value (None if missing) and whether the lease is still held."""
    found = cache.get_many([key, lease])
    return found.get(key), lease in found


def _compute_and_keep(key: str, compute: Callable[[], T], timeout: float) -> T:
    value = compute()
    cache.set(key, value, timeout=timeout)
    return value
