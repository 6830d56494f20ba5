"""The citizen reads their own acts addressed to them ("Ông/bà đã bổ sung thông tin…",
"Ông/bà đã rút đơn…"), on the tracking page, in its live lines, in their notices and in the
file they print, as their e-mails already said; the record (the staff's timeline) keeps the
third person ("Người gửi đã…", "Người khiếu nại đã…")."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from complaints.broadcasts import _system_lines
from complaints.kinds import CaseKind, CaseStatus
from complaints.notifications.citizen import event_context
from complaints.selectors.history import case_timeline
from complaints.selectors.tracking import action_label, case_public_view, public_event
from complaints.services.citizen_reply import case_answer_info_request
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WITHDRAWAL = {"form": "written", "document_ref": "Đơn rút ngày hôm nay"}


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


def _citizen_line(case, action):
    return [e for e in case_public_view(case=case).timeline if e.action == action][-1].message


def _staff_line(case, action, user):
    return [e for e in case_timeline(case=case, user=user) if e.action == action][-1].message


def test_the_citizens_answer_is_told_to_them_as_theirs(leader):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    act(case, "request_info", leader, message="Đề nghị gửi ảnh hóa đơn.")
    event = case_answer_info_request(case_id=case.pk, text="Hóa đơn số 123.")
    case.refresh_from_db()
    addressed = "Ông/bà đã bổ sung thông tin; hồ sơ tiếp tục được xem xét."
    assert _citizen_line(case, "complete_info") == addressed
    assert event_context(case, event)["event_sentence"] == addressed
    assert _system_lines(event)["vi"] == addressed  # the tracking page's live line
    with translation.override("vi"):
        assert action_label("complete_info") == "Ông/bà đã bổ sung thông tin"
    # The record, the staff's timeline: the third person.
    third = "Người gửi đã bổ sung thông tin; hồ sơ tiếp tục được xem xét."
    assert event.public_message == third
    assert _staff_line(case, "complete_info", leader) == third


def test_a_withdrawal_cancelling_a_dialogue_is_told_to_the_citizen_as_theirs(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    day = timezone.localdate() + datetime.timedelta(days=10)
    act(case, "schedule_dialogue", leader, scheduled_at=f"{day.isoformat()}T09:00",
        place="Phòng họp", participants="Người khiếu nại")
    event = act(case, "withdraw", leader, **WITHDRAWAL)
    case.refresh_from_db()
    cancelled = (f"Buổi đối thoại lúc 09:00 ngày {day:%d/%m/%Y} không diễn ra: đã hủy do rút "
                 "khiếu nại.")
    addressed = f"Ông/bà đã rút đơn; việc giải quyết chấm dứt. {cancelled}"
    assert _citizen_line(case, "withdraw") == addressed
    assert event_context(case, event)["event_sentence"] == addressed
    assert _staff_line(case, "withdraw", leader) == (
        f"Người gửi đã rút đơn; việc giải quyết chấm dứt. {cancelled}"
    )
    with translation.override("en"):  # an English reader: never "the sender" either
        shown = public_event(event, kind=case.kind)
        assert "Người gửi" not in shown.message and not shown.recorded


def test_a_complainant_absent_from_the_dialogue_is_told_as_the_reader(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True,
                   verification_reported_on=timezone.localdate())  # the dialogue's ground
    past = timezone.now() - datetime.timedelta(days=1)
    case.dialogues.create(scheduled_at=past, place="Phòng họp", participants="Người khiếu nại",
                          notified_on=past.date() - datetime.timedelta(days=6))
    act(case, "record_dialogue", leader, outcome="complainant_absent", led_by="Ông Giám đốc")
    assert _citizen_line(case, "record_dialogue") == (
        "Ông/bà đã được mời nhưng không tham gia đối thoại; việc giải quyết khiếu nại tiếp tục."
    )
    assert _staff_line(case, "record_dialogue", leader).startswith(
        "Người khiếu nại đã được mời"
    )
