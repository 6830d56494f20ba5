"""A denunciation of the Sở itself, or of its people, handled by one of the Sở's own units:
the signed letter names the denouncer, whom the body denounced never learns (khoản 3 Điều 8
Luật Tố cáo), so it is not sent to the Sở. A denunciation of the Sở, its head or deputy
heads is the Chủ tịch Ủy ban nhân dân tỉnh's to resolve (khoản 4 Điều 13 Luật Tố cáo); the
Sở forwards it there and tells the denouncer (khoản 2 Điều 24). The receipt, the tracking
page's withdrawal instructions and the staff's refusals say so, never the Sở's address
(`complaints.selectors.identity.letter_destination`, `complaints.selectors.contact`)."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import FacilityKind
from complaints.rules.citizen_guidance import withdrawal_for_citizen
from complaints.rules.signature import signature_notice_for_citizen, signature_refusal
from complaints.selectors.identity import letter_actor_refusal
from tests.factories import FacilityFactory, UserFactory

from .helpers import case_in
from .test_denounced_letter import LEADER

pytestmark = pytest.mark.django_db

SO_ADDRESS = "48 Phan Đình Phùng"
CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi"
COMPETENCE = "khoản 4 Điều 13 Luật Tố cáo"
FORWARD = "khoản 2 Điều 24 Luật Tố cáo"


@pytest.fixture
def so(settings):
    settings.PORTAL_DEPARTMENT_ADDRESS = SO_ADDRESS
    settings.PORTAL_PROVINCE = "Quảng Ngãi"
    so = FacilityFactory(code="SYT", kind=FacilityKind.DEPARTMENT, name="Sở Y tế",
                         address=SO_ADDRESS)  # fmt: skip
    inspectorate = FacilityFactory(code="TTS", kind=FacilityKind.INSPECTORATE, parent=so,
                                   name="Thanh tra Sở")  # fmt: skip
    hospital = FacilityFactory(code="BV-QN", parent=so, name="Bệnh viện tỉnh",
                               address="01 Lê Hữu Trác")  # fmt: skip
    return so, inspectorate, hospital


def _denunciation(denounced, handler, status=CaseStatus.RECEIVED):
    return case_in(CaseKind.TO_CAO, status, facility=denounced, assigned_unit=handler,
                   channel=Channel.WEB, signature_method="")  # fmt: skip


@pytest.mark.parametrize("handler", [0, 1], ids=["department", "inspectorate"])
def test_the_denouncer_of_the_so_is_sent_to_the_province_chairman_not_the_so(so, handler):
    case = _denunciation(so[0], so[handler])
    for text in (signature_notice_for_citizen(case), withdrawal_for_citizen(case)):
        assert CHAIR in text and COMPETENCE in text and "khoản 3 Điều 8" in text, text
        assert FORWARD in text
        assert SO_ADDRESS not in text
    accepted = _denunciation(so[0], so[handler], status=CaseStatus.VERIFYING)
    assert CHAIR in withdrawal_for_citizen(accepted)


def test_the_province_committee_s_address_is_a_setting(so, settings):
    """Where the Ủy ban sits is the province's to say (`PORTAL_PROVINCE_COMMITTEE_ADDRESS`);
    without it the letter goes to "trụ sở Ủy ban nhân dân tỉnh …"."""
    case = _denunciation(so[0], so[1])
    assert "trụ sở Ủy ban nhân dân tỉnh Quảng Ngãi" in signature_notice_for_citizen(case)
    settings.PORTAL_PROVINCE_COMMITTEE_ADDRESS = "52 Hùng Vương, phường Cẩm Thành"
    text = signature_notice_for_citizen(case)
    assert "52 Hùng Vương, phường Cẩm Thành" in text and CHAIR in text


def test_the_sos_staff_are_told_to_forward_it_not_to_record_the_letter(so):
    case = _denunciation(so[0], so[1])
    leader = UserFactory(perms=LEADER, facility=so[0])
    refusal = letter_actor_refusal(case, leader)
    assert refusal and CHAIR.split(" tỉnh")[0] in refusal and FORWARD in refusal
    assert COMPETENCE in refusal and "gửi đến Sở và giữ bí mật" not in refusal
    before = signature_refusal(case)
    assert FORWARD in before and "Sở ghi nhận chữ ký" not in before


def test_a_hospital_denounced_still_sends_its_letter_to_the_so(so):
    """Outside the Sở, the Sở keeps the letter of a hospital denounced, as before."""
    _so, _inspectorate, hospital = so
    text = signature_notice_for_citizen(_denunciation(hospital, hospital))
    assert SO_ADDRESS in text and CHAIR not in text
