"""The "Cán bộ xử lý" select (the case page's "Giao xử lý" and the list's bulk form) lists
the staff of the units whose people the user may name only (`own_unit_ids`: their unit and
those below it): a facility's leader never reads the names and usernames of another
facility's staff, nor the Sở's. The options stay read once per process (`workspace_choices`)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import FacilityKind
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, UserFactory

from .helpers import STAFF, handler_user, intake_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    office = FacilityFactory(code="VP-SYT", name="Văn phòng Sở", kind=FacilityKind.OFFICE)
    hospital = FacilityFactory(code="BV-DTT", name="Bệnh viện Đặng Thùy Trâm")
    ward = FacilityFactory(code="BV-DTT-K1", name="Khoa Nội", parent=hospital)
    other = FacilityFactory(code="BV-SN", name="Bệnh viện Sản - Nhi")
    handler_user(hospital, username="canbo-dtt")
    handler_user(ward, username="canbo-khoa")
    handler_user(office, username="canbo-vp")
    handler_user(other, username="canbo-sn")
    return hospital


@pytest.fixture
def leader(units):
    return UserFactory(
        perms=[*STAFF, "complaints.approve_case"],
        admin_access=True,
        facility=units,
        username="lanhdao-dtt",
    )


def _groups(field) -> set[str]:
    return {label for label, options in field.choices if isinstance(options, list)}


def test_a_facility_leader_is_offered_the_staff_of_the_units_they_may_assign_to(
    client, units, leader
):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units)
    client.force_login(leader)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    form = next(f for f in page.context["action_forms"] if f.transition.action == "assign")
    offered = {label for code, label in form.fields["facility"].choices if code}
    own = {"Bệnh viện Đặng Thùy Trâm (BV-DTT)", "Khoa Nội (BV-DTT-K1)"}
    # The office is offered to hand the case back to (its reason asked); its officers are
    # the Sở's to name (tests/complaints/admin/test_assign_hand_up.py).
    assert offered == own | {"Văn phòng Sở (VP-SYT)"}
    assert _groups(form.fields["user"]) == own
    listing = client.get("/admin/ho-so/")
    assert _groups(listing.context["bulk_form"].fields["user"]) == own
    for response in (
        page,
        listing,
        client.get(reverse("complaints_admin:action", args=[case.tracking_code, "assign"])),
    ):
        html = response.content.decode()
        assert "canbo-khoa" in html
        assert "canbo-vp" not in html and "canbo-sn" not in html


def test_another_units_officer_posted_by_hand_is_still_refused(client, units, leader):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units)
    client.force_login(leader)
    response = client.post(
        reverse("complaints_admin:action", args=[case.tracking_code, "assign"]),
        {
            "assign-expected_status": case.status,
            "assign-facility": "BV-DTT",
            "assign-user": "canbo-sn",
        },
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.assigned_user is None


def test_the_sos_intake_officer_is_offered_every_units_staff(client, units):
    case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units)
    client.force_login(intake_user())
    listing = client.get("/admin/ho-so/")
    assert "Bệnh viện Sản - Nhi (BV-SN)" in _groups(listing.context["bulk_form"].fields["user"])
