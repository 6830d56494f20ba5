"""Who works for a unit: the staff offered in "Giao xử lý" (issue 11, item 2).

A unit's people are its members (`FacilityMembership`) who may act on cases. The Sở's
own units (its office, its inspectorate, the Sở itself) also count the province-wide
staff (`view_all_cases`) who belong to no facility: the inspectors of the Sở. The Sở
itself counts the members of its own parts too (`SO_PARTS`): a case the Giám đốc Sở
resolves (a second-time complaint, khoản 2 Điều 20 Luật Khiếu nại) is handled by an
officer of its inspectorate or office (Điều 38 Luật Khiếu nại: the inspectorate verifies
when the Giám đốc gives it the case), never the reverse (an inspectorate's case is not the
office's). The press office (bộ phận truyền thông, người phát ngôn) is part of the Sở's
office (routing rule 10: Văn phòng Sở answers the press): its officers who belong to no unit
(`view_press_cases`) are people of the office for the press cases, the only ones they see
(`in_scope_of`), never for its other cases (`press_office_counts`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q

from complaints.kinds import CaseKind
from complaints.models import Facility, FacilityKind, FacilityMembership
from complaints.selectors.history import staff_name

SO_UNITS = frozenset({FacilityKind.DEPARTMENT, FacilityKind.INSPECTORATE, FacilityKind.OFFICE})
SO_PARTS = frozenset({FacilityKind.INSPECTORATE, FacilityKind.OFFICE})


def works_through_part(*, unit, member_of) -> bool:
    """Whether a member of the units `member_of` (Facility objects with `kind` and
    `parent_id`) is one of the people of `unit` through one of the Sở's parts: `unit` is
    the Sở (the department) and one of them is its inspectorate or office."""
    return unit.kind == FacilityKind.DEPARTMENT and any(
        part.kind in SO_PARTS and part.parent_id == unit.pk for part in member_of
    )


def press_office_counts(*, unit_kind: str, case_kind: str | None) -> bool:
    """Whether the press office's officers of no unit are people of a unit of `unit_kind`
    for a case of `case_kind`: the Sở's office, for press cases only (None: a case of any
    kind, which they may not handle)."""
    return unit_kind == FacilityKind.OFFICE and case_kind == CaseKind.BAO_CHI


def _with_permission(codename: str) -> Q:
    perms = Permission.objects.filter(content_type__app_label="complaints", codename=codename)
    return Q(is_superuser=True) | Q(user_permissions__in=perms) | Q(groups__permissions__in=perms)


def _handlers():
    User = get_user_model()
    return User.objects.filter(_with_permission("act_on_case"), is_active=True)


def _of_no_unit_ids(codename: str) -> set[int]:
    return set(
        _handlers()
        .filter(_with_permission(codename))
        .exclude(facility_memberships__isnull=False)
        .values_list("pk", flat=True)
    )


def unit_staff(facility: Facility, *, case_kind: str | None = None) -> list:
    """The people of `facility` who may handle its cases (of `case_kind`, None: any),
    family name first."""
    units = Q(facility=facility)
    if facility.kind == FacilityKind.DEPARTMENT:
        units |= Q(facility__parent=facility, facility__kind__in=SO_PARTS)
    ids = set(FacilityMembership.objects.filter(units).values_list("user_id", flat=True))
    if facility.kind in SO_UNITS:
        ids |= _of_no_unit_ids("view_all_cases")
    if press_office_counts(unit_kind=facility.kind, case_kind=case_kind):
        ids |= _of_no_unit_ids("view_press_cases")
    users = _handlers().filter(pk__in=ids).distinct()
    return sorted(users, key=lambda u: (u.last_name, u.first_name, u.get_username()))


def handler_choices_by_unit(*, case_kind: str | None = None) -> list:
    """The "Cán bộ xử lý" select: one group per active unit (labelled like the unit
    select, "name (code)", so a few lines of script can show the chosen unit's group),
    each listing that unit's people for a case of `case_kind` (None: any kind; the press
    office's officers are listed under the Sở's office for a press case only,
    `press_office_counts`). Five queries, whatever the number of units."""
    memberships: dict[int, set[int]] = {}
    for facility_id, user_id in FacilityMembership.objects.values_list("facility_id", "user_id"):
        memberships.setdefault(facility_id, set()).add(user_id)
    users = {u.pk: u for u in _handlers().distinct()}
    province, press = _of_no_unit_ids("view_all_cases"), _of_no_unit_ids("view_press_cases")
    facilities = list(Facility.objects.active().order_by("name"))
    groups = []
    for facility in facilities:
        ids = memberships.get(facility.pk, set()) | (
            province if facility.kind in SO_UNITS else set()
        )
        if press_office_counts(unit_kind=facility.kind, case_kind=case_kind):
            ids |= press
        if facility.kind == FacilityKind.DEPARTMENT:
            for part in facilities:
                if works_through_part(unit=facility, member_of=[part]):
                    ids |= memberships.get(part.pk, set())
        people = sorted(
            (users[pk] for pk in ids if pk in users),
            key=lambda u: (u.last_name, u.first_name, u.get_username()),
        )
        if people:
            groups.append(
                (
                    f"{facility.name} ({facility.code})",
                    [(u.get_username(), f"{staff_name(u)} ({u.get_username()})") for u in people],
                )
            )
    return groups


def is_unit_staff(*, facility: Facility, user, case_kind: str | None = None) -> bool:
    """Whether `user` is one of the people of `facility` (`unit_staff`) for a case of
    `case_kind`: the one rule of who may be named handler of a case given to the unit (the
    workflow's `assign`)."""
    return any(u.pk == user.pk for u in unit_staff(facility, case_kind=case_kind))


def handler_of_unit(*, facility_code: str, username: str, case_kind: str | None = None) -> bool:
    """Whether `username` is one of the people of the unit `facility_code` for a case of
    `case_kind` (the forms' early check of `is_unit_staff`, before the workflow applies
    it)."""
    facility = Facility.objects.filter(code=facility_code).first()
    if facility is None:
        return False
    return any(u.get_username() == username for u in unit_staff(facility, case_kind=case_kind))


def unit_leaders(facility_id: int) -> list:
    """The active leaders (`approve_case`) who are members of the unit `facility_id` itself
    (not the units below it): its head and deputies, who took its decisions."""
    User = get_user_model()
    return list(
        User.objects.filter(
            _with_permission("approve_case"),
            is_active=True,
            facility_memberships__facility_id=facility_id,
        )
        .distinct()
        .order_by("pk")
    )
