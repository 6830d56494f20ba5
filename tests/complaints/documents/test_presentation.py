"""The documents are laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I prescribes, in the PDF
(measured where PDFium finds its text) and in the DOCX: A4, the margins, the sizes and
weights of the header, page numbers from the second page centred at the top, the word
"QUYẾT ĐỊNH:" standing alone centred and bold, and long names wrapping inside their column."""

from __future__ import annotations

import dataclasses
import io

import pytest
from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from complaints.documents import rendering
from complaints.documents.models import DocumentTemplate
from complaints.documents.services import _shipped_values
from complaints.rules.documents import FORMS

from .pdf_layout import (
    A4_HEIGHT,
    A4_WIDTH,
    LEFT,
    RIGHT,
    TEXT_CENTRE,
    TOP,
    bold_prefix,
    horizontal_rules,
    line_with,
    page_lines,
)

DECISION = "kn_quyet_dinh_giao_xac_minh"
LONG_ISSUER = "TRUNG TÂM KIỂM SOÁT BỆNH TẬT VÀ Y TẾ DỰ PHÒNG KHU VỰC ĐỨC PHỔ"
LONG_NAME = "Tôn Nữ Thị Hoàng Phương Thảo Nguyên Khánh Linh Ngọc Bích"


@pytest.fixture
def decision():
    """The shipped decision assigning a verification, filled with the sample case (the
    admin's preview): two pages."""
    form = next(form for form in FORMS if form.code == DECISION)
    return rendering.sample_parts(DocumentTemplate(code=form.code, **_shipped_values(form)))


def _pdf(parts) -> bytes:
    return rendering.pdf_bytes(rendering.document_html(parts))


def _docx(parts):
    return Docx(io.BytesIO(rendering.docx_bytes(parts)))


# ---- PDF ------------------------------------------------------------------------------


def test_pdf_numbers_pages_from_the_second_centred_at_the_top(decision):
    pages = page_lines(_pdf(decision))
    assert len(pages) >= 2
    in_top_margin = [[line for line in page if line.bottom <= TOP] for page in pages]
    assert in_top_margin[0] == []  # the first page shows no number
    for number, lines in enumerate(in_top_margin[1:], start=2):
        assert [line.text for line in lines] == [str(number)]
        (line,) = lines
        assert abs(line.centre - TEXT_CENTRE) < 1.5
        assert 13 <= line.size <= 14 and not line.bold
    # and nothing at the foot of a page but the text itself
    for page in pages:
        assert all(line.bottom <= A4_HEIGHT - TOP for line in page)


def test_pdf_header_and_body_sizes_and_weights(decision):
    data = _pdf(decision)
    first = page_lines(data)[0]
    quoc_hieu = line_with(first, rendering.QUOC_HIEU)
    assert quoc_hieu.bold and 12 <= quoc_hieu.size <= 13
    motto = line_with(first, rendering.TIEU_NGU)
    assert motto.bold and 13 <= motto.size <= 14
    assert abs(motto.centre - quoc_hieu.centre) < 1
    issuer = line_with(first, "BỆNH VIỆN")
    assert issuer.bold and 12 <= issuer.size <= 13
    superior = line_with(first, "SỞ Y TẾ TỈNH QUẢNG NGÃI")
    assert not superior.bold and 12 <= superior.size <= 13
    assert line_with(first, "Số:").size == pytest.approx(13, abs=0.1)
    kind = line_with(first, "QUYẾT ĐỊNH")
    assert kind.bold and 13 <= kind.size <= 14 and abs(kind.centre - TEXT_CENTRE) < 1
    summary = line_with(first, decision.trich_yeu)
    assert summary.bold and abs(summary.centre - TEXT_CENTRE) < 1
    body = line_with(first, "Căn cứ Luật Khiếu nại")
    assert 13 <= body.size <= 14 and not body.bold
    # every line inside the margins: left 30 mm, right 15 mm
    for page in page_lines(data):
        for line in page:
            assert LEFT - 0.5 <= line.left and line.right <= A4_WIDTH - RIGHT + 0.5, line


