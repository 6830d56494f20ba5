"""Parse plain-text Vietnamese official documents into their metadata.

Pure Python (no Django): ``parse_official_document(text)`` returns an
``OfficialDocument`` holding what the text itself carries -- number, type, date,
place, issuing body, signer, recipients, summary -- and the main content.

Anything the text does not state stays empty (``""``, ``None`` or ``[]``): the
parser never infers a value from the file name, the body's subject matter or
general knowledge.

Layout handled (Nghị định 30/2020/NĐ-CP, and the way such documents look once
copied to plain text): the authority lines ("UBND TỈNH THANH HÓA" / "SỞ Y TẾ")
above or beside the national motto, "Số: 1576/SYT-VP", the
"Địa danh, ngày DD tháng MM năm YYYY" line, a type heading ("CHỈ THỊ", "BÁO CÁO"...)
followed by its title lines or a "V/v ..." trích yếu, "Kính gửi:", the body
ending in "./.", then "Nơi nhận:", the signer's position and name. A copy taken
from a news page that states "Ngày 20/10/2022, <cơ quan> ban hành Chỉ thị số
10/CT-UBND về ..." is read through that sentence instead of a header.

``body`` is a single string: paragraphs separated by one blank line ("\\n\\n"),
each paragraph on one line (lines split by a page break are rejoined, markdown
emphasis removed). ``OfficialDocument.paragraphs`` gives them as a list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

# Codes shared with the directive page model and the import command.
DOC_TYPE_LABELS: dict[str, str] = {
    "chi_thi": "Chỉ thị",
    "cong_van": "Công văn",
    "thong_bao": "Thông báo",
    "ke_hoach": "Kế hoạch",
    "quyet_dinh": "Quyết định",
    "bao_cao": "Báo cáo",
}

# Type code inside a document symbol ("10/CT-UBND", "126-TB/TW"): Nghị định 30
# makes the first part of the symbol the type's abbreviation. A công văn has no
# such code (its symbol is "issuer-drafting unit", e.g. "SYT-VP").
_SYMBOL_TYPE_CODES: dict[str, str] = {
    "CT": "chi_thi",
    "TB": "thong_bao",
    "KH": "ke_hoach",
    "QĐ": "quyet_dinh",
    "BC": "bao_cao",
}

_TYPE_BY_LOWER_NAME: dict[str, str] = {
    label.lower(): code for code, label in DOC_TYPE_LABELS.items()
}
_TYPE_NAMES_PATTERN = "|".join(
    sorted((label for label in DOC_TYPE_LABELS.values()), key=len, reverse=True)
)

# Only the first lines can hold the header; stop looking at the first long,
# unrecognised paragraph (that is body text) or after this many lines.
_HEADER_MAX_LINES = 30
_HEADER_LONG_LINE = 300
_MAX_TITLE_PARAGRAPHS = 4

# --- Regular expressions -------------------------------------------------------

# National motto, or the Party's one on Party documents; either can share a line
# with an authority name when two header columns were flattened onto one line.
# "HÒA"/"HOÀ": both tone placements occur in the wild.
_MOTTO_RE = re.compile(
    r"(?:CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc)",
    re.IGNORECASE,
)

# "Số: 1576/SYT-VP", "Số 126-TB/TW", "Số: /BC-UBND" (number left blank before
# signing). The number only counts when it starts with a digit.
_NUMBER_LINE_RE = re.compile(r"^Số\s*:?\s*(?P<token>[^\s]*)\s*(?P<rest>.*)$")
_NUMBER_TOKEN_RE = re.compile(r"^\d[\w./-]*\w$")

# "Thanh Hóa, ngày 03 tháng 6 năm 2020"; day/month/year may be left blank in a
# draft ("Đức Phổ, ngày tháng 5 năm 2023"), so each number is optional.
_PLACE_DATE_RE = re.compile(
    r"(?P<place>[^\W\d_][^,\d]{0,60}?)\s*,\s*ngày\s*(?P<day>\d{1,2})?\s*"
    r"tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})?\s*$",
    re.IGNORECASE,
)

# Trích yếu of a công văn: "V/v ..." (or spelled out "Về việc ...") under the number.
_SUBJECT_RE = re.compile(r"^(?:V/v|Về\s+việc)\b", re.IGNORECASE)

# "Kính gửi: A" or "Kính gửi:" with the addressees on the following lines.
_ADDRESSEE_RE = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)

# A news copy's lead sentence stating the issuance itself:
# "Ngày 20/10/2022, Ủy ban nhân dân tỉnh X ban hành Chỉ thị số 10/CT-UBND về ...".
_LEAD_RE = re.compile(
    r"^Ngày\s+(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})\s*/\s*(?P<year>\d{4})\s*,\s*"
    r"(?P<body>[^,]+?)\s+(?:đã\s+)?ban\s+hành\s+"
    rf"(?P<type>{_TYPE_NAMES_PATTERN})\s+số\s+(?P<number>\d[^\s,;:]*)"
    r"(?:\s+(?P<summary>.+?))?"
    r"(?:\s*,\s*(?:cụ\s+thể|với\s+nội\s+dung|nội\s+dung)[^,]*|\s*[.:])?\s*$",
    re.IGNORECASE,
)

# A paragraph a title cannot be: the body's usual openings.
_BODY_OPENING_RE = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|Sáng\s+ngày|Chiều\s+ngày|Ngày\s+\d|Để\s|Nhằm\s)",
    re.IGNORECASE,
)

# End of the main content: Vietnamese documents close their text with "./.".
_END_MARK = "./."

# "Nơi nhận:" heading of the distribution list (possibly in bold).
_RECIPIENTS_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)

# List bullets used in recipient / addressee blocks.
_BULLET_RE = re.compile(r"^[-–—•+*]\s*")

# Signature annotations that are neither the position nor the name.
_ANNOTATION_RE = re.compile(r"^[(\[].*[)\]]$")

# Lines made only of rule characters ("-----", "___", "*") under header names.
_RULE_LINE_RE = re.compile(r"^[-_=*.~–—\s]+$")

# Markdown emphasis left by the conversion: **bold** anywhere, and *italic*
# around text (a lone "* " bullet is kept).
_BOLD_RE = re.compile(r"\*\*")
_ITALIC_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")

# A new paragraph that starts a lettered list item ("a) ...", "b. ..."), which
# must not be glued to the previous paragraph despite its lowercase start.
_LETTER_ITEM_RE = re.compile(r"^[a-zđ][).]\s")

# Administrative units: the place name after them is a proper noun.
_ADMIN_UNITS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_ADMIN_UNIT_RE = re.compile(
    r"^(?P<unit>" + "|".join(_ADMIN_UNITS) + r")\s+(?P<name>.+)$", re.IGNORECASE
)

# Agency kinds whose spelling in running text differs from the all-caps header.
_AGENCY_KINDS: tuple[tuple[str, str], ...] = (
    ("UỶ BAN NHÂN DÂN", "Ủy ban nhân dân"),
    ("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân"),
    ("HỘI ĐỒNG NHÂN DÂN", "Hội đồng nhân dân"),
    ("BAN THƯỜNG VỤ", "Ban Thường vụ"),
    ("VĂN PHÒNG", "Văn phòng"),
    ("TRUNG TÂM", "Trung tâm"),
    ("BỆNH VIỆN", "Bệnh viện"),
    ("TỔNG CỤC", "Tổng cục"),
    ("CHI CỤC", "Chi cục"),
    ("THANH TRA", "Thanh tra"),
    ("TỈNH ỦY", "Tỉnh ủy"),
    ("TỈNH UỶ", "Tỉnh ủy"),
    ("THÀNH ỦY", "Thành ủy"),
    ("HUYỆN ỦY", "Huyện ủy"),
    ("THỊ ỦY", "Thị ủy"),
    ("UBND", "UBND"),
    ("HĐND", "HĐND"),
    ("PHÒNG", "Phòng"),
    ("CỤC", "Cục"),
    ("SỞ", "Sở"),
    ("BỘ", "Bộ"),
    ("BAN", "Ban"),
)

# Proper nouns restored after lowering an all-caps title line.
_PROPER_NOUNS: tuple[str, ...] = (
    "Thường trực Tỉnh ủy",
    "Thường trực Thành ủy",
    "Thường trực Huyện ủy",
    "Ban Thường vụ",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Thủ tướng Chính phủ",
    "Chính phủ",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Thị ủy",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Sở Y tế",
    "Bộ Y tế",
    "UBND",
    "HĐND",
    "COVID-19",
)


# --- Result ----------------------------------------------------------------------


@dataclass(frozen=True)
class OfficialDocument:
    """Metadata and content of one official document; absent parts stay empty."""

    number: str = ""
    doc_type: str = ""
    issued_on: date | None = None
    place: str = ""
    parent_body: str = ""
    issuing_body: str = ""
    signer: str = ""
    signer_title: str = ""
    addressees: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    summary: str = ""
    title: str = ""
    body: str = ""

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs, in order."""
        return self.body.split("\n\n") if self.body else []

    @property
    def doc_type_label(self) -> str:
        """Vietnamese name of the type ("Chỉ thị"), or "" when unknown."""
        return DOC_TYPE_LABELS.get(self.doc_type, "")


