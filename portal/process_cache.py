"""A per-process copy of data read from the database, dropped by every process when the
data changes.

Some data is read by nearly every request and changes a few times a year (the intake's
units, categories and routing rules; the workspace's select options). `ProcessCopy`
keeps one copy of it in each process's memory, shared by every thread, and reloads it
when it changes:

- A *generation* number is kept in the `shared` cache (Redis in production; on one
  machine without Redis, files under var/: every process of the machine, the cron's
  `publish_scheduled` included, reads the same, never a process's own memory). Each
  `get()` compares its copy's generation with the cache's: one cache read while nothing
  changed, so the other processes reload at their next request.
- `changed`, a post_save / post_delete / m2m_changed receiver (connected by the owner,
  from its app's `ready`), moves the generation and forgets this process's copy; an
  m2m_changed's `pre_` actions are ignored (the rows have not changed yet).
- Inside a transaction, it moves the generation again after the commit: a process that
  reloaded between the save and the commit read the old rows.
- A copy read inside the transaction that made the change holds rows no other thread may
  see (they may yet roll back): it stays with that thread (`threading.local`), and only
  while its generation lasts; the shared copy is not set from it.
- A change written without signals (`QuerySet.update`, raw SQL, a fixture loaded with
  `loaddata --raw`) must call `clear()`; a lost cache entry (eviction, a Redis restart)
  only makes every process reload once.

The copies are shared between threads: treat them as read-only."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Generic, TypeVar

from django.core.cache import caches
from django.db import transaction

T = TypeVar("T")

SHARED_CACHE = "markers"  # the cross-process markers


def shared_cache():
    """The cache every process of the installation sees (settings `CACHES["markers"]`; an
    installation whose own CACHES names no such alias shares its default cache)."""
    from django.conf import settings

    return caches[SHARED_CACHE if SHARED_CACHE in settings.CACHES else "default"]


# Generations moved inside a transaction not yet committed, kept at most this many (a
# rolled-back transaction's generation is never removed otherwise).
MAX_UNCOMMITTED = 100


class ProcessCopy(Generic[T]):
    """The copy of what `load()` returns, kept per process under the generation `key`."""

    def __init__(self, key: str, load: Callable[[], T]):
        self.key = key
        self._load = load
        self._lock = threading.Lock()
        self._shared: tuple[str, T] | None = None  # (generation, copy) for every thread
        self._local = threading.local()  # .copy: (generation, copy) read in a changing transaction
        self._uncommitted: set[str] = set()  # generations moved by a change not yet committed

    @property
    def shared(self) -> T | None:
        """The copy shared by the process's threads, if one is loaded (for tests)."""
        shared = self._shared
        return None if shared is None else shared[1]

    def generation(self) -> str:
        cache = shared_cache()
        generation = cache.get(self.key)
        if generation is None:
            cache.add(self.key, uuid.uuid4().hex, None)
            generation = cache.get(self.key) or "none"
        return generation

    def get(self) -> T:
        """The current copy (one cache read while nothing changed)."""
        return self.current()[1]

    def current(self) -> tuple[str, T]:
        """The current generation and its copy (one cache read while nothing changed)."""
        generation = self.generation()
        if transaction.get_connection().in_atomic_block and generation in self._uncommitted:
            local = getattr(self._local, "copy", None)
            if local is None or local[0] != generation:
                local = self._local.copy = (generation, self._load())
            return local
        shared = self._shared
        if shared is not None and shared[0] == generation:
            return shared
        with self._lock:
            shared = self._shared
            if shared is None or shared[0] != generation:
                shared = self._shared = (generation, self._load())
            return shared

    def clear(self, *, uncommitted: bool = False) -> None:
        """Forget the copy here and make every process reload it (a new generation).
        `uncommitted`: the change is inside a transaction not yet committed."""
        generation = uuid.uuid4().hex
        with self._lock:
            if uncommitted:
                if len(self._uncommitted) > MAX_UNCOMMITTED:
                    self._uncommitted.clear()
                self._uncommitted.add(generation)
            shared_cache().set(self.key, generation, None)
            self._shared = None

    def changed(self, sender, **kwargs) -> None:
        """post_save / post_delete / m2m_changed receiver: clear now (this transaction
        sees its change) and again after the commit."""
        if kwargs.get("action", "post_").startswith("pre_"):
            return  # m2m_changed: after the change only
        in_transaction = transaction.get_connection().in_atomic_block
        self.clear(uncommitted=in_transaction)
        if in_transaction:
            transaction.on_commit(self.clear)
