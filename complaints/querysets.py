"""The vocabulary of queries: `Case.objects.open().overdue(at=…).in_scope_of(user)`."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

from complaints.kinds import CLOSED_STATUSES, CaseKind, CaseStatus


class FacilityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def subtree_ids(self, root_ids) -> set[int]:
        """The ids of the given facilities and every facility below them.

        One query over (id, parent) pairs: the tree holds hundreds of rows, and
        this keeps scope independent of the tree's depth."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in self.model.objects.values_list("id", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found, stack = set(), list(root_ids)
        while stack:
            pk = stack.pop()
            if pk in found:
                continue
            found.add(pk)
            stack.extend(children.get(pk, ()))
        return found


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES).exclude(status=CaseStatus.CONCLUDED)

    def overdue(self, *, at: datetime.date | None = None):
        """Open cases past the deadline of the step they are waiting on."""
        today = at or timezone.localdate()
        waiting_acceptance = models.Q(
            status__in=[CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO], accept_by__lt=today
        )
        waiting_resolution = models.Q(
            status__in=[CaseStatus.ACCEPTED, CaseStatus.VERIFYING], resolve_by__lt=today
        )
        return self.filter(waiting_acceptance | waiting_resolution)

    def due_within(self, *, days: int, at: datetime.date | None = None):
        today = at or timezone.localdate()
        horizon = today + datetime.timedelta(days=days)
        waiting_acceptance = models.Q(
            status__in=[CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO],
            accept_by__gte=today,
            accept_by__lte=horizon,
        )
        waiting_resolution = models.Q(
            status__in=[CaseStatus.ACCEPTED, CaseStatus.VERIFYING],
            resolve_by__gte=today,
            resolve_by__lte=horizon,
        )
        return self.filter(waiting_acceptance | waiting_resolution)

    def unassigned(self):
        return self.filter(assigned_user__isnull=True)

    def in_scope_of(self, user):
        """The one place that decides which cases a staff member may see or act on.

        - `view_all_cases` (intake officers, inspectors, leaders, administrators): the province;
        - `view_press_cases` (press office): every press-report case;
        - facility handlers: cases routed to their facilities and the facilities below.
        Anyone else, and anonymous users, see nothing."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or user.has_perm("complaints.view_all_cases"):
            return self
        scope = models.Q(pk__in=[])
        if user.has_perm("complaints.view_press_cases"):
            scope |= models.Q(kind=CaseKind.BAO_CHI)
        unit_ids = facility_scope_of(user)
        if unit_ids:
            scope |= models.Q(assigned_unit_id__in=unit_ids)
        return self.filter(scope)


def facility_scope_of(user) -> frozenset[int]:
    """The units `user` works for (FacilityMembership), with every unit below them:
    the one definition of a user's facility subtree (case scope, the denounced
    facility's staff, who may handle a case).

    Kept on the user object for the rest of its request (or WebSocket message:
    the consumer reloads the user each time), so a page that asks for the scope
    several times reads the tree once."""
    cached = getattr(user, "_case_scope_unit_ids", None)
    if cached is None:
        from complaints.models import Facility

        roots = list(user.facility_memberships.values_list("facility_id", flat=True))
        cached = frozenset(Facility.objects.subtree_ids(roots)) if roots else frozenset()
        user._case_scope_unit_ids = cached
        user._case_scope_roots = frozenset(roots)  # the units themselves (identity rules)
    return cached