@dataclass
class _Header:
    """What the first lines yield, with the index of the line the body follows."""

    number: str = ""
    symbol_type: str = ""
    doc_type: str = ""
    issued_on: date | None = None
    place: str = ""
    parent_body: str = ""
    issuing_body: str = ""
    summary: str = ""
    addressees: list[str] = field(default_factory=list)
    last_index: int = -1


@dataclass
class _Signature:
    signer: str = ""
    signer_title: str = ""
    recipients: list[str] = field(default_factory=list)


# --- Public entry point ------------------------------------------------------------


def parse_official_document(text: str) -> OfficialDocument:
    """Extract the metadata and the main content of a plain-text official document."""
    lines = _normalise_lines(text)
    header = _parse_header(lines)
    body_end, end_line_rest = _find_body_end(lines, header.last_index + 1)
    signature = _parse_signature(lines[body_end + 1 :] if end_line_rest else lines[body_end:])
    body_lines = lines[header.last_index + 1 : body_end]
    if end_line_rest:
        body_lines.append(end_line_rest)
    doc_type = header.doc_type or header.symbol_type or ("cong_van" if _is_subject(header) else "")
    return OfficialDocument(
        number=header.number,
        doc_type=doc_type,
        issued_on=header.issued_on,
        place=header.place,
        parent_body=header.parent_body,
        issuing_body=header.issuing_body,
        signer=signature.signer,
        signer_title=signature.signer_title,
        addressees=header.addressees,
        recipients=signature.recipients,
        summary=header.summary,
        title=_make_title(doc_type, header.number, header.summary, header.addressees),
        body="\n\n".join(_paragraphs(body_lines)),
    )


