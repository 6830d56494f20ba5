"""Staff dashboard counters: what waits for the user, within their scope.

One pass of conditional counts over `Case.objects.in_scope_of(user)` (plus the scope's own
look-up of the user's facilities), whatever the number of cases. The conditions come from the
queryset vocabulary (`open_condition`, `overdue_condition`, `due_within_condition`), as the
workspace filters do, so the counters and the lists they link to cannot disagree; the partial
indexes on open cases' deadlines (`Case.Meta.indexes`) serve them.

Everything but the user's own cases is the same for everyone who sees the same cases: it is
computed once per *scope* and kept in the process's cache (`scope_key`), so a thousand open
dashboards of one scope cost one query per change, not a thousand. Any case change (the domain
signals `case_created`, `case_event_recorded`, `case_rated`) forgets every scope's counters at
once, in every process (the web, the worker, the cron, `case_action`), by moving a generation
marker in the shared cache (`forget_counters`); the day is part of the key, since "overdue" and
"due soon" move with it. When a scope's counters are missing, one reader counts them and the
scope's other readers wait for its result (`portal.single_flight`)."""

from __future__ import annotations

import datetime
import hashlib
import uuid
from dataclasses import asdict, dataclass, replace

from django.db.models import Count, Q
from django.utils import timezone

from complaints.kinds import CLOSED_STATUSES, CaseKind, CaseStatus
from complaints.models import Case
from complaints.querysets import (
    due_within_condition,
    facility_scope_of,
    open_condition,
    overdue_condition,
    partial_scope_condition,
)
from portal.process_cache import shared_cache
from portal.single_flight import get_or_compute

OPEN_STATUSES = frozenset(CaseStatus.values) - CLOSED_STATUSES - {CaseStatus.CONCLUDED}
# "Sắp đến hạn": due within this many working days (issue 5).
DUE_SOON_WORKING_DAYS = 3
# A safety net only: the signals forget counters as soon as a case changes.
CACHE_SECONDS = 300
GENERATION_KEY = "dashboard:counters:generation"
ALL_SCOPE = "all"  # `scope_key` of the province's scope (`view_all_cases`)


@dataclass(frozen=True)
class DashboardCounters:
    total: int
    open: int
    overdue: int
    due_soon: int
    unassigned: int  # open cases nobody handles yet
    mine: int  # open cases the user handles
    by_status: dict[str, int]  # every CaseStatus code, zero included
    by_kind: dict[str, int]  # every CaseKind code, zero included
    today: datetime.date
    due_soon_until: datetime.date  # the last day counted as "due soon"

    def as_dict(self) -> dict:
        """JSON-ready (the dashboard WebSocket sends this)."""
        data = asdict(self)
        data["today"] = self.today.isoformat()
        data["due_soon_until"] = self.due_soon_until.isoformat()
        return data


def due_soon_horizon(*, today: datetime.date) -> datetime.date:
    """The date `DUE_SOON_WORKING_DAYS` working days after `today`, on the portal's
    calendar (public holidays and the administrator's overrides)."""
    from complaints.services.calendar import working_calendar

    return working_calendar().add_working_days(today, DUE_SOON_WORKING_DAYS)


def scope_key(user) -> str:
    """A name for the set of cases `user` may see (`CaseQuerySet.in_scope_of`): equal for
    users who see the same cases, different otherwise."""
    if user.is_superuser or user.has_perm("complaints.view_all_cases"):
        return ALL_SCOPE
    return partial_scope_key(
        press=user.has_perm("complaints.view_press_cases"), units=facility_scope_of(user)
    )


def partial_scope_key(*, press: bool, units) -> str:
    """`scope_key` of a scope narrower than the province: press-report cases (`press`) and
    the cases of the units `units` (a facility subtree, `facility_scope_of`)."""
    parts = ["press"] if press else []
    parts += [str(pk) for pk in sorted(units)]
    return "units:" + hashlib.sha256(",".join(parts).encode()).hexdigest()[:24]


