"""The periodic report reads a case as it stood at the period's end from what it recorded, not
from today's case: the deadline rows in force then (an extension or a recomputation after the
end does not move them), the suspension decided by then (a case suspended only after the end
was overdue at it; one suspended at the end was not, khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP,
khoản 2 Điều 34 Luật Tố cáo), and the conclusion a reopening after the end cleared (out at the
end, with the finding it then had). Every case is built through the workflow service, the
clock moved to each step's day."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseDeadline
from complaints.reports.as_at_end import event_cases
from complaints.reports.period import period_report
from complaints.services.deadlines import case_deadlines_refresh
from portal.local_days import local_bounds
from tests.complaints.admin.helpers import intake_user
from tests.complaints.reports.test_period_flow import DECEMBER, NOVEMBER, TODAY, at, d
from tests.complaints.workflow.helpers import act, case_in, valid_data
from tests.factories import hospital_under_so, paper_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def sector():
    """A hospital under the Sở, the hospital's director and the Sở's leader."""
    sector = hospital_under_so()
    return sector.hospital, sector.head, sector.so_leader


def on(moment: datetime.datetime):
    """The clock at `moment` for what the workflow records (events, deadline rows)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def step(case, action: str, actor, moment: datetime.datetime, **data):
    with on(moment):
        return act(case, action, actor, **data)


def complaint(hospital, head, *, accepted: datetime.date):
    """A khiếu nại lần đầu received and accepted on `accepted` (resolution: 30 days,
    Điều 28 Luật Khiếu nại), being verified."""
    received = at(accepted.month, accepted.day, 8)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital,
                   received_at=received)  # fmt: skip
    step(case, "accept", head, at(accepted.month, accepted.day, 10),
         decided_on=accepted.isoformat())  # fmt: skip
    step(case, "start_verification", head, at(accepted.month, accepted.day, 11))
    case.refresh_from_db()
    return case


def november():
    return period_report(user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)


def complaints_column(report):
    (row,) = [row for row in report.flow if row.code == "khieu_nai_lan_dau"]
    assert row.balances
    return row


def deadline_moved_after_the_end(sector):
    hospital, head, _so_leader = sector
    # Accepted on 20 October: due on 19 November (30 days), overdue at November's end.
    case = complaint(hospital, head, accepted=d(10, 20))
    assert case.resolve_by == d(11, 19)
    # Found in a remote area on 2 December: 45 days (Điều 28 Luật Khiếu nại), due 4 December.
    step(case, "mark_remote", head, at(12, 2), reason="Xã đảo")
    case.refresh_from_db()
    assert case.resolve_by == d(12, 4)
    return case


def test_a_deadline_moved_after_the_end_counts_as_it_was_at_the_end(sector):
    deadline_moved_after_the_end(sector)
    row = complaints_column(november())
    assert (row.carried_over, row.pending, row.pending_overdue) == (1, 1, 1)


def suspended_before_and_after_the_end(sector):
    hospital, head, _so_leader = sector
    # Due on 4 November, suspended only on 3 December: overdue at November's end.
    late = complaint(hospital, head, accepted=d(10, 5))
    assert late.resolve_by == d(11, 4)
    step(late, "suspend", head, at(12, 3), reason="Chờ kết quả giám định",
         decided_on="2026-12-03")  # fmt: skip
    # Due on 19 November, suspended on 10 November and resumed on 2 December: its clock
    # stood at November's end (khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP).
    stood = complaint(hospital, head, accepted=d(10, 20))
    step(stood, "suspend", head, at(11, 10), reason="Chờ kết quả giám định",
         decided_on="2026-11-10")  # fmt: skip
    step(stood, "resume", head, at(12, 2), decided_on="2026-12-02")
    late.refresh_from_db()
    stood.refresh_from_db()
    assert late.status == CaseStatus.SUSPENDED and stood.status == CaseStatus.VERIFYING


def test_a_suspension_counts_from_the_day_it_was_decided(sector):
    suspended_before_and_after_the_end(sector)
    row = complaints_column(november())
    assert (row.pending, row.pending_overdue) == (2, 1)


def concluded_and_reviewed_after_the_end(sector):
    hospital, head, so_leader = sector
    case = complaint(hospital, head, accepted=d(11, 2))
    conclusion = {
        **valid_data("conclude", facility_code="", kind=CaseKind.KHIEU_NAI),
        **paper_decision(on=d(11, 16), finding="partly_correct"),
    }
    step(case, "conclude", head, at(11, 16), **conclusion)
    # The level above reviews it on 3 December (Điều 44 Luật Khiếu nại): open again today,
    # its conclusion and finding cleared.
    step(case, "reopen", so_leader, at(12, 3), reason="Kết luận chưa đầy đủ",
         review_decision="Quyết định 30/QĐ-SYT")  # fmt: skip
    case.refresh_from_db()
    assert (case.status, case.concluded_at, case.finding) == (CaseStatus.VERIFYING, None, "")


