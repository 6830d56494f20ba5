"""A period not yet over (01/12–31/12 made on 07/12) is reported as at today, and says so: a
case whose deadline is after today is not listed or counted as overdue (a formal report to
the provincial People's Committee must not state a lateness that has not happened), one due
today is not late yet (as the dashboard counts it), the days late run to today; the page,
the CSV, the XLSX and the PDF say as at which day. A past period reads as at its last day,
as before."""

from __future__ import annotations

import calendar
import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from complaints.reports.exports import report_csv, report_xlsx
from complaints.reports.pdf import report_pdf
from complaints.reports.period import period_report
from tests.complaints.admin.helpers import intake_user
from tests.complaints.documents.helpers import pdf_text
from tests.complaints.reports.test_period_flow import at, d
from tests.factories import CaseFactory, FacilityFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/ho-so/bao-cao/"
DECEMBER = (d(12, 1), d(12, 31))
MADE_ON = d(12, 7)
AS_AT = "ngày 07/12/2026 (kỳ báo cáo chưa kết thúc)"
NOTE = "Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày 07/12/2026."


@pytest.fixture
def cases():
    unit = FacilityFactory(name="Bệnh viện A")
    return {
        # The tester's case: received on the day the report is made, owed its acceptance
        # by 16 December.
        "received_today": CaseFactory(assigned_unit=unit, received_at=at(12, 7, 8),
                                      accept_by=d(12, 16)),
        # Due today: not late until the day is over.
        "due_today": CaseFactory(assigned_unit=unit, received_at=at(11, 30), accept_by=d(12, 7)),
        # Due on 4 December, not accepted: overdue by three days today.
        "overdue": CaseFactory(assigned_unit=unit, received_at=at(12, 1), accept_by=d(12, 4)),
    }  # fmt: skip


def december(today: datetime.date):
    return period_report(user=intake_user(), start=DECEMBER[0], end=DECEMBER[1], today=today)


def test_a_running_month_lists_no_case_as_overdue_before_its_deadline(cases):
    report = december(MADE_ON)
    assert report.running and report.as_at == MADE_ON
    got = {case.tracking_code: case for case in report.overdue}
    assert set(got) == {cases["overdue"].tracking_code}
    late = got[cases["overdue"].tracking_code]
    assert (late.due, late.status, late.days_late) == (d(12, 4), "Quá hạn thụ lý", 3)
    assert all(case.due < MADE_ON for case in report.overdue)
    total = report.flow_total
    assert (total.carried_over, total.received, total.pending, total.pending_overdue) == (
        1, 2, 3, 1,
    )  # fmt: skip
    assert report.as_at_label == AS_AT

    # Made once December is over: as at its last day, every one of them overdue then.
    over = december(d(1, 5).replace(year=2027))
    assert not over.running and over.as_at == DECEMBER[1]
    assert over.as_at_label == "hết ngày 31/12/2026"
    days = {case.tracking_code: case.days_late for case in over.overdue}
    assert days == {
        cases["received_today"].tracking_code: 15,
        cases["due_today"].tracking_code: 24,
        cases["overdue"].tracking_code: 27,
    }
    assert over.flow_total.pending_overdue == 3


def test_every_file_says_as_at_which_day(cases):
    report = december(MADE_ON)
    rows = list(csv.reader(io.StringIO(report_csv(report).decode("utf-8-sig"))))
    assert ["Số liệu tính đến", AS_AT] in rows
    workbook = load_workbook(io.BytesIO(report_xlsx(report)))
    summary = {row[0]: row[1] for row in workbook["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Số liệu tính đến"] == AS_AT
    text = pdf_text(report_pdf(report, made_on=MADE_ON))
    assert NOTE in text
    assert "hồ sơ chưa hết hạn không được tính là quá hạn" in text
    assert cases["received_today"].tracking_code not in text.split("Hồ sơ quá hạn")[-1]


def test_a_past_period_reads_as_at_its_last_day(cases):
    november = period_report(user=intake_user(), start=d(11, 1), end=d(11, 30), today=MADE_ON)
    assert not november.running and november.as_at == d(11, 30)
    assert november.as_at_label == "hết ngày 30/11/2026"
    assert november.as_at_note == "Số liệu tính đến hết ngày 30/11/2026."
    text = pdf_text(report_pdf(november, made_on=MADE_ON))
    assert "Kỳ báo cáo chưa kết thúc" not in text and "Số liệu tính đến hết ngày" in text


def test_the_page_of_this_month_says_so(client, cases):
    today = timezone.localdate()
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    client.force_login(intake_user())
    response = client.get(REPORT, {"start": today.replace(day=1).isoformat(),
                                   "end": last.isoformat()})  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày {today:%d/%m/%Y}." in html


def test_a_period_not_yet_begun_is_refused(client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValueError):
        period_report(user=intake_user(), start=tomorrow, end=tomorrow, today=tomorrow
                      - datetime.timedelta(days=1))  # fmt: skip
    client.force_login(intake_user())
    response = client.get(REPORT, {"start": tomorrow.isoformat(), "end": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "Kỳ báo cáo chưa bắt đầu" in response.content.decode()