# --- Normalisation -----------------------------------------------------------------


def _normalise_lines(text: str) -> list[str]:
    """NFC, one kind of space, trimmed lines, flattened header columns split apart."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ").replace("\ufeff", "")
    lines: list[str] = []
    for raw in text.split("\n"):
        line = re.sub(r" {2,}", " ", raw).strip()
        lines.extend(_split_columns(line))
    return lines


def _split_columns(line: str) -> list[str]:
    """Split a line holding two header columns ("SỞ Y TẾ Độc lập – Tự do – Hạnh phúc")."""
    motto = _MOTTO_RE.search(line)
    if motto and motto.start() > 0:
        return [line[: motto.start()].strip(), *_split_columns(line[motto.start() :])]
    if motto and motto.end() < len(line):
        return [line[: motto.end()].strip(), *_split_columns(line[motto.end() :].strip())]
    number = _NUMBER_LINE_RE.match(_strip_markdown(line))
    if number and number["rest"] and _PLACE_DATE_RE.fullmatch(number["rest"]):
        return [f"Số: {number['token']}", number["rest"]]
    return [line]


def _strip_markdown(text: str) -> str:
    """Remove markdown bold/italic markers, keeping the text they wrap."""
    return _ITALIC_RE.sub(r"\1", _BOLD_RE.sub("", text)).strip()


def _clean(text: str) -> str:
    """Markdown removed and whitespace collapsed."""
    return re.sub(r"\s+", " ", _strip_markdown(text)).strip()


def _is_upper(text: str) -> bool:
    """True for text with letters, all of them capitals ("SỞ Y TẾ")."""
    return any(ch.isalpha() for ch in text) and text == text.upper()


# --- Header ------------------------------------------------------------------------


def _parse_header(lines: list[str]) -> _Header:
    header = _Header()
    window = _header_window(lines)
    anchors: list[int] = []
    anchors += _read_number(lines, window, header)
    anchors += _read_place_date(lines, window, header)
    anchors += _read_heading(lines, window, header)
    anchors += _read_subject(lines, window, header)
    anchors += _read_addressees(lines, window, header)
    # Authority names sit above the number/date/heading, around the motto lines.
    _read_authorities(lines, min(anchors, default=-1), header)
    anchors += [i for i in window if _MOTTO_RE.fullmatch(_clean(lines[i]))]
    if not anchors:
        anchors += _read_lead(lines, window, header)
    header.last_index = max(anchors, default=-1)
    return header


def _header_window(lines: list[str]) -> list[int]:
    """Indices of the lines that may belong to the header."""
    window: list[int] = []
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > _HEADER_MAX_LINES:
            break
        if len(line) > _HEADER_LONG_LINE and not _LEAD_RE.match(line):
            break
        window.append(index)
    return window


def _read_number(lines: list[str], window: list[int], header: _Header) -> list[int]:
    for index in window:
        match = _NUMBER_LINE_RE.match(_clean(lines[index]))
        if not match or "/" not in match["token"] and "-" not in match["token"]:
            continue
        token = match["token"]
        header.number = token if _NUMBER_TOKEN_RE.match(token) else ""
        header.symbol_type = _type_from_symbol(token)
        return [index]
    return []


def _type_from_symbol(token: str) -> str:
    """Type code carried by a document symbol: "10/CT-UBND" → chi_thi, "SYT-VP" → ""."""
    for part in re.split(r"[/-]", token.upper()):
        if part in _SYMBOL_TYPE_CODES:
            return _SYMBOL_TYPE_CODES[part]
        if part and not part.isdigit():
            return ""
    return ""


def _read_place_date(lines: list[str], window: list[int], header: _Header) -> list[int]:
    for index in window:
        match = _PLACE_DATE_RE.fullmatch(_clean(lines[index]))
        if match:
            header.place = match["place"].strip()
            header.issued_on = _make_date(match["year"], match["month"], match["day"])
            return [index]
    return []


def _make_date(year: str | None, month: str | None, day: str | None) -> date | None:
    """A date only when all three parts are written and valid."""
    if not (year and month and day):
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _read_heading(lines: list[str], window: list[int], header: _Header) -> list[int]:
    """Type heading ("BÁO CÁO") and the title paragraphs below it."""
    for position, index in enumerate(window):
        line = _clean(lines[index])
        doc_type, rest = _heading_type(line)
        if not doc_type:
            continue
        header.doc_type = doc_type
        titles, last = _read_title(lines, window[position + 1 :])
        if rest:
            titles.insert(0, rest)
        header.summary = _summary_from_titles(titles)
        return [index, last] if last >= 0 else [index]
    return []


def _heading_type(line: str) -> tuple[str, str]:
    """("bao_cao", rest) for an all-caps line starting with a type name, else ("", "")."""
    if not _is_upper(line):
        return "", ""
    for name, code in sorted(_TYPE_BY_LOWER_NAME.items(), key=lambda kv: -len(kv[0])):
        upper = name.upper()
        if line == upper or line.startswith(upper + " "):
            return code, line[len(upper) :].strip()
    return "", ""


def _read_title(lines: list[str], window: list[int]) -> tuple[list[str], int]:
    """Title paragraphs after a heading, and the index of their last line."""
    titles: list[str] = []
    last = -1
    for paragraph, end in _raw_paragraphs(lines, window):
        if not _continues_title(titles, paragraph) or len(titles) >= _MAX_TITLE_PARAGRAPHS:
            break
        titles.append(paragraph)
        last = end
    return titles, last


def _raw_paragraphs(lines: list[str], window: list[int]) -> Iterable[tuple[str, int]]:
    """Blank-line separated groups of window lines: (joined text, index of last line)."""
    group: list[str] = []
    previous = -2
    for index in window:
        if group and index != previous + 1:
            yield " ".join(group), previous
            group = []
        group.append(lines[index])
        previous = index
    if group:
        yield " ".join(group), previous


def _continues_title(titles: list[str], paragraph: str) -> bool:
    """Whether a paragraph still belongs to the title block under the heading."""
    text = _clean(paragraph)
    if _BODY_OPENING_RE.match(text) or text.rstrip().endswith((".", ";", ":")):
        return False
    if not titles:
        return True
    bold = paragraph.startswith("**") and paragraph.rstrip().endswith("**")
    return _is_upper(_clean(titles[-1])) or bold or text[:1].islower()


def _summary_from_titles(titles: list[str]) -> str:
    parts = [_clean(title) for title in titles]
    parts = [_sentence_case(part) if _is_upper(part) else part for part in parts]
    if parts and parts[0][:1].islower():
        parts[0] = parts[0][0].upper() + parts[0][1:]
    for position in range(1, len(parts)):
        if _is_upper(_clean(titles[position - 1])) and parts[position][:1].isupper():
            parts[position] = _lower_first_unless_proper(parts[position])
    return " ".join(parts)


def _lower_first_unless_proper(text: str) -> str:
    """Lowercase the first letter unless the first word is a restored proper noun."""
    if any(text.startswith(noun) for noun in _PROPER_NOUNS):
        return text
    return text[0].lower() + text[1:]


def _sentence_case(text: str) -> str:
    """ "KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY" → "Kết luận của Thường trực Tỉnh ủy"."""
    lowered = text.lower()
    for noun in _PROPER_NOUNS:
        lowered = re.sub(rf"(?<!\w){re.escape(noun.lower())}(?!\w)", noun, lowered)
    return lowered[0].upper() + lowered[1:]


def _read_subject(lines: list[str], window: list[int], header: _Header) -> list[int]:
    """The "V/v ..." trích yếu, possibly wrapped over several lines."""
    if header.summary:  # already read under a type heading
        return []
    for position, index in enumerate(window):
        if not _SUBJECT_RE.match(_clean(lines[index])):
            continue
        parts = [_clean(lines[index])]
        last = index
        for following in window[position + 1 :]:
            text = _clean(lines[following])
            if following != last + 1 or _is_header_line(text):
                break
            parts.append(text)
            last = following
        header.summary = " ".join(parts)
        return [last]
    return []


def _is_header_line(text: str) -> bool:
    """Lines that end a wrapped trích yếu or addressee block."""
    return bool(
        _PLACE_DATE_RE.fullmatch(text)
        or _ADDRESSEE_RE.match(text)
        or _NUMBER_LINE_RE.match(text)
        and "/" in text
        or _MOTTO_RE.fullmatch(text)
    )


def _is_subject(header: _Header) -> bool:
    """A "V/v" trích yếu under the number is the công văn form (other types are headed)."""
    return header.summary[:3].lower() == "v/v"


def _read_addressees(lines: list[str], window: list[int], header: _Header) -> list[int]:
    for position, index in enumerate(window):
        match = _ADDRESSEE_RE.match(_clean(lines[index]))
        if not match:
            continue
        block = [match["rest"]] if match["rest"] else []
        last = index
        for following in window[position + 1 :]:
            if block and following != last + 1 or _is_header_line(_clean(lines[following])):
                break
            block.append(lines[following])
            last = following
        header.addressees = _list_items(block)
        return [last]
    return []


def _read_lead(lines: list[str], window: list[int], header: _Header) -> list[int]:
    """Metadata from a news copy's "Ngày ..., X ban hành Chỉ thị số N về ..." sentence."""
    for index in window:
        match = _LEAD_RE.match(_clean(lines[index]))
        if not match:
            continue
        header.number = match["number"].rstrip(".")
        header.doc_type = _TYPE_BY_LOWER_NAME[match["type"].lower()]
        header.issued_on = _make_date(match["year"], match["month"], match["day"])
        header.issuing_body = match["body"].strip()
        summary = (match["summary"] or "").strip()
        header.summary = summary[:1].upper() + summary[1:]
        return [index]
    return []