def test_a_conclusion_reviewed_after_the_end_was_out_at_the_end(sector):
    concluded_and_reviewed_after_the_end(sector)
    report = november()
    row = complaints_column(report)
    assert (row.received, row.accepted, row.resolved, row.resolved_on_time, row.pending) == (
        1, 1, 1, 1, 0,
    )  # fmt: skip
    # The finding its conclusion then stated (đúng một phần).
    assert (row.resolved_partly_correct, row.resolved_no_finding) == (1, 0)
    outcomes = {r.code: r.count for r in report.by_outcome}
    assert (outcomes["resolved"], outcomes["handling"]) == (1, 0)
    # December, after the review: back in the handling, pending at its end.
    december = period_report(user=intake_user(), start=d(12, 1), end=d(12, 31), today=TODAY)
    row = complaints_column(december)
    assert (row.carried_over, row.resolved, row.pending) == (1, 0, 1)


def test_carried_over_and_received_still_equal_every_exit_and_the_pending(sector):
    deadline_moved_after_the_end(sector)
    suspended_before_and_after_the_end(sector)
    concluded_and_reviewed_after_the_end(sector)
    periods = (
        (d(10, 1), d(10, 31)), NOVEMBER, (d(12, 1), d(12, 31)), (d(10, 15), d(11, 15)),
        (d(11, 16), d(12, 2)), (d(11, 1), d(12, 31)),
    )  # fmt: skip
    for start, end in periods:
        report = period_report(user=intake_user(), start=start, end=end, today=TODAY)
        for row in report.flow:
            assert row.balances, (start, end, row)
        assert sum(r.count for r in report.by_outcome) == report.received


def test_only_the_cases_whose_deadlines_moved_after_the_end_read_their_rows(sector):
    """A case whose deadline rows in force at the end are today's is judged by its own
    `resolve_by` (the rows' copy): the figures read rows only for the few that moved."""
    hospital, head, _so_leader = sector
    moved = deadline_moved_after_the_end(sector)  # due 19 November then, 4 December today
    # Accepted on 21 October, due on 20 November, its rows unchanged since: overdue at the end.
    steady = complaint(hospital, head, accepted=d(10, 21))
    assert steady.resolve_by == d(11, 20)
    # Received and accepted in December (due 1 January): not in November's report.
    complaint(hospital, head, accepted=d(12, 2))
    _since, until = local_bounds(*NOVEMBER)
    assert event_cases(until).deadlines_moved == (moved.pk,)
    row = complaints_column(november())
    assert (row.carried_over, row.pending, row.pending_overdue) == (2, 2, 2)
    # December: no row moved after its end, so the counts (the two grouped queries) read none.
    with CaptureQueriesContext(connection) as queries:
        december = period_report(user=intake_user(), start=DECEMBER[0], end=DECEMBER[1],
                                 today=TODAY)  # fmt: skip
    counts = [q["sql"] for q in queries if "GROUP BY" in q["sql"]]
    assert len(counts) == 2
    assert not [sql for sql in counts if "complaints_casedeadline" in sql]
    row = complaints_column(december)
    # Due 4 December and 20 November: overdue at December's end; the third due 1 January.
    assert (row.carried_over, row.received, row.pending, row.pending_overdue) == (2, 1, 3, 2)


def test_a_denunciation_whose_acceptance_was_extended_after_the_end_counts_by_seven_days(
    sector,
):
    """Its extension moves `accept_by` to the 10-day row stored at its receipt (khoản 1
    Điều 24 Luật Tố cáo) and changes no row: at the end it still had 7 working days."""
    hospital, head, _so_leader = sector
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital,
                   received_at=at(11, 19, 8))  # fmt: skip
    with on(at(11, 19, 9)):
        case_deadlines_refresh(case=case)  # its rows stored at its receipt, as intake does
    case.refresh_from_db()
    assert case.accept_by == d(11, 30)  # 7 working days
    step(case, "extend_acceptance", head, at(12, 1), reason="Xác minh ở nhiều nơi")
    case.refresh_from_db()
    assert case.accept_by == d(12, 3)  # 10 working days
    _since, until = local_bounds(*NOVEMBER)
    rows = CaseDeadline.objects.filter(case=case)
    assert not rows.filter(created_at__gte=until).exists()
    assert not rows.filter(superseded_at__isnull=False).exists()
    assert event_cases(until).deadlines_moved == (case.pk,)
    (row,) = [row for row in november().flow if row.code == CaseKind.TO_CAO]
    assert (row.received, row.pending, row.pending_overdue) == (1, 1, 1)
