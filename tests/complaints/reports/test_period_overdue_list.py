"""The periodic report's overdue list is the table's "quá hạn tại cuối kỳ" and "trễ hạn" cases,
judged at the period's end, not on the day the report is made: a case carried over and overdue
at the end is listed, one concluded after the end is listed as it stood then, one whose
deadline falls after the end is not, one whose clock stood (suspended) at the end is not; the
days late run to the period's last day, or to the conclusion. The list and the table count by
one definition (`flow.conditions`), so they agree for every period and the list reads the same
whenever the report is made."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind
from complaints.reports.period import period_report
from tests.complaints.admin.helpers import intake_user
from tests.complaints.reports.test_period_as_at_end import (
    complaint,
    deadline_moved_after_the_end,
    step,
)
from tests.complaints.reports.test_period_as_at_end import sector as sector  # a fixture
from tests.complaints.reports.test_period_flow import NOVEMBER, at, d, make_cases
from tests.complaints.workflow.helpers import valid_data
from tests.factories import FacilityFactory, paper_decision

pytestmark = pytest.mark.django_db


def report(start, end, *, today=None):
    return period_report(user=intake_user(), start=start, end=end, today=today or d(12, 10))


def listed(report) -> dict:
    return {case.tracking_code: case for case in report.overdue}


def agrees_with_the_table(report) -> None:
    total = report.flow_total
    open_then = [case for case in report.overdue if case.concluded_on is None]
    late = [case for case in report.overdue if case.concluded_on is not None]
    assert len(open_then) == total.pending_overdue
    assert len(late) == total.resolved_late == report.resolved_late


def test_the_list_is_the_tables_overdue_at_the_end_and_late_cases():
    cases = make_cases(FacilityFactory(name="Bệnh viện A"))
    november = report(*NOVEMBER)
    agrees_with_the_table(november)
    expected = {
        # Carried over, due 25 November, concluded only on 2 December: open at the end.
        "carried_resolved_in_december": (d(11, 25), "Quá hạn giải quyết", None, 5),
        "received_open_overdue": (d(11, 27), "Quá hạn thụ lý", None, 3),
        # Due on the last day and not accepted by its end.
        "received_due_last_day": (d(11, 30), "Quá hạn thụ lý", None, 0),
        # Accepted only on 1 December: at the end still owed its acceptance (24 November).
        "denunciation_accepted_in_december": (d(11, 24), "Quá hạn thụ lý", None, 6),
        # After thụ lý a press case owes its notice of measures.
        "press_notice_overdue": (d(11, 20), "Quá hạn giải quyết", None, 10),
        # Concluded in the period after its deadline: late to its conclusion.
        "received_resolved_late": (d(11, 20), "Giải quyết trễ hạn", d(11, 28), 8),
    }
    got = listed(november)
    assert set(got) == {cases[name].tracking_code for name in expected}
    for name, (due, state, concluded_on, days_late) in expected.items():
        case = got[cases[name].tracking_code]
        assert (case.due, case.status, case.concluded_on, case.days_late) == (
            due, state, concluded_on, days_late,
        ), name  # fmt: skip
    # Suspended since October (its clock stands) and the December case: not listed.
    assert cases["denunciation_suspended"].tracking_code not in got
    assert cases["december"].tracking_code not in got


def test_the_list_does_not_change_after_the_period():
    make_cases(FacilityFactory(name="Bệnh viện A"))
    made_then = report(*NOVEMBER, today=d(12, 1))
    made_later = report(*NOVEMBER, today=d(12, 31).replace(year=2027))
    assert made_then.overdue == made_later.overdue


def test_across_the_boundary_through_the_workflow(sector):
    hospital, head, _so_leader = sector
    # Accepted on 5 October: due 4 November, concluded on 3 December.
    carried = complaint(hospital, head, accepted=d(10, 5))
    assert carried.resolve_by == d(11, 4)
    conclusion = {
        **valid_data("conclude", facility_code="", kind=CaseKind.KHIEU_NAI),
        **paper_decision(on=d(12, 3), finding="correct"),
    }
    step(carried, "conclude", head, at(12, 3), **conclusion)
    # Due 19 November at the end; a remote area found on 2 December moved it to 4 December.
    moved = deadline_moved_after_the_end(sector)
    # Accepted on 20 November: due 21 December, after November's end.
    not_yet = complaint(hospital, head, accepted=d(11, 20))
    # Suspended on 10 November, due 19 November: its clock stood at the end.
    stood = complaint(hospital, head, accepted=d(10, 20))
    step(stood, "suspend", head, at(11, 10), reason="Chờ kết quả giám định",
         decided_on="2026-11-10")  # fmt: skip

    november = report(*NOVEMBER)
    agrees_with_the_table(november)
    got = listed(november)
    assert set(got) == {carried.tracking_code, moved.tracking_code}
    # Open at the end (concluded only in December): days late to 30 November.
    then = got[carried.tracking_code]
    assert (then.due, then.concluded_on, then.days_late, then.status) == (
        d(11, 4), None, 26, "Quá hạn giải quyết",
    )  # fmt: skip
    # The deadline in force at the end, not the one of today.
    assert (got[moved.tracking_code].due, got[moved.tracking_code].days_late) == (d(11, 19), 11)
    assert not_yet.tracking_code not in got and stood.tracking_code not in got

    # December: concluded on the 3rd, 29 days after its deadline; the moved case is due
    # 4 December and the other 21 December, both overdue at December's end.
    december = report(d(12, 1), d(12, 31), today=d(12, 10).replace(year=2027))
    agrees_with_the_table(december)
    got = listed(december)
    late = got[carried.tracking_code]
    assert (late.due, late.concluded_on, late.days_late, late.status) == (
        d(11, 4), d(12, 3), 29, "Giải quyết trễ hạn",
    )  # fmt: skip
    assert (got[moved.tracking_code].due, got[moved.tracking_code].days_late) == (d(12, 4), 27)
    assert (got[not_yet.tracking_code].due, got[not_yet.tracking_code].days_late) == (
        d(12, 21), 10,
    )  # fmt: skip
    assert stood.tracking_code not in got  # still suspended


def test_the_xlsx_writes_the_lists_days_as_dates(client):
    import io

    from openpyxl import load_workbook

    cases = make_cases(FacilityFactory(name="Bệnh viện A"))
    client.force_login(intake_user())
    response = client.get(
        "/admin/ho-so/bao-cao/", {"start": "2026-11-01", "end": "2026-11-30", "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content))["Hồ sơ quá hạn"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    late = rows[cases["received_resolved_late"].tracking_code]
    for column, day in (("Ngày tiếp nhận", d(11, 3)), ("Hạn", d(11, 20)),
                        ("Ngày kết luận", d(11, 28))):  # fmt: skip
        cell = late[header.index(column)]
        # A date a spreadsheet sorts and counts with, shown as Vietnamese write it.
        assert cell.is_date and cell.value.date() == day, column
        assert cell.number_format == "dd/mm/yyyy"
    assert late[header.index("Số ngày trễ")].value == 8
    # Open at the end: no conclusion day, an empty cell.
    open_then = rows[cases["received_open_overdue"].tracking_code]
    assert open_then[header.index("Ngày kết luận")].value is None
