"""Hostile input, refused before it reaches a service or the database.

One place for what no text a citizen or an officer writes may carry, and for reading
JSON safely; the API (`complaints.api.json`), the intake service and the request guard
(`portal.middleware`) call it. Every refusal is a sentence in Vietnamese (English
through the language switch) that names what is wrong; nothing is half-saved because
nothing is written.

- JSON nested deeper than `MAX_JSON_DEPTH` is refused before it is parsed (Python's
  parser would raise RecursionError at about 1,000 levels: a 500).
- NUL (PostgreSQL refuses it in text, SQLite keeps it raw), lone surrogates (UTF-8
  cannot encode them: SQLite fails), other control characters (except tab and line
  breaks) and the bidirectional overrides and isolates that make text read in another
  order than it is stored ("Trojan Source", CVE-2021-42574) are refused.
- A text made only of invisible characters (zero-width space, joiners, word joiner,
  byte-order mark, soft hyphen) and spaces is refused: it looks filled in and says
  nothing.
- A date or a moment is read by `day_value` / `moment_value`: a well-formed but
  impossible one ("2026-12-99", "2026-13-01") is no date (Django's `parse_date` raises
  ValueError for it: a 500), so every field answers its own message instead.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.lazy_text import lazy_message

MAX_JSON_DEPTH = 32

# Bidirectional embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI,
# FSI, PDI). Vietnamese text never needs them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Invisible characters that make a field look filled in.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\u180e\u2800\u3164]")
# JSON strings (with their escapes), to count brackets outside them.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


class InputInvalid(Exception):
    """Input that cannot be taken; `errors` maps a field (or "__all__") to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored as a citizen's or an officer's text, or None."""
    if "\x00" in value:
        return _("Nội dung chứa ký tự NUL không hợp lệ.")
    if _SURROGATE.search(value):
        return _("Nội dung chứa ký tự Unicode không hợp lệ (surrogate đơn lẻ).")
    if _CONTROL.search(value):
        return _("Nội dung chứa ký tự điều khiển không hợp lệ.")
    if _BIDI.search(value):
        return _("Nội dung chứa ký tự đảo chiều văn bản (bidi override), không được chấp nhận.")
    if value and not _INVISIBLE.sub("", value).strip():
        return _("Nội dung chỉ gồm ký tự vô hình: hãy nhập chữ có nghĩa.")
    return None


def day_value(raw: Any) -> datetime.date | None:
    """`raw` as a date (a date, or text YYYY-MM-DD); None when it is not one, also when
    it is well formed but does not exist ("2026-02-30", "2026-13-01")."""
    if isinstance(raw, datetime.date):
        return raw
    try:
        return parse_date(str(raw).strip())
    except ValueError:
        return None


# A day written the way the forms read it (dd/mm/yyyy with / - or ., or yyyy-mm-dd).
_DMY_RE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_YMD_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def impossible_day_problem(raw: Any) -> str | None:
    """For a day written in the right form that is not on the calendar (31/02/2026,
    2026-04-31, 12/13/2026): what is wrong with it; None for anything else (a day that
    exists, or text in another form: the field's own message says the form)."""
    text = str(raw or "")
    if match := _DMY_RE.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _YMD_RE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    if not 1 <= month <= 12:
        return _("Tháng %(month)d không có: tháng chỉ từ 1 đến 12 (dd/mm/yyyy).") % {
            "month": month
        }
    try:
        datetime.date(year, month, day)
    except ValueError:
        import calendar

        return _(
            "Ngày %(day)d/%(month)02d/%(year)d không có trên lịch: tháng %(month)d năm "
            "%(year)d có %(days)d ngày."
        ) % {
            "day": day, "month": month, "year": year,
            "days": calendar.monthrange(year, month)[1] if year >= 1 else 31,
        }
    return None


def day_field(raw: Any) -> tuple[datetime.date | None, str | None]:
    """A date field of an action: (the date, None), (None, the error), or (None, None)
    when left empty. The error is kept unrendered (`portal.lazy_text`): an action decided
    in Vietnamese is refused in its caller's language."""
    if raw in (None, ""):
        return None, None
    value = day_value(raw)
    if value is None:
        return None, gettext_lazy("Ngày không hợp lệ (định dạng YYYY-MM-DD).")
    return value, None


def past_day_field(
    raw: Any, *, received_on: datetime.date, today: datetime.date, label: str
) -> tuple[datetime.date | None, str | None]:
    """A day of the case's own past (a decision, a sending, a request, a publication): not
    after today, not before the day the case was received. `label` (lazy: `gettext_lazy`,
    `lazy_message`) names the field in the error ("Ngày gửi không được ở tương lai."),
    read, as the error, in the reader's language."""
    value, error = day_field(raw)
    if value is None:
        return None, error
    if value > today:
        return None, lazy_message(gettext_lazy("%(label)s không được ở tương lai."), label=label)
    if value < received_on:
        return None, lazy_message(
            gettext_lazy("%(label)s không được trước ngày tiếp nhận."), label=label
        )
    return value, None


def moment_value(raw: Any) -> datetime.datetime | None:
    """`raw` as a date and time (a datetime, or ISO 8601 text), naive when it carries no
    offset and in UTC when it does (PostgreSQL stores offsets only to ±15:59, ISO 8601
    writes them to ±23:59); None when it is not one, also when it is well formed but
    does not exist or has no UTC instant (an offset at year 1 or 9999)."""
    if isinstance(raw, datetime.datetime):
        return raw
    try:
        moment = parse_datetime(str(raw).strip())
        if moment is not None and moment.tzinfo is not None:
            moment = moment.astimezone(datetime.UTC)
        return moment
    except (ValueError, OverflowError):
        return None


def json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON `text` nests arrays and objects deeper than `limit` (counted
    without parsing it, so a hostile body costs one linear scan)."""
    depth = 0
    for match in _BRACKETS.finditer(_JSON_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _walk(value: Any, path: str, errors: dict[str, list[str]]) -> None:
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            errors.setdefault(path or "__all__", []).append(problem)
    elif isinstance(value, dict):
        for key, item in value.items():
            problem = text_problem(key)
            if problem:
                errors.setdefault(path or "__all__", []).append(problem)
                continue
            _walk(item, f"{path}.{key}" if path else key, errors)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{path}.{index}" if path else str(index), errors)


def loads_json(raw: bytes | str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse a JSON document a client sent; InputInvalid (with Vietnamese messages, by
    field path such as `reporter.name`) when it is not UTF-8, not JSON, nested too deep
    or carries a text `text_problem` refuses. An empty body is None."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputInvalid({"__all__": [_("Nội dung JSON không phải UTF-8.")]}) from None
    if not raw.strip():
        return None
    if json_depth_exceeds(raw, max_depth):
        raise InputInvalid(
            {"__all__": [_("JSON lồng nhau quá sâu (tối đa %(depth)d cấp).") % {
                "depth": max_depth}]}
        )
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise InputInvalid({"__all__": [_("Nội dung JSON không hợp lệ.")]}) from None
    errors: dict[str, list[str]] = {}
    _walk(data, "", errors)
    if errors:
        raise InputInvalid(errors)
    return data


def query_problem(params) -> str | None:
    """Why a query string (a QueryDict) cannot be read, or None: the same characters
    as `text_problem`, except the invisible-only rule (an empty filter is fine)."""
    for key, values in params.lists():
        for value in (key, *values):
            if "\x00" in value or _SURROGATE.search(value) or _CONTROL.search(value):
                return _("Địa chỉ chứa ký tự không hợp lệ.")
    return None


# A telephone number as citizens write it, once the spaces, dots, dashes and brackets
# are taken out: Vietnamese, a mobile (10 digits: 0912 345 678) or a landline with its
# area code (11 digits: (0255) 3822 123, 024 3825 1234), +84 or 84 standing for the
# leading 0; or a foreign number in international form (+ and 8 to 15 digits). No
# Vietnamese number starts with 01 any more (the 11-digit 01x mobiles became 03x, 05x,
# 07x, 08x in 2018) nor 00 (an international prefix). One table of patterns, read as they
# are by the server and by the filing form's script (`browser_phone_rule`).
_PHONE_SEPARATORS_RE = re.compile(r"[\s.\-()]")
PHONE_PATTERNS = (
    r"^0[2-9][0-9]{8,9}$",  # Vietnamese, with its 0
    r"^\+?84[2-9][0-9]{8,9}$",  # Vietnamese, +84 or 84 for the 0
    r"^\+(?!84)[0-9]{8,15}$",  # foreign
)
_PHONE_RES = tuple(re.compile(pattern) for pattern in PHONE_PATTERNS)


def phone_invalid_message() -> str:
    return _(
        "Số điện thoại không hợp lệ. Nhập số di động hoặc cố định Việt Nam (kèm mã vùng), "
        "ví dụ 0912 345 678 hoặc 0255 3822 123."
    )


def phone_problem(value: str) -> str | None:
    """Why `value` is not a telephone number, with what is accepted; None when it is one."""
    digits = _PHONE_SEPARATORS_RE.sub("", value or "")
    if any(pattern.match(digits) for pattern in _PHONE_RES):
        return None
    return phone_invalid_message()


def browser_phone_rule() -> dict:
    """`phone_problem`'s rule for the filing form's script: the separators it takes out and
    the patterns one of which what remains must match."""
    return {
        "separators": js_pattern(_PHONE_SEPARATORS_RE.pattern),
        "accept": [js_pattern(pattern) for pattern in PHONE_PATTERNS],
    }


def browser_email_rule() -> dict:
    """Django's `validate_email` (what the intake service applies) for the filing form's
    script: its own patterns and allow-list, each to be matched at the start as Python's
    `match` does. An address literal (`[192.0.2.1]`) is left to the server's check of the
    address itself."""
    from django.core.validators import validate_email

    return {
        "user": js_pattern(validate_email.user_regex.pattern),
        "domain": js_pattern(validate_email.domain_regex.pattern),
        "literal": js_pattern(validate_email.literal_regex.pattern),
        "flags": "i" if validate_email.domain_regex.flags & re.IGNORECASE else "",
        "allow": list(validate_email.domain_allowlist),
    }


_PY_END = re.compile(r"(?<!\\)((?:\\\\)*)\\Z")
_PY_OCTAL = re.compile(r"(?<!\\)((?:\\\\)*)\\([0-7]{3})")


def js_pattern(pattern: str) -> str:
    """A Python regular expression as JavaScript's `RegExp` reads it the same: `\\Z` is
    `$`, an octal escape (`\\001`) is `\\x01`, and what is not ASCII is written `\\u`
    and four hex digits (what the page carries in an attribute stays plain)."""
    pattern = _PY_END.sub(r"\1$", pattern)
    pattern = _PY_OCTAL.sub(lambda m: f"{m[1]}\\x{int(m[2], 8):02x}", pattern)
    return "".join(c if ord(c) < 128 else f"\\u{ord(c):04x}" for c in pattern)
