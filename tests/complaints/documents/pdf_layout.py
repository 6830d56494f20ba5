"""Where a PDF's text stands (PDFium, the engine of pypdfium2): lines of characters with
their boxes in millimetres from the page's top-left corner, their size and weight."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

MM = 72 / 25.4  # points in a millimetre
A4_WIDTH, A4_HEIGHT = 210.0, 297.0
# NĐ 30/2020/NĐ-CP Phụ lục I as the documents lay it out: left 30 mm, right 15 mm, top 20 mm.
LEFT, RIGHT, TOP = 30.0, 15.0, 20.0
TEXT_CENTRE = (LEFT + A4_WIDTH - RIGHT) / 2


@dataclass
class Line:
    text: str
    left: float
    right: float
    top: float
    bottom: float
    size: float  # points, the largest on the line
    bold: bool  # every letter and digit of the line bold
    fonts: frozenset[str]  # the fonts' names without their subset tag: "Liberation-Serif-Bold"

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def page_lines(data: bytes) -> list[list[Line]]:
    """Each page's lines, top to bottom; a line is the characters that share a baseline
    within 1 mm, in one run of text from left to right."""
    document = pdfium.PdfDocument(data)
    try:
        return [_lines(document[index]) for index in range(len(document))]
    finally:
        document.close()


def _lines(page) -> list[Line]:
    height = page.get_height()
    text_page = page.get_textpage()
    chars = []
    for index in range(text_page.count_chars()):
        char = text_page.get_text_range(index, 1)
        if not char.strip():
            continue
        left, bottom, right, top = text_page.get_charbox(index, loose=True)
        chars.append((
            char, left / MM, right / MM, (height - top) / MM, (height - bottom) / MM,
            _size(text_page, index), _font(text_page, index),
        ))
    lines: list[list[tuple]] = []
    for char in chars:
        if lines and abs(lines[-1][-1][4] - char[4]) < 1 and char[1] >= lines[-1][-1][1] - 0.5:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [
        Line(
            text=_joined(line),
            left=min(c[1] for c in line), right=max(c[2] for c in line),
            top=min(c[3] for c in line), bottom=max(c[4] for c in line),
            size=max(c[5] for c in line),
            bold=all("Bold" in c[6] for c in line if c[0].isalnum()),
            fonts=frozenset(c[6] for c in line),
        )
        for line in lines
    ]


def _size(text_page, index: int) -> float:
    """The size the character is drawn at, in points: its font's size scaled by its text
    object's matrix (WeasyPrint draws in CSS pixels, three quarters of a point)."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(
        pdfium_c.FPDFText_GetTextObject(text_page.raw, index), ctypes.byref(matrix)
    )
    return round(pdfium_c.FPDFText_GetFontSize(text_page.raw, index) * matrix.d, 2)


def _font(text_page, index: int) -> str:
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(text_page.raw, index, buffer, 256, ctypes.byref(flags))
    return buffer.value.decode().split("+", 1)[-1]


def _joined(line: list[tuple]) -> str:
    """The characters of a line, a space where two stand more than 0.5 mm apart (their boxes
    are as wide as the glyphs' advance, so the letters of a word touch)."""
    text = line[0][0]
    for before, char in zip(line, line[1:], strict=False):
        text += (" " if char[1] - before[2] > 0.5 else "") + char[0]
    return text


def line_with(lines: list[Line], text: str) -> Line:
    found = [line for line in lines if text.replace(" ", "") in line.text.replace(" ", "")]
    assert found, f"{text!r} not in {[line.text for line in lines]}"
    return found[0]


def bold_prefix(data: bytes, start: str) -> str:
    """The bold letters among the first characters of the text that begins with `start`
    (spaces left out)."""
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            text_page = document[index].get_textpage()
            at = text_page.get_text_range().find(start)
            if at >= 0:
                return "".join(
                    text_page.get_text_range(offset, 1).strip()
                    for offset in range(at, at + len(start) + 5)
                    if "Bold" in _font(text_page, offset)
                )
    finally:
        document.close()
    return ""


def horizontal_rules(data: bytes, page: int = 0) -> list[tuple[float, float, float]]:
    """The horizontal lines a page draws, as (left, right, bottom) in millimetres from the
    page's top-left corner: paths wider than 5 mm and lower than 10 mm (WeasyPrint draws a
    box's bottom border as a path clipped to the box, whose bounds are the box's)."""
    document = pdfium.PdfDocument(data)
    try:
        pdf_page = document[page]
        height = pdf_page.get_height()
        rules = []
        for obj in pdf_page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
            left, bottom, right, top = obj.get_bounds()
            if top - bottom < 10 * MM and right - left > 5 * MM:
                rules.append((left / MM, right / MM, (height - bottom) / MM))
        return rules
    finally:
        document.close()
