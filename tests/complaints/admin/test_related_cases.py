"""Related cases (complaints.selectors.related): duplicates, linked, same reporter,
same facility — in scope, and never a link that reveals a denouncer."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind
from complaints.models import IdentityAccessLog, Reporter
from complaints.selectors.related import related_cases
from tests.factories import CaseFactory, FacilityFactory, UserFactory, inspectorate

from .helpers import STAFF, handler_user, inspector_user, intake_user, leader_user

pytestmark = pytest.mark.django_db


def other_person(case, *, phone="0911000111", email="khac@example.vn", id_number="079000000999"):
    Reporter.objects.filter(case=case).update(phone=phone, email=email, id_number=id_number)
    return case


def test_possible_duplicates_both_ways_and_linked_cases():
    first = CaseFactory()
    duplicate = CaseFactory(possible_duplicate_of=first)
    part = CaseFactory(parent_case=first)
    user = intake_user()
    related = related_cases(case=first, user=user)
    assert related.duplicates == [duplicate]
    assert related.linked == [part]
    assert related_cases(case=duplicate, user=user).duplicates == [first]
    siblings = related_cases(case=part, user=user).linked
    assert first in siblings


def test_same_reporter_matches_phone_email_or_id_number():
    case = CaseFactory()
    by_phone = other_person(CaseFactory(), phone="0905123456")
    by_email = other_person(CaseFactory())
    Reporter.objects.filter(case=by_email).update(email=case.reporter.email.upper())
    by_id = other_person(CaseFactory(), id_number="051190000123")
    stranger = other_person(CaseFactory())
    found = related_cases(case=case, user=intake_user()).same_reporter
    assert set(found) == {by_phone, by_email, by_id}
    assert stranger not in found


def test_anonymous_reporters_are_not_matched():
    anonymous = CaseFactory(anonymous_report=True)
    Reporter.objects.filter(case=anonymous).update(phone="", email="", id_number="")
    CaseFactory(anonymous_report=True)
    assert related_cases(case=anonymous, user=intake_user()).same_reporter == []


def test_a_denunciation_is_never_linked_for_staff_who_may_not_identify_the_denouncer():
    inspector = inspector_user()
    report = CaseFactory()
    # Same person (factory identity); the inspector handles it (Luật TC Art 56).
    denunciation = CaseFactory(to_cao=True, assigned_unit=inspectorate(), assigned_user=inspector)
    user = intake_user()
    assert denunciation not in related_cases(case=report, user=user).same_reporter
    hidden = related_cases(case=denunciation, user=user)
    assert hidden.same_reporter == [] and hidden.reporter_hidden
    # ...but its inspector may see the link, and that is no identity view by itself.
    assert denunciation in related_cases(case=report, user=inspector).same_reporter
    assert report in related_cases(case=denunciation, user=inspector).same_reporter
    assert not IdentityAccessLog.objects.exists()


def test_a_denunciation_is_not_linked_for_staff_of_the_facility_denounced():
    hospital = FacilityFactory()
    report = CaseFactory(assigned_unit=hospital)
    denunciation = CaseFactory(to_cao=True, facility=hospital, assigned_unit=hospital)
    staff = UserFactory(
        perms=[*STAFF, "complaints.view_denouncer_identity"], admin_access=True, facility=hospital
    )
    assert denunciation not in related_cases(case=report, user=staff).same_reporter


def test_same_facility_and_scope():
    hospital = FacilityFactory()
    centre = FacilityFactory()
    case = CaseFactory(facility=hospital, assigned_unit=centre)
    visible = CaseFactory(facility=hospital, assigned_unit=centre)
    CaseFactory(facility=hospital, assigned_unit=FacilityFactory())  # another unit's case
    related = related_cases(case=case, user=handler_user(centre))
    assert related.same_facility == [visible]
    assert case not in related.same_facility


def test_lists_are_limited():
    hospital = FacilityFactory()
    case = CaseFactory(facility=hospital)
    for _ in range(12):
        CaseFactory(facility=hospital, kind=CaseKind.KIEN_NGHI)
    related = related_cases(case=case, user=intake_user(), limit=5)
    assert len(related.same_facility) == 5 and len(related.same_reporter) == 5


def test_a_linked_denunciation_is_shown_only_to_staff_who_may_identify_the_denouncer():
    # Regression: linked cases (split, second-time complaint) carry a copy of the
    # reporter but were listed without the identity guard of the other lists.
    from complaints.services.workflow import case_transition

    department = FacilityFactory()
    hospital = FacilityFactory(parent=department)
    source = CaseFactory(to_cao=True, facility=hospital, assigned_unit=hospital)
    event = case_transition(
        case_id=source.pk,
        action="split",
        actor=UserFactory(superuser=True),
        data={"parts": [{"title": "Phần hai", "content": "Việc thứ hai."}]},
        origin="test",
    )
    part = source.linked_cases.get(tracking_code=event.data["split_into"][0])
    # The part went where routing sent it; handled at the hospital like its source.
    type(part).objects.filter(pk=part.pk).update(assigned_unit=hospital)
    part.refresh_from_db()
    report = CaseFactory(assigned_unit=hospital)
    part_of_report = CaseFactory(
        to_cao=True, parent_case=report, facility=hospital, assigned_unit=hospital
    )
    intake = intake_user()
    assert related_cases(case=source, user=intake).linked == []
    assert related_cases(case=part, user=intake).linked == []
    assert part_of_report not in related_cases(case=report, user=intake).linked
    denounced = UserFactory(
        perms=[*STAFF, "complaints.view_denouncer_identity"], admin_access=True, facility=hospital
    )
    assert related_cases(case=source, user=denounced).linked == []
    assert related_cases(case=report, user=denounced).linked == []
    # A leader of the unit above supervises the cases (Luật TC Art 56).
    inspector = leader_user(facility=department)
    assert related_cases(case=source, user=inspector).linked == [part]
    assert source in related_cases(case=part, user=inspector).linked
    assert related_cases(case=report, user=inspector).linked == [part_of_report]
    assert not IdentityAccessLog.objects.exists()
