"""What a document's template is filled with, taken from the case, and the rule that
keeps a denouncer's identity out of every document not addressed to them.

A denouncer's identity (Luật TC Art 47; NĐ 31/2019 Art 22):
- in a draft it is never written: documents addressed to the denouncer carry
  placeholders (« Họ tên người tố cáo »…) that `identity_fill` replaces only at issue,
  so the draft staff pass around does not hold it;
- in every other document it is replaced by the redaction phrase, and `identity_leaks`
  refuses to issue a document whose (edited) text still contains any of its fields.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.citations import citation_plain
from complaints.kinds import CaseKind
from complaints.rules.contact_data import personal_spans, spans_replaced
from complaints.rules.decision import conclusion_after_finding
from complaints.rules.documents import (
    REPORTER_ONLY,
    addressed_as,
    authority_line,
    decision_cited,
    head_of,
    with_unit,
)
from complaints.rules.identifying_address import (
    FILLER_WORDS,
    address_identifies,
    identifying_parts,
)

IDENTITY_FIELDS = ("name", "address", "id_number", "phone", "email")
PLACEHOLDERS = {
    "name": "«Họ tên người tố cáo»",
    "address": "«Địa chỉ người tố cáo»",
    "id_number": "«Số định danh người tố cáo»",
    "phone": "«Điện thoại người tố cáo»",
    "email": "«Thư điện tử người tố cáo»",
}
# Values the step itself sets (the resolution deadline after acceptance, extension or
# resumption): the draft shows these marks, `issue_fill` writes the case's values at issue,
# after the step's transition has run in the same transaction.
AT_ISSUE = {
    "resolve_by": "«Hạn giải quyết»",
    "resolve_basis": "«Căn cứ thời hạn giải quyết»",
    "resolve_days": "«Số ngày giải quyết»",
    "accept_by": "«Hạn thụ lý»",
    # The conclusion a notice to the denouncer reports (khoản 3 Điều 35 Luật Tố cáo),
    # issued with the step, before the notice.
    "conclusion_ref": "«Số, ngày kết luận»",
}
# The verification period the step sets (complaints/rules/verification.py): `verifier.
# period_days` and `verifier.until` show these marks in the draft; `issue_fill` writes the
# case's period at issue, after the step that sets it ran in the same transaction.
VERIFICATION_AT_ISSUE = {
    "period_days": "«Số ngày xác minh»",
    "until": "«Ngày kết thúc xác minh»",
    # The extension of the period (Mẫu số 04A-KN, complaints/rules/verification_extension.py):
    # the last day before it and the days it adds, from the case's last extension.
    "previous_until": "«Ngày kết thúc xác minh trước khi gia hạn»",
    "extension_days": "«Số ngày gia hạn xác minh»",
}
REDACTED_NAME = "người tố cáo (thông tin được giữ bí mật theo Điều 47 Luật Tố cáo)"
REDACTED_FIELD = "[được giữ bí mật]"


@dataclass(frozen=True)
class Party:
    name: str
    address: str
    id_number: str
    phone: str
    email: str
    # How a letter addresses them ("Kính gửi: Ông/Bà Trần Thị Hoa"): `party_addressed`.
    addressed: str = ""


def _fmt(day) -> str:
    if day is None:
        return "…"
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date()
    return day.strftime("%d/%m/%Y")


def is_confidential(case) -> bool:
    return case.kind == CaseKind.TO_CAO and not case.anonymous


def party_for(case, *, audience: str) -> Party:
    """The petitioner as the document of `audience` names them (drafting time)."""
    if case.kind == CaseKind.BAO_CHI:
        return Party(case.press_outlet, "", "", "", "")
    if case.anonymous:
        anonymous = _("người gửi đơn ẩn danh")
        return Party(anonymous, "", "", "", "")
    if is_confidential(case):
        if audience == REPORTER_ONLY:
            return Party(**PLACEHOLDERS)
        return Party(REDACTED_NAME, *([REDACTED_FIELD] * 4))
    reporter = getattr(case, "reporter", None)
    if reporter is None:
        return Party("…", "…", "…", "", "")
    return Party(
        reporter.name or "…",
        reporter.address or "…",
        reporter.id_number or "…",
        reporter.phone,
        reporter.email,
    )


def identity_fill(text: str, *, case, audience: str) -> str:
    """At issue: the placeholders become the denouncer's identity in a document
    addressed to them, the redaction phrase in any other."""
    if not is_confidential(case):
        return text
    reporter = getattr(case, "reporter", None)
    for field, placeholder in PLACEHOLDERS.items():
        if audience == REPORTER_ONLY and reporter is not None:
            value = getattr(reporter, field) or "…"
        else:
            value = REDACTED_NAME if field == "name" else REDACTED_FIELD
        text = text.replace(placeholder, value)
    return text


def denouncer_letter_refusal(*, case, audience: str, addressee: str, recipients: str) -> str | None:
    """Why a document addressed to the denouncer may not be issued as edited: its
    "Kính gửi" no longer names the denouncer («Họ tên người tố cáo»), or it or "Nơi nhận"
    names the person denounced. The identity is filled in at issue because the letter goes
    to the denouncer alone (Điều 47 Luật Tố cáo); readdressed, it would carry it to someone
    else, the person denounced included. None when it may be issued, or for any other
    document or case."""
    if audience != REPORTER_ONLY or not is_confidential(case):
        return None
    if PLACEHOLDERS["name"] not in (addressee or ""):
        return _(
            "Văn bản này gửi người tố cáo, nên Cổng điền danh tính người tố cáo khi ban hành: "
            "ô “Kính gửi” phải giữ %(placeholder)s (Điều 47 Luật Tố cáo). Văn bản gửi người "
            "khác hãy soạn từ mẫu văn bản gửi người đó."
        ) % {"placeholder": PLACEHOLDERS["name"]}
    accused = _folded(getattr(case, "accused_name", "") or "")
    if accused and accused in _folded(f"{addressee}\n{recipients}"):
        return _(
            "Văn bản gửi người tố cáo có danh tính người tố cáo, không được gửi người bị tố "
            "cáo: hãy bỏ %(accused)s khỏi ô “Kính gửi” và “Nơi nhận” (khoản 3 Điều 8, Điều 47 "
            "Luật Tố cáo)."
        ) % {"accused": case.accused_name}
    return None


# A blank the officer was meant to write in, which an issued document may not hold: the
# templates' "…" standing as a word of its own ("Nội dung tố cáo được thụ lý: …", "Người bị
# tố cáo: …"), their dotted runs ("Người ghi biên bản: ..............", "lập thành .....
# bản"), and the "…" a draft holds where the case knows no value (an address, the officer
# given the verification, a date). An ellipsis inside a word ("vật tư…", "v.v...") is
# text, not a blank. The number's blank ("Số: …/QĐ-…") is the header's, not the text's:
# the number is given at issue. A choice the template leaves the officer between
# alternatives of the law ("[chọn: sửa đổi, bổ sung / hủy bỏ]", điểm h khoản 2 Điều 31
# Luật Khiếu nại: the decision must say which) is a blank too, the whole mark: issued, the
# operative article would not say what is decided; so are the alternatives written out as
# the template had them before (a draft made then, an edited template), as the operative
# article's words: "Điều 1. Sửa đổi, bổ sung hoặc hủy bỏ …". The same words elsewhere (an
# officer's recommendation "kiến nghị sửa đổi, bổ sung hoặc hủy bỏ quy chế…") are text.
BLANK = re.compile(
    r"(?<!\w)…+(?!\w)|\.{4,}|\[(?i:chọn):[^\[\]\n]*\]"
    r"|^\s*Điều\s+\d+\.\s*(?i:sửa đổi, bổ sung hoặc hủy bỏ)"
)
# The parts of a document a blank is looked for in, as the draft's form names them.
BLANK_PARTS = ("trich_yeu", "addressee", "body", "recipients")
# A quotation in a line (“…”, "…", «…»): a blank inside one is the petitioner's own text,
# not the officer's, when the quotation is taken word for word from the case (`_CITED`).
_QUOTATION = re.compile(r'“[^“”]*”|"[^"]*"|«[^«»]*»')
# The case's values a document quotes as the petitioner or the press wrote them (the title
# of the case, of a press article...), as the templates read them (`case_view`: a
# denunciation's title without the denouncer's identity). Never the step's values nor the
# handler's own texts (the conclusion, the public answer): a blank there is the officer's.
_CITED = (
    "title", "press_article_title", "press_outlet", "decision_complained", "decision_maker",
    "first_decision_ref", "accused_name", "accused_position",
)
# Words of a long line a refusal quotes before its blank.
_QUOTED_WORDS = 12


def blank_labels() -> dict[str, str]:
    """The parts of BLANK_PARTS by the names the draft's form gives them."""
    return {
        "trich_yeu": _("Trích yếu"),
        "addressee": _("Kính gửi"),
        "body": _("Nội dung"),
        "recipients": _("Nơi nhận"),
    }


