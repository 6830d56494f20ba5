"""The dashboard counters a change's staff groups receive with it (issue 16 §2).

Through a network channel layer (Redis: several server processes) the publisher counts, on its
fan-out thread (`complaints.broadcasts`), the scopes each staff group stands for, once, and the
counts travel in the group's message: no server process counts again for its dashboards, and
no process waits on the database before it delivers. Per group:

- `province`: the province (`view_all_cases`) and the press office's scope (every press-report
  case, `view_press_cases` without a unit);
- `unit.{id}`: the scope of a handler of that unit (the unit and every unit below it).

A dashboard whose scope is none of these (a handler of two units, the press office with a
unit) counts its own, as with the in-memory layer of the one-process default.

Counting is coalesced: a group is counted about once per `DASHBOARD_COUNTERS_INTERVAL` seconds
by all the server processes together (a lease in the shared cache: `GroupCounters`). A change
inside the interval goes out at once without counters, naming the scopes (`counters_follow`)
that a `staff.counters` message will bring at the interval's end, counted then: a burst of a
hundred changes in four processes costs each group about two counts, not a hundred, nor eight.

Everything here runs on the one fan-out thread (the timer only hands work back to it), so its
state needs no lock."""

from __future__ import annotations

import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)


def group_scopes(group: str) -> dict[str, object]:
    """The scopes a staff group stands for: scope key → a function giving its cases."""
    from complaints.broadcasts import group_province, unit_of_group  # (they import this)
    from complaints.models import Case, Facility
    from complaints.selectors.dashboard import ALL_SCOPE, partial_scope_cases, partial_scope_key

    if group == group_province():
        return {
            ALL_SCOPE: Case.objects.all,
            partial_scope_key(press=True, units=()): lambda: partial_scope_cases(
                press=True, units=()
            ),
        }
    unit_id = unit_of_group(group)
    if unit_id is None:
        return {}
    units = frozenset(Facility.objects.subtree_ids([unit_id]))
    return {
        partial_scope_key(press=False, units=units): lambda: partial_scope_cases(
            press=False, units=units
        )
    }


def count_group(group: str) -> dict[str, dict]:
    """scope key → counters (`DashboardCounters.as_dict()`, `mine` at 0), through the counters'
    cache (`counters_of_scope`): what a staff page of the same scope reads next is already
    counted."""
    from complaints.selectors.dashboard import counters_of_scope

    today = timezone.localdate()
    return {
        key: counters_of_scope(key, cases, today=today).as_dict()
        for key, cases in group_scopes(group).items()
    }


# The shared cache's keys (complaints.broadcast_counters): a group's lease of one interval,
# its "changed since the last count" mark, and the scope keys it was last counted for.
MARK_SECONDS = 60  # far above the interval: a mark outlives any promise that needs it
KEYS_SECONDS = 3600


# A group is counted only while a dashboard of it is open in some server process: each process
# marks its dashboards' groups at connect and again, at most every half of this, when a change
# reaches them (`complaints.consumers`). At night, with nobody watching, a submission costs no
# count. A change to a group whose mark lapsed while its pages stayed open idle carries no
# counters: its dashboards count their own, once per scope (`counters_of_scope`), as for a scope
# no group stands for.
WATCHED_SECONDS = 600


def _watched_key(group: str) -> str:
    return f"live:counters:watched:{group}"


def groups_watched(groups) -> None:
    """Mark `groups` as having a dashboard open (for `WATCHED_SECONDS`)."""
    if groups:
        cache.set_many({_watched_key(group): True for group in groups}, WATCHED_SECONDS)


def watched(groups: list[str]) -> list[str]:
    """The groups of `groups` with a dashboard open in some server process, in order."""
    if not groups:
        return []
    found = cache.get_many([_watched_key(group) for group in groups])
    return [group for group in groups if _watched_key(group) in found]


def _lease(group: str) -> bool:
    """Take the group's count of the current interval, unless a process took it already."""
    interval = settings.DASHBOARD_COUNTERS_INTERVAL
    number = int(time.time() / interval) if interval > 0 else time.time_ns()
    return cache.add(f"live:counters:lease:{group}:{number}", True, max(1, 2 * interval))


def _changed_key(group: str) -> str:
    return f"live:counters:changed:{group}"


def _keys_key(group: str) -> str:
    return f"live:counters:keys:{group}"


