"""The periodic report's figures as at the period's end (per kind, khiếu nại lần đầu and lần
hai apart) on the page, in the CSV, the XLSX and the PDF; the PDF in Vietnamese; the files
within the user's scope, in as many queries whatever the number of cases."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from complaints.reports.flow import FINDING_COLUMNS, FINDING_LINES, LINES
from tests.complaints.admin.helpers import handler_user, intake_user
from tests.complaints.documents.helpers import pdf_text
from tests.complaints.reports.test_period_flow import NOVEMBER_FIGURES, make_cases
from tests.factories import FacilityFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/ho-so/bao-cao/"
NOVEMBER = {"start": "2026-11-01", "end": "2026-11-30"}
FLOW = "Tình hình giải quyết theo loại"
HEADER = [
    "Chỉ tiêu",
    "Phản ánh",
    "Kiến nghị",
    "Khiếu nại lần đầu",
    "Khiếu nại lần hai",
    "Tố cáo",
    "Thông tin báo chí phản ánh",
    "Tổng số",
]


def expected_lines() -> list[list]:
    """The table's lines, hand-counted (test_period_flow), with the derived ones."""
    columns = list(NOVEMBER_FIGURES.items())
    derived = {
        "in_hand": lambda f: f["carried_over"] + f["received"],
        "resolved_without_deadline": lambda f: (
            f["resolved"] - f["resolved_on_time"] - f["resolved_late"]
        ),
    }
    lines = []
    for code, label in LINES:
        value = derived.get(code, lambda f, code=code: f[code])
        lines.append(
            [
                str(label),
                *(
                    # A conclusion's finding is of a khiếu nại, tố cáo only: blank for the others.
                    ""
                    if code in FINDING_LINES and column not in FINDING_COLUMNS
                    else value(figures)
                    for column, figures in columns
                ),
            ]
        )
    return lines


@pytest.fixture
def hospital():
    unit = FacilityFactory(name="Bệnh viện Đa khoa tỉnh")
    cases = make_cases(unit)
    return unit, cases


def test_the_csv_has_the_figures_as_at_the_end(client, hospital):
    client.force_login(intake_user())
    response = client.get(REPORT, {**NOVEMBER, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    start = rows.index([FLOW])
    assert rows[start + 1] == HEADER
    table = rows[start + 2 : start + 2 + len(LINES)]
    assert table == [[line[0], *map(str, line[1:])] for line in expected_lines()]
    assert ["Số hồ sơ kỳ trước chuyển sang", "5"] in rows
    assert ["Số hồ sơ thụ lý trong kỳ", "4"] in rows
    assert ["Số hồ sơ chưa giải quyết xong đến cuối kỳ", "8"] in rows
    assert ["Trong đó quá hạn tại cuối kỳ", "5"] in rows


def test_the_xlsx_has_the_figures_as_at_the_end(client, hospital):
    client.force_login(intake_user())
    response = client.get(REPORT, {**NOVEMBER, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content))[FLOW]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    blank = [[None if value == "" else value for value in line] for line in expected_lines()]
    assert rows == [HEADER, *blank]  # a blank cell is empty in the sheet


def test_the_page_shows_the_table_and_offers_the_pdf(client, hospital):
    client.force_login(intake_user())
    html = client.get(REPORT, NOVEMBER).content.decode()
    assert FLOW in html and "Khiếu nại lần hai" in html and "Kỳ trước chuyển sang" in html
    assert "format=pdf" in html and "Tính đến cuối kỳ theo thời điểm ghi trên hồ sơ" in html
    assert 'class="cw-flow-part"' in html


def test_the_pdf_is_a_pdf_in_vietnamese(client, hospital):
    unit, cases = hospital
    client.force_login(intake_user())
    response = client.get(REPORT, {**NOVEMBER, "unit": unit.code, "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="bao-cao-20261101-20261130-{unit.code}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    for words in (
        # An administrative document issued by the unit chosen (test_report_pdf_form).
        "BÁO CÁO",
        "Tình hình tiếp nhận, giải quyết phản ánh, kiến nghị, khiếu nại, tố cáo từ ngày "
        "01/11/2026 đến ngày 30/11/2026",
        "BỆNH VIỆN ĐA KHOA TỈNH",
        "phạm vi: Bệnh viện Đa khoa tỉnh",
        FLOW,
        "Khiếu nại lần đầu",
        "Kỳ trước chuyển sang",
        "Chưa giải quyết xong đến cuối kỳ",
        "trong đó: quá hạn tại cuối kỳ",
        "Tính đến cuối kỳ theo thời điểm ghi trên hồ sơ",
        "Hồ sơ quá hạn",
        cases["received_open_overdue"].tracking_code,
    ):
        assert words in text, words


def test_the_pdf_keeps_to_the_handlers_units(client, hospital):
    unit, cases = hospital
    other = FacilityFactory(name="Trung tâm Y tế huyện")
    theirs = make_cases(other)
    client.force_login(handler_user(unit))
    text = pdf_text(client.get(REPORT, {**NOVEMBER, "format": "pdf"}).content)
    assert cases["received_open_overdue"].tracking_code in text
    assert theirs["received_open_overdue"].tracking_code not in text


def test_the_files_take_as_many_queries_for_three_times_the_cases(client, hospital):
    client.force_login(intake_user())

    def measure(file_format: str) -> int:
        client.get(REPORT, {**NOVEMBER, "format": file_format})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(REPORT, {**NOVEMBER, "format": file_format}).status_code == 200
        return len(queries)

    few = {file_format: measure(file_format) for file_format in ("csv", "xlsx", "pdf")}
    for _n in range(2):
        make_cases(FacilityFactory())
    assert {file_format: measure(file_format) for file_format in few} == few
