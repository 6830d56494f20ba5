"""The periodic report as files: CSV (UTF-8 with BOM, so spreadsheet programs read the
Vietnamese), XLSX (openpyxl, already installed with Wagtail) and PDF (`pdf.py`): the same
rows as the page (`report_tables`).

A citizen's title is never a formula in either file: a CSV cell starting with = + - @ gets a
leading apostrophe (`csv_cell`, as the case list's export), an XLSX cell is stored as text.
The on-time rate is "66.7%" in the CSV, in the XLSX the exact share (2/3, not 0.667) shown in
the percent format (`numbers.SPREADSHEET_PERCENT`), so a spreadsheet counts with it. A date
is "20/01/2026" in the CSV and the PDF, a date cell in the XLSX shown dd/mm/yyyy
(`SPREADSHEET_DATE`), so the overdue list sorts and filters by it."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from complaints.exports.cases_csv import csv_cell
from complaints.reports.numbers import SPREADSHEET_PERCENT, Share, machine_cell
from complaints.reports.period import PeriodReport

# The number format of a date's cell in the XLSX file.
SPREADSHEET_DATE = "dd/mm/yyyy"


def _date(value) -> str:
    return date_format(value, "d/m/Y") if value else ""


def text_cell(cell):
    """A table's cell as text files write it: a date "20/01/2026", a share by
    `machine_cell`."""
    return _date(cell) if isinstance(cell, datetime.date) else machine_cell(cell)


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list]
    # Indexes of the rows that are a part of the row above ("trong đó"), indented in the PDF.
    parts: frozenset[int] = field(default_factory=frozenset)
    note: str = ""  # under the table in the PDF


def report_sections(report: PeriodReport) -> list[tuple[str, list[str], list[list]]]:
    """(title, header, rows) of every table of the report, in the page's order, as the CSV
    file writes them (a share as "100.0%" in every language: `machine_cell`)."""
    return [
        (table.title, table.header, [[text_cell(cell) for cell in row] for row in table.rows])
        for table in report_tables(report)
    ]


def report_tables(report: PeriodReport) -> list[Table]:
    """Every table of the report, in the page's order; the on-time rate as a `Share`,
    written for the reader in the PDF, for programs in the CSV and as a number in the XLSX;
    a day as a `datetime.date` ("" when there is none), a date cell in the XLSX."""
    rate = Share(report.on_time_rate) if report.on_time_rate is not None else ""
    summary = [
        [_("Kỳ báo cáo"), f"{_date(report.start)} – {_date(report.end)}"],
        [_("Đơn vị"), report.heading.scope_name],
        # A period not yet over is counted as at today (`period.PeriodReport.as_at`).
        [_("Số liệu tính đến"), report.as_at_label],
        [_("Số hồ sơ kỳ trước chuyển sang"), report.flow_total.carried_over],
        [_("Số hồ sơ tiếp nhận"), report.received],
        [_("Số hồ sơ thụ lý trong kỳ"), report.flow_total.accepted],
        [_("Số hồ sơ giải quyết trong kỳ"), report.resolved],
        [_("Giải quyết đúng hạn"), report.resolved_on_time],
        [_("Giải quyết trễ hạn"), report.resolved_late],
        [_("Giải quyết, không có thời hạn giải quyết"), report.resolved_without_deadline],
        [_("Tỷ lệ đúng hạn (trong số hồ sơ có thời hạn)"), rate],
        [_("Số hồ sơ chưa giải quyết xong đến cuối kỳ"), report.flow_total.pending],
        [_("Trong đó quá hạn tại cuối kỳ"), report.flow_total.pending_overdue],
    ]
    count_header = [_("Nhóm"), _("Số hồ sơ")]
    overdue_header = [
        _("Mã hồ sơ"),
        _("Loại"),
        _("Tiêu đề"),
        _("Đơn vị xử lý"),
        _("Ngày tiếp nhận"),
        _("Hạn"),
        _("Tình trạng tại cuối kỳ"),
        _("Ngày kết luận"),
        _("Số ngày trễ"),
    ]
    lines = report.flow_lines
    return [
        Table(_("Tổng hợp"), [_("Chỉ tiêu"), _("Giá trị")], summary),
        Table(
            _("Tình hình giải quyết theo loại"),
            [_("Chỉ tiêu"), *(row.label for row in report.flow)],
            [[line.label, *line.values] for line in lines],
            frozenset(n for n, line in enumerate(lines) if line.part),
            report.flow_note,
        ),
        Table(_("Theo loại"), count_header, _counts(report.by_kind)),
        Table(_("Theo kênh tiếp nhận"), count_header, _counts(report.by_channel)),
        Table(_("Theo lĩnh vực"), count_header, _counts(report.by_category)),
        Table(_("Theo kết quả"), count_header, _counts(report.by_outcome)),
        Table(
            _("Hồ sơ quá hạn"),
            overdue_header,
            [
                [
                    case.tracking_code,
                    case.kind,
                    case.title,
                    case.unit,
                    case.received_on,
                    case.due or "",
                    case.status,
                    case.concluded_on or "",
                    case.days_late if case.days_late is not None else "",
                ]
                for case in report.overdue
            ],
            note=report.overdue_note,
        ),
    ]


def _counts(rows) -> list[list]:
    return [[row.label, row.count] for row in rows]


def _csv_row(row: list) -> list:
    return [csv_cell(value) if isinstance(value, str) else value for value in row]


def report_csv(report: PeriodReport) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for n, (title, header, rows) in enumerate(report_sections(report)):
        if n:
            writer.writerow([])
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows([_csv_row(row) for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(report: PeriodReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report_tables(report):
        header, rows = table.header, table.rows
        # Sheet titles: at most 31 characters, none of []:*?/\
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([v.rate if isinstance(v, Share) else v for v in row])
            for cell, value in zip(sheet[sheet.max_row], row, strict=False):
                if isinstance(value, Share):
                    cell.number_format = SPREADSHEET_PERCENT  # a number: 2/3 as "66.7%"
                elif isinstance(value, datetime.date):
                    cell.number_format = SPREADSHEET_DATE
                elif isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl takes "=…" for a formula
        for column, _header in enumerate(header, start=1):
            width = max(len(str(row[column - 1])) for row in [header, *rows]) if rows else 12
            sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = min(
                max(width + 2, 10), 60
            )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
