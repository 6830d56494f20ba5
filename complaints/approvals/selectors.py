"""Reads of drafts: the leaders' queue, a person's own drafts, a case's drafts."""

from __future__ import annotations

import datetime

from complaints.approvals.models import OPEN_DRAFT_STATUSES, Draft, DraftStatus
from complaints.approvals.services import APPROVE_PERMISSION
from complaints.kinds import CaseStatus
from complaints.models import Case

# The deadline a draft races against: the step its case waits on.
_WAITING = {
    CaseStatus.RECEIVED: "accept_by",
    CaseStatus.NEEDS_INFO: "accept_by",
    CaseStatus.ACCEPTED: "resolve_by",
    CaseStatus.VERIFYING: "resolve_by",
    CaseStatus.SUSPENDED: "resolve_by",
}


def due_field(case) -> str | None:
    """The case's field holding the deadline its drafts race against ("accept_by" before
    thụ lý, "resolve_by" after), or None when it waits on neither."""
    return _WAITING.get(case.status)


def draft_due(draft: Draft) -> datetime.date | None:
    field = due_field(draft.case)
    return getattr(draft.case, field) if field else None


def _with_relations(queryset):
    return queryset.select_related("case", "author", "unit", "decided_by")


def approval_queue(*, user) -> list[Draft]:
    """ "Chờ phê duyệt": the pending drafts `user` may decide — their cases in the
    user's scope (`Case.objects.in_scope_of`: a unit's leader sees their unit's), never
    their own, and a complaint's or a denunciation's decision only when the user leads its
    competent unit (`complaints.rules.resolver`: a Sở leader does not approve a facility's)
    — the nearest deadline first. Three queries whatever the length."""
    from complaints.rules.resolver import is_competent_leader, is_head_decision

    if not user.has_perm(APPROVE_PERMISSION):
        return []
    drafts = [
        draft
        for draft in _with_relations(
            Draft.objects.filter(
                status=DraftStatus.PENDING,
                case__in=Case.objects.in_scope_of(user).values("pk"),
            ).exclude(author=user)
        )
        if not is_head_decision(case=draft.case, action=draft.action)
        or is_competent_leader(case=draft.case, user=user)
    ]
    far = datetime.date.max
    drafts.sort(key=lambda d: (draft_due(d) or far, d.proposed_at, d.pk))
    return drafts


def own_drafts(*, user) -> list[Draft]:
    """The user's open drafts (pending, or returned to them with comments)."""
    return list(
        _with_relations(
            Draft.objects.filter(author=user, status__in=OPEN_DRAFT_STATUSES).order_by(
                "-proposed_at"
            )
        ).prefetch_related("comments__author")
    )


def case_drafts(*, case) -> list[Draft]:
    """Every draft of a case (its history of proposals), newest first.

    Read through `case.drafts`: each draft points at the `case` in hand, so the case
    row (some sixty columns) is neither joined nor built again (the case page)."""
    return list(
        case.drafts.select_related("author", "unit", "decided_by")
        .order_by("-proposed_at", "-id")
        .prefetch_related("comments__author")
    )


def draft_in_scope(*, user, draft_id: int) -> Draft | None:
    return (
        _with_relations(
            Draft.objects.filter(pk=draft_id, case__in=Case.objects.in_scope_of(user).values("pk"))
        )
        .prefetch_related("comments__author")
        .first()
    )