def _read_authorities(lines: list[str], first_anchor: int, header: _Header) -> None:
    """Parent body and issuing body: the all-caps lines above the first anchor
    (number, date or heading line), motto lines skipped."""
    if first_anchor < 0:
        return
    names: list[str] = []
    for index in range(first_anchor - 1, -1, -1):
        text = _clean(lines[index])
        if not text or _RULE_LINE_RE.match(text) or _MOTTO_RE.fullmatch(text):
            continue
        if not _is_upper(text) or '"' in text or len(names) >= 4:
            break
        names.insert(0, text)
    names = _merge_wrapped_names(names)
    if names:
        header.issuing_body = _org_case(names[-1])
    if len(names) >= 2:
        header.parent_body = _org_case(names[-2])


def _merge_wrapped_names(names: list[str]) -> list[str]:
    """ "ỦY BAN NHÂN DÂN" + "TỈNH THỪA THIÊN HUẾ" is one name wrapped over two lines."""
    merged: list[str] = []
    for name in names:
        if merged and _ADMIN_UNIT_RE.match(name):
            merged[-1] = f"{merged[-1]} {name}"
        else:
            merged.append(name)
    return merged


def _org_case(name: str) -> str:
    """Running-text spelling of an all-caps agency name: "UBND TỈNH THANH HÓA" →
    "UBND tỉnh Thanh Hóa", "SỞ Y TẾ" → "Sở Y tế". Mixed-case names are kept."""
    if not _is_upper(name):
        return name
    for upper, spelled in _AGENCY_KINDS:
        if name == upper or name.startswith(upper + " "):
            rest = name[len(upper) :].strip()
            if spelled.endswith(" ủy"):  # party committee: the rest is its place name
                cased_rest = rest.title()
            elif _starts_with_kind(rest):
                cased_rest = _org_case(rest)
            else:
                cased_rest = _case_rest(rest)
            return f"{spelled} {cased_rest}".strip()
    return _case_rest(name)


