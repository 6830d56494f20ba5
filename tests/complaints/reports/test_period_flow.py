"""The periodic report as at the period's end (complaints.reports.flow): carried over,
received, accepted, resolved, the other exits and what was still pending at the end, per
kind with khiếu nại lần đầu and lần hai apart, against hand-counted cases; the identity
carried over + received = every exit + pending, per kind and across periods."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.reports.flow import COUNTED
from complaints.reports.period import period_report
from complaints.services.calendar import working_calendar
from tests.complaints.admin.helpers import handler_user, intake_user
from tests.factories import CaseFactory, FacilityFactory

pytestmark = pytest.mark.django_db

NOVEMBER = (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
DECEMBER = (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))
TODAY = datetime.date(2026, 12, 10)


def at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, month, day, hour))


def d(month: int, day: int) -> datetime.date:
    return datetime.date(2026, month, day)


def make_cases(unit) -> dict:
    """The cases of one unit around November 2026, named by what they are then."""
    c = CaseFactory
    return {
        # Phản ánh.
        "out_in_october": c(assigned_unit=unit, received_at=at(10, 5),
                            status=CaseStatus.CONCLUDED, concluded_at=at(10, 20)),
        "carried_resolved_on_time": c(assigned_unit=unit, received_at=at(10, 10),
                                      accepted_at=at(10, 11), status=CaseStatus.CONCLUDED,
                                      resolve_by=d(11, 20), concluded_at=at(11, 15)),
        # Concluded on 2 December and closed since: pending (and overdue) at November's end.
        "carried_resolved_in_december": c(assigned_unit=unit, received_at=at(10, 12),
                                          accepted_at=at(10, 13), status=CaseStatus.CLOSED,
                                          resolve_by=d(11, 25), concluded_at=at(12, 2),
                                          closed_at=at(12, 5)),
        "received_resolved_late": c(assigned_unit=unit, received_at=at(11, 3),
                                    accepted_at=at(11, 4), status=CaseStatus.CONCLUDED,
                                    resolve_by=d(11, 20), concluded_at=at(11, 28)),
        "received_rejected": c(assigned_unit=unit, received_at=at(11, 5),
                               status=CaseStatus.REJECTED, closed_at=at(11, 8)),
        # Forwarded on 3 December: pending at November's end, due 1 December (not overdue).
        "received_forwarded_in_december": c(assigned_unit=unit, received_at=at(11, 6),
                                            accept_by=d(12, 1), status=CaseStatus.FORWARDED,
                                            closed_at=at(12, 3)),
        "received_open_overdue": c(assigned_unit=unit, received_at=at(11, 20),
                                   accept_by=d(11, 27)),
        # Due on the period's last day and not accepted by then: overdue at its end.
        "received_due_last_day": c(assigned_unit=unit, received_at=at(11, 21),
                                   accept_by=d(11, 30)),
        "received_resolved_without_deadline": c(assigned_unit=unit, received_at=at(11, 20),
                                                accepted_at=at(11, 20), resolve_by=None,
                                                status=CaseStatus.CONCLUDED,
                                                concluded_at=at(11, 22)),
        "december": c(assigned_unit=unit, received_at=at(12, 2), accept_by=d(12, 20)),
        # Khiếu nại lần đầu.
        "complaint_carried_pending": c(assigned_unit=unit, kind=CaseKind.KHIEU_NAI,
                                       received_at=at(9, 1), accepted_at=at(9, 5),
                                       status=CaseStatus.VERIFYING, resolve_by=d(12, 15)),
        "complaint_withdrawn": c(assigned_unit=unit, kind=CaseKind.KHIEU_NAI,
                                 received_at=at(11, 2), status=CaseStatus.WITHDRAWN,
                                 closed_at=at(11, 10)),
        # Khiếu nại lần hai.
        "second_carried_accepted_resolved": c(assigned_unit=unit, kind=CaseKind.KHIEU_NAI,
                                              second_time=True, received_at=at(10, 25),
                                              accepted_at=at(11, 2), resolve_by=d(12, 20),
                                              status=CaseStatus.CLOSED,
                                              concluded_at=at(11, 29), closed_at=at(11, 30)),
        "second_filed": c(assigned_unit=unit, kind=CaseKind.KHIEU_NAI, second_time=True,
                          received_at=at(11, 25), status=CaseStatus.FILED,
                          closed_at=at(11, 26)),
        # Tố cáo: one suspended since before (its clock stands), one accepted in December.
        "denunciation_suspended": c(assigned_unit=unit, kind=CaseKind.TO_CAO,
                                    received_at=at(10, 1), accepted_at=at(10, 10),
                                    status=CaseStatus.SUSPENDED, resolve_by=d(11, 10)),
        "denunciation_accepted_in_december": c(assigned_unit=unit, kind=CaseKind.TO_CAO,
                                               received_at=at(11, 10), accepted_at=at(12, 1),
                                               status=CaseStatus.ACCEPTED,
                                               accept_by=d(11, 24), resolve_by=d(1, 30)),
        # A press report owing its notice of measures (accept_by) after thụ lý.
        "press_notice_overdue": c(assigned_unit=unit, kind=CaseKind.BAO_CHI,
                                  received_at=at(11, 1), accepted_at=at(11, 2),
                                  status=CaseStatus.ACCEPTED, accept_by=d(11, 20),
                                  resolve_by=None),
    }  # fmt: skip


@pytest.fixture
def hospital():
    return FacilityFactory(name="Bệnh viện A")


def figures(report) -> dict[str, dict[str, int]]:
    return {row.code: {name: getattr(row, name) for name in COUNTED} for row in report.flow}


def row(carried=0, received=0, accepted=0, resolved=0, on_time=0, late=0, rejected=0,
        forwarded=0, filed=0, withdrawn=0, pending=0, overdue=0, correct=0, partly=0, wrong=0,
        no_finding=0) -> dict[str, int]:  # fmt: skip
    return {
        "carried_over": carried,
        "received": received,
        "accepted": accepted,
        "resolved": resolved,
        "resolved_on_time": on_time,
        "resolved_late": late,
        # of a khiếu nại, tố cáo: its conclusion's finding (complaints/rules/decision.py)
        "resolved_correct": correct,
        "resolved_partly_correct": partly,
        "resolved_wrong": wrong,
        "resolved_no_finding": no_finding,
        "rejected": rejected,
        "forwarded": forwarded,
        "filed": filed,
        "withdrawn": withdrawn,
        "pending": pending,
        "pending_overdue": overdue,
    }


NOVEMBER_FIGURES = {
    "phan_anh": row(carried=2, received=6, accepted=2, resolved=3, on_time=1, late=1,
                    rejected=1, pending=4, overdue=3),
    "kien_nghi": row(),
    "khieu_nai_lan_dau": row(carried=1, received=1, withdrawn=1, pending=1),
    "khieu_nai_lan_hai": row(carried=1, received=1, accepted=1, resolved=1, on_time=1,
                             filed=1, no_finding=1),
    "to_cao": row(carried=1, received=1, pending=2, overdue=1),
    "bao_chi": row(received=1, accepted=1, pending=1, overdue=1),
    "total": row(carried=5, received=10, accepted=4, resolved=4, on_time=2, late=1, rejected=1,
                 filed=1, withdrawn=1, pending=8, overdue=5, no_finding=1),
}  # fmt: skip


def test_the_period_as_at_its_end_per_kind(hospital):
    make_cases(hospital)
    report = period_report(user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    assert [row.code for row in report.flow] == list(NOVEMBER_FIGURES)
    assert figures(report) == NOVEMBER_FIGURES
    phan_anh = report.flow[0]
    assert phan_anh.resolved_without_deadline == 1
    assert phan_anh.label == "Phản ánh" and report.flow[3].label == "Khiếu nại lần hai"
    # The summary's on-time figures are the total's.
    assert (report.resolved, report.resolved_on_time, report.resolved_late) == (4, 2, 1)


def test_carried_over_and_received_equal_every_exit_and_the_pending(hospital):
    make_cases(hospital)
    user = intake_user()
    for start, end in (NOVEMBER, DECEMBER, (d(10, 1), d(10, 31)), (d(10, 15), d(11, 15))):
        report = period_report(user=user, start=start, end=end, today=TODAY)
        for row in report.flow:
            assert row.balances, (start, row)
            assert row.carried_over + row.received == (
                row.resolved
                + row.rejected
                + row.forwarded
                + row.filed
                + row.withdrawn
                + row.pending
            )


def test_what_was_pending_at_one_end_is_carried_over_into_the_next_period(hospital):
    make_cases(hospital)
    user = intake_user()
    november = period_report(user=user, start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    december = period_report(user=user, start=DECEMBER[0], end=DECEMBER[1], today=TODAY)
    assert [r.pending for r in november.flow] == [r.carried_over for r in december.flow]
    # December sees the two cases that went out then, and the one received then.
    total = december.flow_total
    assert (total.carried_over, total.received) == (8, 1)
    assert (total.resolved, total.forwarded, total.accepted) == (1, 1, 1)
    assert total.pending == 7


def test_the_outcome_of_the_received_cases_is_as_at_the_period_end(hospital):
    make_cases(hospital)
    report = period_report(user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    # Forwarded on 3 December: still being handled at November's end.
    assert {row.code: row.count for row in report.by_outcome} == {
        "resolved": 2,
        "rejected": 1,
        "forwarded": 0,
        "filed": 1,
        "withdrawn": 1,
        "handling": 5,
    }


def test_a_handler_counts_only_the_cases_of_their_units(hospital):
    make_cases(hospital)
    other = FacilityFactory(name="Trung tâm B")
    make_cases(other)
    mine = period_report(
        user=handler_user(hospital), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY
    )
    assert figures(mine) == NOVEMBER_FIGURES
    everyone = period_report(user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    assert (
        everyone.flow_total.in_hand
        == 2 * NOVEMBER_FIGURES["total"]["carried_over"]
        + 2 * (NOVEMBER_FIGURES["total"]["received"])
    )
    only_other = period_report(
        user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], unit=other, today=TODAY
    )
    assert figures(only_other) == NOVEMBER_FIGURES


def test_the_number_of_queries_does_not_grow_with_the_cases():
    user = intake_user()
    working_calendar()

    def measure() -> int:
        period_report(user=user, start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
        with CaptureQueriesContext(connection) as queries:
            report = period_report(user=user, start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
        assert all(row.balances for row in report.flow)
        return len(queries)

    for _n in range(3):
        make_cases(FacilityFactory())
    n_cases = measure()
    for _n in range(6):
        make_cases(FacilityFactory())
    three_n_cases = measure()
    # With `as_at_end.event_cases`, and the denouncers of the overdue list's named tố cáo
    # read apart (complaints/reports/period.py).
    assert n_cases == three_n_cases == 6
