"""A withdrawn complaint is no longer resolved (Điều 10 Luật Khiếu nại; khoản 1 Điều 28b Nghị
định 124/2020/NĐ-CP): its pending dialogue is cancelled with history, the citizen's tracking
page says so, and the case page shows the stop decision (Mẫu số 14a) owed, with the date of
its `stop_notice` step, until the decision is named; recording that notice with the
decision's number names it. A withdrawal after which the complaint goes on (one of several
complainants, Điều 7a) keeps the dialogue."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting, Withdrawal
from complaints.rules.dialogue import DialogueStatus
from complaints.selectors.tracking import case_public_view
from tests.factories import DEFAULT_PIN, FacilityFactory, UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


WITHDRAWAL = {"form": "written", "document_ref": "Đơn rút ngày hôm nay"}


@pytest.fixture
def unit():
    return FacilityFactory()


@pytest.fixture
def leader(unit):
    """A leader of the competent unit who records withdrawals."""
    return UserFactory(
        perms=[
            "complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases",
            "complaints.approve_case", "complaints.record_withdrawal",
            "complaints.view_denouncer_identity",
        ],
        admin_access=True, facility=unit,
    )


def _with_dialogue(unit, leader, **extra):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit, second_time=True,
                   **extra)
    day = _today() + datetime.timedelta(days=10)
    act(case, "schedule_dialogue", leader, scheduled_at=f"{day.isoformat()}T09:00",
        place="Phòng họp Sở Y tế", participants="Người khiếu nại; Bệnh viện A")
    return case, day


def test_a_withdrawal_cancels_the_pending_dialogue_with_history(unit, leader):
    case, day = _with_dialogue(unit, leader)
    meeting = DialogueMeeting.objects.get(case=case)
    event = act(case, "withdraw", leader, **WITHDRAWAL)
    meeting.refresh_from_db()
    assert meeting.status == DialogueStatus.CANCELLED
    assert meeting.get_status_display() == "Đã hủy do rút khiếu nại"
    assert meeting.history.filter(
        status=DialogueStatus.CANCELLED, history_user=leader,
        history_change_reason="origin=test action=case_withdraw",
    ).exists()
    assert event.data["cancelled_dialogues"][0]["dialogue"] == meeting.pk
    cancelled = (f"Buổi đối thoại lúc 09:00 ngày {day:%d/%m/%Y} không diễn ra: đã hủy do rút "
                 "khiếu nại.")
    assert event.public_message == (
        f"Người gửi đã rút đơn; việc giải quyết chấm dứt. {cancelled}"
    )
    # Nothing is left to record: the meeting will not take place.
    assert not case.dialogues.filter(status=DialogueStatus.SCHEDULED).exists()


def test_the_tracking_page_says_the_dialogue_is_cancelled(client, unit, leader):
    case, day = _with_dialogue(unit, leader)
    act(case, "withdraw", leader, **WITHDRAWAL)
    withdraw = [e for e in case_public_view(case=case).timeline if e.action == "withdraw"][-1]
    assert "đã hủy do rút khiếu nại" in withdraw.message
    html = client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN},
                       follow=True).content.decode()
    assert f"Buổi đối thoại lúc 09:00 ngày {day:%d/%m/%Y} không diễn ra" in html


def test_a_withdrawal_by_one_of_several_keeps_the_dialogue(unit, leader):
    case, _day = _with_dialogue(unit, leader)
    act(case, "record_withdrawal", leader, scope="one_of_several", withdrawn_by="Bà Lê Thị C",
        **WITHDRAWAL)
    assert DialogueMeeting.objects.get(case=case).status == DialogueStatus.SCHEDULED


def test_the_case_page_shows_the_stop_decision_owed_until_it_is_named(client, unit, leader):
    case, _day = _with_dialogue(unit, leader)
    act(case, "withdraw", leader, **WITHDRAWAL)
    case.refresh_from_db()
    step = case.deadlines.get(step="stop_notice", superseded_at__isnull=True)
    client.force_login(leader)
    url = reverse("complaints_admin:detail", args=[case.tracking_code])
    html = client.get(url).content.decode()
    assert "Còn phải ban hành Quyết định đình chỉ giải quyết khiếu nại (Mẫu số 14a)" in html
    assert "Điều 10 Luật Khiếu nại; khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP" in html
    assert f"chậm nhất ngày {step.due:%d/%m/%Y}" in html
    assert "Đã hủy do rút khiếu nại" in html  # the meeting, in the panel's list
    # The notice that sends the decision names it: owed no more.
    event = act(case, "record_notice", leader, notice="stop_notice",
                sent_on=_today().isoformat(), sent_via="post", recipients=["complainant"],
                document_ref="05/QĐ-SYT")
    assert event.data["stop_decision_ref"] == "05/QĐ-SYT"
    withdrawal = Withdrawal.objects.get(case=case)
    assert withdrawal.stop_decision_ref == "05/QĐ-SYT"
    assert withdrawal.history.filter(
        stop_decision_ref="05/QĐ-SYT", history_change_reason="origin=test action=case_record_notice"
    ).exists()
    html = client.get(url).content.decode()
    assert "Còn phải ban hành" not in html and "05/QĐ-SYT" in html


def test_a_withdrawal_naming_its_stop_decision_owes_nothing(client, unit, leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=unit)
    act(case, "withdraw", leader, stop_decision_ref="07/QĐ-SYT", **WITHDRAWAL)
    client.force_login(leader)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    assert "Còn phải ban hành" not in html.decode()
