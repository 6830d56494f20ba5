"""An administrative document laid out as NĐ 30/2020/NĐ-CP prescribes (Art 8; Phụ lục I):
issuing body under its superior, Quốc hiệu and Tiêu ngữ, number and symbol, place and date,
type and trích yếu, body, nơi nhận, the signer's authority, title and name. A4, serif
fonts from Debian's packages: Liberation Serif 2 (fonts-liberation2: metric-compatible with
Times New Roman, every Vietnamese glyph; version 1 of fonts-liberation lacks most of them),
DejaVu Serif as fallback.

One `DocumentParts` feeds three outputs: the HTML (preview in the admin, screenshots),
the PDF (WeasyPrint) and the DOCX for editing (python-docx). Nothing is fetched: the
HTML references no URL."""

from __future__ import annotations

import copy
import datetime
import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone

from complaints.documents import template_language
from complaints.documents.body_lines import ARTICLE, HEADING, SECTION, BodyLine, body_line
from complaints.rules.documents import DOCUMENT_TYPES

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
# The form's instruction under the signer's title: what the signer does on paper, printed on
# a draft (and a report printed to be signed), never on an issued document, whose text is the
# act itself. A verification team's report is signed, not sealed: the team has no seal
# (khoản 1 Điều 18 Thông tư 07/2013/TT-TTCP; khoản 1 Điều 16 Nghị định 31/2019/NĐ-CP).
SIGN_AND_SEAL = "(Ký, ghi rõ họ tên, đóng dấu)"
SIGN_ONLY = "(Ký, ghi rõ họ tên)"


@dataclass
class DocumentParts:
    superior: str
    issuer: str
    symbol: str  # "12/TB-SYT-QNG", or "…/TB-SYT-QNG" before issue
    place_date: str
    type_name: str  # "THÔNG BÁO"; empty for a công văn
    trich_yeu: str
    addressee: str
    body: list[str]
    recipients: list[str]
    signer_authority: str
    principal_title: str
    signer_title: str
    signer_name: str
    draft: bool = False
    footer: str = ""
    # Mẫu số 14's signatures of the parties, row by row (`minutes_signatures`): when given,
    # they end the document in place of the one signer.
    signature_rows: list = field(default_factory=list)
    signature_hint: str = SIGN_AND_SEAL  # "" on an issued document

    @property
    def is_cong_van(self) -> bool:
        return not self.type_name

    @property
    def body_lines(self) -> list[BodyLine]:
        """Each line of the body with what it is: a heading, an article, text."""
        return [body_line(line) for line in self.body]

    @property
    def signer_heading(self) -> list[str]:
        """The lines above the signature: "KT. GIÁM ĐỐC" then "PHÓ GIÁM ĐỐC"."""
        if self.signer_authority and self.principal_title:
            return [f"{self.signer_authority} {self.principal_title}", self.signer_title]
        return [self.signer_title]


