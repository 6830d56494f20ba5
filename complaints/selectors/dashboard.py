"""Staff dashboard counters: what waits for the user, within their scope.

One aggregate query over `Case.objects.in_scope_of(user)` (plus the scope's own
look-up of the user's facilities), whatever the number of cases. The conditions
come from the queryset vocabulary (`open()`, `overdue()`, `due_within()`,
`unassigned()`), so the counters and the workspace filters cannot disagree."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.db.models import Count, Q
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case

# "Sắp đến hạn": due within this many working days (issue 5).
DUE_SOON_WORKING_DAYS = 3


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


def _subquery(queryset) -> Q:
    return Q(pk__in=queryset.values("pk"))


def dashboard_counters(*, user, today: datetime.date | None = None) -> DashboardCounters:
    """Counts per state and kind, overdue, due within 3 working days, unassigned
    and the user's own open cases, over the cases in the user's scope only."""
    today = today or timezone.localdate()
    horizon = due_soon_horizon(today=today)
    cases = Case.objects.all()
    open_cases = cases.open()
    aggregates = {
        "total": Count("pk"),
        "open": Count("pk", filter=_subquery(open_cases)),
        # overdue() and due_within() name the states they wait in, notices included.
        "overdue": Count("pk", filter=_subquery(cases.overdue(at=today))),
        "due_soon": Count(
            "pk",
            filter=_subquery(cases.due_within(days=(horizon - today).days, at=today)),
        ),
        "unassigned": Count("pk", filter=_subquery(open_cases.unassigned())),
        "mine": Count("pk", filter=_subquery(open_cases.filter(assigned_user_id=user.pk))),
    }
    for status in CaseStatus.values:
        aggregates[f"status__{status}"] = Count("pk", filter=Q(status=status))
    for kind in CaseKind.values:
        aggregates[f"kind__{kind}"] = Count("pk", filter=Q(kind=kind))
    row = Case.objects.in_scope_of(user).order_by().aggregate(**aggregates)
    return DashboardCounters(
        total=row["total"],
        open=row["open"],
        overdue=row["overdue"],
        due_soon=row["due_soon"],
        unassigned=row["unassigned"],
        mine=row["mine"],
        by_status={status: row[f"status__{status}"] for status in CaseStatus.values},
        by_kind={kind: row[f"kind__{kind}"] for kind in CaseKind.values},
        today=today,
        due_soon_until=horizon,
    )
