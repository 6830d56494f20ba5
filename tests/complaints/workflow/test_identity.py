"""Confidentiality of a denouncer (Luật TC Arts 8(3), 47, 56): the identity is shown only
with the dedicated permission, to the officer handling the case or a leader supervising
it, never to the facility denounced nor a unit under it, never in exports,
notifications or the search index, and every view is logged."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import FacilityKind, IdentityAccessLog
from complaints.selectors.identity import REDACTED, can_see_identity, reporter_for, reporters_for
from complaints.services.reference import reference
from tests.factories import FacilityFactory, UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
IDENTITY = "complaints.view_denouncer_identity"
INSPECTOR = [*HANDLER, "complaints.view_all_cases", IDENTITY]
LEADER = [*INSPECTOR, "complaints.approve_case"]


@pytest.fixture
def tree():
    department = FacilityFactory(code="SYT")
    centre = FacilityFactory(code="TTYT-A", parent=department)
    hospital = FacilityFactory(code="BV-A", parent=centre)
    return department, centre, hospital


def inspectorate(tree):
    """The Sở's inspectorate: its people are the province's inspectors (`unit_staff`)."""
    return FacilityFactory(code="TTRA", kind=FacilityKind.INSPECTORATE, parent=tree[0])


def denunciation(facility, assigned_unit=None, assigned_user=None):
    return case_in(
        CaseKind.TO_CAO,
        CaseStatus.RECEIVED,
        facility=facility,
        assigned_unit=assigned_unit or facility,
        assigned_user=assigned_user,
    )


def test_an_inspector_with_the_permission_sees_the_denouncer_and_the_view_is_logged(tree):
    inspector = UserFactory(perms=INSPECTOR)
    case = denunciation(tree[2], assigned_unit=inspectorate(tree), assigned_user=inspector)
    view = reporter_for(case=case, user=inspector, purpose="screen")
    assert view.visible and view.name == "Nguyễn Thị Dân" and view.id_number == "051190000123"
    log = IdentityAccessLog.objects.get(case=case)
    assert (log.user, log.purpose) == (inspector, "screen") and log.at is not None
    reporter_for(case=case, user=inspector, purpose="api")
    assert IdentityAccessLog.objects.filter(case=case, user=inspector).count() == 2


def test_without_the_permission_the_identity_is_redacted(tree):
    intake = UserFactory(perms=[*HANDLER, "complaints.view_all_cases"])
    case = denunciation(tree[2])
    view = reporter_for(case=case, user=intake, purpose="screen")
    assert not view.visible
    assert {view.name, view.phone, view.email, view.address, view.id_number} == {str(REDACTED)}
    assert "Nguyễn Thị Dân" not in str(view.as_dict())
    assert not IdentityAccessLog.objects.exists()


def test_never_to_the_facility_denounced_nor_to_the_units_under_it(tree):
    """The subtree of the facility denounced, not the user's: a leader of a unit under
    the denounced centre supervises nothing of it and must not see who denounced it,
    even as the officer the case is assigned to."""
    department, centre, hospital = tree
    at_centre = UserFactory(perms=[*LEADER], facility=centre)
    under_centre = UserFactory(perms=[*LEADER], facility=hospital)
    case = denunciation(centre, assigned_unit=department, assigned_user=under_centre)
    for user in (at_centre, under_centre):
        assert not can_see_identity(case=case, user=user)
        assert not reporter_for(case=case, user=user, purpose="screen").visible
    assert not IdentityAccessLog.objects.exists()


def test_the_unit_above_the_denounced_facility_may_see_it(tree):
    """Luật TC Art 12(1): a denunciation of a head is resolved by the unit above."""
    department, centre, hospital = tree
    leader_above = UserFactory(perms=[*LEADER], facility=centre)
    case = denunciation(hospital, assigned_unit=centre)
    assert reporter_for(case=case, user=leader_above, purpose="screen").visible


def test_the_competent_unit_that_was_not_denounced_may_see_it(tree):
    _department, centre, hospital = tree
    other = FacilityFactory(code="TTYT-B")
    resolver = UserFactory(perms=[*HANDLER, IDENTITY], facility=other)
    case = denunciation(hospital, assigned_unit=other, assigned_user=resolver)
    assert reporter_for(case=case, user=resolver, purpose="screen").visible


def test_the_permission_opens_only_the_cases_its_holder_handles_or_supervises(tree):
    """Luật TC Art 56: the permission is no key to every denouncer of the province."""
    department, centre, hospital = tree
    other = FacilityFactory(code="TTYT-C", parent=department)
    inspector = UserFactory(perms=[*HANDLER, IDENTITY], facility=other)
    colleague = UserFactory(perms=INSPECTOR)
    handler_elsewhere = UserFactory(perms=[*HANDLER, IDENTITY], facility=other)
    leader_of_other = UserFactory(perms=LEADER, facility=other)
    director = UserFactory(perms=LEADER, facility=department)
    superuser = UserFactory(superuser=True)
    case = denunciation(hospital, assigned_unit=other, assigned_user=inspector)
    allowed = {u.username for u in (inspector, leader_of_other, director)}
    for user in (inspector, colleague, handler_elsewhere, leader_of_other, director, superuser):
        assert can_see_identity(case=case, user=user) == (user.username in allowed), user
    # Still logged, one row per view.
    reporter_for(case=case, user=director, purpose="screen")
    assert list(IdentityAccessLog.objects.values_list("user__username", flat=True)) == [
        director.username
    ]


def test_exports_notifications_and_the_search_index_never_get_it(tree):
    inspector = UserFactory(perms=INSPECTOR)
    case = denunciation(tree[2], assigned_user=inspector)
    for purpose in ("export", "notification", "search"):
        assert not reporter_for(case=case, user=inspector, purpose=purpose).visible
    assert not IdentityAccessLog.objects.exists()


def test_outside_the_scope_nothing_is_shown(tree):
    stranger = UserFactory(perms=[*HANDLER, IDENTITY], facility=FacilityFactory())
    case = denunciation(tree[2])
    assert not reporter_for(case=case, user=stranger, purpose="screen").visible
    citizen_case = case_in(CaseKind.KIEN_NGHI, CaseStatus.RECEIVED, facility=tree[2])
    assert not reporter_for(case=citizen_case, user=stranger, purpose="screen").visible


def test_other_kinds_show_the_contact_to_staff_in_scope_without_logging(tree):
    handler = UserFactory(perms=HANDLER, facility=tree[2])
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=tree[2])
    view = reporter_for(case=case, user=handler, purpose="export")
    assert view.visible and view.phone == "0905123456"
    assert not IdentityAccessLog.objects.exists()


def test_an_anonymous_report_has_no_identity_to_show(tree):
    inspector = UserFactory(perms=INSPECTOR)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree[2], anonymous=True)
    view = reporter_for(case=case, user=inspector, purpose="screen")
    assert view.anonymous and view.name == "" and view.display_name == "Ẩn danh"


def test_many_reporters_are_read_in_a_bounded_number_of_queries(
    tree, django_assert_max_num_queries
):
    inspector = UserFactory(perms=INSPECTOR)
    unit = inspectorate(tree)
    cases = [denunciation(tree[2], assigned_unit=unit, assigned_user=inspector) for _ in range(15)]
    cases += [case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree[2]) for _ in range(15)]
    reference()  # the units' copy a process keeps (three queries once, not per request)
    with django_assert_max_num_queries(6):
        views = reporters_for(cases=cases, user=inspector, purpose="screen")
    assert len(views) == 30 and all(v.visible for v in views.values())
    assert IdentityAccessLog.objects.filter(user=inspector).count() == 15


def test_an_officer_named_who_is_not_one_of_the_units_people_sees_nothing(tree):
    """`assign` names only the unit's people (`is_unit_staff`); an assignment that does
    not hold (made before that check, or left after the officer moved) opens nothing
    (Điều 47, Điều 56 Luật Tố cáo). The unit's member and, for the Sở's own units, the
    province's inspector still see it."""
    department, centre, hospital = tree
    member_above = UserFactory(perms=[*HANDLER, IDENTITY], facility=centre)
    case = denunciation(hospital, assigned_unit=centre, assigned_user=member_above)
    assert can_see_identity(case=case, user=member_above)
    case.assigned_unit = FacilityFactory(code="TTYT-H", parent=centre)  # in scope, not theirs
    assert not can_see_identity(case=case, user=member_above)

    inspector = UserFactory(perms=INSPECTOR)
    on_a_hospital = denunciation(hospital, assigned_unit=centre, assigned_user=inspector)
    on_the_inspectorate = denunciation(
        hospital, assigned_unit=inspectorate(tree), assigned_user=inspector
    )
    assert not can_see_identity(case=on_a_hospital, user=inspector)
    assert can_see_identity(case=on_the_inspectorate, user=inspector)


