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


def citation_plain(text: str) -> str:
    """The first reference of a stored basis as a legal text cites it (`citation_vi`),
    without the table's notes after it: "Luật KN Art 28 (lần 1)" → "Điều 28 Luật Khiếu nại",
    "Luật TC Art 30(2): vụ việc phức tạp, …" → "khoản 2 Điều 30 Luật Tố cáo"; a clause in
    parentheses stays ("Art 34(1), (4)"). What a document prints in parentheses after a
    deadline ("đến hết ngày … (Điều 28 Luật Khiếu nại)"), where the notes read as a nested
    parenthesis no legal text has."""
    if not text:
        return text
    return citation_vi(re.split(r"[;:]| \((?!\d)", str(text), maxsplit=1)[0].strip())


# ---- the same citations as an English reader reads them -----------------------------------
#
# The interface's English cites "Article 29(1)(a) of the Law on Denunciations", "Article 7a
# of Decree 124/2020/ND-CP" (tools/en.tsv). `citation_en` rewrites a Vietnamese citation
# ("điểm a khoản 1 Điều 29 Luật Tố cáo", as `citation_vi` writes it and the tables store
# it) that way; what is not a citation stays as it is.

# The laws' English names, longest Vietnamese first when matched (a law's number or year
# after its name is kept: "Luật Khiếu nại 02/2011/QH13", "Bộ luật Dân sự 2015").
LAW_NAMES_EN = {
    "Luật Tố cáo": "the Law on Denunciations",
    "Luật Khiếu nại": "the Law on Complaints",
    "Luật Bảo vệ dữ liệu cá nhân": "the Law on Personal Data Protection",
    "Luật Tiếp công dân": "the Law on Citizen Reception",
    "Luật Tố tụng hành chính": "the Law on Administrative Procedure",
    "Luật Báo chí": "the Press Law",
    "Luật Ban hành văn bản quy phạm pháp luật": "the Law on Promulgation of Legal Documents",
    "Bộ luật Dân sự": "the Civil Code",
    "Bộ luật Lao động": "the Labour Code",
    "Nghị định": "Decree",
    "Thông tư": "Circular",
}
_LAW_EN = "|".join(re.escape(name) for name in sorted(LAW_NAMES_EN, key=len, reverse=True))
# A law's number or year after its name ("2015", "02/2011/QH13", "124/2020/NĐ-CP").
_LAW_NUMBER = r"(?:\s+\d+(?:/\d{4})?(?:/[A-ZĐ0-9-]+)?)?"
# One reference: an article ("Điều 29", "Điều 7a", "Điều 147–148") with what comes before it
# in the same article: a paragraph, a point, clauses ("đoạn cuối khoản 1", "điểm a khoản 1",
# "khoản 2–3", "khoản 1, khoản 3", "khoản 1 và khoản 2").
_VI_CLAUSE = r"(?:(?:đoạn cuối|điểm [a-zđ])\s+)?khoản \d+(?:[–-]\d+)?"
_VI_ARTICLE = r"Điều \d+[a-z]?(?:[–-]\d+[a-z]?)?"
_VI_REF = rf"(?:(?:{_VI_CLAUSE}(?:\s*,\s*|\s+và\s+))*{_VI_CLAUSE}\s+)?{_VI_ARTICLE}"
# References of one law: "khoản 1 Điều 7, Điều 42", "Điều 28, 37" (whole articles after one).
_VI_REFS = rf"{_VI_REF}(?:(?:\s*,\s*|\s+và\s+)(?:{_VI_REF}|\d+[a-z]?(?![\d/])))*"
_VI_CITATION = re.compile(
    rf"(?P<refs>{_VI_REFS})(?:\s+(?P<law>(?:{_LAW_EN}){_LAW_NUMBER}))?(?![\w/])"
)
_VI_ONE_REF = re.compile(
    rf"(?P<clauses>(?:{_VI_CLAUSE}[\s,và]*)*)Điều (?P<num>\S+?)(?=,|\s|$)"
    r"|(?<=,\s)(?P<bare>\d+[a-z]?)"  # "Điều 28, 37": the second article
)
_VI_ONE_CLAUSE = re.compile(
    r"(?:(?P<paragraph>đoạn cuối)\s+|điểm (?P<point>[a-zđ])\s+)?khoản (?P<clause>\d+(?:[–-]\d+)?)"
)