def place_and_date(place: str, day: datetime.date) -> str:
    """"Quảng Ngãi, ngày 05 tháng 02 năm 2026": a leading zero for days below 10 and for
    January and February (NĐ 30/2020 Phụ lục I, mục II.5)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def symbol_for(*, number: int | None, document_type: str, issuer_code: str) -> str:
    """Số, ký hiệu (NĐ 30/2020 Art 8(3), Phụ lục I mục II.3): number / type-unit."""
    abbreviation = DOCUMENT_TYPES[document_type][1]
    shown = str(number).zfill(2) if number is not None else "…"
    return f"{shown}/{abbreviation}-{issuer_code.upper()}"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def signature_hint(document) -> str:
    """The form's instruction under the signer's title (`SIGN_AND_SEAL`): on a draft only;
    without the seal on a verification's report, signed by the team's leader or the officer
    who verified (complaints/rules/verification_report.py)."""
    from complaints.rules.verification_report import STEP

    if document.is_issued:
        return ""
    return SIGN_ONLY if document.action == STEP else SIGN_AND_SEAL


def minutes_signatures(document) -> list:
    """The parties' signatures a dialogue's minutes end with (khoản 4 Điều 28 Nghị định
    124/2020/NĐ-CP, thay thế bởi Điều 11 Nghị định 155/2026/NĐ-CP; Mẫu số 14), named as the
    minutes' own text names them: the complainant, who led the meeting (else the signer),
    the person complained against; empty for any other document."""
    from complaints.documents.context import party_for
    from complaints.documents.steps import DIALOGUE_MINUTES
    from complaints.rules.minutes_signatures import minutes_signature_rows

    if document.action != DIALOGUE_MINUTES:
        return []
    complainant = party_for(document.case, audience=document.audience).name
    names = {
        "complainant": "" if complainant == "…" else complainant,
        "chair": (document.step_data or {}).get("led_by") or document.signer_name,
        "respondent": document.case.decision_maker,
    }
    return minutes_signature_rows(names)


# The texts of a document staff write and read: what `parts_for` reads through a reader.
READ_PARTS = ("trich_yeu", "addressee", "body", "recipients")


def parts_for(document, *, read=None) -> DocumentParts:
    """The parts of a Document, drafted or issued; its texts (`READ_PARTS`) as `read`, the
    reader's `confidential_text.text_reader`, reads them when given (a tố cáo's document
    for whoever may not see its denouncer: khoản 3 Điều 8, Điều 47 Luật Tố cáo)."""
    if read is not None:
        document = copy.copy(document)
        for name in READ_PARTS:
            setattr(document, name, read(getattr(document, name)))
    day = timezone.localtime(document.issued_at).date() if document.issued_at else (
        timezone.localdate()
    )
    return DocumentParts(
        superior=document.superior_name.upper(),
        issuer=document.issuer.name.upper(),
        symbol=document.symbol
        or symbol_for(
            number=None, document_type=document.document_type, issuer_code=document.issuer.code
        ),
        place_date=place_and_date(document.place, day),
        type_name=DOCUMENT_TYPES[document.document_type][0],
        trich_yeu=document.trich_yeu,
        addressee=document.addressee,
        body=_lines(document.body),
        recipients=_lines(document.recipients),
        signer_authority=document.signer_authority,
        principal_title=document.principal_title.upper(),
        signer_title=document.signer_title.upper(),
        signer_name=document.signer_name,
        draft=not document.is_issued,
        footer=document.case.tracking_code,
        signature_hint=signature_hint(document),
        signature_rows=minutes_signatures(document),
    )


def sample_parts(template) -> DocumentParts:
    """The template filled with a sample case, for the admin's preview."""
    from complaints.documents.samples import sample_document

    return parts_for(sample_document(template))


def render_text(source: str, context: dict) -> str:
    """An administrator's template filled with `template_context`, in the templates' own
    engine (complaints/documents/template_language.py: no file, no tag library)."""
    return template_language.render_text(source, context)


def document_html(parts: DocumentParts, *, standalone: bool = True) -> str:
    return render_to_string(
        "complaints/documents/administrative.html", {"doc": parts, "standalone": standalone}
    )


