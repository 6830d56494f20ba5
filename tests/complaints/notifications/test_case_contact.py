"""The signed letter of an online complaint or denunciation, and a withdrawal, go to the unit
that handles the case, whose head accepts and resolves it (a first-time complaint: the head of
the facility complained of, Điều 18–20, Điều 27 Luật Khiếu nại; a withdrawal to the person
resolving, Điều 10 Luật Khiếu nại): the receipt page, the receipt mail, the tracking page and
the notices name it and its address. The Sở's address only for the Sở's own cases, or when the
unit has none on file (then the Sở passes the letter on), and for a denunciation handled within
the facility denounced: the Sở keeps the letter, which names the denouncer, and passes on the
content without the identity (khoản 3 Điều 8, Điều 47 Luật Tố cáo)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils.html import escape

from complaints.documents.citizen import receipt_html
from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import FacilityKind
from complaints.routing_defaults import install_default_rules
from complaints.rules.citizen_guidance import withdrawal_for_citizen
from complaints.rules.signature import signature_notice_for_citizen
from complaints.services.intake import case_submit
from tests.complaints.intake_factories import submission
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

SO_ADDRESS = "48 Phan Đình Phùng, phường Cẩm Thành, tỉnh Quảng Ngãi"
BV_ADDRESS = "Tổ dân phố 1, phường Đức Phổ, tỉnh Quảng Ngãi"


@pytest.fixture
def department():
    return FacilityFactory(code="SYT-TEST", name="Sở Y tế tỉnh thử nghiệm",
                           kind=FacilityKind.DEPARTMENT, address=SO_ADDRESS)


@pytest.fixture
def hospital(department):
    return FacilityFactory(code="BV-DTT", name="Bệnh viện Đa khoa khu vực Đặng Thùy Trâm",
                           parent=department, address=BV_ADDRESS)


def _owing(kind, unit):
    """An online case of `kind` held by `unit`, its signature still owed."""
    return case_in(kind, CaseStatus.RECEIVED, facility=unit, channel=Channel.WEB,
                   signature_method="")


@pytest.mark.parametrize("kind", [CaseKind.KHIEU_NAI, CaseKind.TO_CAO])
def test_the_letters_go_to_the_hospital_that_resolves_the_case(hospital, kind, settings):
    settings.PORTAL_OFFICE_HOURS = "từ 7 giờ đến 11 giờ sáng thứ Bảy"  # the Sở's, not the unit's
    case = _owing(kind, hospital)
    if kind == CaseKind.TO_CAO:
        # A denunciation of one of its wards: the hospital above resolves it, outside the
        # subtree denounced (khoản 1 Điều 12 Luật Tố cáo).
        ward = FacilityFactory(name="Khoa Ngoại", parent=hospital, address="Tầng 2")
        case.facility = ward
        case.save()
    for text in (signature_notice_for_citizen(case), withdrawal_for_citizen(case)):
        assert f"đến {hospital.name}, {BV_ADDRESS}" in text
        assert SO_ADDRESS not in text and "Sở Y tế" not in text
        assert "giờ hành chính" in text and "thứ Bảy" not in text


def test_a_unit_without_an_address_gets_them_through_the_so(department, hospital):
    hospital.address = ""
    hospital.save()
    case = _owing(CaseKind.KHIEU_NAI, hospital)
    for text in (signature_notice_for_citizen(case), withdrawal_for_citizen(case)):
        assert f"đến {department.name}, {SO_ADDRESS}" in text
        assert (f"{department.name} sẽ chuyển đơn đến {hospital.name}, đơn vị giải quyết hồ "
                "sơ.") in text


def test_a_case_of_the_sos_own_units_goes_to_the_so(department, settings):
    settings.PORTAL_DEPARTMENT_ADDRESS = "19 Nguyễn Nghiêm, phường Cẩm Thành"
    inspectorate = FacilityFactory(name="Thanh tra Sở Y tế", kind=FacilityKind.INSPECTORATE,
                                   parent=department, address="Tầng 3, 48 Phan Đình Phùng")
    case = _owing(CaseKind.TO_CAO, inspectorate)
    for text in (signature_notice_for_citizen(case), withdrawal_for_citizen(case)):
        assert f"đến {department.name}, 19 Nguyễn Nghiêm, phường Cẩm Thành" in text
        assert "Tầng 3" not in text and "sẽ chuyển đơn" not in text


def test_the_receipt_mail_the_receipt_page_and_the_tracking_page_name_the_hospital(
    client, hospital, django_capture_on_commit_callbacks
):
    install_default_rules()  # a complaint about the hospital goes to the hospital
    with django_capture_on_commit_callbacks(execute=True):
        result = case_submit(data=submission("khieu_nai", facility=hospital.code),
                             channel=Channel.WEB)
    case = result.case
    assert case.assigned_unit == hospital
    where = f"đến {hospital.name}, {BV_ADDRESS}"
    deadline = case.accept_by.strftime("%d/%m/%Y")
    (receipt,) = mail.outbox
    assert where in receipt.body and SO_ADDRESS not in receipt.body
    assert f"cần đến {hospital.name} chậm nhất trong ngày {deadline}." in receipt.body

    page = client.post(
        f"/tra-cuu/{case.tracking_code}/", {"pin": result.pin}, follow=True
    ).content.decode()
    assert page.count(where) == 2  # the signature notice and "Muốn rút khiếu nại?"
    assert SO_ADDRESS not in page
    # The receipt's paper copy (PDF) carries the same notice.
    receipt_copy = receipt_html(case=case, pin=None)
    assert escape(where) in receipt_copy and escape(SO_ADDRESS) not in receipt_copy


def test_a_request_after_a_reassignment_gives_the_new_units_address(
    department, hospital, django_capture_on_commit_callbacks
):
    """Before acceptance every notice repeats what is still owed, with the address of the unit
    holding the case at that step."""
    other = FacilityFactory(name="Trung tâm Y tế Đức Phổ", kind=FacilityKind.HEALTH_CENTRE,
                            parent=department, address="xã Phổ Ninh, Đức Phổ")
    case = _owing(CaseKind.KHIEU_NAI, hospital)
    officer = UserFactory(superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "assign", officer, facility=other.code)
        act(case, "request_info", officer, message="Đề nghị gửi bản chụp hóa đơn.")
    (notice,) = [m.body for m in mail.outbox if "Đề nghị gửi bản chụp" in m.body]
    assert "Cần đơn có chữ ký để thụ lý: Đơn khiếu nại phải có chữ ký" in notice
    assert f"đến {other.name}, xã Phổ Ninh, Đức Phổ" in notice and BV_ADDRESS not in notice


SECRET = ("giữ đơn để danh tính của bạn được giữ bí mật (khoản 3 Điều 8, Điều 47 Luật Tố cáo)")


@pytest.mark.parametrize("unit", ["hospital", "ward"])
def test_a_denunciation_handled_within_the_facility_denounced_goes_to_the_so(
    department, hospital, unit
):
    """The hospital's head resolves a denunciation of its doctor (khoản 1 Điều 12 Luật Tố cáo),
    yet its staff never see who denounced (khoản 3 Điều 8, Điều 47): the signed letter, which
    names the denouncer, goes to the Sở, which passes on the content without the identity.
    So for a unit under the hospital denounced."""
    handler = hospital
    if unit == "ward":
        handler = FacilityFactory(name="Khoa Ngoại", parent=hospital, address="Tầng 2")
    case = _owing(CaseKind.TO_CAO, handler)
    case.facility = hospital
    case.save()
    for text in (signature_notice_for_citizen(case), withdrawal_for_citizen(case)):
        assert f"đến {department.name}, {SO_ADDRESS}" in text
        assert BV_ADDRESS not in text and "Tầng 2" not in text
        assert f"{department.name} {SECRET}" in text
        assert (f"chuyển nội dung tố cáo, không kèm danh tính của bạn, đến {handler.name}, "
                "đơn vị giải quyết hồ sơ.") in text
        assert "sẽ chuyển đơn đến" not in text


def test_the_receipt_mail_and_pages_of_a_denunciation_of_the_hospital_name_the_so(
    client, department, hospital, django_capture_on_commit_callbacks
):
    install_default_rules()  # a denunciation of a doctor goes to the hospital's head
    with django_capture_on_commit_callbacks(execute=True):
        result = case_submit(data=submission("to_cao", facility=hospital.code),
                             channel=Channel.WEB)
    case = result.case
    assert case.assigned_unit == hospital  # the routing stays the law's
    where = f"đến {department.name}, {SO_ADDRESS}"
    (receipt,) = mail.outbox
    assert where in receipt.body and BV_ADDRESS not in receipt.body
    assert SECRET in receipt.body
    page = client.post(
        f"/tra-cuu/{case.tracking_code}/", {"pin": result.pin}, follow=True
    ).content.decode()
    assert page.count(escape(where)) == 2  # the signature notice and the withdrawal note
    assert escape(BV_ADDRESS) not in page
    receipt_copy = receipt_html(case=case, pin=None)
    assert escape(where) in receipt_copy and escape(BV_ADDRESS) not in receipt_copy
    # The public API's answer carries no notice, and never the hospital's address.
    api = client.get(f"/api/v1/submissions/{case.tracking_code}?pin={result.pin}").json()
    assert api["tracking_code"] == case.tracking_code and BV_ADDRESS not in str(api)