# A decree or circular named with its number and no article ("sửa đổi bởi Nghị định
# 155/2026/NĐ-CP"), and how an amendment is said.
_VI_LAW_ALONE = re.compile(r"(?<!\w)(?:Nghị định|Thông tư)\s+\d+/\d{4}(?:/[A-ZĐ0-9-]+)?")
_AMENDED_EN = (
    ("sửa đổi bởi", "as amended by"), ("bổ sung bởi", "as added by"),
    ("thay thế bởi", "as replaced by"),
)


# The notes the deadline tables write after a citation (`complaints.deadlines.RULES`, the
# notices of `complaints.rules.notices`, a resumed complaint's row, the press rows of
# `complaints.rules.press_statement` and `press_correction`), the English way: a deadline's
# basis on an English page reads in English whole, not an English citation around
# Vietnamese words. Replaced in the order written (a longer note before a shorter one it
# contains); a citation inside a note ("tiêu chí xác định tại Điều 3 Nghị định 31/2019") is
# left to the citation rules after. A note not listed stays as it is.
_NOTES_EN = (
    ("10 ngày xử lý đơn; chưa xác nhận là ngày làm việc",
     "10 days to process the petition; not confirmed as working days"),
    # the citizen's reading, without the staff's note (citation_for_citizen)
    ("10 ngày xử lý đơn", "10 days to process the petition"),
    ("Quy định của Cổng, không phải luật (cấu hình được; tương tự",
     "The portal's own rule, not the law (configurable; as in"),
    ("(trước Nghị định", "(before Nghị định"),
    ("vụ việc đặc biệt phức tạp, gia hạn hai lần, tổng cộng không quá 90 ngày; "
     "tiêu chí xác định tại",
     "especially complex case: two extensions, 90 days in all; criteria in"),
    ("vụ việc phức tạp, gia hạn một lần, tổng cộng không quá 60 ngày; tiêu chí xác định tại",
     "complex case: one extension, 60 days in all; criteria in"),
    ("(lần 1", "(first-time complaint"),
    ("(lần 2", "(second-time complaint"),
    (", vùng sâu vùng xa", ", remote area"),
    (", phức tạp)", ", complex)"),
    ("(từ ngày nhận quyết định lần đầu)", "(from the day the first-time decision was received)"),
    ("(từ ngày hết hạn giải quyết lần đầu mà chưa có quyết định)",
     "(from the day the first-time resolution period ended with no decision)"),
    ("(xác minh ở nhiều nơi)", "(verification in several places)"),
    (": quyết định tạm đình chỉ", ": suspension decision"),
    (": quyết định đình chỉ", ": stop decision"),
    (": quyết định tiếp tục giải quyết", ": decision to resume the resolution"),
    ("(quyết định giải quyết lần đầu)", "(first-time decision)"),
    ("(quyết định giải quyết lần hai)", "(second-time decision)"),
    ("(công khai; luật không quy định thời hạn)",
     "(made public; the law sets no time limit)"),
    ("(luật không quy định thời hạn)", "(the law sets no time limit)"),
    ("(thời hạn như ", "(time limit as in "),
    ("; chưa xác nhận)", "; unconfirmed)"),
    ("(kết luận nội dung tố cáo)", "(the conclusion on the denunciation)"),
    ("(công khai kết luận)", "(the conclusion made public)"),
    ("từ 01/7/2026:", "from 1 July 2026:"),
    ("(ngay khi nhận được văn bản; lưu ít nhất 07 ngày)",
     "(as soon as the document is received; kept online at least 07 days)"),
    ("(báo ngày, báo nói, báo hình: 02 ngày)",
     "(daily newspapers, radio, television: 02 days)"),
    ("(báo tuần, tạp chí: số ra gần nhất)", "(weekly newspapers, magazines: the next issue)"),
    ("(24 giờ kể từ khi tiếp nhận và xử lý vụ việc)",
     "(24 hours from receiving and handling the matter)"),
    ("(24 giờ kể từ khi xác định vụ việc có tác động hoặc nguy cơ tác động đến dư luận xã "
     "hội)",
     "(24 hours from determining that the matter affects or may affect public opinion)"),
)


