"""Who of a unit is e-mailed when a case reaches it (issue 11, item 2).

The unit decides: each member's `FacilityMembership.receives_notifications`. Who may set
it for a unit: an administrator (or whoever may change memberships), the Sở's leaders
(`approve_case` with `view_all_cases`), and the unit's own leaders (members holding
`approve_case`). One write path: `unit_notified_set`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from complaints.models import Facility, FacilityMembership

MANAGE_ALL = "complaints.change_facilitymembership"
LEADER = "complaints.approve_case"


def units_managed_by(user):
    """The units whose notification list `user` may set."""
    if not user.is_active:
        return Facility.objects.none()
    if user.is_superuser or user.has_perm(MANAGE_ALL):
        return Facility.objects.active().order_by("name")
    if not user.has_perm(LEADER):
        return Facility.objects.none()
    if user.has_perm("complaints.view_all_cases"):  # a leader of the Sở: every unit
        return Facility.objects.active().order_by("name")
    return Facility.objects.filter(memberships__user=user).order_by("name").distinct()


def unit_notified_set(*, facility: Facility, user_ids, actor) -> list[FacilityMembership]:
    """Set who of `facility`'s members receives its e-mails: exactly `user_ids`.

    All in one transaction; ids that are not members of the unit are refused
    (ValueError) and nothing changes. Returns the unit's memberships."""
    if not units_managed_by(actor).filter(pk=facility.pk).exists():
        raise PermissionDenied(_("Bạn không quản lý danh sách nhận thông báo của đơn vị này."))
    wanted = {int(pk) for pk in user_ids}
    with transaction.atomic():
        memberships = list(FacilityMembership.objects.select_for_update().filter(facility=facility))
        unknown = wanted - {m.user_id for m in memberships}
        if unknown:
            raise ValueError(_("Có người không thuộc đơn vị."))
        for membership in memberships:
            receives = membership.user_id in wanted
            if membership.receives_notifications != receives:
                membership.receives_notifications = receives
                membership.save(update_fields=["receives_notifications"])
    return memberships
