"""A case as it stood at a period's end, read in SQL from what it recorded since: the deadline
rows in force then, whether its clock stood (suspended) then, and how it had left the handling
then when a reopening after the end has cleared that exit from the case.

Expressions (subqueries correlated on the case) for `Case` querysets; every one falls back to
the case's own field where the records are missing (older data, rows never stored), so a case
without them counts as the report counted it before. The events and the deadline rows are
read only for the few cases `event_cases(until)` names (one query first, given as lists:
`EventCases`).

- `deadline_then(step, until)`: the due day of the `CaseDeadline` row of `step` in force at
  `until` (created before it and not superseded before it; rows are superseded, never
  rewritten). A row recorded only after the end for a step decided before it (a paper
  decision entered later) stands in for it: the first row stored after the end. Read only
  for the cases whose deadlines moved after the end (`EventCases.deadlines_moved`); every
  other case's rows in force then are its rows today, which its `accept_by` / `resolve_by`
  copy (`complaints.services.deadlines`), so those are read instead.
- `running_then(events)` (with `with_deadlines_then`): not suspended at the end. Suspended: the
  last suspension or resumption decided by the end (its `on` day) was a suspension (the
  clock stood: khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP, as added by Nghị định
  155/2026/NĐ-CP; khoản 2 Điều 34 Luật Tố cáo). A case suspended today with no suspension
  event (older data) counts as suspended throughout.
- `with_state_at_end(queryset, until, events)`: aliases `exit_at` (when it left the handling as at
  `until`, None if it had not), `status_at_end`, `concluded_at_end` and `finding_at_end`. A
  case reopened after the end (`reopen` clears `concluded_at`/`closed_at` and the finding)
  takes them from its events before the end: the status its last change then left it in,
  the moment of that change (of the conclusion, for a resolved one) and the finding its
  conclusion's event recorded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models import BooleanField, CharField, F, Lookup, OuterRef, Q, Subquery, Value, When
from django.db.models import Case as Conditional
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce

from complaints.deadlines import ACCEPT_STEP, RESOLVE_STEP
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseDeadline, CaseEvent
from complaints.reports.periods import RESOLVED_STATUSES

# A tố cáo whose acceptance was extended waits on the 10-day step (khoản 1 Điều 24 Luật
# Tố cáo; `workflow._extend_acceptance`); the other steps are the ones the case's
# `accept_by` / `resolve_by` copy (`complaints.deadlines.ACCEPT_STEP`, `RESOLVE_STEP`).
ACCEPT_EXTENDED = "accept_extended"

# The ways out of the handling, each a status the case keeps until reopened.
OTHER_EXIT_STATUSES = (
    CaseStatus.REJECTED,
    CaseStatus.FORWARDED,
    CaseStatus.FILED,
    CaseStatus.WITHDRAWN,
)
EXIT_STATUSES = (*RESOLVED_STATUSES, *OTHER_EXIT_STATUSES)


class Among(Lookup):
    """The case is one of the ids (`IN`; `NOT IN` for `Outside`), as `pk__in` writes it but
    with the ids written into the SQL (each an `int`), not one parameter each: a list of a
    thousand ids in every count that reads it made the driver (psycopg) spend longer on the
    parameters of the report's query than the database on the query. An empty list is no
    case (`EmptyResultSet`: a `When` of it is dropped; for `Outside`, every case)."""

    lookup_name = "among"  # used as an expression, registered on no field
    prepare_rhs = False
    operator = "IN"
    nothing = EmptyResultSet

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise self.nothing
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} {self.operator} ({', '.join(str(int(pk)) for pk in self.rhs)})", params


class Outside(Among):
    lookup_name = "outside"
    operator = "NOT IN"
    nothing = FullResultSet


def among(ids: tuple[int, ...], *, negated: bool = False) -> Among:
    """The case (`pk`) is one of `ids` (none of them if `negated`)."""
    return (Outside if negated else Among)(F("pk"), tuple(ids))


def deadline_then(step: str, until: datetime.datetime) -> Subquery:
    """The due day of `step`'s row in force at `until` (else the first stored after it)."""
    return Subquery(
        CaseDeadline.objects.filter(case=OuterRef("pk"), step=step)
        .filter(Q(superseded_at__isnull=True) | Q(superseded_at__gte=until))
        .order_by("created_at", "id")
        .values("due")[:1]
    )


def _step_due_then(steps: dict[str, str], until: datetime.datetime, *extra: When):
    """The due day as at `until` of the step `steps` names for the case's kind: one
    `When` per kind whose step differs from the most common one, then that one."""
    common = max(set(steps.values()), key=list(steps.values()).count)
    return Conditional(
        *extra,
        *(
            When(kind=kind, then=deadline_then(step, until))
            for kind, step in steps.items()
            if step != common
        ),
        default=deadline_then(common, until),
    )


