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

# A reference after "Art": an article with its clause, clause range or clause and point
# ("34", "34(3)(a)", "33(1)–(3)"), or a clause of the article named just before ("(4)" in
# "34(3)(a), (4)"). A list joins them with "," or "và".
_CLAUSE = r"\(\d+\)(?:\s*[–-]\s*\(\d+\)|\([a-zđ]\))?"
_NUMBER = r"\d+[a-z]?(?:[–-]\d+[a-z]?)?"  # an article, or a range of articles ("147–148")
_FULL = rf"{_NUMBER}(?:{_CLAUSE})?"
_ITEM = rf"(?:{_FULL}|{_CLAUSE})(?![\d/])"
_LIST = rf"(?P<list>{_FULL}(?![\d/])(?:\s*(?:,|và)\s*{_ITEM})*)"
_LAW = r"(?P<law>(?:Luật|Bộ luật|BLDS|BLLĐ|NĐ|Nghị định|TT|Thông tư)(?:[^;,()]*?))"
_WITH_LAW = re.compile(rf"{_LAW}\s+Arts?\s+{_LIST}")
_BARE = re.compile(rf"\bArts?\s+{_LIST}")
_SPLIT_ITEM = re.compile(rf"(?P<num>{_NUMBER})?(?P<clauses>{_CLAUSE})?")


def _law_name(law: str) -> str:
    law = law.strip()
    for short in sorted(LAW_NAMES, key=len, reverse=True):
        if law == short or law.startswith(short + " "):
            return LAW_NAMES[short] + law[len(short) :]
    return law


def _part(clauses: str) -> str:
    """"(1)(c)" → "điểm c khoản 1"; "(1)–(3)" → "khoản 1–3"; "(2)" → "khoản 2"; "" → ""."""
    if not clauses:
        return ""
    numbers = re.findall(r"\((\d+)\)", clauses)
    if len(numbers) == 2:
        return f"khoản {numbers[0]}–{numbers[1]}"
    point = re.search(r"\(([a-zđ])\)", clauses)
    text = f"khoản {numbers[0]}"
    return f"điểm {point[1]} {text}" if point else text


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} và {parts[-1]}"


def _article(match: re.Match) -> str:
    """The references of one "Art" list the Vietnamese way: each article after its clauses
    and points ("khoản 2 Điều 33, điểm a khoản 3 và khoản 4 Điều 34"), whole articles
    in a row as one ("Điều 28, 37")."""
    groups: list[tuple[str, list[str]]] = []
    for item in re.split(r"\s*(?:,|\bvà\b)\s*", match["list"].strip()):
        found = _SPLIT_ITEM.fullmatch(item)
        num, part = found["num"], _part(found["clauses"] or "")
        if groups and num in (None, groups[-1][0]):  # of the article named before
            groups[-1][1].append(part)
        else:
            groups.append((num or "", [part]))
    texts, whole = [], []
    for num, parts in groups:
        parts = [p for p in parts if p]
        if not parts:
            whole.append(num)
            continue
        if whole:
            texts.append(f"Điều {', '.join(whole)}")
            whole = []
        texts.append(f"{_joined(parts)} Điều {num}")
    if whole:
        texts.append(f"Điều {', '.join(whole)}")
    return ", ".join(texts)


# A short name standing alone ("TT 05/2021", "Luật KN 02/2011/QH13"): a law's before any
# text; a decree's or circular's before its number only ("124/2020/NĐ-CP" is a symbol).
_SHORT_NAME = re.compile(
    r"(?<![\w/-])(?:(?:Luật (?:TC|KN|BVDLCN)|BLDS|BLLĐ)(?!\w)|(?:NĐ|TT)(?=\s+\d))"
)


# Notes the deadline table once wrote in English; rows stored then keep them (rows are
# superseded, never rewritten), so they are read the Vietnamese way here.
_LEGACY_NOTES = (
    ("one extension, 60 in all; complexity criteria",
     "vụ việc phức tạp, gia hạn một lần, tổng cộng không quá 60 ngày; tiêu chí xác định tại"),
    ("two extensions, 90 in all; complexity criteria",
     "vụ việc đặc biệt phức tạp, gia hạn hai lần, tổng cộng không quá 90 ngày; "
     "tiêu chí xác định tại"),
)


def citation_vi(text: str) -> str:
    """`text` with every "<law> Art N(k)" and "Art N" as Vietnamese reads them, and every
    short name of a law, decree or circular in full."""
    if not text:
        return text
    text = str(text)
    for english, vietnamese in _LEGACY_NOTES:  # rows stored before the tables said it so
        text = text.replace(english, vietnamese)
    if "Art" in text:

        def with_law(match: re.Match) -> str:
            return f"{_article(match)} {_law_name(match['law'])}"

        text = _BARE.sub(_article, _WITH_LAW.sub(with_law, text))
    return _SHORT_NAME.sub(lambda match: LAW_NAMES[match[0]], text)
