"""Reads of drafts: the leaders' queue, a person's own drafts, a case's drafts."""

from __future__ import annotations

import datetime

from complaints.approvals.deciders import decide_refusal, reads_drafts_of
from complaints.approvals.models import OPEN_DRAFT_STATUSES, Draft, DraftStatus
from complaints.approvals.services import APPROVE_PERMISSION
from complaints.kinds import CaseStatus
from complaints.models import Case
from complaints.querysets import current_due_field


def due_field(case) -> str | None:
    """The case's field holding the deadline its drafts race against: the step it waits on,
    as the case page and the workspace list read it (`complaints.querysets.current_due_field`:
    a press case's notice of measures to the outlet or the answer asked for, the earlier),
    and a suspended case's resolution deadline (its resumption); None when it waits on
    neither."""
    if case.status == CaseStatus.SUSPENDED:
        return "resolve_by"
    return current_due_field(case)


def draft_due(draft: Draft) -> datetime.date | None:
    field = due_field(draft.case)
    return getattr(draft.case, field) if field else None


def _with_relations(queryset):
    return queryset.select_related("case", "author", "unit", "decided_by")


def approval_queue(*, user) -> list[Draft]:
    """ "Chờ phê duyệt": the pending drafts of the cases in `user`'s scope
    (`Case.objects.in_scope_of`) that `user` may decide (`deciders.decide_refusal`: never
    their own, a complaint's or a denunciation's decision only for its competent unit's
    leaders, a press case's only for the press office), the nearest deadline first. Three
    queries whatever the length."""
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
        if decide_refusal(draft=draft, user=user) is None
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
    """The draft, if its case is in `user`'s scope and they may read its drafts
    (`deciders.reads_drafts_of`: a press case's are the press office's), or their own."""
    draft = (
        _with_relations(
            Draft.objects.filter(pk=draft_id, case__in=Case.objects.in_scope_of(user).values("pk"))
        )
        .prefetch_related("comments__author")
        .first()
    )
    if draft is None or draft.author_id == user.pk:
        return draft
    return draft if reads_drafts_of(case=draft.case, user=user) else None
