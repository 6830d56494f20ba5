"""Local-date windows as aware datetimes, and the on-time rule shared by every figure."""

from __future__ import annotations

import datetime

from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from complaints.kinds import CaseStatus

# A case counts as resolved once concluded (kết luận / quyết định giải quyết), then closed.
RESOLVED_STATUSES = (CaseStatus.CONCLUDED, CaseStatus.CLOSED)


def local_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """[start 00:00, the day after end 00:00) in the portal's time zone."""
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz)
    until = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), tz
    )
    return since, until


def with_concluded_on(queryset):
    """Annotate `concluded_on`, the local date of the conclusion."""
    return queryset.annotate(
        concluded_on=TruncDate("concluded_at", tzinfo=timezone.get_current_timezone())
    )


def resolved_between(since, until) -> Q:
    return Q(concluded_at__gte=since, concluded_at__lt=until, status__in=RESOLVED_STATUSES)


# On time: concluded on or before the resolution deadline in force on the case (`resolve_by`,
# which extensions and suspensions move as the law says), and never lengthened once it had
# run out (`Case.resolution_expired_on`: an extension decided after the deadline does not
# make a late case an on-time one). Needs `with_concluded_on`.
ON_TIME = Q(
    resolve_by__isnull=False, resolution_expired_on__isnull=True,
    concluded_on__lte=F("resolve_by"),
)
LATE = Q(resolve_by__isnull=False) & (
    Q(concluded_on__gt=F("resolve_by")) | Q(resolution_expired_on__isnull=False)
)
