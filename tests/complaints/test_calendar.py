"""The working-day calendar (pure: no database, no Django settings)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaints.calendar import (
    WorkingCalendar,
    YearHolidays,
    unconfirmed_package_days,
    unconfirmed_package_swaps,
    vietnam_calendar,
    vietnam_public_holidays,
)

# The Prime Minister's 2026 decision as DOMAIN.md §4 gives it: Friday 2 Jan off,
# Saturday 10 Jan worked. Tết (14–22 Feb) needs no override: see test below.
DAY_OFF_2026 = date(2026, 1, 2)
WORKED_SATURDAY_2026 = date(2026, 1, 10)

CALENDAR = vietnam_calendar(
    (2025, 2026, 2027), days_off=(DAY_OFF_2026,), working_days=(WORKED_SATURDAY_2026,)
)

dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
counts = st.integers(min_value=0, max_value=300)


def naive_add_working_days(calendar: WorkingCalendar, start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        n -= calendar.is_working_day(day)
    return day


# ---- what the holidays package actually says ---------------------------------------------


def test_holidays_package_vn_2026_is_what_the_calendar_relies_on():
    # Checked against the package rather than assumed: if an upgrade changes these,
    # this test says so before any deadline moves silently.
    assert sorted(vietnam_public_holidays(2026).holidays) == [
        date(2026, 1, 1),  # Tết Dương lịch — BLLĐ 2019 Art 112(1)(a)
        date(2026, 2, 16),  # Tết Âm lịch, 5 days — Art 112(1)(b)
        date(2026, 2, 17),
        date(2026, 2, 18),
        date(2026, 2, 19),
        date(2026, 2, 20),
        date(2026, 4, 26),  # Giỗ Tổ 10/3 lunar, a Sunday — Art 112(1)(e)
        date(2026, 4, 27),  # … observed on Monday (nghỉ bù)
        date(2026, 4, 30),  # Ngày Chiến thắng — Art 112(1)(c)
        date(2026, 5, 1),  # Quốc tế lao động — Art 112(1)(d)
        date(2026, 8, 31),  # bridge day, swapped with Saturday 22 Aug
        date(2026, 9, 1),  # Quốc khánh 2/9 plus one day — Art 112(1)(đ)
        date(2026, 9, 2),
        # Not 24/11 (Ngày Văn hóa Việt Nam): the package lists it, BLLĐ 2019 Art 112(1)
        # does not; a working day unless an administrator marks it off (test below).
    ]
    assert vietnam_public_holidays(2026).weekend_workdays == frozenset({date(2026, 8, 22)})
    # DOMAIN.md's 2026 swap (2 Jan off, 10 Jan worked) is not in the package.
    assert DAY_OFF_2026 not in vietnam_public_holidays(2026).holidays
    assert WORKED_SATURDAY_2026 not in vietnam_public_holidays(2026).weekend_workdays


def test_package_swap_saturday_22_aug_2026_is_worked():
    plain = vietnam_calendar()
    assert plain.is_working_day(date(2026, 8, 22))
    assert not plain.is_working_day(date(2026, 8, 31))


# ---- 2026: the administrator's overrides and Tết -----------------------------------------


def test_tet_2026_from_14_to_22_february_is_all_off():
    # DOMAIN.md §4: Tết off 14–22/2/2026 = package's 16–20 Feb plus two weekends.
    tet = [date(2026, 2, 14) + timedelta(days=i) for i in range(9)]
    assert not any(CALENDAR.is_working_day(d) for d in tet)
    assert CALENDAR.is_working_day(date(2026, 2, 13))
    assert CALENDAR.is_working_day(date(2026, 2, 23))
    # Stating the decree's days off as administrator days changes nothing.
    assert CALENDAR.with_overrides(days_off=tet).add_working_days(date(2026, 2, 13), 1) == (
        date(2026, 2, 23)
    )


def test_worked_saturday_counts_and_bridge_day_does_not():
    assert CALENDAR.is_working_day(WORKED_SATURDAY_2026)
    assert not CALENDAR.is_working_day(DAY_OFF_2026)
    plain = vietnam_calendar()
    assert not plain.is_working_day(WORKED_SATURDAY_2026)
    assert plain.is_working_day(DAY_OFF_2026)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        pytest.param(
            date(2026, 1, 8), 2, date(2026, 1, 10),
            id="Thu 8 Jan + 2 wd = worked Sat 10 Jan — BLDS Art 147; PM's 2026 swap",
        ),
        pytest.param(
            date(2025, 12, 31), 1, date(2026, 1, 5),
            id="31 Dec + 1 wd skips 1 Jan (BLLĐ Art 112(1)(a)) and the 2 Jan bridge day",
        ),
        pytest.param(
            date(2026, 2, 10), 7, date(2026, 2, 26),
            id="10 Feb + 7 wd crosses Tết 14–22 Feb — BLLĐ Art 112(1)(b)",
        ),
        pytest.param(
            date(2026, 2, 14), 1, date(2026, 2, 23),
            id="counting from a day off: the next working day is day 1 — BLDS Art 147",
        ),
        pytest.param(
            date(2026, 4, 24), 3, date(2026, 5, 4),
            id="24 Apr + 3 wd skips Giỗ Tổ observed 27 Apr, 30 Apr, 1 May — Art 112",
        ),
        pytest.param(date(2026, 7, 1), 0, date(2026, 7, 1), id="0 wd is the start itself"),
        pytest.param(
            date(2026, 1, 13), -10, date(2025, 12, 29),
            id="-10 wd counts back across the new year (reminders)",
        ),
    ],
)
def test_add_working_days(start, n, expected):
    assert CALENDAR.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        pytest.param(
            date(2026, 4, 20), 10, date(2026, 5, 4),
            id="last day 30 Apr holiday, then 1 May, weekend: next working day — BLDS Art 148(5)",
        ),
        pytest.param(
            date(2026, 7, 1), 60, date(2026, 9, 3),
            id="last day Sun 30 Aug, then 31 Aug–2 Sep off: Thu 3 Sep — BLDS Art 148(5)",
        ),
        pytest.param(
            date(2026, 7, 1), 45, date(2026, 8, 17),
            id="last day Sat 15 Aug rolls to Mon 17 Aug — BLDS Art 148(5)",
        ),
        pytest.param(
            date(2026, 7, 1), 30, date(2026, 7, 31), id="last day a working Friday stays",
        ),
        pytest.param(
            date(2025, 12, 22), 10, date(2026, 1, 5),
            id="last day 1 Jan, then the 2 Jan bridge day and the weekend — Art 148(5)",
        ),
    ],
)
def test_add_calendar_days_rolls_to_the_next_working_day(start, n, expected):
    assert CALENDAR.add_calendar_days(start, n) == expected


def test_working_days_between():
    assert CALENDAR.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert CALENDAR.working_days_between(date(2026, 2, 23), date(2026, 2, 13)) == -1
    assert CALENDAR.working_days_between(date(2026, 7, 1), date(2026, 7, 1)) == 0
    # 2026: 261 weekdays − 12 weekday holidays (package test above; 26 Apr is a Sunday)
    # − the 2 Jan bridge day + worked Saturdays 10 Jan and 22 Aug = 250.
    assert CALENDAR.working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 250


# ---- properties ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=300))
def test_adding_working_days_never_lands_on_a_day_off(start, n):
    due = CALENDAR.add_working_days(start, n)
    official = vietnam_public_holidays(due.year)
    assert CALENDAR.is_working_day(due)
    assert due.weekday() < 5 or due in CALENDAR.working_days | official.weekend_workdays
    assert due not in official.holidays
    assert due not in CALENDAR.days_off
    assert due > start


@settings(max_examples=300, deadline=None)
@given(start=dates, n=counts)
def test_adding_working_days_is_strictly_monotonic_in_n(start, n):
    assert CALENDAR.add_working_days(start, n) < CALENDAR.add_working_days(start, n + 1)


@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=120))
def test_adding_working_days_matches_counting_day_by_day(start, n):
    assert CALENDAR.add_working_days(start, n) == naive_add_working_days(CALENDAR, start, n)


@settings(max_examples=300, deadline=None)
@given(start=dates, n=counts)
def test_working_days_between_inverts_adding(start, n):
    assert CALENDAR.working_days_between(start, CALENDAR.add_working_days(start, n)) == n


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=300))
def test_going_back_then_forward_returns_to_a_working_start(start, n):
    start = CALENDAR.roll_forward(start)
    back = CALENDAR.add_working_days(start, -n)
    assert CALENDAR.is_working_day(back)
    assert CALENDAR.add_working_days(back, n) == start


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=120))
def test_calendar_days_land_on_the_first_working_day_on_or_after_the_last_day(start, n):
    due = CALENDAR.add_calendar_days(start, n)
    last_day = start + timedelta(days=n)
    assert CALENDAR.is_working_day(due)
    assert due >= last_day
    assert CALENDAR.working_days_between(last_day - timedelta(days=1), due) == 1


# ---- the object itself ------------------------------------------------------------------


def test_calendar_is_immutable_and_hashable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CALENDAR.days_off = frozenset()  # type: ignore[misc]
    assert hash(CALENDAR) == hash(
        vietnam_calendar(days_off=[DAY_OFF_2026], working_days=[WORKED_SATURDAY_2026])
    )


def test_with_overrides_returns_a_new_calendar():
    off = CALENDAR.with_overrides(days_off=[date(2026, 11, 24)])
    assert not off.is_working_day(date(2026, 11, 24))
    assert CALENDAR.is_working_day(date(2026, 11, 24))
    worked_again = off.with_overrides(working_days=[date(2026, 11, 24)])
    assert worked_again.is_working_day(date(2026, 11, 24))


def test_a_day_cannot_be_both_off_and_worked():
    with pytest.raises(ValueError, match="2026-01-10"):
        WorkingCalendar(days_off=[WORKED_SATURDAY_2026], working_days=[WORKED_SATURDAY_2026])


def test_datetimes_are_refused_where_a_date_is_meant():
    with pytest.raises(TypeError):
        CALENDAR.add_working_days(datetime(2026, 7, 1, 9), 1)
    with pytest.raises(TypeError):
        WorkingCalendar(days_off=[datetime(2026, 7, 1, 9)])
    with pytest.raises(ValueError):
        CALENDAR.add_calendar_days(date(2026, 7, 1), -1)


def test_years_load_lazily_once_each():
    loaded: list[int] = []

    def source(year: int) -> YearHolidays:
        loaded.append(year)
        return YearHolidays(holidays=frozenset({date(year, 1, 1)}))

    calendar = WorkingCalendar(source=source)
    assert calendar.add_working_days(date(2030, 12, 30), 2) == date(2031, 1, 2)
    for _ in range(1000):
        calendar.add_working_days(date(2030, 6, 1), 90)
    assert sorted(loaded) == [2030, 2031]


def test_without_a_source_only_weekends_and_given_holidays_are_off():
    calendar = WorkingCalendar(holidays=[date(2026, 7, 2)])
    assert calendar.add_working_days(date(2026, 7, 1), 2) == date(2026, 7, 6)


# ---- 24/11 and the package pin (issue 9 item 9) ----------------------------------------------


@pytest.mark.parametrize("year", [2026, 2027, 2030])
def test_24_november_is_a_working_day_unless_an_administrator_marks_it(year):
    # BLLĐ 2019 Art 112(1) lists no such holiday; the holidays package does (from 2026).
    day = date(year, 11, 24)
    plain = vietnam_calendar()
    assert plain.is_working_day(day) == (day.weekday() < 5)
    assert day not in vietnam_public_holidays(year).holidays
    assert not plain.with_overrides(days_off=[day]).is_working_day(day)


def test_24_november_is_listed_for_administrators_as_unconfirmed():
    listed = unconfirmed_package_days(2026)
    assert [day for day, _why in listed] == [date(2026, 11, 24)]
    assert "chưa xác nhận" in listed[0][1] and "Điều 112(1)" in listed[0][1]
    assert unconfirmed_package_days(2025) == []  # the package adds it from 2026


def test_a_deadline_across_24_november_counts_it():
    # Mon 23 Nov 2026 + 1 wd = Tue 24 Nov (the package would give Wed 25 Nov).
    assert vietnam_calendar().add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 24)


def test_holidays_package_is_pinned_to_an_exact_version():
    import tomllib
    from importlib.metadata import version
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    dependencies = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    pins = [d.replace(" ", "") for d in dependencies if d.startswith("holidays")]
    assert pins == [f"holidays=={version('holidays')}"]


def test_the_2026_national_day_swap_is_applied_and_listed_as_unconfirmed():
    """DOMAIN.md §4: the package moves Mon 31/8/2026 off and Sat 22/8/2026 worked; no notice
    found yet: applied, and listed so an administrator can check it and undo it."""
    calendar = vietnam_calendar()
    assert not calendar.is_working_day(date(2026, 8, 31))
    assert calendar.is_working_day(date(2026, 8, 22))
    listed = unconfirmed_package_swaps(2026)
    assert [day for day, _why in listed] == [date(2026, 8, 22), date(2026, 8, 31)]
    assert all("chưa xác nhận" in why for _day, why in listed)
    assert unconfirmed_package_swaps(2025) == []
    # An administrator's override undoes it.
    undone = calendar.with_overrides(
        days_off=[date(2026, 8, 22)], working_days=[date(2026, 8, 31)]
    )
    assert undone.is_working_day(date(2026, 8, 31)) and not undone.is_working_day(
        date(2026, 8, 22)
    )
