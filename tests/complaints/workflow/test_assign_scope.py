"""Where a unit's handler may send a case (DOMAIN.md §3a): within its own unit and those
below it, or back to the Sở's intake office; routing anywhere else is for the Sở's officers
(`view_all_cases`). The reviewer's `facility` (TTYT-DP) handed YT-2026-000002 to an
unrelated hospital through the API (200), then lost it (404)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from complaints.admin.forms import BulkAssignForm, TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, FacilityKind
from complaints.services.workflow import TransitionInvalid
from complaints.transitions import TRANSITIONS
from tests.factories import FacilityFactory, UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
OFFICER = [*HANDLER, "complaints.view_all_cases"]


@pytest.fixture
def tree():
    department = FacilityFactory(code="SYT", name="Sở Y tế", kind=FacilityKind.DEPARTMENT)
    office = FacilityFactory(
        code="VP-SYT", name="Văn phòng Sở", kind=FacilityKind.OFFICE, parent=department
    )
    centre = FacilityFactory(code="TTYT-DP", name="TTYT Đức Phổ", parent=department)
    station = FacilityFactory(code="TYT-PHOHOA", name="Trạm Y tế Phổ Hòa", parent=centre)
    hospital = FacilityFactory(code="BV-SAN-QNG", name="Bệnh viện Sản Nhi", parent=department)
    return {"office": office, "centre": centre, "station": station, "hospital": hospital}


def test_a_unit_cannot_hand_its_case_to_an_unrelated_unit_through_the_api(tree):
    handler = UserFactory(perms=HANDLER, facility=tree["centre"])
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree["centre"])
    _token, key = ApiToken.issue(user=handler, name="test")
    client = Client(headers={"Authorization": f"Token {key}"})
    response = client.post(
        f"/api/v1/cases/{case.tracking_code}/actions/assign",
        data=json.dumps({"facility": "BV-SAN-QNG"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    body = json.dumps(response.json(), ensure_ascii=False)
    assert "Văn phòng Sở" in body and "Bệnh viện Sản Nhi" in body
    case.refresh_from_db()
    assert case.assigned_unit == tree["centre"]
    assert client.get(f"/api/v1/cases/{case.tracking_code}").status_code == 200


def test_a_unit_assigns_within_its_subtree_or_back_to_the_office(tree):
    handler = UserFactory(perms=HANDLER, facility=tree["centre"])
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree["centre"])
    act(case, "assign", handler, facility="TYT-PHOHOA")
    case.refresh_from_db()
    assert case.assigned_unit == tree["station"]
    # Back to the office with the reason (`hand_up_refusal`; tests/complaints/admin/
    # test_assign_hand_up.py).
    act(case, "assign", handler, facility="VP-SYT", note="Không thuộc thẩm quyền của TTYT.")
    case.refresh_from_db()
    assert case.assigned_unit == tree["office"]


def test_the_sos_officers_route_anywhere(tree):
    officer = UserFactory(perms=OFFICER)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree["centre"])
    act(case, "assign", officer, facility="BV-SAN-QNG")
    case.refresh_from_db()
    assert case.assigned_unit == tree["hospital"]


def test_the_service_refuses_in_vietnamese(tree):
    handler = UserFactory(perms=HANDLER, facility=tree["centre"])
    case = case_in(CaseKind.KIEN_NGHI, CaseStatus.RECEIVED, facility=tree["centre"])
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "assign", handler, facility="BV-SAN-QNG")
    assert "chỉ giao hồ sơ cho đơn vị mình" in invalid.value.errors["facility"][0]


def test_the_forms_offer_only_the_units_allowed(tree):
    handler = UserFactory(perms=HANDLER, facility=tree["centre"])
    officer = UserFactory(perms=OFFICER)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree["centre"])
    assign = next(t for t in TRANSITIONS if t.action == "assign")

    def codes(form):
        return {code for code, _label in form.fields["facility"].choices if code}

    allowed = {"TTYT-DP", "TYT-PHOHOA", "VP-SYT"}
    # The list's bulk form gives work within the unit: handing a case back to the office
    # asks for its reason, one case at a time.
    assert codes(BulkAssignForm(user=handler)) == allowed - {"VP-SYT"}
    assert codes(TransitionForm(transition=assign, case=case, user=handler)) == allowed
    assert {"BV-SAN-QNG", "SYT"} <= codes(BulkAssignForm(user=officer))