@dataclass(frozen=True)
class BlankLine:
    """A line of a document that still holds a blank: its part (a name of BLANK_PARTS), its
    number in the part (from 1), the line quoted up to its first blank (`_quoted`) and how
    many blanks it holds."""

    part: str
    number: int
    text: str
    count: int

    @property
    def label(self) -> str:
        """"Nội dung, dòng 7", as the refusal and the draft page name the line."""
        return _("%(part)s, dòng %(number)s") % {
            "part": blank_labels()[self.part], "number": self.number,
        }


def blank_lines(texts: dict[str, str], *, case, audience: str) -> list[BlankLine]:
    """The lines of a document's parts (`texts`, by the names of BLANK_PARTS) that still hold
    a blank (`BLANK`), or, in a letter to the denouncer, the placeholder of an identity field
    the case has no value for (it would be issued as "…"): the one rule the issue refuses by
    (`blank_refusal`) and the draft page shows the officer while editing. A blank inside a
    quotation taken word for word from the case's data (a press article's title “Bệnh viện
    … chuyện chưa kể”, `_CITED`) is the petitioner's text, not a blank; a quotation holding
    nothing but the blank (“…”), or any text the case does not hold, is a blank."""
    empty = _empty_placeholders(case, audience)
    cited = _Cited(case)
    found = []
    for name in BLANK_PARTS:
        for number, line in enumerate((texts.get(name) or "").splitlines(), 1):
            ends = _blank_ends(line, empty, cited)
            if ends:
                found.append(BlankLine(name, number, _quoted(line[: min(ends)]), len(ends)))
    return found


def blank_refusal(texts: dict[str, str], *, case, audience: str, basis: str) -> str | None:
    """Why a document may not be issued as it stands: a line of one of its parts (`texts`,
    by the names of BLANK_PARTS, the marks of the step filled in) still holds a blank
    (`blank_lines`). Each line named by its part and number and quoted up to its blank, as
    the draft shows it (placeholders, never the denouncer's identity). `basis`: the
    articles the document's content follows. None when every blank is filled."""
    labels = blank_labels()
    found = [
        _("%(part)s, dòng %(number)s: “%(text)s”")
        % {"part": labels[line.part], "number": line.number, "text": line.text}
        for line in blank_lines(texts, case=case, audience=audience)
    ]
    if not found:
        return None
    return _(
        "Chưa ban hành được: văn bản còn chỗ trống chưa điền (“…”, hàng dấu chấm “.....” "
        "hoặc lựa chọn “[chọn: …]” chưa chọn) ở %(lines)s. Hãy điền vào chỗ trống, thay lựa "
        "chọn bằng phương án đã quyết định (hoặc bỏ phần không dùng), lưu dự thảo rồi ban "
        "hành: văn bản ban hành phải ghi đủ nội dung theo %(basis)s."
    ) % {"lines": "; ".join(found), "basis": basis}


def _empty_placeholders(case, audience: str) -> list[str]:
    """The identity placeholders `identity_fill` would replace by "…" in a letter to the
    denouncer: the fields the case does not know."""
    reporter = getattr(case, "reporter", None)
    if audience != REPORTER_ONLY or not is_confidential(case) or reporter is None:
        return []
    return [mark for field, mark in PLACEHOLDERS.items() if not getattr(reporter, field)]


class _Cited:
    """The case's texts a document may quote (`_CITED`), read once and only when a line
    holds a blank inside a quotation."""

    def __init__(self, case):
        self.case, self._texts = case, None

    def holds(self, quotation: str) -> bool:
        if self._texts is None:
            view = case_view(self.case)
            self._texts = [str(getattr(view, name) or "") for name in _CITED]
        return any(quotation in text for text in self._texts)


def _excused(line: str, blank: re.Match, cited: _Cited) -> bool:
    """A blank inside a quotation whose words, the blank included, are the case's own
    (`_Cited`): the petitioner's ellipsis, not a blank. The quotation must hold a word
    besides its blanks: “…” alone is the officer's blank whatever the case holds."""
    for quotation in _QUOTATION.finditer(line):
        if not quotation.start() < blank.start() < blank.end() < quotation.end():
            continue
        inner = quotation.group()[1:-1].strip()
        if re.search(r"\w", BLANK.sub("", inner)) and cited.holds(inner):
            return True
    return False


