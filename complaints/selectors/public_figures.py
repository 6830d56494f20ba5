"""The figures the home page publishes about the last days' work."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from complaints.kinds import CaseStatus
from complaints.models import Case
from complaints.reports.periods import ON_TIME
from portal.local_days import local_bounds

RESOLVED_STATUSES = (CaseStatus.CONCLUDED, CaseStatus.CLOSED)


@dataclass(frozen=True)
class PublicFigures:
    days: int
    start: datetime.date
    end: datetime.date
    received: int
    resolved: int
    resolved_on_time: int
    resolved_with_deadline: int  # the on-time rate's denominator (a press case has none)
    on_time_rate: float | None  # 0–1, among those with a deadline; None when none
    average_rating: float | None  # 1–5; None when nobody rated
    ratings_count: int


def public_figures(*, days: int = 30, today: datetime.date | None = None) -> PublicFigures:
    """Cases received, resolved (on time) and rated in the `days` days ending
    `today` (local dates, both ends included), in one query.

    - received: received in the window;
    - resolved: concluded in the window and now concluded or closed;
    - resolved on time: of those, concluded on or before the resolution deadline
      (`resolve_by`) in force on the case;
    - average rating: of the ratings given in the window (1–5)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    end = today or timezone.localdate()
    start = end - datetime.timedelta(days=days - 1)
    tz = timezone.get_current_timezone()
    since, until = local_bounds(start, end, tz)

    received = Q(received_at__gte=since, received_at__lt=until)
    resolved = Q(concluded_at__gte=since, concluded_at__lt=until, status__in=RESOLVED_STATUSES)
    on_time = resolved & ON_TIME
    with_deadline = resolved & Q(resolve_by__isnull=False)
    rated = Q(rated_at__gte=since, rated_at__lt=until, rating__isnull=False)

    row = (
        Case.objects.filter(received | resolved | rated)
        .annotate(concluded_on=TruncDate("concluded_at", tzinfo=tz))
        .aggregate(
            received=Count("pk", filter=received),
            resolved=Count("pk", filter=resolved),
            resolved_on_time=Count("pk", filter=on_time),
            resolved_with_deadline=Count("pk", filter=with_deadline),
            ratings_count=Count("pk", filter=rated),
            average_rating=Avg("rating", filter=rated),
        )
    )
    resolved_count = row["resolved"]
    average = row["average_rating"]
    return PublicFigures(
        days=days,
        start=start,
        end=end,
        received=row["received"],
        resolved=resolved_count,
        resolved_on_time=row["resolved_on_time"],
        resolved_with_deadline=row["resolved_with_deadline"],
        # Among the resolved cases that had a deadline to keep (one without is not late).
        on_time_rate=(row["resolved_on_time"] / row["resolved_with_deadline"]
                      if row["resolved_with_deadline"] else None),
        average_rating=round(float(average), 2) if average is not None else None,
        ratings_count=row["ratings_count"],
    )


# The fields name the cache key: a copy cached by a release whose PublicFigures had other
# fields is never read back (the home page would miss the new one).
_SHAPE = "-".join(field.name for field in fields(PublicFigures))


def cached_public_figures(*, days: int = 30) -> PublicFigures:
    """`public_figures` for today, kept in the cache `PORTAL_PUBLIC_FIGURES_SECONDS`
    (5 minutes by default): the home page shows them to every visitor, and aggregating
    the window's cases on every request costs more than figures a few minutes old."""
    from django.conf import settings

    from portal.single_flight import get_or_compute

    today = timezone.localdate()
    key = f"public-figures:{_SHAPE}:{days}:{today.isoformat()}"
    return get_or_compute(  # one request computes them, the others wait for its result
        key, lambda: public_figures(days=days, today=today),
        timeout=getattr(settings, "PORTAL_PUBLIC_FIGURES_SECONDS", 300),
    )
