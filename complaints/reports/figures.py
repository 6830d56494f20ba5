"""The inspector's dashboard: where to act, within the user's scope (issue 11 §4).

- cases received per week (the last 12 weeks, this one included);
- on-time rate per unit over the last 12 months (`periods.ON_TIME`);
- open, overdue and due within 3 working days, by unit, by kind and by category;
- the average satisfaction rating given in the last 12 months.

Six queries whatever the number of cases (pinned by tests): four aggregates over
`Case.objects.in_scope_of(user)` and the names of the units and categories they mention; plus
the scope's own look-up for a facility handler. Every figure carries the workspace list's
query string that shows the same cases (`links.py`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from complaints.kinds import CaseKind
from complaints.models import Case, Category, Facility
from complaints.querysets import (
    due_within_condition,
    open_condition,
    overdue_condition,
    verification_overdue_condition,
)
from complaints.reports import links
from complaints.reports.numbers import DIGITS
from complaints.reports.periods import (
    LATE,
    ON_TIME,
    resolved_between,
    with_concluded_on,
)
from complaints.selectors.dashboard import (
    CACHE_SECONDS,
    counters_generation,
    due_soon_horizon,
    scope_key,
)
from portal.local_days import local_bounds
from portal.single_flight import get_or_compute

WEEKS = 12
MONTHS_WINDOW_DAYS = 365


@dataclass(frozen=True)
class WeekCount:
    start: datetime.date
    end: datetime.date
    count: int
    query: str


@dataclass(frozen=True)
class OnTimeRow:
    """A unit's resolved cases: on time, late, and those that had no deadline to keep (a
    press case, a note taken without a period), which are neither and not in the rate,
    as in the periodic report (`PeriodReport.on_time_rate`)."""

    unit_id: int | None
    label: str
    resolved: int
    on_time: int
    late: int
    query: str
    late_query: str

    @property
    def without_deadline(self) -> int:
        return self.resolved - self.on_time - self.late

    @property
    def rate(self) -> float | None:
        with_deadline = self.on_time + self.late
        return self.on_time / with_deadline if with_deadline else None

    @property
    def percent(self) -> float | None:
        """The rate in percent as the page's chart reads it (66.7); a person reads
        `rate|percent` (`numbers.percent`: "66,7%")."""
        return round(100 * self.rate, DIGITS) if self.rate is not None else None


@dataclass(frozen=True)
class WorkloadRow:
    """Open, overdue and due-soon cases of one unit, kind or category, and those being
    verified past their period without a report (`verification_overdue_condition`)."""

    key: str
    label: str
    open: int
    overdue: int
    due_soon: int
    verification_overdue: int
    open_query: str
    overdue_query: str
    due_soon_query: str
    verification_overdue_query: str


@dataclass(frozen=True)
class SteeringFigures:
    today: datetime.date
    due_soon_until: datetime.date
    since: datetime.date  # start of the 12-month window
    weeks: list[WeekCount]
    on_time_by_unit: list[OnTimeRow]
    by_unit: list[WorkloadRow]
    by_kind: list[WorkloadRow]
    by_category: list[WorkloadRow]
    average_rating: float | None
    ratings_count: int
    ratings_query: str
    totals: dict = field(default_factory=dict)

    @property
    def on_time_rate(self) -> float | None:
        """On time among the resolved cases that had a deadline to keep."""
        on_time = sum(row.on_time for row in self.on_time_by_unit)
        late = sum(row.late for row in self.on_time_by_unit)
        return on_time / (on_time + late) if on_time + late else None

    @property
    def resolved_without_deadline(self) -> int:
        return sum(row.without_deadline for row in self.on_time_by_unit)


FIGURES_VERSION = 3


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def steering_figures(*, user, today: datetime.date | None = None) -> SteeringFigures:
    """The figures of the dashboard for `user` (see the module's docstring), kept in the cache
    per scope until a case changes, like the counters (`complaints.selectors.dashboard`)."""
    today = today or timezone.localdate()
    # FIGURES_VERSION moves when the figures gain a field: a copy cached by the code before
    # would lack it (the verifications past their period, then the late count, 6 December
    # 2026).
    key = (
        f"dashboard:steering:{FIGURES_VERSION}:{counters_generation()}:{scope_key(user)}:"
        f"{today.isoformat()}"
    )
    return get_or_compute(  # one reader computes, the others of the scope wait for it
        key, lambda: _steering_figures(user=user, today=today), timeout=CACHE_SECONDS
    )


def resolved_by_unit(scope, since, until):
    """Per unit, the cases of `scope` resolved between `since` and `until`, how many of
    them on time and how many late (the index `case_resolved_window` serves it)."""
    return (
        with_concluded_on(scope.filter(resolved_between(since, until)))
        .values("assigned_unit")
        .annotate(
            resolved=Count("pk"), on_time=Count("pk", filter=ON_TIME), late=Count("pk", filter=LATE)
        )
    )


def ratings_given(scope, since, until):
    """The cases of `scope` rated between `since` and `until` (`case_rated_window`)."""
    return scope.filter(rated_at__gte=since, rated_at__lt=until, rating__isnull=False)


def _steering_figures(*, user, today: datetime.date) -> SteeringFigures:
    tz = timezone.get_current_timezone()
    horizon = due_soon_horizon(today=today)
    scope = Case.objects.in_scope_of(user).order_by()

    # 1. Received per week.
    first_monday = _monday(today) - datetime.timedelta(weeks=WEEKS - 1)
    since, until = local_bounds(first_monday, today)
    per_week = {
        (row["week"].date() if isinstance(row["week"], datetime.datetime) else row["week"]): row[
            "n"
        ]
        for row in scope.filter(received_at__gte=since, received_at__lt=until)
        .annotate(week=TruncWeek("received_at", tzinfo=tz))
        .values("week")
        .annotate(n=Count("pk"))
    }
    weeks = []
    for n in range(WEEKS):
        start = first_monday + datetime.timedelta(weeks=n)
        end = min(start + datetime.timedelta(days=6), today)
        weeks.append(
            WeekCount(
                start=start,
                end=end,
                count=per_week.get(start, 0),
                query=links.query(received_from=start, received_to=end),
            )
        )

    # 2. On time per unit, over the cases concluded in the last 12 months.
    window_start = today - datetime.timedelta(days=MONTHS_WINDOW_DAYS - 1)
    w_since, w_until = local_bounds(window_start, today)
    on_time_rows = list(resolved_by_unit(scope, w_since, w_until))

    # 3. Open, overdue, due soon by (unit, kind, category), folded three ways below. Overdue
    # and due soon are the counters' and the list filter's conditions as they are: a
    # notice to the parties still owed after the decision counts in any state
    # (`overdue_condition`), so the cases counted are the open ones and those.
    overdue = overdue_condition(at=today)
    due_soon = due_within_condition(days=(horizon - today).days, at=today)
    is_open = open_condition()
    workload = list(
        scope.filter(is_open | overdue | due_soon)
        .values("assigned_unit", "kind", "category")
        .annotate(
            open=Count("pk", filter=is_open),
            overdue=Count("pk", filter=overdue),
            due_soon=Count("pk", filter=due_soon),
            verification_overdue=Count("pk", filter=verification_overdue_condition(at=today)),
        )
    )

    # 4. Satisfaction.
    rating = ratings_given(scope, w_since, w_until).aggregate(
        average=Avg("rating"), count=Count("pk")
    )

    unit_ids = {row["assigned_unit"] for row in on_time_rows + workload} - {None}
    category_ids = {row["category"] for row in workload} - {None}
    units = (
        {
            pk: (code, name)
            for pk, code, name in Facility.objects.filter(pk__in=unit_ids).values_list(
                "pk", "code", "name"
            )
        }
        if unit_ids
        else {}
    )
    categories = (
        {
            pk: (code, name)
            for pk, code, name in Category.objects.filter(pk__in=category_ids).values_list(
                "pk", "code", "name"
            )
        }
        if category_ids
        else {}
    )

    concluded = {"concluded_from": window_start, "concluded_to": today}
    on_time_by_unit = sorted(
        (
            OnTimeRow(
                unit_id=row["assigned_unit"],
                label=_unit_label(units, row["assigned_unit"]),
                resolved=row["resolved"],
                on_time=row["on_time"],
                late=row["late"],
                query=links.query(unit=_unit_code(units, row["assigned_unit"]), **concluded),
                late_query=links.query(
                    unit=_unit_code(units, row["assigned_unit"]), late=1, **concluded
                ),
            )
            for row in on_time_rows
        ),
        key=lambda row: (row.rate if row.rate is not None else 2, row.label),
    )

    by_unit = _fold(
        workload,
        "assigned_unit",
        label=lambda pk: _unit_label(units, pk),
        param=lambda pk: {"unit": _unit_code(units, pk)},
    )
    kind_labels = dict(CaseKind.choices)
    by_kind = _fold(
        workload,
        "kind",
        label=lambda code: str(kind_labels.get(code, code)),
        param=lambda code: {"kind": code},
    )
    by_category = _fold(
        workload,
        "category",
        label=lambda pk: categories.get(pk, ("", _no_category()))[1],
        param=lambda pk: {"category": categories.get(pk, ("",))[0] or None},
    )
    totals = {
        "open": sum(row["open"] for row in workload),
        "overdue": sum(row["overdue"] for row in workload),
        "due_soon": sum(row["due_soon"] for row in workload),
        "verification_overdue": sum(row["verification_overdue"] for row in workload),
        "received_12_weeks": sum(week.count for week in weeks),
    }
    average = rating["average"]
    return SteeringFigures(
        today=today,
        due_soon_until=horizon,
        since=window_start,
        weeks=weeks,
        on_time_by_unit=on_time_by_unit,
        by_unit=by_unit,
        by_kind=by_kind,
        by_category=by_category,
        average_rating=round(float(average), 2) if average is not None else None,
        ratings_count=rating["count"],
        ratings_query=links.query(rated_from=window_start, rated_to=today),
        totals=totals,
    )


def _fold(rows, key, *, label, param) -> list[WorkloadRow]:
    totals: dict = {}
    for row in rows:
        entry = totals.setdefault(row[key], [0, 0, 0, 0])
        entry[0] += row["open"]
        entry[1] += row["overdue"]
        entry[2] += row["due_soon"]
        entry[3] += row["verification_overdue"]
    result = []
    for value, (open_count, overdue_count, due_soon_count, late_verifications) in totals.items():
        params = param(value)
        result.append(
            WorkloadRow(
                key="" if value is None else str(value),
                label=str(label(value)),
                open=open_count,
                overdue=overdue_count,
                due_soon=due_soon_count,
                verification_overdue=late_verifications,
                open_query=links.query(status="open", **params),
                overdue_query=links.query(overdue=1, **params),
                due_soon_query=links.query(due_soon=1, order="due", **params),
                verification_overdue_query=links.query(verification_overdue=1, **params),
            )
        )
    # The most overdue first: that is where to act.
    return sorted(result, key=lambda row: (-row.overdue, -row.due_soon, -row.open, row.label))


def _unit_code(units, pk) -> str:
    return units[pk][0] if pk in units else links.NO_UNIT


def _unit_label(units, pk) -> str:
    from django.utils.translation import gettext

    return units[pk][1] if pk in units else gettext("Chưa phân công đơn vị")


def _no_category() -> str:
    from django.utils.translation import gettext

    return gettext("Chưa phân loại lĩnh vực")