def _blank_ends(line: str, empty: list[str], cited: _Cited) -> list[int]:
    """Where each blank of the line ends (none for a line without one)."""
    ends = [match.end() for match in BLANK.finditer(line) if not _excused(line, match, cited)]
    ends += [line.index(mark) + len(mark) for mark in empty if mark in line]
    return ends


def _quoted(text: str) -> str:
    """The line up to its blank, its last words only when it is long."""
    words = text.split()
    if len(words) <= _QUOTED_WORDS:
        return " ".join(words)
    return "[…] " + " ".join(words[-_QUOTED_WORDS:])


def _folded(text: str) -> str:
    """The text as the identity check compares it: no diacritics (đ as d), no case, the
    punctuation a spaced word boundary and the whitespace collapsed, so that "Le  Thi
    MAT," and "Lê Thị Mật" read the same."""
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def folded(text: str) -> str:
    """`_folded`, for another rule comparing names the same way (a verifier's name with the
    denounced person's: complaints/rules/verification.py)."""
    return _folded(text)


def _phone_core(digits: str) -> str:
    """A Vietnamese number without its trunk prefix: 0905999888 and +84905999888 are
    both 905999888."""
    if digits.startswith("84") and len(digits) >= 11:
        return digits[2:]
    return digits.removeprefix("0")


_NOT_WORD = re.compile(r"[^\w]+|_")
_NUMBER = re.compile(r"\+?\d[\d\s.\-()/]*\d|\d")
# Below these lengths a value matches too much by chance (a short name, a year).
_MIN_TEXT, _MIN_DIGITS = 4, 6


def _identifying_value(reporter, field: str) -> str:
    """The reporter's value of `field` to look for, or "" when it identifies nobody: an
    address that is only a place name ("Quảng Ngãi"), by the rule of
    `complaints.rules.identifying_address`."""
    value = getattr(reporter, field) or ""
    if field == "address" and not address_identifies(value):
        return ""
    return value


# The words that only say what kind of place a number or a name is, folded as the text's
# words are: a text's "số 14 đường Lê Lợi" or "so 14 duong Le Loi" names "14 Lê Lợi".
_FILLERS = frozenset(map(_folded, FILLER_WORDS))
# An e-mail's own part ("lethihoa1985" of lethihoa1985@gmail.com) identifies when it holds a
# digit or is a long single word: no ordinary word is written so.
_MIN_HANDLE = 8


def _address_phrases(value: str) -> list[list[str]]:
    """The address's phrases to look for, as folded words without the filler words of the
    address itself ("Số 14 đường Lê Lợi" as ["14", "le", "loi"]): the whole address and its
    leading parts that identify a dwelling alone (`identifying_parts`: "14 Lê Lợi" of "14
    Lê Lợi, phường Đức Phổ"; never a ward or a district alone)."""
    phrases = []
    for phrase in [value, *identifying_parts(value)]:
        words = [
            part
            for word in re.findall(r"\w+", unicodedata.normalize("NFC", phrase))
            if word.casefold() not in FILLER_WORDS
            for part in _folded(word).split()
        ]
        if len(" ".join(words)) >= _MIN_TEXT:
            phrases.append(words)
    return phrases


def _email_handle(value: str) -> list[str]:
    """The e-mail's part before "@" as one folded word, when it identifies alone (a digit,
    or `_MIN_HANDLE` letters or more); else none."""
    handle = _folded(value.partition("@")[0]) if "@" in value else ""
    if not handle or " " in handle:
        return []
    if any(char.isdigit() for char in handle) or len(handle) >= _MIN_HANDLE:
        return [handle]
    return []


def _phrase_spans(words, phrase: list[str], *, fillers: bool) -> list[tuple[int, int]]:
    """Where the folded words `phrase` stand one after another in the text's words
    (`_word_spans`): (start, end) from its first word to its last. With `fillers`, a filler
    word of the text between two of the phrase's words is passed over ("14 đường Lê Lợi"
    for "14 Lê Lợi")."""
    spans = []
    for first in range(len(words)):
        if words[first][2] != phrase[0]:
            continue
        at, index = 1, first + 1
        while at < len(phrase) and index < len(words):
            word = words[index][2]
            if word == phrase[at]:
                at += 1
            elif not (fillers and word in _FILLERS):
                break
            index += 1
        if at == len(phrase):
            spans.append((words[first][0], words[index - 1][1]))
    return spans


def _value_spans(text: str, words, reporter, field: str) -> list[tuple[int, int]]:
    """Where the denouncer's `field` stands in the text (`identity_leaks`'s rule)."""
    value = _identifying_value(reporter, field)
    if not value:
        return []
    spans: list[tuple[int, int]] = []
    if field == "address":
        for phrase in _address_phrases(value):
            spans += _phrase_spans(words, phrase, fillers=True)
        return spans
    wanted = _folded(value).split()
    if len(" ".join(wanted)) >= _MIN_TEXT:
        spans += _phrase_spans(words, wanted, fillers=False)
    if field == "email":
        for handle in _email_handle(value):
            spans += _phrase_spans(words, [handle], fillers=False)
    if field in ("phone", "id_number"):
        digits = re.sub(r"\D", "", value)
        if field == "phone":
            digits = _phone_core(digits)
        if len(digits) >= _MIN_DIGITS:
            spans += _digit_spans(text, digits, phone=field == "phone")
    return spans


def identity_leaks(text: str, *, case, audience: str) -> list[str]:
    """The identity fields of a denouncer found in the text of a document not addressed
    to them, e.g. a name a handler typed into the draft. Compared without diacritics,
    case, punctuation or extra spaces (whole words only); the phone and the ID number
    also by their digits alone, whatever separates them (spaces, dots, +84); the e-mail
    also by its own part before "@" when that identifies alone (`_email_handle`); the
    address only when it identifies a person (`address_identifies`), not a bare place name,
    and then also by its leading parts that identify a dwelling ("14 Lê Lợi" of "14 Lê Lợi,
    phường Đức Phổ": `identifying_parts`), written with or without "số", "đường", "nhà"
    ("nhà số 14 đường Lê Lợi"). Never by a part that many people share: a ward or district
    alone, a street without its number, a given name without the rest of the name."""
    if not is_confidential(case) or audience == REPORTER_ONLY:
        return []
    reporter = getattr(case, "reporter", None)
    if reporter is None:
        return []
    words = _word_spans(text or "")
    return [
        field for field in IDENTITY_FIELDS if _value_spans(text or "", words, reporter, field)
    ]


def _word_spans(text: str) -> list[tuple[int, int, str]]:
    """The words of the text as `_folded` splits it, each with where it stands in the
    text: (start, end, folded word)."""
    spans, start = [], None
    for index, char in enumerate(text + " "):
        inside = char != "_" and (char.isalnum() or unicodedata.combining(char))
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            spans.append((start, index, _folded(text[start:index])))
            start = None
    return [span for span in spans if span[2]]