def _starts_with_kind(name: str) -> bool:
    return any(name == upper or name.startswith(upper + " ") for upper, _ in _AGENCY_KINDS)


def _case_rest(rest: str) -> str:
    """Field words capitalised on the first word only; a place keeps title case."""
    words = rest.split()
    for position in range(len(words)):
        unit = _ADMIN_UNIT_RE.match(" ".join(words[position:]))
        if unit:
            field_part = _field_case(" ".join(words[:position]))
            place = f"{unit['unit'].lower()} {unit['name'].title()}"
            return f"{field_part} {place}".strip()
    return _field_case(rest)


def _field_case(text: str) -> str:
    """ "Y TẾ" → "Y tế", "TÀI CHÍNH" → "Tài chính"."""
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


# --- Body end, signature, recipients -------------------------------------------------


def _find_body_end(lines: list[str], start: int) -> tuple[int, str]:
    """Index where the body stops, and the body text kept from that line (if any).

    The last line holding "./." ends the body (text after the mark on that line,
    such as typist initials, is dropped). Without the mark, the body stops at
    "Nơi nhận:" or at a closing signature block.
    """
    for index in range(len(lines) - 1, start - 1, -1):
        position = lines[index].rfind(_END_MARK)
        if position >= 0:
            return index, lines[index][: position + len(_END_MARK)]
    for index in range(start, len(lines)):
        if _RECIPIENTS_RE.match(_clean(lines[index])):
            return index, ""
    return _signature_start(lines, start), ""