def partial_scope_cases(*, press: bool, units):
    """The cases of the scope `partial_scope_key(press=, units=)` names, as `in_scope_of`
    selects them for a user with that scope."""
    return Case.objects.filter(partial_scope_condition(press=press, units=units))


def forget_counters() -> None:
    """Every scope's cached counters are stale (a case changed), in every process: the
    generation is a marker of the shared cache (`portal.process_cache.shared_cache`: Redis,
    else files under var/), so a change made by the command line, the worker or the cron
    reaches the web processes' next read at once; the counters stay in each process's cache."""
    shared_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def counters_generation() -> str:
    """The current generation of the counters (one read of the shared cache)."""
    markers = shared_cache()
    generation = markers.get(GENERATION_KEY)
    if generation is None:  # not set yet, or evicted
        markers.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = markers.get(GENERATION_KEY) or "none"
    return generation


def scope_counters(*, user, today: datetime.date) -> DashboardCounters:
    """The counters of the user's scope (`mine` left at 0), from the cache when fresh."""
    return counters_of_scope(scope_key(user), lambda: Case.objects.in_scope_of(user), today=today)


def counters_of_scope(key: str, cases, *, today: datetime.date) -> DashboardCounters:
    """The counters of the scope `key` names (`mine` left at 0), from the cache when fresh,
    else counted over `cases()` (its cases) and kept for the next reader."""
    cache_key = f"dashboard:counters:{counters_generation()}:{key}:{today.isoformat()}"
    return get_or_compute(  # one reader counts, the others of the scope wait for its result
        cache_key, lambda: _count(cases(), today=today), timeout=CACHE_SECONDS
    )


def mine_count(*, user) -> int:
    """The open cases the user handles (a look-up on the assigned user's index)."""
    return Case.objects.in_scope_of(user).filter(open_condition(), assigned_user_id=user.pk).count()


def dashboard_counters(*, user, today: datetime.date | None = None) -> DashboardCounters:
    """Counts per state and kind, overdue, due within 3 working days, unassigned
    and the user's own open cases, over the cases in the user's scope only."""
    today = today or timezone.localdate()
    shared = scope_counters(user=user, today=today)
    return replace(shared, mine=mine_count(user=user))


def counts_by_status_and_kind(cases, *, today: datetime.date, horizon: datetime.date):
    """The one pass: a few dozen rows whatever the number of cases, with three conditional
    counts each. On PostgreSQL an index-only scan of `case_counters_cover`, which holds
    every column these conditions and the scopes read."""
    return (
        cases.order_by()
        .values("status", "kind")
        .annotate(
            n=Count("pk"),
            overdue=Count("pk", filter=overdue_condition(at=today)),
            due_soon=Count(
                "pk", filter=due_within_condition(days=(horizon - today).days, at=today)
            ),
            unassigned=Count("pk", filter=Q(assigned_user__isnull=True)),
        )
    )


def _count(cases, *, today: datetime.date) -> DashboardCounters:
    """One pass grouped by (status, kind); totals, open and the per-state and per-kind counts
    are folded from its rows."""
    horizon = due_soon_horizon(today=today)
    rows = counts_by_status_and_kind(cases, today=today, horizon=horizon)
    by_status = dict.fromkeys(CaseStatus.values, 0)
    by_kind = dict.fromkeys(CaseKind.values, 0)
    total = open_count = overdue = due_soon = unassigned = 0
    for row in rows:
        total += row["n"]
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
        # The deadline conditions name the states they wait in (a notice owed to the parties
        # may be overdue after the decision); "unassigned" counts open cases only.
        overdue += row["overdue"]
        due_soon += row["due_soon"]
        if row["status"] in OPEN_STATUSES:
            open_count += row["n"]
            unassigned += row["unassigned"]
    return DashboardCounters(
        total=total,
        open=open_count,
        overdue=overdue,
        due_soon=due_soon,
        unassigned=unassigned,
        mine=0,
        by_status=by_status,
        by_kind=by_kind,
        today=today,
        due_soon_until=horizon,
    )
