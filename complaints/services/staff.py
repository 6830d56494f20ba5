"""A staff member's units, and their cases when they leave a unit or stop working.

The one write path of `FacilityMembership` (the user form of the admin calls it). When an
administrator deactivates a handler or moves them out of a unit, their open cases (all of
them, or those of the units they leave) are unassigned in the same transaction, each with
a case event "Bỏ giao cán bộ xử lý", so they show under "Chưa giao cán bộ" and a leader
assigns them again. Unassigning at the change keeps "unassigned" the one indexed condition
`assigned_user IS NULL` that the dashboard counters, the list filter and the search index
read (docs/benchmarks.md "Dashboard counters"), instead of a join through memberships,
groups and permissions on every count."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.models import Case, CaseEvent, FacilityMembership
from complaints.selectors.history import staff_name
from complaints.signals import case_event_recorded

HANDLER_RELEASED = "handler_released"


def staff_units_set(*, user, units, receives_notifications: bool | None = None) -> None:
    """Make `units` (facilities) the units `user` works for: memberships of other units are
    deleted, new ones created (each change a history row, simple-history). With
    `receives_notifications` given, every membership of the user takes that value."""
    wanted = {facility.pk for facility in units}
    with transaction.atomic():
        current = {m.facility_id: m for m in user.facility_memberships.select_for_update()}
        for facility_id, membership in current.items():
            if facility_id not in wanted:
                membership.delete()
            elif (
                receives_notifications is not None
                and membership.receives_notifications != receives_notifications
            ):
                membership.receives_notifications = receives_notifications
                membership.save(update_fields=["receives_notifications"])
        for facility_id in sorted(wanted - set(current)):
            FacilityMembership.objects.create(
                user=user,
                facility_id=facility_id,
                receives_notifications=(
                    True if receives_notifications is None else receives_notifications
                ),
            )
    for cached in ("_case_scope_unit_ids", "_case_scope_roots"):
        user.__dict__.pop(cached, None)


def held_cases(user):
    """The open cases `user` is the handler of."""
    return Case.objects.open().filter(assigned_user_id=user.pk)


def cases_released_by(user, *, active: bool, units):
    """The open cases `user` handles that a change would leave without a handler: all of
    them when the account is deactivated, else those of the units the user leaves."""
    held = held_cases(user)
    if not active:
        return held
    kept = {facility.pk for facility in units}
    left = [pk for pk in user.facility_memberships.values_list("facility_id", flat=True)
            if pk not in kept]
    return held.filter(assigned_unit_id__in=left)


def staff_cases_release(*, user, case_ids, actor, origin: str = "admin") -> list[CaseEvent]:
    """Unassign the cases `case_ids` that `user` still handles (`cases_released_by`, read
    before the change): each case row locked, saved without
    its handler (history user `actor`, reason `origin=<origin> action=case_handler_released`),
    an internal `CaseEvent` "handler_released"; `case_event_recorded` after commit (the
    counters, the live lists, the search index follow). Returns the events."""
    events = []
    now = timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        locked = Case.objects.select_for_update().filter(
            pk__in=list(case_ids), assigned_user_id=user.pk
        )
        note = _("Đã bỏ giao do cán bộ %(name)s nghỉ hoặc chuyển đơn vị.") % {
            "name": staff_name(user)
        }
        for case in locked.order_by("pk"):
            case.assigned_user = None
            case._history_user = actor
            case._change_reason = f"origin={origin} action=case_{HANDLER_RELEASED}"
            case.save(update_fields=["assigned_user", "updated_at"])
            event = CaseEvent.objects.create(
                case=case,
                action=HANDLER_RELEASED,
                from_status=case.status,
                to_status=case.status,
                actor=actor,
                at=now,
                note=note,
                data={"origin": origin, "user": user.get_username()},
            )
            events.append(event)
            transaction.on_commit(
                lambda case=case, event=event: case_event_recorded.send(
                    sender=Case, case=case, event=event
                )
            )
    return events
