"""Working-day calendar for Vietnamese legal deadlines (pure: no Django, no ORM).

How the law counts (Bộ luật Dân sự 91/2015, Arts 147–148):

* counting starts on the day *after* the event (Art 147(1));
* "N ngày làm việc" is the N-th working day after the event;
* "N ngày" is calendar days, and when the last day is a weekend or public holiday the
  deadline is the next working day (Art 148(5)).

Working days are Monday to Friday minus the public holidays of Bộ luật Lao động 2019
Art 112 (as the ``holidays`` package computes them, including the Saturdays it knows are
worked in a swap, but without the days it lists that Art 112(1) does not: 24/11),
adjusted by the administrator's yearly overrides: the Prime Minister moves days every year
(e.g. 2026: Friday 2 Jan off, Saturday 10 Jan worked).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays as holidays_package

__all__ = [
    "NOT_STATUTORY_PACKAGE_DAYS",
    "HolidaySource",
    "WorkingCalendar",
    "YearHolidays",
    "unconfirmed_package_days",
    "unconfirmed_package_swaps",
    "vietnam_calendar",
    "vietnam_public_holidays",
]

_SATURDAY = 5  # date.weekday(): Saturday and Sunday are the weekly rest (BLLĐ 2019 Art 111)


@dataclass(frozen=True)
class YearHolidays:
    """The official days off of one year, as a holiday source reports them."""

    holidays: frozenset[date] = frozenset()
    # Saturdays or Sundays worked in exchange for a bridge day off (hoán đổi ngày làm việc).
    weekend_workdays: frozenset[date] = frozenset()


HolidaySource = Callable[[int], YearHolidays]


@dataclass(frozen=True)
class _Year:
    days: tuple[date, ...]  # the year's working days, sorted
    lookup: frozenset[date]


def _as_dates(values: Iterable[date], name: str) -> frozenset[date]:
    result = frozenset(values)
    for value in result:
        # datetime is a date subclass, but mixing them breaks ordering and set look-ups.
        if isinstance(value, datetime) or not isinstance(value, date):
            raise TypeError(f"{name} must contain datetime.date values, got {value!r}")
    return result


def _check_date(value: object, name: str) -> None:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a datetime.date, got {value!r}")


def _check_int(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")


@dataclass(frozen=True)
class WorkingCalendar:
    """An immutable calendar of working days.

    ``holidays`` are fixed public holidays; ``source`` (optional) supplies the official
    holidays of any year on first use, so no year has to be known in advance.
    ``days_off`` and ``working_days`` are the administrator's overrides and win over
    everything else (a worked Saturday, a bridge day off, a holiday the package gets wrong).

    Each year's working days are computed once, on first use, and kept in a private cache;
    the cache never changes what the calendar answers, so the object stays immutable in
    every observable way and is safe to share between threads and requests.
    """

    holidays: frozenset[date] = frozenset()
    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()
    source: HolidaySource | None = None
    _years: dict[int, _Year] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        # Accept any iterable of dates but store frozensets, so the calendar is hashable.
        object.__setattr__(self, "holidays", _as_dates(self.holidays, "holidays"))
        object.__setattr__(self, "days_off", _as_dates(self.days_off, "days_off"))
        object.__setattr__(self, "working_days", _as_dates(self.working_days, "working_days"))
        clash = self.days_off & self.working_days
        if clash:
            listed = ", ".join(sorted(d.isoformat() for d in clash))
            raise ValueError(f"days both off and working: {listed}")

    # -- construction -------------------------------------------------------------------

    def with_overrides(
        self, *, days_off: Iterable[date] = (), working_days: Iterable[date] = ()
    ) -> WorkingCalendar:
        """A new calendar with more administrator overrides (later ones win)."""
        extra_off = _as_dates(days_off, "days_off")
        extra_work = _as_dates(working_days, "working_days")
        return WorkingCalendar(
            holidays=self.holidays,
            days_off=(self.days_off - extra_work) | extra_off,
            working_days=(self.working_days - extra_off) | extra_work,
            source=self.source,
        )

    # -- queries ------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        _check_date(day, "day")
        return day in self._year(day.year).lookup

    def roll_forward(self, day: date) -> date:
        """``day`` itself if it is a working day, else the next working day (BLDS Art 148(5))."""
        _check_date(day, "day")
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (BLDS Art 147: counting starts the next day).

        ``start`` itself need not be a working day. ``n == 0`` returns ``start``; a negative
        ``n`` gives the |n|-th working day before ``start`` (useful for reminders).
        """
        _check_date(start, "start")
        _check_int(n, "n")
        if n == 0:
            return start
        year = start.year
        days = self._year(year).days
        if n > 0:
            index = bisect_right(days, start)  # first working day strictly after start
            remaining = n
            while index + remaining > len(days):
                remaining -= len(days) - index
                year += 1
                days, index = self._year(year).days, 0
            return days[index + remaining - 1]
        index = bisect_left(days, start)  # working days strictly before start
        remaining = -n
        while remaining > index:
            remaining -= index
            year -= 1
            days = self._year(year).days
            index = len(days)
        return days[index - remaining]

    def add_calendar_days(self, start: date, n: int) -> date:
        """``start`` + n calendar days, rolled to the next working day (BLDS Art 148(5))."""
        _check_date(start, "start")
        _check_int(n, "n")
        if n < 0:
            raise ValueError("n must not be negative")
        return self.roll_forward(start + timedelta(days=n))

    def working_days_between(self, a: date, b: date) -> int:
        """Working days d with a < d <= b (negative when b < a).

        The inverse of :meth:`add_working_days`:
        ``working_days_between(a, add_working_days(a, n)) == n`` for n >= 0.
        """
        _check_date(a, "a")
        _check_date(b, "b")
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        for year in range(a.year, b.year + 1):
            days = self._year(year).days
            low = bisect_right(days, a) if year == a.year else 0
            high = bisect_right(days, b) if year == b.year else len(days)
            count += high - low
        return count

    # -- internals ----------------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            cached = self._build_year(year)
            self._years[year] = cached  # a race only computes the same value twice
        return cached

    def _build_year(self, year: int) -> _Year:
        official = self.source(year) if self.source is not None else YearHolidays()
        first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        days = tuple(
            day
            for day in map(date.fromordinal, range(first, last + 1))
            if self._is_working(day, official)
        )
        return _Year(days=days, lookup=frozenset(days))

    def _is_working(self, day: date, official: YearHolidays) -> bool:
        # Precedence: administrator > official swaps > weekend > holidays.
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        if day in official.weekend_workdays:
            return True
        if day.weekday() >= _SATURDAY:
            return False
        return day not in official.holidays and day not in self.holidays