def _digit_spans(text: str, digits: str, *, phone: bool) -> list[tuple[int, int]]:
    """Where the number `digits` stands in the text, whatever separates its digits; a
    phone number with its trunk prefix (0, 84, +84) when the text writes one."""
    spans = []
    for run in _NUMBER.finditer(text):
        places = [run.start() + i for i, char in enumerate(run.group()) if char.isdigit()]
        found = "".join(text[place] for place in places)
        at = found.find(digits)
        while at != -1:
            first, last = at, at + len(digits) - 1
            if phone and found[:first].endswith("84"):
                first -= 2
            elif phone and found[:first].endswith("0"):
                first -= 1
            start = places[first]
            if phone and start > 0 and text[start - 1] == "+":
                start -= 1
            spans.append((start, places[last] + 1))
            at = found.find(digits, at + len(digits))
    return spans


def identity_redacted(text: str, *, case, label: str, reporter=None) -> str:
    """The text with each occurrence of the denouncer's identity (`identity_leaks`'s
    values and parts, matched the same way: "nhà ở 14 Lê Lợi" of the address "14 Lê Lợi,
    phường Đức Phổ" becomes "nhà ở [đã ẩn]") and every e-mail address, phone number and
    personal identification number, whoever's (a relative's, a second phone: the protection
    extends to the denouncer's family, khoản 1 Điều 47 Luật Tố cáo; `personal_spans`),
    replaced by `label`, every other character kept as it is. Unchanged for any case that is
    no confidential denunciation. `reporter`: the case's, when the caller has it already
    (otherwise read from the case)."""
    if not text or not is_confidential(case):
        return text
    if reporter is None:
        reporter = getattr(case, "reporter", None)
    spans = personal_spans(text)
    if reporter is not None:
        words = _word_spans(text)
        spans += [
            span for field in IDENTITY_FIELDS
            for span in _value_spans(text, words, reporter, field)
        ]
    return spans_replaced(text, spans, label) if spans else text


def _resolve_row(case, *, action: str | None = None):
    """The resolution deadline's row a document of the step `action` states: the row the
    step left in force (in force just after the step's event), so that a decision of
    acceptance issued after an extension still states the period that applied at
    acceptance (khoản 1 Điều 30 Luật Tố cáo), and an extension's decision the extended one
    (khoản 2, 3 Điều 30). Rows are superseded, never rewritten
    (`complaints.services.deadlines`): a later extension, resumption or change of the
    calendar adds a row and leaves the step's own. The current row for a step not taken
    (or undone), or a document of no step."""
    from django.db.models import Q

    from complaints.deadlines import RESOLVE_STEP
    from complaints.documents.steps import step_event

    if not case.pk:
        return None
    rows = case.deadlines.filter(step=RESOLVE_STEP.get(case.kind, "resolve"))
    event = step_event(case, action) if action else None
    if event is None:
        return rows.filter(superseded_at__isnull=True).first()
    # The step supersedes the rows it changes at its own moment (`superseded_at` is the
    # event's `at`): the first row still in force after that moment is the step's.
    return (
        rows.filter(Q(superseded_at__isnull=True) | Q(superseded_at__gt=event.at))
        .order_by("created_at", "id")
        .first()
    )


def _conclusion_ref(case) -> str:
    """"số 01/KL-… ngày 05/12/2026": the case's issued conclusion (ket_luan), else the
    day the case was concluded, else the mark's blank."""
    from complaints.documents.models import Document, DocumentStatus

    if not case.pk:
        return "…"
    issued = (
        Document.objects.filter(case=case, status=DocumentStatus.ISSUED, action="conclude",
                                document_type="ket_luan")
        .order_by("-issued_at", "-pk")
        .first()
    )
    if issued is not None:
        return f"số {issued.symbol} ngày {_fmt(issued.issued_at)}"
    if case.concluded_at:
        return f"ngày {_fmt(case.concluded_at)}"
    return "…"


def issue_fill(text: str, *, case, action: str | None = None) -> str:
    """At issue: the marks of AT_ISSUE (and the verification period's, VERIFICATION_AT_ISSUE)
    become the case's values as the step left them. The resolution period and its last day
    are those in force at the document's step (`action`, `_resolve_row`), not the case's
    current ones; without a step, the current ones."""
    text = _verification_fill(text, case=case)
    if not any(mark in text for mark in AT_ISSUE.values()):
        return text
    row = _resolve_row(case, action=action)
    values = {
        "resolve_by": _fmt(row.due if row is not None else case.resolve_by),
        "resolve_basis": citation_plain(row.legal_basis) if row else "…",
        # The period the row counts (30, or 60 / 90 after extensions), as its basis says.
        "resolve_days": str(row.amount) if row else "…",
        "accept_by": _fmt(case.accept_by),
        "conclusion_ref": _conclusion_ref(case),
    }
    for name, mark in AT_ISSUE.items():
        text = text.replace(mark, values[name])
    return text


def _verification_fill(text: str, *, case) -> str:
    if not any(mark in text for mark in VERIFICATION_AT_ISSUE.values()):
        return text
    days = getattr(case, "verification_days", None)
    extension = _last_extension(case)
    values = {
        "period_days": str(days) if days else "…",
        "until": _fmt(getattr(case, "verification_until", None)),
        "previous_until": _fmt(_day(extension.get("previous_until"))),
        "extension_days": str(extension.get("verification_extra_days") or "…"),
    }
    for name, mark in VERIFICATION_AT_ISSUE.items():
        text = text.replace(mark, values[name])
    return text


def _last_extension(case) -> dict:
    """What the case's last extension of its verification period recorded (its event's
    data); empty for a case never extended, or not saved (a template's preview)."""
    if not getattr(case, "pk", None):
        return {}
    event = case.events.filter(action="extend_verification").order_by("-at", "-pk").first()
    return dict(event.data or {}) if event is not None else {}