def test_an_inspector_without_a_unit_is_kept_from_a_denunciation_of_the_sos_own_units(tree):
    """The province's inspector who belongs to no unit is one of the people of the Sở's
    own units (`_works_for_unit`, `unit_staff`): when one of those units is denounced
    (the inspectorate, the Sở itself) they are its staff and never see the denouncer,
    even named its handler (khoản 3 Điều 8, Điều 47 Luật Tố cáo). A denunciation of a
    unit outside the Sở's own still opens to them; the leader above still sees it."""
    department, _centre, hospital = tree
    department.kind = FacilityKind.DEPARTMENT
    department.save()
    ttra = inspectorate(tree)
    inspector = UserFactory(perms=INSPECTOR)  # no unit
    about_inspectorate = denunciation(ttra, assigned_unit=department, assigned_user=inspector)
    about_department = denunciation(department, assigned_unit=ttra, assigned_user=inspector)
    about_hospital = denunciation(hospital, assigned_unit=ttra, assigned_user=inspector)
    views = reporters_for(
        cases=[about_inspectorate, about_department, about_hospital],
        user=inspector,
        purpose="api",
    )
    assert [views[c.pk].visible for c in (about_inspectorate, about_department)] == [False] * 2
    assert views[about_hospital.pk].visible
    assert not can_see_identity(case=about_inspectorate, user=inspector)
    assert list(IdentityAccessLog.objects.values_list("case_id", flat=True)) == [about_hospital.pk]
    director = UserFactory(perms=LEADER, facility=department)
    assert can_see_identity(case=about_inspectorate, user=director)
