"""The one form of a date-time the portal writes as data (docs/api.md, "Dates and times").

Every machine interface writes an instant the same way: RFC 3339 in UTC, to the second,
with `Z` (`2026-12-05T03:04:05Z`) — the citizen, partner and staff APIs, the partners'
webhooks, the WebSocket messages, Open311, the national export. One form a partner parses
once, whichever of them it reads; `Z` because the receiver's clock zone is none of our
business (a reader in Vietnam adds 7 hours, as `new Date()` and `datetime.fromisoformat`
do). To the second because no interface needs less: fractions were written by some and
not others, and a partner comparing an API's value with a socket's saw two instants.

A day without a time stays `YYYY-MM-DD` (`date.isoformat()`): a deadline day is a day in
Vietnam, not an instant. Text written for a person (a notice saying "lúc 10:04 ngày
05/12/2026") stays in Vietnam time: this module is for data only.

Imported by the apps (complaints, search, cms); it imports nothing of theirs."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils import timezone

# An instant written in another form (ISO 8601 with its offset or Z, any fraction): what
# records stored before this rule, or by code that writes its own, may hold.
_AWARE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")


def rfc3339(value: datetime.datetime) -> str:
    """`value` as RFC 3339 in UTC, to the second: `2026-12-05T03:04:05Z`.

    A naive value is read in the portal's zone (TIME_ZONE, Vietnam), as Django reads one."""
    if not isinstance(value, datetime.datetime):
        raise TypeError(f"rfc3339() takes a datetime, not {type(value).__name__}")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(datetime.UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def iso_value(value: datetime.date | datetime.datetime | None) -> str | None:
    """A date-time as `rfc3339`, a day as `YYYY-MM-DD`, nothing as None."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return rfc3339(value)
    return value.isoformat()


def instants_as_rfc3339(data: Any) -> Any:
    """`data` (a stored JSON record: an event's `data`) with every string that is an instant
    with its offset rewritten as `rfc3339`; days, times typed without a zone and any other
    text unchanged."""
    if isinstance(data, dict):
        return {key: instants_as_rfc3339(item) for key, item in data.items()}
    if isinstance(data, list):
        return [instants_as_rfc3339(item) for item in data]
    if isinstance(data, str) and _AWARE_ISO.match(data):
        try:
            return rfc3339(datetime.datetime.fromisoformat(data))
        except ValueError:  # shaped like one, not a real instant (2026-02-30…)
            return data
    return data