@dataclass(frozen=True)
class UnitView:
    """A unit (the issuing body, the facility concerned) as a template reads it: its
    public facts, never its people."""

    name: str
    code: str
    kind_label: str
    area: str
    address: str
    hotline: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class CaseView:
    """The case as a template reads it: plain values the administrator's templates may
    print, copied from the case. Never the model (its reporter, its users, its hashes),
    never the denouncer's identity: who filed is `party`, redacted or a placeholder as
    the document's audience requires (`party_for`). Not the petition's own text either
    (`content`: a denunciation's words carry their author), only the handler's summary.
    `TEMPLATE_VARIABLES` lists them for the template form and docs/documents.md."""

    tracking_code: str
    kind: str
    kind_label: str
    channel_label: str
    title: str
    facility: UnitView | None
    category: str
    incident_date: datetime.date | None
    second_time: bool
    decision_complained: str
    decision_maker: str
    decision_date: datetime.date | None
    first_decision_ref: str
    accused_name: str
    accused_position: str
    press_outlet: str
    press_article_title: str
    press_article_url: str
    press_published_on: datetime.date | None
    forwarded_to: str
    reviewed_by: str
    conclusion: str
    public_answer: str
    # Derived for the documents' texts (complaints/rules/documents.py): the person denounced
    # with their position and unit, alike in every document ("Lê Văn Bình, Giám đốc Bệnh
    # viện Đa khoa tỉnh"), and as a letter addresses them ("Ông/Bà Lê Văn Bình, …"); the
    # person complained against with their unit and its address (điểm b khoản 2 Điều 31,
    # Điều 40 Luật Khiếu nại); the first decision a second complaint is against, as a
    # decision cites it ("Quyết định số 01/QĐ-BV-DTT ngày …", `first_decision_text`).
    accused: str = ""
    accused_addressed: str = ""
    respondent: str = ""
    respondent_address: str = ""
    first_decision: str = ""
    # A second complaint's first-round resolver, the head of the unit that held the first
    # round ("Giám đốc Bệnh viện …"): sent the second decision (khoản 1 Điều 41 Luật Khiếu
    # nại), a line of its "Nơi nhận"; "" when the portal does not hold the first round.
    first_resolver: str = ""
    # A second complaint's decision complained of at the start, the first case's ("Quyết
    # định số 55/QĐ-BV … ngày 20/08/2026"): what the second decision orders carried out or
    # amended (điểm h khoản 2 Điều 40 Luật Khiếu nại, `original_decision_text`).
    original_decision: str = ""

    def __str__(self) -> str:
        return self.tracking_code


def unit_view(unit) -> UnitView | None:
    if unit is None:
        return None
    return UnitView(
        name=unit.name,
        code=unit.code,
        kind_label=str(unit.get_kind_display()) if unit.kind else "",
        area=unit.area,
        address=unit.address,
        hotline=unit.hotline,
    )


def _date_not_cited(text: str, day: datetime.date | None) -> datetime.date | None:
    """The date of the decision complained against, for the templates' " ngày …" after its
    description; None when the description already gives it ("phiếu thu số 1234 ngày
    20/11/2026 …"): the date is then printed once, not twice."""
    if day is None:
        return None
    cited = {f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}",
             f"{day:%d-%m-%Y}", f"ngày {day.day} tháng {day.month} năm {day.year}",
             f"ngày {day:%d} tháng {day:%m} năm {day.year}"}
    return None if any(form in (text or "") for form in cited) else day


def case_view(case) -> CaseView:
    category = getattr(case, "category", None)
    return CaseView(
        tracking_code=case.tracking_code,
        kind=case.kind,
        kind_label=str(case.get_kind_display()),
        channel_label=str(case.get_channel_display()) if case.channel else "",
        # A tố cáo's title is the denouncer's words: their identity never in a document's
        # text, the draft staff pass around included (the rule of `identity_redacted`).
        title=identity_redacted(case.title, case=case, label=REDACTED_FIELD),
        facility=unit_view(getattr(case, "facility", None)),
        category=str(category.name) if category is not None else "",
        incident_date=case.incident_date,
        second_time=case.second_time,
        decision_complained=case.decision_complained,
        decision_maker=case.decision_maker,
        decision_date=_date_not_cited(case.decision_complained, case.decision_date),
        first_decision_ref=case.first_decision_ref,
        accused_name=case.accused_name,
        accused_position=case.accused_position,
        press_outlet=case.press_outlet,
        press_article_title=case.press_article_title,
        press_article_url=case.press_article_url,
        press_published_on=case.press_published_on,
        forwarded_to=case.forwarded_to,
        reviewed_by=case.reviewed_by,
        conclusion=case.conclusion,
        public_answer=case.public_answer,
        accused=accused_text(case),
        accused_addressed=addressed_as(accused_text(case)),
        respondent=with_unit(case.decision_maker, _facility_name(case)),
        respondent_address=getattr(getattr(case, "facility", None), "address", "") or "",
        first_decision=first_decision_text(case),
        first_resolver=first_resolver_text(case),
        original_decision=original_decision_text(case),
    )


def first_resolver_text(case) -> str:
    """`CaseView.first_resolver`: the head of the unit of the first complaint's case."""
    from complaints.rules.documents import head_of

    if not getattr(case, "second_time", False) or not getattr(case, "pk", None):
        return ""
    first = getattr(case, "parent_case", None)
    if first is None or first.kind != case.kind or first.second_time:
        return ""  # not a first complaint's case (a part split from a second complaint)
    unit = getattr(first, "assigned_unit", None)
    return head_of(unit.kind, unit.name) if unit is not None else ""


FIRST_DECISION_BLANK = "Quyết định giải quyết khiếu nại lần đầu số … ngày …"


def first_decision_text(case) -> str:
    """The first decision a second complaint is against, as a decision cites it
    (`decision_cited`: "Quyết định số 01/QĐ-BV-DTT ngày 07/12/2026"); its blank for the
    officer when the case names none; "" for a first complaint."""
    if not case.second_time:
        return ""
    return decision_cited(case.first_decision_ref) or FIRST_DECISION_BLANK


def original_decision_text(case) -> str:
    """The administrative decision or act a second complaint is about in the end, as the
    first complaint's case names it, with its day when the text does not give it ("Quyết
    định số 55/QĐ-BV thu tiền giường ngày 20/08/2026"): the second decision orders it
    carried out, amended or annulled (điểm h khoản 2 Điều 40 Luật Khiếu nại). "" for a first
    complaint, or a second one whose first case the portal does not hold."""
    if not getattr(case, "second_time", False) or not getattr(case, "pk", None):
        return ""
    first = getattr(case, "parent_case", None)
    if first is None or first.kind != case.kind or first.second_time:
        return ""
    text = (first.decision_complained or "").strip()
    day = _date_not_cited(text, first.decision_date)
    return f"{text} ngày {_fmt(day)}" if text and day else text


def _facility_name(case) -> str:
    facility = getattr(case, "facility", None)
    return facility.name if facility is not None else ""


def accused_text(case) -> str:
    """The person denounced as every document of the denunciation names them: "Lê Văn
    Bình, Giám đốc Bệnh viện Đa khoa tỉnh Quảng Ngãi" (their position with their unit, the
    facility concerned, `with_unit`); "" while no name is known."""
    name = (case.accused_name or "").strip()
    if not name:
        return ""
    position = with_unit(case.accused_position, _facility_name(case))
    return f"{name}, {position}" if position else name


