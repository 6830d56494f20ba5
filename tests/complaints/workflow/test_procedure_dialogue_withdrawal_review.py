"""Dialogue (issue 9 item 4), withdrawal (item 6) and review instead of reopening (item 8),
through the one service; the citizen sees the dialogue and the withdrawal on the timeline."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting, FacilityKind, Withdrawal
from complaints.selectors.tracking import case_public_view
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed, case_transition
from complaints.transitions import allowed_actions
from tests.factories import FacilityFactory, UserFactory, paper_decision

from .helpers import case_in, verified

pytestmark = pytest.mark.django_db

ACT = ["complaints.view_case", "complaints.act_on_case"]
LEADER = [*ACT, "complaints.approve_case", "complaints.view_all_cases"]
CONCLUDE = {
    "conclusion": "Giữ nguyên quyết định.", "public_answer": "Khiếu nại không có cơ sở.",
    # The dialogue's notice and minutes on paper (complaints/rules/dialogue_documents.py).
    "without_dialogue_documents": True,
    **paper_decision(),
}


def act(case, action, user, **data):
    return case_transition(case_id=case.pk, action=action, actor=user, data=data, origin="test")


def _at(days: int, hour: int = 9) -> str:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def _schedule(case, user, *, days=6, notified=None):
    data = {"scheduled_at": _at(days), "place": "Phòng họp Sở Y tế",
            "participants": "Người khiếu nại; Bệnh viện A; Thanh tra Sở"}  # fmt: skip
    if notified:
        data["notified_on"] = notified
    return act(case, "schedule_dialogue", user, **data)


# ---- dialogue ----------------------------------------------------------------------------


def test_a_second_time_complaint_is_not_concluded_without_a_dialogue():
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    assert "conclude" not in [t.action for t in allowed_actions(case=case, user=leader)]
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "conclude", leader, **CONCLUDE)
    assert "Điều 39 Luật Khiếu nại" in refused.value.message
    event = _schedule(case, leader)
    # The citizen sees it on the timeline (when and where; not who attends).
    timeline = case_public_view(case=case).timeline
    assert timeline[-1].action == "schedule_dialogue"
    assert "Phòng họp Sở Y tế" in timeline[-1].message
    assert "Thanh tra Sở" not in event.public_message
    with pytest.raises(TransitionNotAllowed):  # scheduled is not held
        act(case, "conclude", leader, **CONCLUDE)
    verified(case)  # the dialogue is held on the verification's result
    with pytest.raises(TransitionInvalid) as early:  # not yet held
        act(case, "record_dialogue", leader, outcome="held", led_by="Giám đốc Sở", minutes="…")
    assert "outcome" in early.value.errors
    DialogueMeeting.objects.filter(case=case).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(TransitionInvalid) as no_minutes:
        act(case, "record_dialogue", leader, outcome="held", led_by="Giám đốc Sở")
    assert "minutes" in no_minutes.value.errors
    act(case, "record_dialogue", leader, outcome="held", led_by="Giám đốc Sở Y tế",
        led_by_head=True, minutes="Hai bên thống nhất…", result="Thống nhất…")  # fmt: skip
    meeting = DialogueMeeting.objects.get(case=case)
    assert meeting.status == "held" and meeting.led_by == "Giám đốc Sở Y tế"
    act(case, "conclude", leader, **CONCLUDE)
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED


def test_the_parties_are_notified_at_least_five_days_ahead():
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    with pytest.raises(TransitionInvalid) as refused:
        _schedule(case, leader, days=4)
    assert "05 ngày" in refused.value.errors["scheduled_at"][0]
    assert "Điều 28 Nghị định 124/2020/NĐ-CP" in refused.value.errors["scheduled_at"][0]
    assert not DialogueMeeting.objects.filter(case=case).exists()
    _schedule(case, leader, days=5)
    assert DialogueMeeting.objects.filter(case=case).count() == 1


def test_a_first_time_complaint_needs_a_dialogue_once_staff_record_the_difference():
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING)
    assert "conclude" in [t.action for t in allowed_actions(case=case, user=leader)]
    act(case, "mark_verification_differs", leader, reason="Người khiếu nại không đồng ý")
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "conclude", leader, **CONCLUDE)
    assert "khoản 1 Điều 30 Luật Khiếu nại" in refused.value.message
    _schedule(case, leader)
    DialogueMeeting.objects.filter(case=case).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=1)
    )
    verified(case)  # the dialogue is held on the verification's result
    # Invited and absent without good reason: resolution goes on (NĐ 124/2020 Điều 28(5)).
    event = act(case, "record_dialogue", leader, outcome="complainant_absent",
                led_by="Phó Giám đốc Sở")  # fmt: skip
    assert event.is_public and "không tham gia" in event.public_message
    act(case, "conclude", leader, **CONCLUDE)


# ---- withdrawal --------------------------------------------------------------------------


def test_withdrawal_is_a_permission_of_its_own():
    handler = UserFactory(perms=["complaints.act_on_case", "complaints.view_all_cases"])
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED)
    data = {"form": "written", "document_ref": "Đơn rút ngày 05/09/2026"}
    with pytest.raises(PermissionDenied):
        act(case, "withdraw", handler, **data)
    # One of the people of the unit resolving it: a unit above does not record a first
    # complaint's withdrawal (complaints/rules/resolver.py, `outside_unit_refusal`).
    allowed = UserFactory(perms=[
        "complaints.act_on_case", "complaints.view_all_cases", "complaints.record_withdrawal",
    ], facility=case.assigned_unit)  # fmt: skip
    act(case, "withdraw", allowed, **data)
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    withdrawal = Withdrawal.objects.get(case=case)
    assert (withdrawal.scope, withdrawal.continues, withdrawal.form) == ("whole", False, "written")


def test_a_complaint_goes_on_for_those_who_did_not_withdraw():
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING)
    base = {"form": "statement", "document_ref": "Biên bản ngày 06/09/2026"}
    with pytest.raises(TransitionInvalid) as part:
        act(case, "record_withdrawal", leader, scope="part", **base)
    assert "Điều 7a" in part.value.errors["scope"][0]
    with pytest.raises(TransitionInvalid) as who:
        act(case, "record_withdrawal", leader, scope="one_of_several", **base)
    assert "withdrawn_by" in who.value.errors
    event = act(case, "record_withdrawal", leader, scope="one_of_several",
                withdrawn_by="Ông Phạm Văn D", **base)  # fmt: skip
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    assert Withdrawal.objects.get(case=case).continues
    assert "tiếp tục" in case_public_view(case=case).timeline[-1].message
    assert event.data["scope"] == "one_of_several"


def test_a_denunciation_withdrawn_in_part_or_with_signs_of_violation_goes_on():
    leader = UserFactory(superuser=True)
    above = FacilityFactory()  # not the unit denounced: its withdrawal is its own to record
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=FacilityFactory(parent=above),
                   assigned_unit=above)  # fmt: skip
    base = {"form": "written", "document_ref": "Đơn rút ngày 07/09/2026"}
    with pytest.raises(TransitionInvalid) as missing:
        act(case, "record_withdrawal", leader, scope="part", **base)
    assert "withdrawn_part" in missing.value.errors
    act(case, "record_withdrawal", leader, scope="part",
        withdrawn_part="Nội dung về thu tiền ngoài quy định", **base)  # fmt: skip
    with pytest.raises(TransitionInvalid) as ground:
        act(case, "record_withdrawal", leader, scope="whole", **base)
    assert "khoản 3 Điều 33" in ground.value.errors["continue_ground"][0]
    act(case, "record_withdrawal", leader, scope="whole", continue_ground="coerced", **base)
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    assert list(Withdrawal.objects.filter(case=case).values_list("continues", flat=True)) == [
        True, True,
    ]  # fmt: skip
    # A whole withdrawal with no such ground stops it, by the resolver's finding (reason).
    with pytest.raises(TransitionInvalid) as reason:
        act(case, "withdraw", leader, **base)
    assert "reason" in reason.value.errors
    act(case, "withdraw", leader, reason="Không có dấu hiệu vi phạm", **base)
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN


# ---- review instead of reopening -----------------------------------------------------------


@pytest.fixture
def tree():
    so = FacilityFactory(code="SYT", kind=FacilityKind.DEPARTMENT, name="Sở Y tế")
    hospital = FacilityFactory(code="BV-A", parent=so, name="Bệnh viện A")
    return so, hospital


@pytest.mark.parametrize("kind", [CaseKind.KHIEU_NAI, CaseKind.TO_CAO])
def test_the_deciding_unit_does_not_reopen_its_decision_the_level_above_reviews_it(tree, kind):
    so, hospital = tree
    own = UserFactory(perms=[*ACT, "complaints.approve_case"], facility=hospital)
    above = UserFactory(perms=[*ACT, "complaints.approve_case"], facility=so)
    case = case_in(kind, CaseStatus.CONCLUDED, facility=hospital)
    data = {"reason": "Giải quyết chưa đúng", "review_decision": "Quyết định 30/QĐ-SYT"}
    assert "reopen" not in [t.action for t in allowed_actions(case=case, user=own)]
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "reopen", own, **data)
    assert "Sở Y tế" in refused.value.message and "Điều" in refused.value.message
    assert "reopen" in [t.action for t in allowed_actions(case=case, user=above)]
    event = act(case, "reopen", above, **data)
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING and case.assigned_unit == so
    assert case.reviewed_by == "Sở Y tế"
    assert event.data["review"] is True and event.data["decided_by_unit"] == "BV-A"
    assert "cấp trên" in event.public_message and "Quyết định 30/QĐ-SYT" in event.public_message


def test_a_decision_of_the_so_is_reviewed_outside_the_portal(tree):
    so, _hospital = tree
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.CLOSED, facility=so)
    member = UserFactory(perms=[*ACT, "complaints.approve_case"], facility=so)
    with pytest.raises(TransitionNotAllowed):
        act(case, "reopen", member, reason="x", review_decision="y")
    leader = UserFactory(perms=LEADER)
    act(case, "reopen", leader, reason="Theo chỉ đạo", review_decision="Văn bản 99/UBND")
    case.refresh_from_db()
    assert case.reviewed_by.startswith("Chủ tịch") and case.status == CaseStatus.VERIFYING


@pytest.mark.parametrize("status", [CaseStatus.FILED, CaseStatus.REJECTED])
def test_a_petition_filed_or_refused_by_mistake_is_still_reopened_by_the_unit(tree, status):
    _so, hospital = tree
    own = UserFactory(perms=[*ACT, "complaints.approve_case"], facility=hospital)
    case = case_in(CaseKind.KHIEU_NAI, status, facility=hospital)
    act(case, "reopen", own, reason="Lưu nhầm")
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and case.reviewed_by == ""


def test_a_second_click_records_no_second_meeting_or_withdrawal():
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    _schedule(case, leader)
    with pytest.raises(TransitionNotAllowed):
        _schedule(case, leader)
    assert DialogueMeeting.objects.filter(case=case).count() == 1
    data = {"form": "written", "document_ref": "Đơn rút số 3", "scope": "one_of_several",
            "withdrawn_by": "Bà E"}  # fmt: skip
    act(case, "record_withdrawal", leader, **data)
    with pytest.raises(TransitionNotAllowed):
        act(case, "record_withdrawal", leader, **data)
    assert Withdrawal.objects.filter(case=case).count() == 1