# Days the ``holidays`` package lists as days off that Bộ luật Lao động 2019 Art 112(1) does
# not: they are working days unless an administrator marks them off (CalendarOverride).
# (month, day) -> why, shown to administrators as unconfirmed.
NOT_STATUTORY_PACKAGE_DAYS: dict[tuple[int, int], str] = {
    (11, 24): (
        "Ngày Văn hóa Việt Nam 24/11: thư viện holidays liệt kê là ngày nghỉ (theo Nghị quyết "
        "của Đảng), nhưng Điều 112(1) Bộ luật Lao động 2019 không quy định; là ngày làm việc "
        "trừ khi quản trị viên đánh dấu ngày nghỉ (chưa xác nhận)"
    ),
}


# Days the ``holidays`` package moves in a swap (hoán đổi: a bridge day off, a weekend day
# worked) that the portal applies as the package gives them but has not checked against the
# official notice (DOMAIN.md §4): date -> why, shown to administrators as unconfirmed. An
# administrator who finds the notice different undoes it with a CalendarOverride.
UNCONFIRMED_PACKAGE_SWAPS: dict[date, str] = {
    date(2026, 8, 31): (
        "Thứ Hai 31/8/2026 nghỉ (nghỉ lễ Quốc khánh), đổi lấy thứ Bảy 22/8/2026 làm việc: thư "
        "viện holidays áp dụng hoán đổi này, chưa tìm thấy thông báo chính thức (chưa xác nhận)"
    ),
    date(2026, 8, 22): (
        "Thứ Bảy 22/8/2026 làm việc bù cho thứ Hai 31/8/2026 nghỉ: thư viện holidays áp dụng "
        "hoán đổi này, chưa tìm thấy thông báo chính thức (chưa xác nhận)"
    ),
}


def _statutory(day: date) -> bool:
    return (day.month, day.day) not in NOT_STATUTORY_PACKAGE_DAYS


def _package_table(year: int):
    # The neighbouring years too: a swap can cross the new year (31 Dec 2018 off,
    # Saturday 5 Jan 2019 worked).
    return holidays_package.country_holidays("VN", years=(year - 1, year, year + 1))


@lru_cache(maxsize=64)
def vietnam_public_holidays(year: int) -> YearHolidays:
    """Vietnam's public holidays of ``year`` per the ``holidays`` package (BLLĐ 2019 Art 112).

    Includes the observed days (nghỉ bù) and the package's known day swaps, whose worked
    Saturday is reported in ``weekend_workdays``; leaves out the days the package lists that
    Art 112(1) does not (``NOT_STATUTORY_PACKAGE_DAYS``: 24/11).
    """
    _check_int(year, "year")
    table = _package_table(year)
    return YearHolidays(
        holidays=frozenset(d for d in table if d.year == year and _statutory(d)),
        weekend_workdays=frozenset(d for d in table.weekend_workdays if d.year == year),
    )


def unconfirmed_package_days(year: int) -> list[tuple[date, str]]:
    """The package's days off of ``year`` the portal counts as working days, with why
    (for the administrator's calendar screen: shown as unconfirmed)."""
    _check_int(year, "year")
    return sorted(
        (day, NOT_STATUTORY_PACKAGE_DAYS[(day.month, day.day)])
        for day in _package_table(year)
        if day.year == year and not _statutory(day)
    )


def unconfirmed_package_swaps(year: int) -> list[tuple[date, str]]:
    """The package's day swaps of ``year`` the portal applies without a confirmed notice,
    with why (for the administrator's calendar screen: applied, shown as unconfirmed)."""
    _check_int(year, "year")
    table = _package_table(year)
    moved = set(table) | set(table.weekend_workdays)
    return sorted(
        (day, why)
        for day, why in UNCONFIRMED_PACKAGE_SWAPS.items()
        if day.year == year and day in moved
    )


def vietnam_calendar(
    years: Iterable[int] = (),
    *,
    days_off: Iterable[date] = (),
    working_days: Iterable[date] = (),
) -> WorkingCalendar:
    """Vietnam's working calendar with the administrator's overrides.

    Every year is loaded lazily from the ``holidays`` package on first use; ``years`` only
    preloads them (e.g. at start-up, so a request never pays for it).
    """
    calendar = WorkingCalendar(
        days_off=frozenset(days_off),
        working_days=frozenset(working_days),
        source=vietnam_public_holidays,
    )
    for year in years:
        calendar.is_working_day(date(year, 1, 1))
    return calendar
