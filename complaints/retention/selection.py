"""Which closed cases the retention policy has expired (`complaints.retention.policy`).

A case is expired when it is closed (`CLOSED_STATUSES`, with its `closed_at`), its
personal data is not destroyed yet, it is under no legal hold, no case linked to it (a
second-time complaint, a part split from it) is still open, and the later of its closing
and the citizen's last interaction is at least its kind's months ago. The citizen's
interactions the portal records: what they sent to the case (events of origin "citizen":
the filing, a reply with more information, a withdrawal), their rating, a PIN re-sent at
their request. One query whatever the number of cases."""

from __future__ import annotations

import datetime

from django.db.models import Case as ExpressionCase
from django.db.models import DateTimeField, F, Max, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest

from complaints.kinds import CLOSED_STATUSES, CaseStatus
from complaints.models import Case, CaseEvent, PinReissue
from complaints.retention.policy import months_before, retention_rules

__all__ = ["expired_cases", "last_interaction", "still_expired"]

OPEN_STATUSES = frozenset(CaseStatus.values) - CLOSED_STATUSES


def _latest(queryset, field: str):
    return Subquery(
        queryset.filter(case=OuterRef("pk")).order_by().values("case").annotate(m=Max(field))
        .values("m")[:1]
    )  # fmt: skip


def last_interaction():
    """The later of the case's closing and the citizen's last interaction (an expression;
    each part falls back to `closed_at`, as SQLite's MAX() is NULL when one argument is)."""
    closed = F("closed_at")
    return Greatest(
        closed,
        Coalesce("rated_at", closed),
        Coalesce(_latest(CaseEvent.objects.filter(data__origin="citizen"), "at"), closed),
        Coalesce(_latest(PinReissue.objects.all(), "created_at"), closed),
    )


def expired_cases(*, now: datetime.datetime) -> QuerySet[Case]:
    """The cases whose citizen's personal data the policy says to destroy at `now`. Each
    kind's cutoff is one CASE expression, so the last interaction is computed once a row,
    and only for the closed cases whose closing is already past their kind's cutoff."""
    cutoffs = [
        When(kind=kind, then=Value(months_before(now, rule.months)))
        for kind, rule in retention_rules().items()
    ]
    cutoff = ExpressionCase(*cutoffs, output_field=DateTimeField())
    return (
        Case.objects.filter(
            status__in=CLOSED_STATUSES,
            closed_at__isnull=False,
            personal_data_destroyed_at__isnull=True,
            retention_hold=False,
        )
        .annotate(retention_cutoff=cutoff)
        .filter(closed_at__lte=F("retention_cutoff"))
        .exclude(linked_cases__status__in=OPEN_STATUSES)
        .annotate(last_interaction=last_interaction())
        .filter(last_interaction__lte=F("retention_cutoff"))
    )


def still_expired(case: Case, *, now: datetime.datetime) -> bool:
    """`expired_cases`' conditions again, for one case just locked (what may have changed
    since it was selected: its state, a hold, a rating, a PIN re-sent, a linked case
    opened). Cheaper than the selection's query: three look-ups by the case's id."""
    if (
        case.status not in CLOSED_STATUSES
        or case.closed_at is None
        or case.personal_data_destroyed_at is not None
        or case.retention_hold
    ):
        return False
    cutoff = months_before(now, retention_rules()[case.kind].months)
    if case.closed_at > cutoff or (case.rated_at is not None and case.rated_at > cutoff):
        return False
    if PinReissue.objects.filter(case=case, created_at__gt=cutoff).exists():
        return False
    later = CaseEvent.objects.filter(case=case, at__gt=cutoff, data__origin="citizen")
    if later.exists():
        return False
    return not Case.objects.filter(parent_case=case, status__in=OPEN_STATUSES).exists()