def _plain(value):
    """A step's value as a template may read it: text, numbers, dates, lists of them;
    anything else (a model a form handed over) by its text only."""
    if value is None or isinstance(value, str | bool | int | float | datetime.date):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def dialogue_result(case) -> str:
    """What a complaint decision states of the dialogue (điểm đ khoản 2 Điều 31, Điều 40
    Luật Khiếu nại: "kết quả đối thoại (nếu có)"): each meeting held, or not attended, with
    its day and minutes; "Không tổ chức đối thoại." when there was none."""
    from complaints.rules.dialogue import DialogueStatus

    if not case.pk:
        return "…"
    lines = []
    meetings = case.dialogues.filter(
        status__in=(DialogueStatus.HELD, DialogueStatus.COMPLAINANT_ABSENT)
    ).order_by("scheduled_at", "pk")
    for meeting in meetings:
        day = _fmt(meeting.scheduled_at)
        if meeting.status == DialogueStatus.HELD:
            # Its result as the minutes state it (khoản 4 Điều 30 Luật Khiếu nại), else (a
            # meeting recorded before the result was asked for) its minutes.
            said = f"Kết quả đối thoại: {meeting.result}" if meeting.result else meeting.minutes
            lines.append(f"Ngày {day} đã tổ chức đối thoại. {said}".strip())
        else:
            lines.append(f"Ngày {day} người khiếu nại được mời nhưng không tham gia đối thoại, "
                         "không có lý do chính đáng.")
    return "\n".join(lines) or "Không tổ chức đối thoại."


@dataclass(frozen=True)
class DialogueView:
    """The dialogue a notice invites to (khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi
    bởi Điều 11 Nghị định 155/2026/NĐ-CP: "ghi rõ thời gian, địa điểm, nội dung đối
    thoại"): the one the step schedules (its fields), else the case's meeting last
    scheduled; "…" where none is known. For the minutes of a meeting held (Mẫu số 14,
    khoản 4 Điều 28), `time` and `date` are when it began, if recorded ("14 giờ 20 phút"),
    and `ended` the time it ended ("16 giờ 10 phút", the same day); "" where it was not
    recorded."""

    time: str
    date: str
    place: str
    participants: str
    notified_on: str
    ended: str = ""


_UNKNOWN_DIALOGUE = DialogueView("…", "…", "…", "…", "…")


def step_moment(value) -> datetime.datetime | None:
    """A step's date and time (a datetime or ISO text, as the step form and the draft's
    step data hold it), aware in the portal's time zone; None when there is none."""
    from complaints.validation import moment_value

    moment = moment_value(value) if value not in (None, "") else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None


def dialogue_view(case, step: dict) -> DialogueView:
    """The dialogue of the step (`scheduled_at`, `place`, `participants`, `notified_on`, as
    the step form names them; a meeting held also `started_at`, `ended_at`), else the
    case's meeting last scheduled and not replaced."""
    from complaints.rules.dialogue import DialogueStatus

    ended = step_moment(step.get("ended_at"))
    moment = step_moment(step.get("started_at") or step.get("scheduled_at"))
    if moment is not None:
        values = {
            "place": step.get("place"),
            "participants": step.get("participants"),
            "notified_on": _day(step.get("notified_on")) or timezone.localdate(),
        }
    else:
        meeting = (
            case.dialogues.exclude(status=DialogueStatus.REPLACED).order_by("-id").first()
            if case.pk
            else None
        )
        if meeting is None:
            return _UNKNOWN_DIALOGUE
        moment = meeting.scheduled_at
        values = {
            "place": meeting.place,
            "participants": meeting.participants,
            "notified_on": meeting.notified_on,
        }
    local = timezone.localtime(moment)
    return DialogueView(
        # "14 giờ 20 phút", as Mẫu số 14 closes ("kết thúc hồi … giờ … phút"): printed
        # here, not in the templates, so every template installed says it the same way.
        time=local.strftime("%H giờ %M phút"),
        date=_fmt(local.date()),
        place=str(values["place"] or "…"),
        participants=str(values["participants"] or "…"),
        notified_on=_fmt(values["notified_on"]),
        ended=timezone.localtime(ended).strftime("%H giờ %M phút") if ended else "",
    )


@dataclass(frozen=True)
class VerifierView:
    """Who is given the verification (điểm b khoản 1 Điều 29 Luật Khiếu nại; điểm b khoản 2
    Điều 31 Luật Tố cáo): the officer the case is assigned to and their unit, as the case's
    assignment ("Giao xử lý") records them; "…" for an officer not yet named. The period
    (điểm đ khoản 2 Điều 31 Luật Tố cáo: "Thời gian tiến hành xác minh"): its number of days
    and its last day (dd/mm/yyyy), marks the step's issue fills from the case
    (`VERIFICATION_AT_ISSUE`); after an extension (Mẫu số 04A-KN, khoản 3 Điều 7 Thông tư
    07/2013/TT-TTCP) `until` is the new last day, `previous_until` the one before it and
    `extension_days` the days it added."""

    name: str
    unit: str
    period_days: str = VERIFICATION_AT_ISSUE["period_days"]
    until: str = VERIFICATION_AT_ISSUE["until"]
    previous_until: str = VERIFICATION_AT_ISSUE["previous_until"]
    extension_days: str = VERIFICATION_AT_ISSUE["extension_days"]
    # The team the verification step formed (complaints/rules/verification_team.py), one
    # numbered line per member (`team_listing`); "" when the officer verifies alone.
    team: str = ""
    # Who signs the verification's report: the team's leader, else the officer.
    leader: str = "…"
    # The decision giving the verification, as a later decision cites it (the extension of
    # Mẫu số 04A-KN): "số 03/QĐ-SYT-QNG ngày 07/12/2026" when issued in the portal, its
    # number and day as the step recorded them when it was signed on paper
    # (complaints/rules/paper_decision.py), else "số … ngày …" for the officer to fill; "…"
    # before the step.
    decision: str = "…"


def verifier_view(case) -> VerifierView:
    from complaints.rules.verification_team import team_members
    from complaints.selectors.history import staff_name

    user = getattr(case, "assigned_user", None)
    unit = getattr(case, "assigned_unit", None) or getattr(case, "facility", None)
    name = staff_name(user) if user is not None else "…"
    team = getattr(case, "verification_team", "") or ""
    members = team_members(team)
    return VerifierView(
        name=name,
        unit=unit.name if unit is not None else "…",
        team=team_listing(team) if team else "",
        leader=members[0].name if members else name,
        decision=_step_document_ref(case, "start_verification", "quyet_dinh", blank="số … ngày …"),
    )


