"""Where a text holds a telephone number or an e-mail address, whoever's they are, so that
a copy sent outside the portal leaves them out (the national export: phone numbers and
e-mail addresses are never exported, khoản 1 Điều 3 Luật Bảo vệ dữ liệu cá nhân: only the
data the purpose needs).

A number is a telephone number by the intake's own rule (`complaints.validation.
phone_problem`: Vietnamese mobiles and landlines with their area code, +84, a foreign
number in international form), read across the spaces, dots, dashes and brackets citizens
write in it ("0905 123 456", "(0255) 3822 123", "+84 912.345.678"); a day ("12/03/2026"),
a sum ("2.000.000 đồng") or a room ("phòng 305") is none. An e-mail address is one by
Django's `validate_email`, the intake's rule too.

`personal_spans` adds what reads as a personal identification number: the 12 digits of a
số định danh cá nhân/CCCD or the 9 of an old CMND, whole or in groups of 3 or 4 ("079 095
001 234"); never a sum ("100000000 đồng", "150.000.000"), a day or part of a code
("YT-2026-000123", "BN123456789"). For a tố cáo's text as whoever may not see the
denouncer reads it (`complaints.documents.context.identity_redacted`)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from complaints.validation import phone_problem

# A run of digits with the separators a phone number is written with (never "/", which
# writes a day); its words are tried as one number, the longest first.
_NUMBER_RUN = re.compile(r"[+(]?\d[\d\s.\-()]*\d")
_WORD = re.compile(r"\S+")
_EMAIL_LIKE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# 12 or 9 digits, alone or grouped by spaces or dashes; not touching another digit, letter,
# or a dot, comma, slash or dash that joins it to one, nor followed by a currency.
_ID_NUMBER = re.compile(
    r"(?<![\w.,/+-])(?<!\d )"
    r"(?:\d{12}|\d{9}|\d{3}(?:[ -]\d{3}){3}|\d{3}(?:[ -]\d{3}){2}|\d{4}(?:[ -]\d{4}){2})"
    r"(?![\w/]|[.,\- ]\d)(?!\s*(?:đồng|vnđ|vnd|đ)\b)",
    re.IGNORECASE,
)


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for run in _NUMBER_RUN.finditer(text):
        words = [(run.start() + w.start(), run.start() + w.end()) for w in _WORD.finditer(run[0])]
        first = 0
        while first < len(words):
            for last in range(len(words) - 1, first - 1, -1):
                start, end = words[first][0], words[last][1]
                if phone_problem(text[start:end]) is None:
                    # "(0905 123 456)": the bracket is the sentence's, not the number's
                    # as in "(0255) 3822 123".
                    if text[start] == "(" and ")" not in text[start:end]:
                        start += 1
                    spans.append((start, end))
                    first = last
                    break
            first += 1
    return spans


def _email_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _EMAIL_LIKE.finditer(text):
        try:
            validate_email(match[0])
        except ValidationError:
            continue
        spans.append(match.span())
    return spans


def contact_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every telephone number and e-mail address in `text`."""
    return _phone_spans(text or "") + _email_spans(text or "")


def personal_spans(text: str) -> list[tuple[int, int]]:
    """`contact_spans` and every personal identification number of `text`."""
    return contact_spans(text) + [m.span() for m in _ID_NUMBER.finditer(text or "")]


def spans_replaced(text: str, spans, label: str) -> str:
    """`text` with each of `spans` ((start, end), overlapping or not) replaced by `label`,
    every other character kept as it is."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, at = [], 0
    for start, end in merged:
        out += [text[at:start], label]
        at = end
    return "".join(out + [text[at:]])
