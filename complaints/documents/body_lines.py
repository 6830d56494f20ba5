"""What each line of a document's body is, for its presentation (NĐ 30/2020/NĐ-CP Phụ lục I):
the same for the HTML, the PDF and the DOCX (complaints/documents/rendering.py).

- a heading: a line in capitals standing alone, as the authority that issues a decision
  ("GIÁM ĐỐC SỞ Y TẾ") and the word "QUYẾT ĐỊNH:" after its grounds: centred, bold;
- a section: a numbered line in capitals ("I. THÀNH PHẦN THAM GIA ĐỐI THOẠI"): bold;
- an article: "Điều 1. …", its label "Điều 1." bold, its text not;
- any other line: a paragraph of text."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING, SECTION, ARTICLE, TEXT = "heading", "section", "article", "text"

_ARTICLE = re.compile(r"^(Điều \d+[a-zđ]?\.)\s+(.+)$")
_ROMAN_NUMBERED = re.compile(r"^[IVXLC]+\.\s")


@dataclass(frozen=True)
class BodyLine:
    text: str
    kind: str = TEXT
    label: str = ""  # "Điều 1." of an article

    @property
    def rest(self) -> str:
        """The text after an article's label."""
        return self.text[len(self.label):].lstrip()


def _in_capitals(line: str) -> bool:
    words = [word for word in line.split() if any(char.isalpha() for char in word)]
    return len(words) >= 2 and line == line.upper()


def body_line(line: str) -> BodyLine:
    if article := _ARTICLE.match(line):
        return BodyLine(line, ARTICLE, label=article.group(1))
    if _in_capitals(line):
        if _ROMAN_NUMBERED.match(line):
            return BodyLine(line, SECTION)
        if line[0].isalpha():  # not an item of a list ("1. NGUYỄN VĂN A", "- …")
            return BodyLine(line, HEADING)
    return BodyLine(line)
