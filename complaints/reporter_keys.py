"""The forms of a reporter's name and phone the staff look-up compares
(`complaints.selectors.reporter_lookup`), kept beside the values as `Reporter.name_folded`
and `Reporter.phone_key` so that each is one indexed comparison.

The name as the identity check folds names (`complaints.documents.context.folded`: no
diacritics, đ as d, no case, punctuation as a space): "Phạm Thị Hoà" is "pham thi hoa".
The phone as its digits without the trunk prefix: "0905 123 456", "0905.123.456" and
"+84 905 123 456" are all "905123456". Both are empty for an empty value."""

from __future__ import annotations

import re

_NOT_DIGIT = re.compile(r"\D")


def name_key(name: str) -> str:
    from complaints.documents.context import folded

    return folded(name or "")[:255]


def phone_key(phone: str) -> str:
    digits = _NOT_DIGIT.sub("", phone or "")
    if digits.startswith("84") and len(digits) >= 11:  # +84 or 84 standing for the 0
        return digits[2:]
    return digits.removeprefix("0")[:32]