class GroupCounters:
    """The fan-out thread's counting: at most about once per interval per group, for every
    server process together (the cache is shared: Redis in production).

    - A process counts a group when it takes the group's lease of the current interval
      (`cache.add` of a key named by the interval's number); every other change of the
      interval, in any process, promises the scope keys counted last time.
    - A promise marks the group changed in the cache. Whoever counts the group deletes the
      mark first, then counts: a count that began after a change's mark includes it.
    - At the end of the interval the promising process looks again: mark gone, another
      process counted after its change, and the dashboards had those counters; mark still
      there, it takes the lease and counts (`staff.counters`), or waits for the next
      interval if another process holds it.
    Without Redis (the one-process default, or while Redis is away) the cache is the
    process's own and each process counts for itself, as before."""

    def __init__(self, submit):
        self._submit = submit  # runs a function on the fan-out thread
        self._counted_at: dict[str, float] = {}  # group → when this process counted it
        self._waiting: dict[str, list[str]] = {}  # group → the scope keys promised
        self._due_at: dict[str, float] = {}  # group → when its promise is looked at again
        self._keys: dict[str, list[str]] = {}  # group → the scope keys counted last time
        self._timer: threading.Timer | None = None
        self._wake_at: float | None = None  # when the timer will hand `due` to the thread

    def for_change(self, groups: list[str]) -> dict[str, dict]:
        """Per staff group, what its message of the change carries: `counters` (scope key →
        counters) counted now, or `counters_follow` (the scope keys a `staff.counters` message
        will bring), or nothing (its dashboards count their own)."""
        carried, promised = {}, []
        now = time.monotonic()
        interval = settings.DASHBOARD_COUNTERS_INTERVAL
        for group in groups:
            if group in self._waiting:
                promised.append(group)
                carried[group] = {"counters_follow": self._waiting[group]}
                continue
            if now - self._counted_at.get(group, float("-inf")) < interval or not _lease(group):
                # Counted lately, here or elsewhere: promise the scopes counted last time
                # (the facility tree seldom changes).
                keys = self._keys.get(group) or cache.get(_keys_key(group))
                if keys:
                    self._waiting[group] = self._keys[group] = keys
                    self._due_at[group] = now + interval
                    promised.append(group)
                    carried[group] = {"counters_follow": keys}
                    continue
                if group in self._keys:  # counting here found nothing: they count their own
                    continue
                # Nobody's keys to promise (a new process, an evicted entry): count here.
            counted = self._count(group)
            if counted:
                carried[group] = {"counters": counted}
        if promised:
            cache.set_many({_changed_key(group): True for group in promised}, MARK_SECONDS)
            self._wake_up_at(min(self._due_at[group] for group in self._waiting))
        return carried

    def due(self) -> list[tuple[str, dict]]:
        """The groups promised counters whose interval is over: (group, `staff.counters`
        payload) for each this process counted now; a group another process counted after
        its changes is let go, one whose lease another process holds waits again."""
        self._wake_at = None  # this is the wake-up: the next one is scheduled below
        now = time.monotonic()
        interval = settings.DASHBOARD_COUNTERS_INTERVAL
        sends = []
        for group in [g for g in self._waiting if self._due_at[g] <= now]:
            if cache.get(_changed_key(group)) is None:  # counted elsewhere since the mark
                del self._waiting[group], self._due_at[group]
            elif _lease(group):
                del self._waiting[group], self._due_at[group]
                counted = self._count(group)
                # Counting failed: an empty payload still ends the dashboards' wait (they count).
                sends.append((group, {"counters": counted, "change_id": uuid.uuid4().hex}))
            else:
                self._due_at[group] = now + interval
        if self._waiting:
            self._wake_up_at(min(self._due_at.values()))
        return sends

    def forget(self) -> None:
        """Cancel the scheduled wake-up and forget every promise and count (on the fan-out
        thread, as the rest: `complaints.broadcasts.fan_out_drain`)."""
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._wake_at = None
        self._counted_at.clear()
        self._waiting.clear()
        self._due_at.clear()
        self._keys.clear()

    def _count(self, group: str) -> dict[str, dict]:
        self._counted_at[group] = time.monotonic()
        cache.delete(_changed_key(group))  # before counting: what was marked is counted
        close_old_connections()
        try:
            counted = count_group(group)
        except Exception:  # the dashboards count for themselves; a live update never fails
            logger.exception("counting the dashboard counters of %s failed", group)
            counted = {}
        finally:
            close_old_connections()
        self._keys[group] = list(counted)
        if counted:
            cache.set(_keys_key(group), list(counted), KEYS_SECONDS)
        return counted

    def _wake_up_at(self, at: float) -> None:
        """Have `due` run at `at`, unless a wake-up at or before it is already scheduled (a
        later one is replaced). Decided by the time scheduled, not by whether the timer's
        thread still runs: `due` may run while it does, and must schedule the next."""
        if self._wake_at is not None and self._wake_at <= at:
            return
        if self._timer is not None:
            self._timer.cancel()
        self._wake_at = at
        self._timer = threading.Timer(max(0.0, at - time.monotonic()), self._submit)
        self._timer.daemon = True
        self._timer.start()
