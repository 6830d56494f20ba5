"""The verification step's period and the verifier's conflict of interest
(complaints/rules/verification.py, complaints/services/verification.py): a positive number of
days ending no later than the resolution deadline (điểm đ khoản 2 Điều 31 Luật Tố cáo; khoản 1
Điều 29 Luật Khiếu nại), and for a denunciation the leader's declaration of khoản 3 Điều 10
Nghị định 31/2019/NĐ-CP, refused outright when the verifier is the denounced person."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.rules.verification import is_the_accused
from complaints.selectors.history import case_timeline
from complaints.services.verification import verification_end
from complaints.services.workflow import TransitionInvalid
from complaints.transitions import transition_for
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DECLARATION_ARTICLE = "khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP"


@pytest.fixture
def leader():
    return UserFactory(superuser=True, username="lanhdao", last_name="Lê", first_name="Lãnh Đạo")


def accepted_today(kind, leader, **extra):
    """A case accepted today through the workflow: its resolution deadline and its basis as
    the deadline service stores them."""
    case = case_in(kind, CaseStatus.RECEIVED, **extra)
    act(case, "accept", leader)
    case.refresh_from_db()
    assert case.resolve_by is not None
    return case


def _nothing_saved(case):
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.status == CaseStatus.ACCEPTED
    assert fresh.verification_days is None and fresh.verification_until is None
    assert not CaseEvent.objects.filter(case=case, action="start_verification").exists()


def test_the_period_is_set_on_the_case_with_history_and_in_the_event(leader):
    case = accepted_today(CaseKind.KHIEU_NAI, leader)
    today = timezone.localdate()
    event = act(case, "start_verification", leader, verification_days="10")
    case.refresh_from_db()
    until = verification_end(today, 10)
    assert today + datetime.timedelta(days=10) <= until <= case.resolve_by
    assert (case.status, case.verification_days, case.verification_until) == (
        CaseStatus.VERIFYING, 10, until)
    assert event.data["verification_days"] == 10
    assert event.data["verification_from"] == today.isoformat()
    assert event.data["verification_until"] == until.isoformat()
    last = case.history.first()
    assert (last.verification_days, last.verification_until) == (10, until)
    assert last.history_change_reason.endswith("action=case_start_verification")
    entry = next(e for e in case_timeline(case=case, user=leader)
                 if e.action == "start_verification")
    assert f"Thời hạn xác minh: 10 ngày, đến hết ngày {until.strftime('%d/%m/%Y')}" in (
        entry.detail)
    assert {c.field for c in entry.changes} >= {"verification_days", "verification_until"}


def test_the_period_counts_from_the_next_day_to_a_working_day():
    # Điều 147, 148 Bộ luật Dân sự 2015: 5 days from Monday 7/9/2026 end on Saturday 12/9,
    # a day off: the verification ends on Monday 14/9.
    assert verification_end(datetime.date(2026, 9, 7), 5) == datetime.date(2026, 9, 14)
    assert verification_end(datetime.date(2026, 9, 7), 3) == datetime.date(2026, 9, 10)


@pytest.mark.parametrize("days", ["0", -3, "mười", 2.5, True])
def test_a_period_that_is_no_positive_number_of_days_is_refused(leader, days):
    case = accepted_today(CaseKind.KHIEU_NAI, leader)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "start_verification", leader, verification_days=days)
    assert "Thời hạn xác minh" in invalid.value.errors["verification_days"][0]
    _nothing_saved(case)


def test_a_period_ending_after_the_resolution_deadline_is_refused_with_its_article(leader):
    case = accepted_today(CaseKind.KHIEU_NAI, leader)
    today = timezone.localdate()
    days = (case.resolve_by - today).days + 1
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "start_verification", leader, verification_days=days)
    (message,) = invalid.value.errors["verification_days"]
    assert case.resolve_by.strftime("%d/%m/%Y") in message
    assert "khoản 1 Điều 29 Luật Khiếu nại" in message  # within Điều 28's time
    assert "Điều 28 Luật Khiếu nại" in message  # the deadline's own basis
    assert "tối đa" in message
    _nothing_saved(case)
    # The longest period the message offers is accepted.
    most = int(message.split("tối đa ")[1].split(" ngày")[0])
    assert verification_end(today, most) <= case.resolve_by
    act(case, "start_verification", leader, verification_days=most)
    assert Case.objects.get(pk=case.pk).verification_days == most


def test_a_second_complaint_cites_article_38(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, second_time=True,
                   resolve_by=timezone.localdate() + datetime.timedelta(days=5))
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "start_verification", leader, verification_days=30)
    assert "Điều 38 Luật Khiếu nại" in invalid.value.errors["verification_days"][0]


def test_a_denunciation_needs_the_leaders_declaration(leader):
    case = accepted_today(CaseKind.TO_CAO, leader, accused_name="Phạm Văn Bị")
    row = transition_for(case=case, action="start_verification")
    assert row.required_fields == ("verifier_no_conflict",)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "start_verification", leader, verification_days=15)
    (message,) = invalid.value.errors["verifier_no_conflict"]
    assert DECLARATION_ARTICLE in message
    _nothing_saved(case)
    event = act(case, "start_verification", leader, verification_days=15,
                verifier_no_conflict=True)
    assert event.data["verifier_no_conflict"] is True
    assert event.data["declared_by"] == "lanhdao"
    assert event.data["declaration_article"] == DECLARATION_ARTICLE
    entry = next(e for e in case_timeline(case=case, user=leader)
                 if e.action == "start_verification")
    assert "Lê Lãnh Đạo xác nhận người được giao xác minh" in entry.detail
    assert DECLARATION_ARTICLE in entry.detail


def test_the_denounced_person_is_never_their_own_verifier(leader):
    facility = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED).assigned_unit
    accused = UserFactory(username="bitocao", last_name="Nguyễn Văn", first_name="An",
                          facility=facility, perms=["complaints.act_on_case"])
    # Another spelling of the same name: case, diacritics, spaces and order aside.
    case = accepted_today(CaseKind.TO_CAO, leader, facility=facility,
                          accused_name="  nguyen van AN ", assigned_user=accused)
    case.refresh_from_db()
    assert case.assigned_user == accused
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "start_verification", leader, verifier_no_conflict=True)
    (message,) = invalid.value.errors["verifier_no_conflict"]
    assert "Nguyễn Văn An" in message and "chính là người bị tố cáo" in message
    assert DECLARATION_ARTICLE in message
    _nothing_saved(case)


def test_names_are_compared_without_case_accents_or_order():
    user = UserFactory.build(first_name="Thị Mật", last_name="Lê")
    for accused in ("Lê Thị Mật", "le thi  MAT", "Thị Mật Lê", "LÊ THỊ MẬT."):
        assert is_the_accused(case=Case(accused_name=accused), user=user)
    for accused in ("Lê Thị Mận", "Lê Thị", ""):
        assert not is_the_accused(case=Case(accused_name=accused), user=user)


def test_a_complaint_asks_no_declaration(leader):
    # The law copies give a complaint's verifier no such rule (Luật Khiếu nại, NĐ 124/2020).
    case = accepted_today(CaseKind.KHIEU_NAI, leader)
    row = transition_for(case=case, action="start_verification")
    assert "verifier_no_conflict" not in row.fields
    event = act(case, "start_verification", leader)
    assert "verifier_no_conflict" not in event.data
    case.refresh_from_db()
    assert case.verification_days is None


def test_only_a_leader_starts_a_denunciations_verification(leader):
    from complaints.services.workflow import TransitionNotAllowed
    from complaints.transitions import allowed_actions

    case = accepted_today(CaseKind.TO_CAO, leader, accused_name="Phạm Văn Bị")
    officer = UserFactory(perms=["complaints.view_case", "complaints.act_on_case"],
                          facility=case.assigned_unit)
    assert "start_verification" not in {
        t.action for t in allowed_actions(case=case, user=officer)}
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "start_verification", officer, verifier_no_conflict=True)
    assert "khoản 1 Điều 31 Luật Tố cáo" in refused.value.message
    assert DECLARATION_ARTICLE in refused.value.message
    _nothing_saved(case)
    # A complaint's verification stays the handling officer's step.
    complaint = accepted_today(CaseKind.KHIEU_NAI, leader, facility=case.assigned_unit)
    assert act(complaint, "start_verification", officer).to_status == CaseStatus.VERIFYING