def _joined_en(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _clause_en(found: re.Match) -> str:
    """"điểm a khoản 1" → "(1)(a)"; "khoản 2–3" → "(2)–(3)"."""
    clause = "–".join(f"({n})" for n in re.split(r"[–-]", found["clause"]))
    return f"{clause}({found['point']})" if found["point"] else clause


def _refs_en(refs: str) -> str:
    texts = []
    for ref in _VI_ONE_REF.finditer(refs):
        if ref["bare"]:
            texts.append(f"Article {ref['bare']}")
            continue
        number = ref["num"].replace("-", "–")
        found = list(_VI_ONE_CLAUSE.finditer(ref["clauses"] or ""))
        clauses = [_clause_en(c) for c in found]
        if len(found) == 1 and found[0]["paragraph"]:  # "đoạn cuối khoản 1 Điều 29"
            texts.append(f"the last paragraph of Article {number}{clauses[0]}")
        elif not clauses:
            texts.append(f"Article {number}")
        else:  # "Article 33(1), (2) and (3)"
            texts.append(f"Article {number}{_joined_en(clauses)}")
    return _joined_en(texts)


def _law_en(law: str) -> str:
    for name in sorted(LAW_NAMES_EN, key=len, reverse=True):
        if law == name or law.startswith(name + " "):
            return LAW_NAMES_EN[name] + law[len(name):].replace("NĐ-CP", "ND-CP")
    return law


def citation_en(text: str) -> str:
    """`text` with every Vietnamese citation the English way: "điểm a khoản 1 Điều 29, Điều
    23 Luật Tố cáo" → "Article 29(1)(a) and Article 23 of the Law on Denunciations";
    "khoản 3, khoản 4 Điều 7 Nghị định 244/2026/NĐ-CP" → "Article 7(3) and (4) of Decree
    244/2026/ND-CP". A compact citation ("Luật TC Art 30") is written out first
    (`citation_vi`). The deadline tables' notes read in English (`_NOTES_EN`); other text
    around the citations is left as it is."""
    if not text:
        return text
    text = citation_vi(str(text))
    for vietnamese, words in _NOTES_EN:
        text = text.replace(vietnamese, words)

    def english(match: re.Match) -> str:
        refs = _refs_en(match["refs"])
        return f"{refs} of {_law_en(match['law'])}" if match["law"] else refs

    text = _VI_CITATION.sub(english, text)
    for vietnamese, words in _AMENDED_EN:
        text = text.replace(vietnamese, words)
    return _VI_LAW_ALONE.sub(lambda match: _law_en(match[0]), text)


def citation_read(text: str) -> str:
    """A citation in the active language: English for an English reader (`citation_en`),
    the Vietnamese way otherwise (`citation_vi`)."""
    from django.utils import translation

    if (translation.get_language() or "").split("-")[0] == "en":
        return citation_en(text)
    return citation_vi(text)


# Notes a deadline's stored basis carries for the staff who configure it (the figure's
# doubt, DOMAIN.md §4), not for the citizen: "10 ngày xử lý đơn; chưa xác nhận là ngày làm
# việc" read on a receipt as "we do not know your deadline". The staff screens and the
# deadline tables keep them.
_STAFF_ONLY_NOTES = ("; chưa xác nhận là ngày làm việc",)


def citation_for_citizen(text: str) -> str:
    """`citation_read(text)` without the staff's notes (`_STAFF_ONLY_NOTES`)."""
    for note in _STAFF_ONLY_NOTES:
        text = text.replace(note, "")
    return citation_read(text)


def citation_read_later(text: str):
    """`citation_read(text)` when it is read (`portal.lazy_text`): a citation inside a
    refusal decided in Vietnamese and read in its reader's language."""
    from portal.lazy_text import read_later

    return read_later(lambda: citation_read(text))
