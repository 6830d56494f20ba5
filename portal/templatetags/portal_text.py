"""citizen: small filters for what people read — dates day first, snippets cut at word
boundaries (issue 12, item 6)."""

from __future__ import annotations

import datetime
import re

from django import template

register = template.Library()

ELLIPSIS = "…"


@register.filter
def vn_date(value) -> str:
    """A date (or an ISO string such as "2026-09-25" or "2026-09-25T10:00") as dd/mm/yyyy;
    anything else unchanged."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    if not match:
        return value
    year, month, day = match.groups()
    return f"{day}/{month}/{year}"


@register.filter
def word_cut(text) -> str:
    """A snippet cut inside words ("…ông tin y tế đư…") trimmed to whole words
    ("… tin y tế …"); a snippet that starts or ends whole is left as it is."""
    text = str(text or "")
    if text.startswith(ELLIPSIS):
        body = text[len(ELLIPSIS) :]
        if body[:1].isalnum():
            body = re.sub(r"^\w+", "", body, count=1)
        text = ELLIPSIS + " " + body.lstrip()
    if text.endswith(ELLIPSIS):
        body = text[: -len(ELLIPSIS)]
        if body[-1:].isalnum():
            body = re.sub(r"\w+$", "", body, count=1)
        text = body.rstrip() + " " + ELLIPSIS
    return text