def _unless_moved(own: str, events: EventCases, then):
    """`then` (read from the deadline rows) for a case whose deadlines moved after the end,
    the case's own field `own` for every other: its rows in force at the end are today's, and
    `own` copies them. An empty list leaves the rows out of the query."""
    return Conditional(
        When(among(events.deadlines_moved), then=Coalesce(then, F(own))),
        default=F(own),
    )


def _acceptance_due_then(until: datetime.datetime, events: EventCases):
    """The acceptance deadline as at `until` (what the case's `accept_by` was then)."""
    extended_denunciation = When(
        Q(among(events.acceptance_extended), kind=CaseKind.TO_CAO),
        then=deadline_then(ACCEPT_EXTENDED, until),
    )
    return _unless_moved(
        "accept_by", events, _step_due_then(ACCEPT_STEP, until, extended_denunciation)
    )


def _resolution_due_then(until: datetime.datetime, events: EventCases):
    """The resolution deadline as at `until` (what the case's `resolve_by` was then)."""
    return _unless_moved("resolve_by", events, _step_due_then(RESOLVE_STEP, until))


def _last_pause_then(end: datetime.date, until: datetime.datetime, events: EventCases):
    """ "suspend" or "resume": the last of them decided by the end of `end` (its `on` day; an
    event without one, by when it was recorded), None if none (read only for the cases ever
    suspended)."""
    last = Subquery(
        CaseEvent.objects.filter(case=OuterRef("pk"), action__in=("suspend", "resume"))
        .alias(on_day=Cast(KT("data__on"), CharField()))
        .filter(Q(on_day__lte=end.isoformat()) | Q(on_day__isnull=True, at__lt=until))
        .order_by("-at", "-id")
        .values("action")[:1]
    )
    return Conditional(
        When(among(events.suspended), then=last), default=Value(None), output_field=CharField()
    )


def running_then(events: EventCases) -> Q:
    """The clock ran at the end, not suspended (needs `with_deadlines_then`): the last
    suspension or resumption decided by then was a resumption, or there was none and the
    case is not suspended today without a recorded suspension (older data). Written without
    a negation of the subquery: a NULL must not turn a case into neither."""
    suspension_recorded = Q(among(events.suspended))
    return Q(pause_then="resume") | (
        Q(pause_then__isnull=True) & (~Q(status=CaseStatus.SUSPENDED) | Q(suspension_recorded))
    )


def with_deadlines_then(
    queryset, *, end: datetime.date, until: datetime.datetime, events: EventCases
):
    """Alias `accept_by_then`, `resolve_by_then`, `press_notice_by_then` (the deadlines in
    force at `until`) and `pause_then` (for `running_then`)."""
    return queryset.alias(
        accept_by_then=_acceptance_due_then(until, events),
        resolve_by_then=_resolution_due_then(until, events),
        # A press case's `accept_by` is its notice of measures (`ACCEPT_STEP`).
        press_notice_by_then=_unless_moved(
            "accept_by", events, deadline_then(ACCEPT_STEP[CaseKind.BAO_CHI], until)
        ),
        pause_then=_last_pause_then(end, until, events),
    )


def exit_at():
    """When the case left the handling, by the way its status says it did; None if open."""
    return Conditional(
        When(
            status__in=RESOLVED_STATUSES,
            then=Coalesce("concluded_at", "closed_at", "received_at"),
        ),
        When(status__in=OTHER_EXIT_STATUSES, then=Coalesce("closed_at", "received_at")),
        default=None,
    )


@dataclass(frozen=True)
class EventCases:
    """The few cases whose events or deadline rows the report must read, found in one query
    (`event_cases`) and given to the expressions as lists, not as subqueries: PostgreSQL
    plans a subquery inside the report's conditional counts as a probe per case and count,
    which made a 100,000-case report take seconds (docs/benchmarks.md, "The periodic report
    at 100,000 cases"); an empty list drops those records from the query altogether."""

    reopened: tuple[int, ...]  # reopened since the end (a review's decision)
    suspended: tuple[int, ...]  # ever suspended (tạm đình chỉ)
    acceptance_extended: tuple[int, ...]  # a tố cáo's acceptance extended before the end
    # Its deadlines moved after the end: a row of a step the report reads (`DEADLINE_STEPS`)
    # stored or superseded after it, or a tố cáo's acceptance extended after it (which moves
    # `accept_by` to the 10-day row stored at its receipt, no row changing).
    deadlines_moved: tuple[int, ...]

    @property
    def few(self) -> tuple[int, ...]:
        """Every case named: those whose records the report reads."""
        return tuple(
            sorted(
                {*self.reopened, *self.suspended, *self.acceptance_extended, *self.deadlines_moved}
            )
        )


# For the cases none of whose records matter: their own fields.
NONE = EventCases(reopened=(), suspended=(), acceptance_extended=(), deadlines_moved=())


