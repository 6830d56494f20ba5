"""Rescheduling a dialogue (đối thoại, khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP): a new
invitation replaces the pending one, the citizen's timeline says so, the meeting recorded is
the current one, and a meeting after the resolution deadline is refused with the deadline."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting
from complaints.selectors.tracking import case_public_view
from complaints.services.workflow import TransitionInvalid
from tests.factories import UserFactory, paper_decision

from .helpers import act, case_in

pytestmark = pytest.mark.django_db
PLACE = "Phòng họp Sở Y tế"


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _schedule(case, user, days: int, **extra):
    return act(case, "schedule_dialogue", user, scheduled_at=f"{_day(days).isoformat()}T09:00",
               place=PLACE, participants="Người khiếu nại; Bệnh viện A", **extra)  # fmt: skip


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


@pytest.fixture
def complaint():
    return case_in(
        CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True, resolve_by=_day(30),
        verification_reported_on=timezone.localdate(),  # the dialogue's ground (Điều 30)
    )


def test_a_new_schedule_replaces_the_pending_one_and_the_timeline_says_so(leader, complaint):
    _schedule(complaint, leader, 6)
    event = _schedule(complaint, leader, 8)
    first, second = DialogueMeeting.objects.filter(case=complaint).order_by("id")
    assert (first.status, second.status) == ("replaced", "scheduled")
    assert event.data["replaces"]["dialogue"] == first.pk
    last = case_public_view(case=complaint).timeline[-1]
    assert last.message.startswith("Dời lịch đối thoại")
    assert _day(6).strftime("%d/%m/%Y") in last.message  # the meeting that will not take place
    assert _day(8).strftime("%d/%m/%Y") in last.message


def test_the_current_meeting_is_the_one_recorded(leader, complaint):
    _schedule(complaint, leader, 6)
    _schedule(complaint, leader, 20)
    # The earlier meeting was replaced: the invitation the parties hold now is recorded once
    # its time has come, not held back by a later one nor taken for a replaced one.
    current = DialogueMeeting.objects.get(case=complaint, status="scheduled")
    with pytest.raises(TransitionInvalid) as early:
        act(complaint, "record_dialogue", leader, outcome="held", led_by="Giám đốc", minutes="…")
    assert _day(20).strftime("%d/%m/%Y") in early.value.errors["outcome"][0]
    current.scheduled_at = timezone.now() - datetime.timedelta(hours=1)
    current.save()
    act(complaint, "record_dialogue", leader, outcome="held", led_by="Giám đốc",
        led_by_head=True, minutes="…", result="…")
    current.refresh_from_db()
    assert current.status == "held"
    # No notice nor minutes issued in the portal: the leader confirms the paper ones
    # (complaints/rules/dialogue_documents.py).
    act(complaint, "conclude", leader, conclusion="Giữ nguyên.", public_answer="Không có cơ sở.",
        without_dialogue_documents=True, **paper_decision())


def test_a_meeting_after_the_resolution_deadline_is_refused_naming_it(leader, complaint):
    with pytest.raises(TransitionInvalid) as refused:
        _schedule(complaint, leader, 31)
    message = refused.value.errors["scheduled_at"][0]
    assert _day(30).strftime("%d/%m/%Y") in message and "hạn giải quyết" in message
    assert "Điều 28, 37 Luật Khiếu nại" in message
    assert not DialogueMeeting.objects.filter(case=complaint).exists()
    _schedule(complaint, leader, 30)  # the deadline's own day is within it


def test_when_no_day_within_the_deadline_is_left_the_meeting_is_held_late(leader):
    # Fewer than the 5 days of notice remain: the mandatory dialogue still takes place,
    # and the event says it is after the deadline.
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True,
                   resolve_by=_day(3))  # fmt: skip
    event = _schedule(case, leader, 5)
    assert event.data["after_deadline"] == _day(3).isoformat()


def test_an_invitation_dated_before_receipt_is_named_as_the_invitation(leader, complaint):
    before = complaint.received_at.date() - datetime.timedelta(days=1)
    with pytest.raises(TransitionInvalid) as refused:
        _schedule(complaint, leader, 6, notified_on=before.isoformat())
    [message] = refused.value.errors["notified_on"]
    assert message == "Ngày gửi giấy mời đối thoại không được trước ngày tiếp nhận."
