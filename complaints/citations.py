"""Legal citations as a Vietnamese reader reads them (issue 11, item 5).

The law's tables cite articles in a compact form ("Luật TC Art 30(2)–(3)", "NĐ 124/2020
Art 28b(1)"): reviewers check them against the texts in one read. Whoever reads the
interface — staff, citizens, e-mails — gets them the Vietnamese way: "khoản 2–3 Điều 30
Luật Tố cáo", "khoản 1 Điều 28b Nghị định 124/2020". Pure functions, no ORM."""

from __future__ import annotations

import re

# The short names of the tables, in full.
LAW_NAMES = {
    "Luật TC": "Luật Tố cáo",
    "Luật KN": "Luật Khiếu nại",
    "Luật BVDLCN": "Luật Bảo vệ dữ liệu cá nhân",
    "BLDS": "Bộ luật Dân sự",
    "BLLĐ": "Bộ luật Lao động",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
}

_REF = r"\d+[a-z]?(?:\(\d+\))*(?:\([a-zđ]\))?"
_CLAUSES = r"(?:\(\d+\)\s*[–-]\s*\(\d+\)|\(\d+\)(?:\([a-zđ]\))?)"
_ARTICLE = rf"(?P<num>\d+[a-z]?)(?P<clauses>{_CLAUSES})?"
_LIST = rf"{_ARTICLE}(?P<more>(?:\s*(?:,|và)\s*\d+[a-z]?(?![\d/]))*)"
_LAW = r"(?P<law>(?:Luật|Bộ luật|BLDS|BLLĐ|NĐ|Nghị định|TT|Thông tư)(?:[^;,()]*?))"
_WITH_LAW = re.compile(rf"{_LAW}\s+Art\s+{_LIST}")
_BARE = re.compile(rf"\bArts?\s+{_LIST}")


def _law_name(law: str) -> str:
    law = law.strip()
    for short in sorted(LAW_NAMES, key=len, reverse=True):
        if law == short or law.startswith(short + " "):
            return LAW_NAMES[short] + law[len(short) :]
    return law


def _article(match: re.Match) -> str:
    num, clauses, more = match["num"], match["clauses"] or "", match["more"] or ""
    if more:
        return f"Điều {num}{more}"
    parts = re.findall(r"\((\d+|[a-zđ])\)", clauses)
    if "–" in clauses or "-" in clauses:
        numbers = re.findall(r"\d+", clauses)
        return f"khoản {numbers[0]}–{numbers[-1]} Điều {num}"
    point = parts[-1] if parts and not parts[-1].isdigit() else ""
    clause = next((p for p in parts if p.isdigit()), "")
    text = f"Điều {num}"
    if clause:
        text = f"khoản {clause} {text}"
    if point:
        text = f"điểm {point} {text}"
    return text


# A short name standing alone ("TT 05/2021", "Luật KN 02/2011/QH13"): a law's before any
# text; a decree's or circular's before its number only ("124/2020/NĐ-CP" is a symbol).
_SHORT_NAME = re.compile(
    r"(?<![\w/-])(?:(?:Luật (?:TC|KN|BVDLCN)|BLDS|BLLĐ)(?!\w)|(?:NĐ|TT)(?=\s+\d))"
)


def citation_vi(text: str) -> str:
    """`text` with every "<law> Art N(k)" and "Art N" as Vietnamese reads them, and every
    short name of a law, decree or circular in full."""
    if not text:
        return text
    text = str(text)
    if "Art" in text:

        def with_law(match: re.Match) -> str:
            return f"{_article(match)} {_law_name(match['law'])}"

        text = _BARE.sub(_article, _WITH_LAW.sub(with_law, text))
    return _SHORT_NAME.sub(lambda match: LAW_NAMES[match[0]], text)