def _signature_start(lines: list[str], start: int) -> int:
    """Start of a trailing "POSITION / (đã ký) / Name" block, else the end of the text."""
    filled = [i for i in range(start, len(lines)) if lines[i]]
    if not filled or not _is_person_name(_clean(lines[filled[-1]])):
        return len(lines)
    first = filled[-1]
    for index in reversed(filled[:-1]):
        text = _clean(lines[index])
        if not (_is_upper(text) or _ANNOTATION_RE.match(text)):
            break
        first = index
    return first if first != filled[-1] else len(lines)


def _parse_signature(tail: list[str]) -> _Signature:
    """Recipients, signer's position and name from the lines after the body."""
    signature = _Signature(recipients=_read_recipients(tail))
    filled = [_clean(line) for line in tail if line.strip()]
    if not filled or not _is_person_name(filled[-1]):
        return signature
    titles: list[str] = []
    for text in reversed(filled[:-1]):
        if _ANNOTATION_RE.match(text):
            continue
        if not _is_upper(text) or _BULLET_RE.match(text) or _RECIPIENTS_RE.match(text):
            break
        titles.insert(0, text)
    if titles or signature.recipients:
        signature.signer = filled[-1]
        signature.signer_title = " ".join(titles)
    return signature


def _is_person_name(text: str) -> bool:
    """ "Trịnh Hữu Hùng": two to five capitalised words, letters only."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        word.isalpha() and word[0].isupper() and word[1:].islower() for word in words
    )


def _read_recipients(tail: list[str]) -> list[str]:
    for index, line in enumerate(tail):
        match = _RECIPIENTS_RE.match(_clean(line))
        if not match:
            continue
        block = [match["rest"]] if match["rest"] and not _is_upper(match["rest"]) else []
        for following in tail[index + 1 :]:
            text = _clean(following)
            if not text:
                continue
            if not _BULLET_RE.match(text) and not (block and text[:1].islower()):
                break
            block.append(text)
        return _list_items(block)
    return []


def _list_items(block: list[str]) -> list[str]:
    """Bulleted or one-per-line items; bullets and closing ";"/"." removed.

    A line starting in lowercase without a bullet continues the previous item.
    """
    items: list[str] = []
    for raw in block:
        text = _clean(raw)
        if not text:
            continue
        if items and not _BULLET_RE.match(text) and text[:1].islower():
            items[-1] = f"{items[-1]} {text}"
        else:
            items.append(_BULLET_RE.sub("", text))
    return [item.rstrip(" ;,.") for item in items if item.rstrip(" ;,.")]


# --- Body and title ---------------------------------------------------------------------


def _paragraphs(lines: list[str]) -> list[str]:
    """One paragraph per non-empty line, rejoining lines split by a page break."""
    paragraphs: list[str] = []
    for line in lines:
        text = _clean(line)
        if not text or _RULE_LINE_RE.match(text):
            continue
        if paragraphs and _is_continuation(paragraphs[-1], text):
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        else:
            paragraphs.append(text)
    return paragraphs


def _is_continuation(previous: str, text: str) -> bool:
    """A line split mid-sentence: no closing punctuation before, lowercase after."""
    closed = previous.endswith((".", ":", ";", "!", "?", "…", '"', "”", ")"))
    return not closed and text[:1].islower() and not _LETTER_ITEM_RE.match(text)


def _make_title(doc_type: str, number: str, summary: str, addressees: list[str]) -> str:
    """ "Công văn số 1576/SYT-VP về việc ...", "Báo cáo: Tổng kết ...", "Văn bản gửi ..."."""
    head = " ".join(
        part
        for part in (DOC_TYPE_LABELS.get(doc_type, "Văn bản"), number and f"số {number}")
        if part
    )
    if summary:
        subject = re.sub(r"^V/v\b", "về việc", summary, flags=re.IGNORECASE)
        if subject.lower().startswith("về "):
            return f"{head} {_lower_first_letter(subject)}"
        return f"{head}: {subject}"
    if not doc_type and not number and addressees:
        return f"{head} gửi {addressees[0]}"
    return head


def _lower_first_letter(text: str) -> str:
    return text[:1].lower() + text[1:]
