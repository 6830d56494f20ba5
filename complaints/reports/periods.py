"""The resolved cases and the on-time rule shared by every figure (a period's bounds:
`portal.local_days.local_bounds`)."""

from __future__ import annotations

from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from complaints.kinds import CaseStatus

# A case counts as resolved once concluded (kết luận / quyết định giải quyết), then closed.
RESOLVED_STATUSES = (CaseStatus.CONCLUDED, CaseStatus.CLOSED)


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
