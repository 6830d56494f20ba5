"""Days in the portal's time zone as the instants they span: the one conversion of a day
someone typed (a filter's "từ ngày"/"đến ngày", a report's period, a command's `--since`)
into the bounds a query compares instants with.

Every day a date field accepts (0001-01-01 to 9999-12-31) converts: the bounds are
instants in UTC, the zone the database compares in, so no later conversion can overflow.
At the two ends of the calendar the exact bound may lie outside what Python and the
database can hold (the local midnight of 0001-01-01 in Vietnam is 31/12 of year 0 in UTC;
9999-12-31 has no day after): it is then the earliest or the latest instant there is,
which selects the same cases. So "0001-01-01" reads as "no start" and "9999-12-31", the
common habit for "no end", as "no end", and nobody has to be told the calendar's limits.

Imported by the apps; it imports nothing of theirs."""

from __future__ import annotations

import datetime

from django.utils import timezone

EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)
LATEST = datetime.datetime.max.replace(tzinfo=datetime.UTC)


def day_start(day: datetime.date, tz: datetime.tzinfo | None = None) -> datetime.datetime:
    """The first instant of `day` in `tz` (the portal's zone by default), in UTC; the
    earliest instant there is when that one lies before it."""
    local = datetime.datetime.combine(
        day, datetime.time.min, tzinfo=tz or timezone.get_current_timezone()
    )
    try:
        return local.astimezone(datetime.UTC)
    except OverflowError:
        return EARLIEST if day.year == datetime.MINYEAR else LATEST


def day_after(day: datetime.date, tz: datetime.tzinfo | None = None) -> datetime.datetime:
    """The first instant after `day` in `tz` (an exclusive upper bound), in UTC; the latest
    instant there is when the calendar has no day after it."""
    try:
        return day_start(day + datetime.timedelta(days=1), tz)
    except OverflowError:  # 9999-12-31: its end, 24 hours after its start, if representable
        try:
            return day_start(day, tz) + datetime.timedelta(days=1)
        except OverflowError:
            return LATEST


def local_bounds(
    start: datetime.date, end: datetime.date, tz: datetime.tzinfo | None = None
) -> tuple[datetime.datetime, datetime.datetime]:
    """[the start of `start`, the start of the day after `end`): the days from `start` to
    `end`, both included, in `tz` (the portal's zone by default)."""
    return day_start(start, tz), day_after(end, tz)
