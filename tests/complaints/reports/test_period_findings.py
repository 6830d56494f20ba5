"""The periodic report counts, of the khiếu nại (lần đầu, lần hai apart) and tố cáo resolved in
the period, the finding their decision states: đúng, đúng một phần, sai, and "chưa ghi" for
those concluded before the portal recorded it (điểm g khoản 2 Điều 31, điểm h khoản 2 Điều 40
Luật Khiếu nại; điểm c khoản 2 Điều 35 Luật Tố cáo); on the page, in the CSV, the XLSX and the
PDF, in the report's one query."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from complaints.kinds import CaseKind, CaseStatus
from complaints.reports.period import period_report
from tests.complaints.admin.helpers import intake_user
from tests.complaints.documents.helpers import pdf_text
from tests.complaints.reports.test_period_flow import NOVEMBER, TODAY, at
from tests.factories import CaseFactory, FacilityFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/ho-so/bao-cao/"
PERIOD = {"start": "2026-11-01", "end": "2026-11-30"}
FLOW = "Tình hình giải quyết theo loại"
LABELS = {
    "resolved_correct": "trong đó: kết luận đúng",
    "resolved_partly_correct": "trong đó: kết luận đúng một phần",
    "resolved_wrong": "trong đó: kết luận sai (tố cáo sai sự thật)",
    "resolved_no_finding": "trong đó: chưa ghi kết luận đúng, sai",
}
# Per line: phản ánh, kiến nghị, khiếu nại lần đầu, lần hai, tố cáo, báo chí, total.
EXPECTED = {
    "resolved_correct": ["", "", 2, 0, 0, "", 2],
    "resolved_partly_correct": ["", "", 1, 0, 1, "", 2],
    "resolved_wrong": ["", "", 0, 1, 1, "", 2],
    "resolved_no_finding": ["", "", 0, 0, 1, "", 1],
}


@pytest.fixture
def cases():
    unit = FacilityFactory(name="Bệnh viện B")

    def resolved(kind, finding="", *, second_time=False, day=15, status=CaseStatus.CONCLUDED):
        concluded = at(11, day) if day else at(12, 2)
        return CaseFactory(assigned_unit=unit, kind=kind, second_time=second_time,
                           received_at=at(11, 2), accepted_at=at(11, 3), status=status,
                           concluded_at=concluded, finding=finding)  # fmt: skip

    resolved(CaseKind.KHIEU_NAI, "correct")
    resolved(CaseKind.KHIEU_NAI, "correct", status=CaseStatus.CLOSED)
    resolved(CaseKind.KHIEU_NAI, "partly_correct")
    resolved(CaseKind.KHIEU_NAI, "wrong", second_time=True)
    resolved(CaseKind.TO_CAO, "partly_correct")
    resolved(CaseKind.TO_CAO, "wrong")
    resolved(CaseKind.TO_CAO)  # concluded before the portal recorded the finding
    resolved(CaseKind.TO_CAO, "correct", day=None)  # resolved in December: not this period
    resolved(CaseKind.PHAN_ANH)
    # Still being resolved at the end: counted pending, not by its finding.
    CaseFactory(
        assigned_unit=unit,
        kind=CaseKind.KHIEU_NAI,
        received_at=at(11, 2),
        accepted_at=at(11, 3),
        status=CaseStatus.VERIFYING,
        finding="correct",
    )
    return unit


def test_the_findings_are_counted_per_column(cases):
    report = period_report(user=intake_user(), start=NOVEMBER[0], end=NOVEMBER[1], today=TODAY)
    lines = {line.code: line for line in report.flow_lines}
    for code, values in EXPECTED.items():
        assert lines[code].values == values, code
        assert lines[code].label == LABELS[code] and lines[code].part
    assert "điểm c khoản 2 Điều 35 Luật Tố cáo" in report.flow_note


def test_the_page_and_the_files_show_the_findings(client, cases):
    client.force_login(intake_user())
    html = client.get(REPORT, PERIOD).content.decode()
    for label in LABELS.values():
        assert label in html
    rows = list(
        csv.reader(
            io.StringIO(client.get(REPORT, {**PERIOD, "format": "csv"}).content.decode("utf-8-sig"))
        )
    )
    for code, values in EXPECTED.items():
        assert [LABELS[code], *map(str, values)] in rows
    sheet = load_workbook(io.BytesIO(client.get(REPORT, {**PERIOD, "format": "xlsx"}).content))[
        FLOW
    ]
    sheet_rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    for code, values in EXPECTED.items():
        assert [LABELS[code], *(None if v == "" else v for v in values)] in sheet_rows
    text = pdf_text(client.get(REPORT, {**PERIOD, "format": "pdf"}).content)
    assert "kết luận đúng một phần" in text and "chưa ghi kết luận đúng, sai" in text