def test_pdf_decision_word_stands_alone_centred_and_bold(decision):
    lines = [line for page in page_lines(_pdf(decision)) for line in page]
    word = next(line for line in lines if line.text == "QUYẾT ĐỊNH:")
    assert word.bold and abs(word.centre - TEXT_CENTRE) < 1
    authority = next(line for line in lines if line.text == "GIÁM ĐỐC BỆNH VIỆN ĐA KHOA TỈNH")
    assert authority.bold and abs(authority.centre - TEXT_CENTRE) < 1
    article = line_with(lines, "Điều 1. Giao")
    assert not article.bold  # the article's text; its label "Điều 1." alone is bold
    assert bold_prefix(_pdf(decision), "Điều 1.") == "Điều1."


def test_pdf_long_issuer_and_signer_wrap_inside_their_columns(decision):
    parts = dataclasses.replace(
        decision, issuer=LONG_ISSUER, signer_name=LONG_NAME,
        signer_authority="KT.", principal_title="GIÁM ĐỐC " + LONG_ISSUER,
        signer_title="PHÓ GIÁM ĐỐC",
    )
    assert len(LONG_ISSUER) >= 60
    pages = page_lines(_pdf(parts))
    first = pages[0]
    quoc_hieu = line_with(first, rendering.QUOC_HIEU)
    assert quoc_hieu.right <= A4_WIDTH - RIGHT + 0.5  # still one line, inside the page
    issuer_lines = [line for line in first if line.top < quoc_hieu.top + 40
                    and line.bold and line.right < quoc_hieu.left]
    assert len(issuer_lines) >= 2  # wrapped ...
    assert "".join(line.text for line in issuer_lines).replace(" ", "") == (
        LONG_ISSUER.replace(" ", "")
    )
    for line in issuer_lines:  # ... inside the left column, beside the Quốc hiệu
        assert LEFT - 0.5 <= line.left and line.right < quoc_hieu.left
    last = pages[-1]
    label = line_with(last, "Nơi nhận:")
    signature = [line for line in last if line.top >= label.top - 1 and line.left > label.right
                 and line.bold]
    text = "".join(line.text for line in signature).replace(" ", "")
    assert ("KT.GIÁMĐỐC" + LONG_ISSUER).replace(" ", "") in text
    assert LONG_NAME.replace(" ", "") in text
    assert len([line for line in signature if "Tôn" in line.text or "Bích" in line.text]) >= 1
    for line in signature:  # the right column: from the page's middle to the right margin
        assert line.left > LEFT + 60 and line.right <= A4_WIDTH - RIGHT + 0.5, line


# ---- DOCX -----------------------------------------------------------------------------


def _has_page_field(element) -> bool:
    instructions = [node.text or "" for node in element.iter(qn("w:instrText"))]
    instructions += [node.get(qn("w:instr")) or "" for node in element.iter(qn("w:fldSimple"))]
    return any(text.split()[:1] == ["PAGE"] for text in instructions)


def test_docx_numbers_pages_from_the_second_in_a_centred_header(decision):
    docx = _docx(decision)
    section = docx.sections[0]
    assert section.different_first_page_header_footer
    assert not _has_page_field(section.first_page_header._element)
    assert not section.first_page_header.is_linked_to_previous
    assert "".join(p.text for p in section.first_page_header.paragraphs) == ""
    header = section.header
    numbered = [p for p in header.paragraphs if _has_page_field(p._p)]
    assert len(numbered) == 1
    (paragraph,) = numbered
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    sizes = {run.font.size.pt for run in paragraph.runs if run.font.size}
    assert sizes and all(13 <= size <= 14 for size in sizes)
    assert not any(run.bold or run.italic for run in paragraph.runs)


def test_docx_page_and_margins(decision):
    section = _docx(decision).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def _paragraph(docx, text):
    found = [p for p in docx.paragraphs if p.text == text]
    assert found, text
    return found[0]


