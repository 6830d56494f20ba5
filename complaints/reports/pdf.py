"""The periodic report as a PDF: the tables of the files (`exports.report_tables`), laid out
on landscape A4 and rendered by the documents' own renderer
(`complaints.documents.rendering.pdf_bytes`: WeasyPrint, a tagged PDF in Vietnamese, the
serif fonts from Debian's packages that carry every Vietnamese glyph). Nothing is fetched."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from complaints.documents.rendering import pdf_bytes
from complaints.reports.exports import report_tables
from complaints.reports.numbers import Share
from complaints.reports.period import PeriodReport


def report_html(report: PeriodReport, *, made_on: datetime.date | None = None) -> str:
    return render_to_string(
        "complaints/reports/report_pdf.html",
        {
            "report": report,
            # Each cell with whether it is a figure (right-aligned); a share as the
            # reader's language writes it ("100,0%": `numbers.percent`).
            "tables": [
                (
                    table,
                    [[(cell, isinstance(cell, int | Share)) for cell in row] for row in table.rows],
                )
                for table in report_tables(report)
            ],
            "made_on": made_on or timezone.localdate(),
        },
    )


def report_pdf(report: PeriodReport, *, made_on: datetime.date | None = None) -> bytes:
    return pdf_bytes(report_html(report, made_on=made_on))