def _step_document_ref(case, action: str, document_type: str, *, blank: str) -> str:
    """"số 03/QĐ-SYT-QNG ngày 07/12/2026": the document of type `document_type` issued for
    the step `action` in force on the case (`step_event`, not undone by a reopening); else the
    decision signed on paper the step recorded (`paper_decision_of`); `blank` when the step
    was taken with neither (the officer writes its number in), "…" before the step."""
    from complaints.documents.models import Document, DocumentStatus
    from complaints.documents.steps import step_event
    from complaints.services.paper_decision import paper_decision_of

    if not getattr(case, "pk", None):
        return "…"
    event = step_event(case, action)
    if event is None:
        return "…"
    issued = (
        Document.objects.filter(case=case, status=DocumentStatus.ISSUED, action=action,
                                document_type=document_type)
        .exclude(symbol="")
        .order_by("-issued_at", "-pk")
        .first()
    )
    if issued is not None:
        return f"số {issued.symbol} ngày {_fmt(issued.issued_at)}"
    paper = paper_decision_of(event)
    return paper.reference() if paper is not None else blank


@dataclass(frozen=True)
class ReportView:
    """The report on the verification's result the conclusion rests on (khoản 4 Điều 29
    Luật Khiếu nại; khoản 6 Điều 31 Luật Tố cáo; complaints/rules/verification_report.py):
    the `report_verification` step in force, as its event recorded it. `ref` cites it ("số
    01/BC-SYT-QNG ngày 07/12/2026" when issued in the portal, else "ngày 07/12/2026"),
    `result` the result of each content, `proposed_finding` the assessment proposed in the
    decision's words ("Tố cáo đúng một phần"), `recommendation` the handling recommended,
    `explanation` the respondent's or denounced person's ("không có" when the report noted
    none), `dissent` a member's different opinion. Every field "" when no report was made:
    the documents print their blank ("…") for the officer to fill."""

    date: str = ""
    ref: str = ""
    result: str = ""
    proposed_finding: str = ""
    recommendation: str = ""
    explanation: str = ""
    dissent: str = ""


# What the verifier wrote in the report (the finding proposed is a choice, not a text).
_REPORT_TEXTS = ("result", "recommendation", "explanation", "dissent")


def report_view(case) -> ReportView:
    from complaints.documents.steps import step_event
    from complaints.rules.decision import finding_label
    from complaints.rules.verification_report import STEP

    if not getattr(case, "pk", None):
        return ReportView()
    event = step_event(case, STEP)
    if event is None:
        return ReportView()
    data = event.data or {}
    day = _fmt(event.at)
    issued = _step_document_ref(case, STEP, "bao_cao", blank="")
    return ReportView(
        date=day,
        ref=issued or f"ngày {day}",
        result=str(data.get("verification_result") or ""),
        proposed_finding=finding_label(case.kind, str(data.get("proposed_finding") or "")),
        recommendation=str(data.get("recommendation") or ""),
        explanation=str(data.get("respondent_explanation") or "không có"),
        dissent=str(data.get("dissent") or ""),
    )


def first_resolution(case) -> str:
    """What a second complaint's decision states of the first resolver's resolution (điểm d
    khoản 2 Điều 40 Luật Khiếu nại): the first decision and its finding, from the first
    complaint's case when the portal holds it concluded ("Quyết định số 01/QĐ-BV-DTT ngày
    07/12/2026 kết luận: Khiếu nại sai toàn bộ. …"); "…" for the officer to write when it
    does not (a first decision made outside the portal), "" for a first complaint."""
    if not getattr(case, "second_time", False):
        return ""
    first = getattr(case, "parent_case", None) if getattr(case, "pk", None) else None
    cited = first_decision_text(case)
    if first is None or first.kind != case.kind or first.second_time or not first.finding:
        return f"{cited}: …"
    said = f"{cited} kết luận: {first.finding_label()}."
    # The finding once, though the first conclusion opens with it too.
    rest = conclusion_after_finding(first.kind, first.finding, first.conclusion)
    return f"{said} {rest}".strip() if rest else said


def party_addressed(party: Party, case, *, audience: str) -> Party:
    """The party with how a letter addresses them (`Party.addressed`): a person by the title
    they gave or "Ông/Bà" (`addressed_as`), the denouncer's placeholder too ("Ông/Bà «Họ
    tên người tố cáo»"); a newspaper, an anonymous petitioner or a redacted denouncer as
    named."""
    person = case.kind != CaseKind.BAO_CHI and not case.anonymous and not (
        is_confidential(case) and audience != REPORTER_ONLY
    )
    addressed = addressed_as(party.name) if person else party.name
    return Party(party.name, party.address, party.id_number, party.phone, party.email,
                 addressed or party.name)


def at_issue_values(case, action: str) -> dict[str, str]:
    """The values of AT_ISSUE's marks for a draft of the step `action`: the case's, as the
    step left them, when the step was taken already (a leader who signed the acceptance on
    paper, then drafts its notice: "Thời hạn giải quyết khiếu nại đến hết ngày 06/01/2027
    (Điều 28 Luật Khiếu nại)"); the marks themselves when the step is still to be taken with
    the document (its issue fills them, `issue_fill`). The conclusion's reference always waits
    for the issue: the conclusion may be issued after the notice is drafted."""
    from complaints.documents.steps import step_event

    values = dict(AT_ISSUE)
    if not getattr(case, "pk", None) or not action or step_event(case, action) is None:
        return values
    row = _resolve_row(case, action=action)
    if row is not None:
        values.update(resolve_by=_fmt(row.due), resolve_basis=citation_plain(row.legal_basis),
                      resolve_days=str(row.amount))
    if case.accept_by:
        values["accept_by"] = _fmt(case.accept_by)
    return values