def apart(queryset, events: EventCases, grouped):
    """`grouped(cases, events)`, a grouped count (`values().annotate()`), of the few cases
    `events` names, reading their records, and of every other case of `queryset`, reading
    only its own fields (`NONE`), in one query (UNION ALL): PostgreSQL evaluates each list
    again in every count that uses it, for every case, so the many cases whose records do
    not matter are counted without any (docs/benchmarks.md, "The periodic report at 100,000
    cases"). A group may come once from each part: the caller sums them."""
    few = events.few
    if not few:
        return grouped(queryset, NONE)
    return grouped(queryset.filter(among(few, negated=True)), NONE).union(
        grouped(queryset.filter(among(few)), events), all=True
    )


# The steps whose rows the report reads as they stood at the end.
DEADLINE_STEPS = sorted({*ACCEPT_STEP.values(), *RESOLVE_STEP.values(), ACCEPT_EXTENDED})
_MOVED = "deadline_moved"


def event_cases(until: datetime.datetime) -> EventCases:
    """The cases of `EventCases`, in one query: the events that matter and the deadline rows
    changed since `until`, as one union."""
    found: dict[str, set[int]] = {
        "reopen": set(), "suspend": set(), "extend_acceptance": set(), _MOVED: set(),
    }  # fmt: skip
    since_end = Conditional(
        When(at__gte=until, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    events = (
        CaseEvent.objects.filter(
            Q(action="reopen", at__gte=until) | Q(action__in=("suspend", "extend_acceptance"))
        )
        .annotate(since_end=since_end)
        .order_by()
        .values_list("case_id", "action", "since_end")
    )
    rows_moved = (
        # Of the cases received by the end: the others are not in the report.
        CaseDeadline.objects.filter(step__in=DEADLINE_STEPS, case__received_at__lt=until)
        .filter(Q(created_at__gte=until) | Q(superseded_at__gte=until))
        .annotate(
            moved=Value(_MOVED, output_field=CharField()),
            since_end=Value(True, output_field=BooleanField()),
        )
        .order_by()
        .values_list("case_id", "moved", "since_end")
    )
    for case_id, action, since in events.union(rows_moved):
        if action == "extend_acceptance" and since:
            action = _MOVED  # `accept_by` moved after the end, no row with it
        found[action].add(case_id)
    return EventCases(
        reopened=tuple(sorted(found["reopen"])),
        suspended=tuple(sorted(found["suspend"])),
        acceptance_extended=tuple(sorted(found["extend_acceptance"])),
        deadlines_moved=tuple(sorted(found[_MOVED])),
    )


def with_state_at_end(queryset, *, until: datetime.datetime, events: EventCases):
    """Alias `exit_at`, `status_at_end`, `concluded_at_end` and `finding_at_end`: the case's
    own fields, or, for a case reopened after `until` (`events.reopened`)
    that had left the handling by then, what its events before `until` recorded."""
    if not events.reopened:  # none: every case's own fields (and no events in the query)
        return queryset.alias(
            status_at_end=F("status"),
            concluded_at_end=F("concluded_at"),
            finding_at_end=F("finding"),
            exit_at=exit_at(),
        )
    changes = (
        CaseEvent.objects.filter(case=OuterRef("pk"), at__lt=until)
        .exclude(to_status="")
        .exclude(to_status=F("from_status"))
        .order_by("-at", "-id")
    )
    conclusions = changes.filter(to_status=CaseStatus.CONCLUDED)
    reopened_later = Q(among(events.reopened))
    queryset = queryset.alias(
        # Of a case reopened after the end, the status its last change before the end left
        # it in; None for any other case.
        reopened_from=Conditional(
            When(reopened_later, then=Subquery(changes.values("to_status")[:1])),
            default=Value(None),
        ),
        # The moment it left then: its last step into a way out other than the close that
        # follows a conclusion (so a resolved case's conclusion), else its last change.
        left_then=Coalesce(
            Subquery(
                changes.filter(to_status__in=(CaseStatus.CONCLUDED, *OTHER_EXIT_STATUSES)).values(
                    "at"
                )[:1]
            ),
            Subquery(changes.values("at")[:1]),
        ),
        concluded_then=Subquery(conclusions.values("at")[:1]),
        finding_then=Coalesce(
            Subquery(conclusions.annotate(said=KT("data__finding")).values("said")[:1]),
            Value(""),
            output_field=CharField(),
        ),
    )
    out_then = Q(reopened_from__in=EXIT_STATUSES)
    return queryset.alias(
        status_at_end=Conditional(When(out_then, then=F("reopened_from")), default=F("status")),
        concluded_at_end=Conditional(
            When(out_then, then=F("concluded_then")), default=F("concluded_at")
        ),
        finding_at_end=Conditional(
            When(out_then, then=F("finding_then")), default=F("finding"), output_field=CharField()
        ),
        exit_at=Conditional(When(out_then, then=F("left_then")), default=exit_at()),
    )
