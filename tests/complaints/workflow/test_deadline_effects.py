"""What each transition does to the deadlines (DOMAIN.md §4), with the article it follows."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from complaints.citations import citation_vi
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseDeadline
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from tests.complaints.workflow.helpers import act
from tests.factories import UserFactory, paper_decision

from .helpers import case_in

pytestmark = pytest.mark.django_db
D = datetime.date
LEADER = [
    "complaints.view_case",
    "complaints.act_on_case",
    "complaints.approve_case",
    "complaints.view_all_cases",
]


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


def current(case, step):
    return CaseDeadline.objects.get(case=case, step=step, superseded_at__isnull=True)


def test_accepting_a_complaint_starts_the_30_day_clock_rolled_to_a_working_day(leader):
    # Luật KN Art 28: 30 days from acceptance; 4/10/2026 is a Sunday -> Monday 5/10
    # (BLDS 91/2015 Art 148(5)).
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    assert case.resolve_by is None
    event = act(case, "accept", leader, decided_on="2026-09-04")
    case.refresh_from_db()
    assert case.accepted_at.date() == D(2026, 9, 4)
    assert case.resolve_by == D(2026, 10, 5)
    row = current(case, "resolve")
    assert (row.due, row.amount, row.counted_in) == (D(2026, 10, 5), 30, "calendar_days")
    assert "Luật KN Art 28" in row.legal_basis
    assert event.data["resolve_by"] == "2026-10-05"
    assert "05/10/2026" in event.public_message


def test_a_remote_area_lengthens_a_complaint_to_45_days(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "mark_remote", leader, reason="Xã đảo")
    case.refresh_from_db()
    assert case.resolve_by == D(2026, 10, 16)  # 1/9 + 45 days (Luật KN Art 28)
    assert current(case, "resolve").amount == 45
    assert CaseDeadline.objects.filter(case=case, step="resolve").count() == 2  # superseded


def test_a_complaint_cannot_be_extended(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, is_complex=True)
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "extend", leader, reason="Cần thêm thời gian")
    assert "khiếu nại" in refused.value.message.lower()


def test_a_complex_denunciation_is_extended_once_to_60_days(leader):
    # Luật TC Art 30(1)-(2): 30 days, one extension of at most 30 for a complex case.
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    case.refresh_from_db()
    assert case.resolve_by == D(2026, 10, 1)
    with pytest.raises(TransitionNotAllowed):  # not marked complex yet
        act(case, "extend", leader, reason="Cần thêm thời gian")
    act(case, "mark_complex", leader, reason="Nhiều nơi cần xác minh")
    case.refresh_from_db()
    assert case.resolve_by == D(2026, 10, 1)  # marking alone does not extend
    event = act(case, "extend", leader, reason="Cần xác minh thêm tại hai cơ sở")
    case.refresh_from_db()
    assert case.extensions_used == 1
    assert case.resolve_by == D(2026, 11, 2)  # 31/10 is a Saturday
    assert event.is_public and "02/11/2026" in event.public_message
    row = current(case, "resolve")
    assert row.amount == 60 and "Art 30(2)" in row.legal_basis
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "extend", leader, reason="Lần nữa")
    assert "Điều 30" in refused.value.message
    case.refresh_from_db()
    assert case.extensions_used == 1 and case.resolve_by == D(2026, 11, 2)


def test_an_especially_complex_denunciation_is_extended_twice_to_90_days(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "mark_complex", leader, reason="Đặc biệt phức tạp", very_complex=True)
    act(case, "extend", leader, reason="Lần 1")
    case.refresh_from_db()
    assert case.resolve_by == D(2026, 11, 2)  # 1/9 + 60
    act(case, "extend", leader, reason="Lần 2")
    case.refresh_from_db()
    assert case.resolve_by == D(2026, 11, 30)  # 1/9 + 90 (Luật TC Art 30(3))
    assert current(case, "resolve").amount == 90
    with pytest.raises(TransitionNotAllowed):
        act(case, "extend", leader, reason="Lần 3")


def test_a_complaint_suspended_and_resumed_keeps_the_days_used(leader):
    # NĐ 124/2020 Art 28b (NĐ 155/2026): 9 days used before the suspension on 11/9
    # (2–10/9: the suspension's own day is not counted as used), the remaining 21 run
    # from the resumption decision of 1/10 -> 22/10.
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "start_verification", leader)
    act(case, "suspend", leader, reason="Chờ kết quả giám định", decided_on="2026-09-11")
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    notice = current(case, "suspension_notice")
    assert notice.due == D(2026, 9, 16) and "28b(1)" in notice.legal_basis  # 3 working days
    act(case, "resume", leader, decided_on="2026-10-01")
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    assert case.resolve_by == D(2026, 10, 22)
    row = current(case, "resolve")
    assert row.due == D(2026, 10, 22) and "28b(2)" in row.legal_basis
    assert current(case, "resumption_notice").due == D(2026, 10, 6)
    superseded = CaseDeadline.objects.filter(case=case, step="resolve", superseded_at__isnull=False)
    assert superseded.filter(due=D(2026, 10, 1)).exists()  # the old row is kept, not rewritten


def test_a_denunciation_suspended_does_not_count_the_suspended_days(leader):
    # Luật TC Art 34(2): the 21 days from the suspension decision (11/9, its own day not
    # counted as used) to the resumption decision (1/10) are added to the 30.
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "suspend", leader, reason="Chờ giám định lại", decided_on="2026-09-11")
    with translation.override("en"):  # stored data, whatever the actor's language
        act(case, "resume", leader, decided_on="2026-10-01")
    case.refresh_from_db()
    assert case.resolve_by == D(2026, 10, 22)
    basis = current(case, "resolve").legal_basis
    unit = "21 ngày tạm đình chỉ không tính"
    assert basis.endswith(f"; Luật TC Art 34(2): {unit}")
    assert citation_vi(basis).endswith(f"; khoản 2 Điều 34 Luật Tố cáo: {unit}")


def test_a_resume_before_the_suspension_is_refused(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "suspend", leader, reason="Chờ", decided_on="2026-09-11")
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "resume", leader, decided_on="2026-09-10")
    assert "decided_on" in invalid.value.errors


def test_a_decision_date_must_be_real_and_not_in_the_future(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    for bad in ("2999-01-01", "2026-08-01", "hôm qua"):
        with pytest.raises(TransitionInvalid) as invalid:
            act(case, "accept", leader, decided_on=bad)
        assert "decided_on" in invalid.value.errors
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and case.accepted_at is None


def test_a_denunciation_an_outlet_forwarded_sends_its_conclusion_to_the_outlet(leader):
    # NĐ 237/2026 Art 18(2): 05 working days from the conclusion.
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, channel="press")
    act(case, "conclude", leader, conclusion="Tố cáo đúng một phần.", public_answer="Đã xử lý.",
        **paper_decision())
    row = current(case, "press_conclusion_notice")
    assert row.counted_in == "working_days" and "NĐ 237/2026 Art 18(2)" in row.legal_basis
    other = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING)
    act(other, "conclude", leader, conclusion="Tố cáo đúng một phần.", public_answer="Đã xử lý.",
        **paper_decision())
    assert not CaseDeadline.objects.filter(case=other, step="press_conclusion_notice").exists()


def test_a_press_conclusion_opens_no_conclusion_notice(leader):
    # The article's case answers under Art 18(3) (15 working days from receipt); Art 18(2)
    # is for the khiếu nại, tố cáo an outlet forwarded.
    case = case_in(CaseKind.BAO_CHI, CaseStatus.VERIFYING)
    act(
        case,
        "conclude",
        leader,
        conclusion="Bài báo phản ánh đúng một phần.",
        public_answer="Bệnh viện đã chấn chỉnh.",
        press_finding="partly_accurate",
    )
    case.refresh_from_db()
    assert case.press_finding == "partly_accurate" and case.concluded_at is not None
    assert not CaseDeadline.objects.filter(case=case, step="press_conclusion_notice").exists()


def test_a_press_conclusion_needs_the_finding(leader):
    case = case_in(CaseKind.BAO_CHI, CaseStatus.VERIFYING)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "conclude", leader, conclusion="Kết luận", public_answer="Trả lời")
    assert set(invalid.value.errors) == {"press_finding"}
    with pytest.raises(TransitionInvalid):
        act(case, "conclude", leader, conclusion="K", public_answer="T", press_finding="maybe")


def test_filing_a_petition_sets_the_three_day_notice(leader):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    act(case, "file", leader, reason="duplicate")
    case.refresh_from_db()
    assert case.status == CaseStatus.FILED and case.closed_at is not None
    row = current(case, "filing_notice")
    assert row.amount == 3 and "NĐ 154/2026 Art 4(1)(h), 4(3)" in row.legal_basis


def test_extending_a_denunciations_acceptance_makes_accept_by_the_10_day_step():
    # Luật TC Art 24(1): 7 working days to accept, up to 10 where verification is
    # needed at several places. The 10-day step was computed but never applied.
    from complaints.services.deadlines import case_deadlines_refresh

    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    leader = UserFactory(perms=LEADER, facility=case.assigned_unit)
    case_deadlines_refresh(case=case)
    case.refresh_from_db()
    seven, ten = current(case, "accept"), current(case, "accept_extended")
    assert case.accept_by == seven.due and ten.due > seven.due and ten.amount == 10

    event = act(case, "extend_acceptance", leader, reason="Cần xác minh ở ba bệnh viện")
    case.refresh_from_db()
    assert case.accept_by == ten.due
    assert not event.is_public and event.data["accept_by"] == ten.due.isoformat()
    assert case.history.filter(
        history_change_reason="origin=test action=case_extend_acceptance", accept_by=ten.due
    ).exists()
    # A later recomputation keeps the extension.
    act(case, "mark_complex", leader, reason="Nhiều nơi cần xác minh")
    case.refresh_from_db()
    assert case.accept_by == ten.due
    # Once only, before acceptance only, for a denunciation only, by a leader only.
    with pytest.raises(TransitionNotAllowed):
        act(case, "extend_acceptance", leader, reason="Lần nữa")
    with pytest.raises(TransitionInvalid):
        act(case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=case.facility),
            "extend_acceptance", leader)
    with pytest.raises(TransitionNotAllowed):
        act(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED), "extend_acceptance", leader, reason="x")
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    with pytest.raises(TransitionNotAllowed):
        act(complaint, "extend_acceptance", leader, reason="x")
    handler = UserFactory(perms=["complaints.act_on_case", "complaints.view_all_cases"])
    with pytest.raises(PermissionDenied):
        act(case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED), "extend_acceptance", handler, reason="x")


def test_the_complainant_is_told_when_complexity_or_remoteness_moves_the_deadline(leader):
    # The chief inspector's review: "mark_complex" moved a complaint's deadline from 05/01
    # to 20/01 as an internal event; the citizen's timeline still said 05/01.
    from complaints.selectors.tracking import case_public_view

    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    event = act(case, "mark_complex", leader, reason="Nội bộ: nhiều khoa liên quan")
    case.refresh_from_db()
    assert case.resolve_by == D(2026, 10, 16)  # 45 days (Điều 28 Luật Khiếu nại)
    assert event.is_public
    assert event.public_message == (
        "Vụ việc được xác định là phức tạp. Thời hạn giải quyết kéo dài đến ngày 16/10/2026 "
        "(Điều 28 Luật Khiếu nại).")
    timeline = [e.message for e in case_public_view(case=case).timeline]
    assert event.public_message in timeline
    assert not any("Nội bộ" in line for line in timeline)  # the officer's reason stays in
    from complaints.selectors.event_text import system_line

    with translation.override("en"):  # an English reader: the line rebuilt, its citation too
        english = system_line(event)
    assert english is not None and "Article 28 of the Law on Complaints" in english
    assert "16/10/2026" in english

    remote = act(case, "mark_remote", leader, reason="Xã đảo")
    case.refresh_from_db()
    assert remote.is_public and "16/10/2026" not in remote.public_message
    assert _fmt_day(case.resolve_by) in remote.public_message  # 60 days now


def test_a_denunciation_found_complex_keeps_its_date_and_says_nothing_yet(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    event = act(case, "mark_complex", leader, reason="Nhiều nơi cần xác minh")
    assert not event.is_public and event.public_message == ""


def _fmt_day(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")
