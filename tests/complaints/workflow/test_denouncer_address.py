"""A denouncer's address is looked for in staff text and hidden in their own words only
when it identifies a person (`complaints.rules.identifying_address`): a bare place name
("Quảng Ngãi") no longer refuses every text naming the province nor hides every mention of
it; a specific address still does (khoản 3 Điều 8, Điều 47 Luật Tố cáo). The name, ID
number and phone are looked for whatever the address."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import InternalNote
from complaints.services.confidential_text import identity_refusal, redacted
from complaints.services.notes import case_note_add
from complaints.services.workflow import TransitionInvalid
from tests.factories import FacilityFactory, UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

LEADER = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases",
          "complaints.view_denouncer_identity", "complaints.approve_case"]
NAME = "Đỗ Thị Kín Đáo"
NOTE = "Đề nghị Trung tâm Y tế Đức Phổ, Quảng Ngãi báo cáo trước ngày 10/12/2026."


def denunciation(address: str, **extra):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=FacilityFactory(), **extra)
    case.reporter.name, case.reporter.address = NAME, address
    case.reporter.save()
    return case


@pytest.mark.parametrize("address", ["Quảng Ngãi", "Đức Phổ, Quảng Ngãi"])
def test_a_bare_place_name_refuses_no_text_naming_the_province(address):
    case = denunciation(address)
    leader = UserFactory(perms=LEADER)
    assert identity_refusal(NOTE, case=case, writer=leader) is None
    act(case, "request_info", leader, message=NOTE)
    note = case_note_add(case_id=case.pk, actor=leader, text=NOTE)
    assert InternalNote.objects.get(pk=note.pk).text == NOTE


def test_a_bare_place_name_is_not_hidden_in_the_denouncers_words():
    content = "Tôi ở Quảng Ngãi, tố cáo ông B của bệnh viện tỉnh Quảng Ngãi nhận tiền."
    case = denunciation("Quảng Ngãi", content=content)
    assert redacted(content, case=case) == content
    # The name still is.
    assert redacted(f"{NAME} ở Quảng Ngãi", case=case) == "[đã ẩn] ở Quảng Ngãi"


def test_a_specific_address_is_still_refused_and_hidden():
    address = "Thôn An Hội, Phổ Cường, Quảng Ngãi"
    case = denunciation(address)
    leader = UserFactory(perms=LEADER)
    leaking = f"Xác minh tại nhà người tố cáo: {address}."
    refusal = identity_refusal(leaking, case=case, writer=leader)
    assert refusal and "địa chỉ" in refusal and "Điều 47 Luật Tố cáo" in refusal
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "request_info", leader, message=leaking)
    assert "địa chỉ" in refused.value.errors["message"][0]
    with pytest.raises(ValidationError):
        case_note_add(case_id=case.pk, actor=leader, text=leaking)
    assert not InternalNote.objects.filter(case=case).exists()
    assert redacted(leaking, case=case) == "Xác minh tại nhà người tố cáo: [đã ẩn]."
    # The province alone, in a text, is nobody's address (another writer: this one has
    # drawn the three refusals a day that `REFUSALS_PER_DAY` allows on the case).
    assert identity_refusal(NOTE, case=case, writer=UserFactory(perms=LEADER)) is None


def test_a_house_number_with_a_city_is_specific():
    case = denunciation("12 Hùng Vương, Quảng Ngãi")
    assert redacted("Gửi về 12 Hùng Vương, Quảng Ngãi.", case=case) == "Gửi về [đã ẩn]."
