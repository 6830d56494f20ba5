"""The periodic report as files: CSV (UTF-8 with BOM, so spreadsheet programs read the
Vietnamese) and XLSX (openpyxl, already installed with Wagtail): the same rows as the page.

A citizen's title is never a formula in either file: a CSV cell starting with = + - @ gets a
leading apostrophe (`csv_cell`, as the case list's export), an XLSX cell is stored as text."""

from __future__ import annotations

import csv
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from complaints.exports.cases_csv import csv_cell
from complaints.reports.period import PeriodReport


def _date(value) -> str:
    return date_format(value, "d/m/Y") if value else ""


def report_sections(report: PeriodReport) -> list[tuple[str, list[str], list[list]]]:
    """(title, header, rows) of every table of the report, in the page's order."""
    rate = f"{report.on_time_rate:.1%}" if report.on_time_rate is not None else ""
    summary = [
        [_("Kỳ báo cáo"), f"{_date(report.start)} – {_date(report.end)}"],
        [_("Đơn vị"), report.unit.name if report.unit else _("Toàn bộ phạm vi")],
        [_("Số hồ sơ tiếp nhận"), report.received],
        [_("Số hồ sơ giải quyết trong kỳ"), report.resolved],
        [_("Giải quyết đúng hạn"), report.resolved_on_time],
        [_("Giải quyết trễ hạn"), report.resolved_late],
        [_("Giải quyết, không có thời hạn giải quyết"), report.resolved_without_deadline],
        [_("Tỷ lệ đúng hạn (trong số hồ sơ có thời hạn)"), rate],
    ]
    count_header = [_("Nhóm"), _("Số hồ sơ")]
    overdue_header = [
        _("Mã hồ sơ"),
        _("Loại"),
        _("Tiêu đề"),
        _("Đơn vị xử lý"),
        _("Ngày tiếp nhận"),
        _("Hạn"),
        _("Trạng thái"),
        _("Ngày kết luận"),
        _("Số ngày trễ"),
    ]
    return [
        (_("Tổng hợp"), [_("Chỉ tiêu"), _("Giá trị")], summary),
        (_("Theo loại"), count_header, [[row.label, row.count] for row in report.by_kind]),
        (_("Theo kênh tiếp nhận"), count_header, [[r.label, r.count] for r in report.by_channel]),
        (_("Theo lĩnh vực"), count_header, [[r.label, r.count] for r in report.by_category]),
        (_("Theo kết quả"), count_header, [[r.label, r.count] for r in report.by_outcome]),
        (
            _("Hồ sơ quá hạn"),
            overdue_header,
            [
                [
                    case.tracking_code,
                    case.kind,
                    case.title,
                    case.unit,
                    _date(case.received_on),
                    _date(case.due),
                    case.status,
                    _date(case.concluded_on),
                    case.days_late if case.days_late is not None else "",
                ]
                for case in report.overdue
            ],
        ),
    ]


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
    for title, header, rows in report_sections(report):
        # Sheet titles: at most 31 characters, none of []:*?/\
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl takes "=…" for a formula
        for column, _header in enumerate(header, start=1):
            width = max(len(str(row[column - 1])) for row in [header, *rows]) if rows else 12
            sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = min(
                max(width + 2, 10), 60
            )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
