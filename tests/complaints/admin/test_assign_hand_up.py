"""A facility's staff give a case within their unit (and the units below it); handing it up
to the Sở's office ("trả về Văn phòng Sở") names no officer of the Sở and asks for the
reason, recorded with the article naming who resolves the case: a complaint's first round
is its facility head's (khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP; Điều 19, khoản 1 Điều 20
Luật Khiếu nại), a denunciation its managing head's (khoản 1 Điều 12 Luật Tố cáo)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent, FacilityKind
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, UserFactory

from .helpers import STAFF, handler_user, intake_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def hospital():
    office = FacilityFactory(code="VP-SYT", name="Văn phòng Sở", kind=FacilityKind.OFFICE)
    hospital = FacilityFactory(code="BV-DTT", name="Bệnh viện Đặng Thùy Trâm")
    FacilityFactory(code="BV-DTT-K1", name="Khoa Nội", parent=hospital)
    handler_user(hospital, username="canbo-dtt")
    handler_user(office, username="canbo-vp")
    return hospital


@pytest.fixture
def leader(hospital):
    return UserFactory(
        perms=[*STAFF, "complaints.approve_case"],
        admin_access=True,
        facility=hospital,
        username="lanhdao-dtt",
    )


def _post(client, case, **fields):
    data = {"assign-expected_status": case.status}
    data.update({f"assign-{name}": value for name, value in fields.items()})
    return client.post(
        reverse("complaints_admin:action", args=[case.tracking_code, "assign"]), data
    )


def _groups(field) -> set[str]:
    return {label for label, options in field.choices if isinstance(options, list)}


def test_the_officer_list_offers_only_the_facilitys_own_people(client, hospital, leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(leader)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    form = next(f for f in page.context["action_forms"] if f.transition.action == "assign")
    assert "Văn phòng Sở (VP-SYT)" in {label for _code, label in form.fields["facility"].choices}
    assert _groups(form.fields["user"]) == {"Bệnh viện Đặng Thùy Trâm (BV-DTT)"}
    assert "canbo-vp" not in page.content.decode()


def test_the_bulk_form_gives_work_within_the_facility_only(client, hospital, leader):
    case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(leader)
    form = client.get("/admin/ho-so/").context["bulk_form"]
    assert {code for code, _label in form.fields["facility"].choices if code} == {
        "BV-DTT",
        "BV-DTT-K1",
    }
    assert _groups(form.fields["user"]) == {"Bệnh viện Đặng Thùy Trâm (BV-DTT)"}


def test_handing_up_without_a_reason_is_refused_with_the_article(client, hospital, leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(leader)
    response = _post(client, case, facility="VP-SYT")
    assert response.status_code == 400
    assert "khoản 1 Điều 20 Luật Khiếu nại" in response.content.decode()
    case.refresh_from_db()
    assert case.assigned_unit_id == hospital.pk


def test_handing_up_names_no_officer_of_the_so(client, hospital, leader):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(leader)
    response = _post(client, case, facility="VP-SYT", user="canbo-vp", note="Không thuộc BV")
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.assigned_unit_id == hospital.pk and case.assigned_user is None


def test_handing_up_with_a_reason_records_it_and_its_basis(client, hospital, leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(leader)
    response = _post(
        client, case, facility="VP-SYT", note="Quyết định bị khiếu nại do Sở ban hành."
    )
    assert response.status_code in (200, 302)
    case.refresh_from_db()
    assert case.assigned_unit.code == "VP-SYT"
    event = CaseEvent.objects.filter(case=case, action="assign").latest("at")
    assert event.data["reason"] == "Quyết định bị khiếu nại do Sở ban hành."
    assert "khoản 1 Điều 20 Luật Khiếu nại" in event.data["basis"]


def test_within_the_facility_no_reason_is_asked(client, hospital, leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(leader)
    response = _post(client, case, facility="BV-DTT-K1")
    assert response.status_code in (200, 302)
    case.refresh_from_db()
    assert case.assigned_unit.code == "BV-DTT-K1"


def test_the_sos_intake_officer_routes_anywhere_without_a_reason(client, hospital):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(intake_user())
    response = _post(client, case, facility="VP-SYT", user="canbo-vp")
    assert response.status_code in (200, 302)
    case.refresh_from_db()
    assert case.assigned_unit.code == "VP-SYT"
