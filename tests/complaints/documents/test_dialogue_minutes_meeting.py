"""The dialogue minutes (Mẫu số 14) state the meeting as it was recorded: its time, place
and participants, who led it (khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP, thay thế bởi Điều 11
Nghị định 155/2026/NĐ-CP: "ghi rõ thời gian, địa điểm, thành phần tham gia"), not blanks
to fill by hand; a blank only where nothing was recorded."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting
from tests.complaints.workflow.helpers import act, case_in, verified

from .helpers import leader, province

pytestmark = pytest.mark.django_db

PLACE = "Phòng họp số 2, Thanh tra Sở Y tế, 50 Hùng Vương"
PARTICIPANTS = "Bà Lê Thị Thu (người khiếu nại); Trưởng phòng Tài chính - Kế toán Bệnh viện"
LED_BY = "Ông Trần Văn Chánh, Chánh Thanh tra Sở"
RESULT = ("Thống nhất: phiếu thu số 125 thu đúng giá dịch vụ. Còn ý kiến khác nhau: khoản phụ "
          "thu giường dịch vụ, người khiếu nại đề nghị hoàn trả.")


@pytest.fixture
def hospital():
    return province()[1]


def _minutes(case, boss) -> str:
    return document_draft(case_id=case.pk, template_code="kn_bien_ban_doi_thoai",
                          actor=boss, origin="test").body


def test_the_minutes_state_the_meeting_held_its_time_place_participants_and_chair(hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   second_time=True)
    day = timezone.localdate() + datetime.timedelta(days=6)
    act(case, "schedule_dialogue", boss, scheduled_at=f"{day.isoformat()}T09:00",
        place=PLACE, participants=PARTICIPANTS)
    # The meeting took place yesterday at 14:30 (moved in the record, as a held meeting is).
    held_day = timezone.localdate() - datetime.timedelta(days=1)
    held_at = timezone.make_aware(datetime.datetime.combine(held_day, datetime.time(14, 30)))
    DialogueMeeting.objects.filter(case=case).update(scheduled_at=held_at)
    verified(case)  # the dialogue is held on the verification's result
    act(case, "record_dialogue", boss, outcome="held", led_by=LED_BY, led_by_head=True,
        minutes="Bệnh viện giữ nguyên phiếu thu; người khiếu nại chưa đồng ý.",
        result=RESULT)

    body = _minutes(case, boss)

    assert (f"Vào hồi 14 giờ 30 phút, ngày {held_day:%d/%m/%Y}, tại {PLACE}.") in body
    assert f"Thành phần được mời tham gia đối thoại: {PARTICIPANTS}." in body
    assert f"chủ trì đối thoại: {LED_BY}, {hospital.name}." in body
    assert "Bệnh viện giữ nguyên phiếu thu; người khiếu nại chưa đồng ý." in body
    assert "Vào hồi ..... giờ" not in body
    # III. KẾT QUẢ ĐỐI THOẠI: the points agreed and still disputed (khoản 4 Điều 30 Luật
    # Khiếu nại), as recorded, never the meeting's status code.
    section = body.split("III. KẾT QUẢ ĐỐI THOẠI")[1]
    assert section.startswith(
        f"\nNhững nội dung đã thống nhất, những vấn đề còn ý kiến khác nhau: {RESULT}\n")
    assert "held" not in section


def test_the_minutes_keep_a_blank_only_where_no_meeting_was_recorded(hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   second_time=True)
    body = _minutes(case, boss)
    assert "Vào hồi …, ngày …, tại …." in body
    assert "Thành phần được mời tham gia đối thoại: …." in body
    assert "những vấn đề còn ý kiến khác nhau: ..............\n" in body
    # Nobody recorded as leading it: the signer (here not known: two leaders) or a blank.
    assert f"chủ trì đối thoại: …, {hospital.name}." in body