def template_context(*, case, template, issuer, signer_title: str, signer_name: str, step: dict,
                     read=None):
    """The variables a document template may use (`TEMPLATE_VARIABLES`): plain values and
    read-only views, never a model (`CaseView`, `UnitView`). `read`: how the drafter reads
    what staff wrote on the case (`confidential_text.text_reader`): on a tố cáo, for a
    drafter who may not see the denouncer, the step's texts a document quotes (the message
    of a request for information…), the conclusion, the public answer, where the case was
    forwarded, the verification report's texts (`report`) and the dialogue's (place,
    participants, result) without any phone, e-mail or ID number (Điều 47 Luật Tố cáo);
    unchanged when not given."""
    finding = finding_text(case, step or {})
    party = party_for(case, audience=template.audience)
    if read is not None:
        step = {name: read(value) if isinstance(value, str) else value
                for name, value in (step or {}).items()}
    view = case_view(case)
    dialogue, report = dialogue_view(case, step or {}), report_view(case)
    said = dialogue_result(case)
    if read is not None:
        view = replace(view, conclusion=read(view.conclusion),
                       public_answer=read(view.public_answer),
                       forwarded_to=read(view.forwarded_to))
        dialogue = replace(dialogue, place=read(dialogue.place),
                           participants=read(dialogue.participants))
        report = replace(report, **{name: read(getattr(report, name)) for name in _REPORT_TEXTS})
        said = read(said)
    # The conclusion as a decision prints it after its finding: the finding said once.
    code = str((step or {}).get("finding") or case.finding or "")
    view = replace(view, conclusion=conclusion_after_finding(case.kind, code, view.conclusion))
    if (step or {}).get("conclusion"):
        step = {**step, "conclusion": conclusion_after_finding(
            case.kind, code, str(step["conclusion"]))}
    return {
        "case": view,
        "party": party_addressed(party, case, audience=template.audience),
        "issuer": unit_view(issuer),
        # The head of the issuing unit in a sentence ("Giám đốc Sở Y tế tỉnh Quảng Ngãi"),
        # to whom a verification's report is addressed.
        "head": head_of(issuer.kind, issuer.name),
        "kind_label": str(case.get_kind_display()).lower(),
        "received_on": _fmt(case.received_at),
        "accepted_on": _fmt(case.accepted_at),
        "dialogue_result": said,
        "dialogue": dialogue,
        "verifier": verifier_view(case),
        "report": report,
        "first_resolution": first_resolution(case),
        "resolver_basis": resolver_basis(case),
        **at_issue_values(case, template.action),
        "today": _fmt(timezone.localdate()),
        "signer_title": signer_title,
        "authority": authority_line(signer_title, issuer.name),
        "signer_name": signer_name or "…",
        "step": {
            **{
                name: _plain(value)
                for name, value in readable_step(step or {}, action=template.action).items()
            },
            **({"finding": finding[:1].lower() + finding[1:]} if finding else {}),
            # The verification report's proposed finding, in the same words.
            **({"proposed_finding": proposed} if (proposed := _proposed_finding(
                case, step or {})) else {}),
        },
        "finding": finding,
        # The finding's code ("correct", "partly_correct", "wrong"), for a decision's
        # operative part ({% if finding_code == "wrong" %}Giữ nguyên …{% endif %}).
        "finding_code": str((step or {}).get("finding") or case.finding or ""),
    }


def resolver_basis(case) -> str:
    """The articles giving the resolver of `case` its competence, as a decision's "Căn cứ"
    line cites them (complaints/rules/resolver.py `article_for`: a first complaint "khoản 2
    Điều 3 Nghị định 124/2020/NĐ-CP, Điều 19, khoản 1 Điều 20 Luật Khiếu nại", a second one
    "khoản 2 Điều 20 Luật Khiếu nại, khoản 3 Điều 3 Nghị định 124/2020/NĐ-CP"), in
    Vietnamese whatever the drafter reads: a document is written in it."""
    from django.utils import translation

    from complaints.rules.resolver import article_for

    with translation.override("vi"):
        return str(article_for(case)).replace("; ", ", ")


def _proposed_finding(case, step: dict) -> str:
    """The verification report's proposed assessment (complaints/rules/verification_report.py)
    in the words of the decision's finding, lower-cased inside a sentence; "" when none."""
    from complaints.rules.decision import finding_label

    text = finding_label(case.kind, str(step.get("proposed_finding") or ""))
    return text[:1].lower() + text[1:]


def finding_text(case, step: dict) -> str:
    """The finding of a complaint's decision or a denunciation's conclusion in the words of
    its law ("Khiếu nại đúng một phần", "Tố cáo sai sự thật": điểm g khoản 2 Điều 31, điểm h
    khoản 2 Điều 40 Luật Khiếu nại; điểm c khoản 2 Điều 35 Luật Tố cáo): the step's being
    drafted, else the case's recorded one; "" for another kind or none yet."""
    from complaints.rules.decision import finding_label

    code = step.get("finding") or case.finding
    return finding_label(case.kind, str(code)) if code else ""


def _choice_labels(action: str) -> dict[str, dict[str, str]]:
    """The labels of the step fields that are choices, from the tables the step form
    takes its choices from (complaints.transitions, complaints.rules)."""
    from complaints.kinds import PressFinding
    from complaints.rules.signature import SignatureMethod
    from complaints.rules.withdrawal import ContinueGround, WithdrawalForm, WithdrawalScope
    from complaints.transitions import FILE_REASONS

    labels = {
        "form": dict(WithdrawalForm.choices),
        "scope": dict(WithdrawalScope.choices),
        "continue_ground": dict(ContinueGround.choices),
        "method": dict(SignatureMethod.choices),
        "press_finding": dict(PressFinding.choices),
    }
    if action == "file":
        labels["reason"] = FILE_REASONS
    return labels


def readable_step(step: dict, *, action: str = "") -> dict:
    """The step's fields as a document reads them, never as codes: a refusal ground
    becomes its text and article (complaints/rules/refusal_grounds.py), a choice its
    Vietnamese label (the filing reason, the form of a withdrawal…), lower-cased inside a
    sentence."""
    from complaints.rules.refusal_grounds import GROUNDS

    readable = dict(step)
    readable.pop("finding", None)  # read in the words of the case's law: `finding_text`
    ground = GROUNDS.get(step.get("legal_ground") or "")
    if ground is not None:
        readable["legal_ground"] = ground.public_text()
    for name, labels in _choice_labels(action).items():
        label = labels.get(str(step.get(name) or ""))
        if label is not None:
            text = str(label)
            readable[name] = text[:1].lower() + text[1:]
    if action == "file" and "reason" in readable:
        readable["reason_label"] = readable["reason"]
    if readable.get("verification_team"):
        readable["verification_team"] = team_listing(str(readable["verification_team"]))
    return readable


def team_listing(text: str) -> str:
    """The verification team as a decision lists it (khoản 2 Điều 7 Thông tư 07/2013/TT-TTCP;
    khoản 1 Điều 10 Nghị định 31/2019/NĐ-CP: "họ tên, chức vụ" of the leader and of each
    member), one numbered line each: "1. Nguyễn Văn An, Phó Chánh Thanh tra Sở – Tổ
    trưởng;"; the text as typed when a line lacks its name or position (a draft not yet
    checked)."""
    from complaints.rules.verification_team import team_members

    members = team_members(text)
    if not members or any(not m.name or not m.position for m in members):
        return text
    last = len(members)
    return "\n".join(
        f"{number}. {m.name}, {m.position} – {'Tổ trưởng' if m.leader else 'thành viên'}"
        f"{'.' if number == last else ';'}"
        for number, m in enumerate(members, 1)
    )