def test_docx_decision_word_stands_alone_centred_and_bold(decision):
    docx = _docx(decision)
    word = _paragraph(docx, "QUYẾT ĐỊNH:")
    assert word.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.bold for run in word.runs)
    assert not word.paragraph_format.first_line_indent
    authority = _paragraph(docx, "GIÁM ĐỐC BỆNH VIỆN ĐA KHOA TỈNH")
    assert authority.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.bold for run in authority.runs)
    article = next(p for p in docx.paragraphs if p.text.startswith("Điều 1. "))
    assert article.runs[0].text == "Điều 1." and article.runs[0].bold
    assert not any(run.bold for run in article.runs[1:])
    body = next(p for p in docx.paragraphs if p.text.startswith("Căn cứ Luật Khiếu nại"))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and not any(r.bold for r in body.runs)


def test_docx_columns_hold_quoc_hieu_on_one_line_and_wrap_names_inside(decision):
    """Word wraps a cell's text inside its cell: the columns are fixed, the right one of the
    header wide enough for the Quốc hiệu on one line (Times New Roman Bold 13 pt, measured
    with Liberation Serif Bold, its metric twin)."""
    from PIL import ImageFont

    parts = dataclasses.replace(decision, issuer=LONG_ISSUER, signer_name=LONG_NAME)
    docx = _docx(parts)
    header, footer = docx.tables
    content = Mm(210 - 30 - 15)
    for table in (header, footer):
        assert table.autofit is False
        widths = [cell.width for cell in table.rows[0].cells]
        assert sum(widths) == pytest.approx(content, abs=Mm(1))
    left, right = header.rows[0].cells
    assert LONG_ISSUER in left.text and rendering.QUOC_HIEU in right.text
    font = ImageFont.truetype("LiberationSerif-Bold.ttf", 1000)
    quoc_hieu_pt = font.getlength(rendering.QUOC_HIEU) / 1000 * 13
    cell_margins_pt = 2 * 5.4  # Word's default left and right cell margins (0.19 cm)
    assert right.width.pt >= quoc_hieu_pt + cell_margins_pt
    assert LONG_NAME in footer.rows[0].cells[1].text


def test_docx_tieu_ngu_rule_as_long_as_its_line(decision):
    """The solid line under the Tiêu ngữ is as long as its line of text (Times New Roman
    Bold 14 pt, measured with Liberation Serif Bold): a paragraph with a bottom border,
    indented from both sides of the cell by the rest of its width."""
    from PIL import ImageFont

    right = _docx(decision).tables[0].rows[0].cells[1]
    font = ImageFont.truetype("LiberationSerif-Bold.ttf", 1000)
    motto_pt = font.getlength(rendering.TIEU_NGU) / 1000 * 14
    rules = [p for p in right.paragraphs if p._p.find(qn("w:pPr")) is not None
             and p._p.pPr.find(qn("w:pBdr")) is not None]
    assert len(rules) == 1
    (rule,) = rules
    elements = [p._p for p in right.paragraphs]
    motto = next(p for p in right.paragraphs if p.text == rendering.TIEU_NGU)
    assert elements.index(motto._p) + 1 == elements.index(rule._p)  # right under it
    fmt = rule.paragraph_format
    assert fmt.left_indent == fmt.right_indent
    cell_text_pt = right.width.pt - 2 * 5.4
    assert cell_text_pt - 2 * fmt.left_indent.pt == pytest.approx(motto_pt, abs=2)


def test_pdf_tieu_ngu_rule_as_long_as_its_line(decision):
    data = _pdf(decision)
    first = page_lines(data)[0]
    motto = line_with(first, rendering.TIEU_NGU)
    column = line_with(first, rendering.QUOC_HIEU).left  # the right column's, not the issuer's
    under = [rule for rule in horizontal_rules(data)
             if 0 < rule[2] - motto.bottom < 3 and rule[0] >= column - 1]
    assert len(under) == 1
    (left, right, _bottom), = under
    assert left == pytest.approx(motto.left, abs=0.8)
    assert right == pytest.approx(motto.right, abs=0.8)


def test_pdf_draws_every_letter_in_liberation_serif(decision):
    """Times New Roman's metric twin draws every Vietnamese letter ("ậ", "Ỉ", "ữ"): no
    letter falls back to another font (Liberation Serif 2, fonts-liberation2; version 1
    has almost none of them and DejaVu Serif drew them instead)."""
    fonts = {font for page in page_lines(_pdf(decision)) for line in page for font in line.fonts}
    assert fonts and all(font.startswith("Liberation-Serif") for font in fonts), fonts
