"""A local day as the instants it spans (`portal.local_days`): exact for every day the
database can hold the bounds of, the earliest or latest instant at the calendar's ends, and
never an overflow, in the portal's zone or any other."""

from __future__ import annotations

import datetime
import zoneinfo

from hypothesis import given
from hypothesis import strategies as st

from portal.local_days import EARLIEST, LATEST, day_after, day_start, local_bounds

UTC = datetime.UTC
VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def test_an_ordinary_day_spans_its_local_midnights_in_utc():
    since, until = local_bounds(datetime.date(2026, 12, 5), datetime.date(2026, 12, 6))
    assert since == datetime.datetime(2026, 12, 4, 17, tzinfo=UTC)
    assert until == datetime.datetime(2026, 12, 6, 17, tzinfo=UTC)
    assert since.tzinfo is UTC and until.tzinfo is UTC


def test_the_first_day_of_the_calendar_starts_at_the_earliest_instant():
    assert day_start(datetime.date.min) == EARLIEST
    # Its end is exact: 0001-01-02 00:00 in Vietnam (local mean time then, +07:06:30).
    assert day_after(datetime.date.min) == datetime.datetime(1, 1, 1, 16, 53, 30, tzinfo=UTC)


def test_the_last_day_of_the_calendar_ends_exactly_when_it_can():
    # 10000-01-01 00:00 in Vietnam is 9999-12-31 17:00 UTC: representable, so exact.
    assert day_after(datetime.date.max) == datetime.datetime(9999, 12, 31, 17, tzinfo=UTC)
    # West of UTC it lies beyond the calendar: the latest instant there is.
    assert day_after(datetime.date.max, NEW_YORK) == LATEST
    assert day_start(datetime.date.min, NEW_YORK) == datetime.datetime(1, 1, 1, 4, 56, 2,
                                                                       tzinfo=UTC)


@given(
    st.dates(),
    st.sampled_from([VIETNAM, NEW_YORK, UTC, zoneinfo.ZoneInfo("Pacific/Kiritimati")]),
)
def test_every_day_converts_and_spans_a_positive_time(day, tz):
    since, until = local_bounds(day, day, tz)
    assert EARLIEST <= since < until <= LATEST
    assert until - since <= datetime.timedelta(hours=25)
