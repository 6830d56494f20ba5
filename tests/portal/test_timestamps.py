"""portal.timestamps: the one form of an instant on every interface (docs/api.md)."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from portal.timestamps import instants_as_rfc3339, iso_value, rfc3339

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_an_instant_is_utc_to_the_second_with_z():
    at = datetime.datetime(2026, 12, 5, 10, 4, 5, 678901, tzinfo=VN)
    assert rfc3339(at) == "2026-12-05T03:04:05Z"
    assert rfc3339(at.astimezone(datetime.UTC)) == "2026-12-05T03:04:05Z"
    # A naive value is read in the portal's zone, as Django reads one.
    assert rfc3339(datetime.datetime(2026, 12, 5, 10, 4, 5)) == "2026-12-05T03:04:05Z"
    with pytest.raises(TypeError):
        rfc3339(datetime.date(2026, 12, 5))


def test_a_day_stays_a_day():
    assert iso_value(datetime.date(2026, 12, 5)) == "2026-12-05"
    assert iso_value(datetime.datetime(2026, 12, 5, 0, 30, tzinfo=VN)) == "2026-12-04T17:30:00Z"
    assert iso_value(None) is None


def test_instants_in_a_stored_record_are_rewritten_and_nothing_else():
    record = {
        "scheduled_at": "2026-12-10T09:00:00+07:00",
        "withdrawn_at": "2026-12-05T03:04:05.123456+00:00",
        "replaces": {"scheduled_at": "2026-12-09T15:30:00+07:00"},
        "calendar_days": ["2026-12-24", "2026-12-25"],
        "typed": "2026-12-10T09:00",  # a form's value, no zone: left as typed
        "impossible": "2026-02-30T09:00:00+07:00",
        "reason": "Hẹn lúc 2026-12-10T09:00:00+07:00",
        "count": 2,
    }
    assert instants_as_rfc3339(record) == {
        **record,
        "scheduled_at": "2026-12-10T02:00:00Z",
        "withdrawn_at": "2026-12-05T03:04:05Z",
        "replaces": {"scheduled_at": "2026-12-09T08:30:00Z"},
    }
    assert instants_as_rfc3339(None) is None