def pdf_bytes(html: str) -> bytes:
    """A tagged PDF (StructTreeRoot, MarkInfo, /Lang from the page's lang="vi"): a screen
    reader reads the headings, tables and reading order, in a Vietnamese voice, instead of
    guessing from glyph positions (WCAG 1.3.1; PDF/UA). Measured on a receipt: no
    difference in render time beyond the noise (35–70 ms either way), 1.2 kB more."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None).write_pdf(pdf_tags=True)


# ---- DOCX -------------------------------------------------------------------------------

# The page's text width and the columns of the header (issuing body | Quốc hiệu) and of the
# signature (Nơi nhận | signer), as the HTML lays them out (38% | 62%, 50% | 50%): fixed, so
# that Word wraps a long name inside its column. The Quốc hiệu (Times New Roman Bold 13 pt,
# 250 pt wide) stays on one line in 102 mm less the cell's margins.
TEXT_WIDTH_MM = 210 - 30 - 15
HEAD_COLUMNS_MM = (63, TEXT_WIDTH_MM - 63)
FOOT_COLUMNS_MM = (TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2)
CELL_MARGINS_PT = 2 * 5.4  # Word's default left and right margins of a cell (0.19 cm)
# The width of the Tiêu ngữ in Times New Roman Bold 14 pt (measured with Liberation Serif
# Bold, its metric twin): the line under it is as long (NĐ 30/2020 Phụ lục I).
TIEU_NGU_WIDTH_PT = 162.2


def docx_bytes(parts: DocumentParts) -> bytes:
    """The same document as an editable Word file, laid out as NĐ 30/2020/NĐ-CP Phụ lục I
    prescribes: A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman
    13–14 pt; the page number centred in the header from the second page (a different first
    page, whose header is empty); the body's headings centred and bold, articles' labels
    bold (`body_lines`)."""
    from docx import Document as Docx
    from docx.shared import Mm, Pt

    doc = Docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    _page_numbers(section)

    header = _table(doc, HEAD_COLUMNS_MM)
    left, right = header.rows[0].cells
    if parts.superior:
        _para(left, parts.superior, size=13)
    _para(left, parts.issuer, bold=True, size=13)
    _rule(left, width_pt=Mm(HEAD_COLUMNS_MM[0]).pt * 0.35, cell_mm=HEAD_COLUMNS_MM[0])
    _para(left, f"Số: {parts.symbol}", size=13)
    if parts.is_cong_van:
        _para(left, parts.trich_yeu, size=12)
    _para(right, QUOC_HIEU, bold=True, size=13)
    _para(right, TIEU_NGU, bold=True, size=14)
    _rule(right, width_pt=TIEU_NGU_WIDTH_PT, cell_mm=HEAD_COLUMNS_MM[1])
    _para(right, parts.place_date, italic=True, size=14)

    if parts.draft:
        _para(doc, "DỰ THẢO", bold=True, size=12)
    if not parts.is_cong_van:
        _para(doc, parts.type_name, bold=True, size=14)
        _para(doc, parts.trich_yeu, bold=True, size=14)
        _rule(doc, width_pt=Mm(TEXT_WIDTH_MM).pt * 0.35, cell_mm=None)
    if parts.addressee:
        _para(doc, f"Kính gửi: {parts.addressee}", size=14)
    for line in parts.body_lines:
        _body_para(doc, line)

    if parts.signature_rows:
        _signature_table(doc, parts)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    footer = _table(doc, FOOT_COLUMNS_MM)
    left, right = footer.rows[0].cells
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, align="left")
    for line in parts.recipients:
        _para(left, line, size=11, align="left")
    for line in parts.signer_heading:
        _para(right, line, bold=True, size=14)
    if parts.signature_hint:
        _para(right, parts.signature_hint, italic=True, size=12)
    _para(right, "")
    _para(right, parts.signer_name, bold=True, size=14)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _signature_table(doc, parts: DocumentParts) -> None:
    """Mẫu số 14's signatures: two columns, a row of blocks each, the space to sign, the
    name where known; then "Nơi nhận" only if the officer wrote one."""
    for row in parts.signature_rows:
        table = _table(doc, FOOT_COLUMNS_MM)
        names = table.add_row().cells  # names on one line across, whatever the captions
        for cell, name_cell, block in zip(table.rows[0].cells, names, row, strict=True):
            _para(cell, block.caption, bold=True, size=13)
            if block.subcaption:
                _para(cell, block.subcaption, bold=True, size=12)
            _para(cell, block.hint, italic=True, size=12)
            for _blank in range(3):
                _para(name_cell, "")
            _para(name_cell, block.name, bold=True, size=13)
    if parts.recipients:
        _para(doc, "Nơi nhận:", bold=True, italic=True, size=12, align="left")
        for line in parts.recipients:
            _para(doc, line, size=11, align="left")


def _alignment(align: str):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]


def _para(container, text, *, bold=False, italic=False, size=None, align="center"):
    """A paragraph of one run; in a cell, its first paragraph (empty when made) first."""
    from docx.shared import Pt
    from docx.table import _Cell

    unused = isinstance(container, _Cell) and len(container.paragraphs) == 1 and not (
        container.paragraphs[0].runs
    )
    paragraph = container.paragraphs[0] if unused else container.add_paragraph()
    paragraph.alignment = _alignment(align)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def _body_para(doc, line: BodyLine):
    from docx.shared import Cm

    if line.kind == HEADING:
        return _para(doc, line.text, bold=True)
    paragraph = doc.add_paragraph()
    paragraph.alignment = _alignment("justify")
    paragraph.paragraph_format.first_line_indent = Cm(1)
    if line.kind == ARTICLE:
        paragraph.add_run(line.label).bold = True
        paragraph.add_run(f" {line.rest}")
    else:
        paragraph.add_run(line.text).bold = line.kind == SECTION
    return paragraph


def _table(doc, columns_mm):
    """A table of one row whose columns keep their widths (Word's fixed layout)."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    table = doc.add_table(rows=1, cols=len(columns_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, cell, width in zip(table.columns, table.rows[0].cells, columns_mm, strict=True):
        column.width = cell.width = Mm(width)
    return table


def _rule(container, *, width_pt: float, cell_mm: float | None):
    """A solid line `width_pt` long, centred: an empty 1 pt paragraph with a bottom border,
    indented from both sides of its cell (or of the page's text) by the rest of its width."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    available = (Mm(cell_mm).pt - CELL_MARGINS_PT) if cell_mm else Mm(TEXT_WIDTH_MM).pt
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt(max(available - width_pt, 0) / 2)
    fmt.space_before, fmt.space_after = Pt(0), Pt(4)
    fmt.line_spacing = Pt(1)
    paragraph.add_run().font.size = Pt(1)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def _page_numbers(section) -> None:
    """The page number, 13 pt upright, centred in the header of every page but the first
    (NĐ 30/2020 Phụ lục I: from the second page): a PAGE field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = _alignment("center")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(13)
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
