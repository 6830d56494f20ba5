"""The periodic report as a PDF an inspectorate can sign and send: an administrative document
(Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I) in the case documents' own frame
(`complaints/documents/administrative.html`, `rendering.DocumentParts`): the issuing body under
its superior, Quốc hiệu and Tiêu ngữ, "Số: …/BC-<unit>" (numbered when registered), place and
date, BÁO CÁO and its trích yếu, Kính gửi the superior, the summary in the body, Nơi nhận,
the signer's title with the name left for signing (`heading.report_heading`); every other
table of the files (`exports.report_tables`) after it as its appendix on landscape pages.
Rendered by the documents' own renderer (`rendering.pdf_bytes`: WeasyPrint, a tagged PDF,
the serif fonts from Debian's packages that carry every Vietnamese glyph). Nothing is
fetched."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from complaints.documents.rendering import DocumentParts, pdf_bytes, place_and_date, symbol_for
from complaints.reports.exports import report_tables, text_cell
from complaints.reports.heading import REPORT_TYPE
from complaints.reports.numbers import Share
from complaints.reports.period import PeriodReport

RECIPIENTS = ["- Như trên;", "- Lưu: VT."]


def _reader_cell(cell):
    """A cell as the PDF writes it: a date "20/01/2026", a share in the reader's form."""
    return text_cell(cell) if isinstance(cell, datetime.date) else cell


def report_parts(report: PeriodReport, *, made_on: datetime.date) -> DocumentParts:
    heading = report.heading
    issuer = heading.issuer
    start, end = date_format(report.start, "d/m/Y"), date_format(report.end, "d/m/Y")
    return DocumentParts(
        superior=heading.superior.upper(),
        issuer=issuer.name.upper() if issuer else "",
        symbol=symbol_for(
            number=None, document_type=REPORT_TYPE, issuer_code=issuer.code if issuer else ""
        ),
        place_date=place_and_date(heading.place, made_on) if heading.place else "",
        type_name="BÁO CÁO",
        trich_yeu=_(
            "Tình hình tiếp nhận, giải quyết phản ánh, kiến nghị, khiếu nại, tố cáo từ ngày "
            "%(start)s đến ngày %(end)s"
        )
        % {"start": start, "end": end},
        addressee=heading.superior,
        body=[
            _(
                "%(issuer)s báo cáo tình hình tiếp nhận, giải quyết phản ánh, kiến nghị, khiếu "
                "nại, tố cáo trên Cổng tiếp nhận từ ngày %(start)s đến ngày %(end)s, phạm vi: "
                "%(scope)s, như sau:"
            )
            % {
                "issuer": issuer.name if issuer else heading.scope_name,
                "start": start,
                "end": end,
                "scope": heading.scope_name,
            },
            # Of a period not yet over: as at which day, and what "cuối kỳ" then means.
            *([report.as_at_note] if report.running else []),
        ],
        recipients=RECIPIENTS,
        signer_authority="",
        principal_title="",
        signer_title=heading.signer_title,
        signer_name="",
    )


def report_html(report: PeriodReport, *, made_on: datetime.date | None = None) -> str:
    made_on = made_on or timezone.localdate()
    parts = report_parts(report, made_on=made_on)
    place = report.heading.place
    return render_to_string(
        "complaints/reports/report_pdf.html",
        {
            "doc": parts,
            "standalone": True,
            "report": report,
            "language": translation.get_language(),
            "issuer_name": report.heading.issuer.name if report.heading.issuer else "",
            "dated": place_and_date(place, made_on)[len(place) + 2 :] if place else "",
            # Each cell with whether it is a figure (right-aligned); a share as the
            # reader's language writes it ("100,0%": `numbers.percent`).
            "tables": [
                (
                    table,
                    [
                        [(_reader_cell(cell), isinstance(cell, int | Share)) for cell in row]
                        for row in table.rows
                    ],
                )
                for table in report_tables(report)
            ],
            "closing": [_("Số liệu chi tiết tại Phụ lục kèm theo báo cáo này.")],
        },
    )


def report_pdf(report: PeriodReport, *, made_on: datetime.date | None = None) -> bytes:
    return pdf_bytes(report_html(report, made_on=made_on))
