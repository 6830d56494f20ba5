"""The working-day calendar the portal counts with: Vietnam's public holidays
(Bộ luật Lao động 2019 Art 112, from the `holidays` package) plus the
administrator's CalendarOverride rows (DOMAIN.md §4: the Prime Minister moves
days every year, e.g. Saturday 10/1/2026 worked).

The overrides are kept in the `shared` cache (Redis, else files under var/: every
process of the machine sees a change at once) and the built calendar in this process,
keyed by the overrides, so a call costs one cache read. Saving or deleting an override
clears the cache entry (receivers below, connected by `ComplaintsConfig.ready`) and
counts again the open deadlines spanning the day (`complaints.services.calendar_change`)."""

from __future__ import annotations

import threading
from datetime import date

from django.db import transaction

from complaints.calendar import WorkingCalendar, vietnam_calendar
from portal.process_cache import shared_cache

CACHE_KEY = "complaints:calendar-overrides:v1"
_CACHE_SECONDS = 24 * 3600  # a missed invalidation heals within a day

_Overrides = tuple[tuple[date, ...], tuple[date, ...]]
_built: dict[_Overrides, WorkingCalendar] = {}
_lock = threading.Lock()


def _load_overrides() -> _Overrides:
    from complaints.models import CalendarOverride

    days_off, working_days = [], []
    for day, kind in CalendarOverride.objects.order_by("date").values_list("date", "kind"):
        if kind == CalendarOverride.Kind.WORKING_DAY:
            working_days.append(day)
        else:
            days_off.append(day)
    return tuple(days_off), tuple(working_days)


def working_calendar() -> WorkingCalendar:
    """The calendar every deadline of the portal is counted on.

    Read-only; safe to share between threads. Reflects every override saved so far
    (in this process at once; in the other workers as soon as they read the cache)."""
    cache = shared_cache()
    overrides = cache.get(CACHE_KEY)
    if overrides is None:
        overrides = _load_overrides()
        cache.set(CACHE_KEY, overrides, _CACHE_SECONDS)
    calendar = _built.get(overrides)
    if calendar is None:
        days_off, working_days = overrides
        calendar = vietnam_calendar(days_off=days_off, working_days=working_days)
        with _lock:
            if len(_built) > 8:  # overrides change a few times a year
                _built.clear()
            _built[overrides] = calendar
    return calendar


def working_calendar_clear() -> None:
    """Forget the cached overrides (after a change; tests call it between cases)."""
    shared_cache().delete(CACHE_KEY)
    with _lock:
        _built.clear()


def calendar_override_changed(sender, **kwargs) -> None:
    """post_save / post_delete receiver for CalendarOverride.

    Clears now (this transaction sees its own change) and again after commit (another
    worker may have cached the old rows in between)."""
    working_calendar_clear()
    transaction.on_commit(working_calendar_clear)


def connect_receivers() -> None:
    from django.db.models.signals import post_delete, post_save

    from complaints.models import CalendarOverride
    from complaints.services.calendar_change import (
        calendar_override_deleted,
        calendar_override_saved,
    )

    uid = "complaints.services.calendar.calendar_override_changed"
    post_save.connect(calendar_override_changed, sender=CalendarOverride, dispatch_uid=uid)
    post_delete.connect(calendar_override_changed, sender=CalendarOverride, dispatch_uid=uid)
    # The open deadlines spanning the day are counted again (after the commit, in the
    # background): complaints.services.calendar_change.
    uid = "complaints.services.calendar_change"
    post_save.connect(calendar_override_saved, sender=CalendarOverride, dispatch_uid=uid)
    post_delete.connect(calendar_override_deleted, sender=CalendarOverride, dispatch_uid=uid)


def override_refusal(day: date, kind: str) -> str | None:
    """Why an override of `kind` on `day` changes nothing, or None: a day off on a day that is
    already off (the weekly rest of Điều 111, a holiday of Điều 112 Bộ luật Lao động 2019, or
    a day the package's swap gives off), a make-up working day on a day already worked. Judged
    on the calendar without the administrator's overrides, so an edit is judged alike."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from complaints.models import CalendarOverride

    working = vietnam_calendar().is_working_day(day)
    weekend = day.weekday() >= 5
    values = {
        "day": date_format(day, "d/m/Y"),
        "weekday": _("Chủ nhật") if day.weekday() == 6 else _("thứ Bảy"),
    }
    if kind == CalendarOverride.Kind.DAY_OFF and not working:
        if weekend:
            return _(
                "Ngày %(day)s là %(weekday)s, ngày nghỉ hằng tuần (Điều 111 Bộ luật Lao động "
                "2019): đã không phải ngày làm việc, không cần thêm ngày nghỉ."
            ) % values
        return _(
            "Ngày %(day)s đã là ngày nghỉ lễ, tết (Điều 112 Bộ luật Lao động 2019) trong lịch "
            "đang áp dụng: không cần thêm ngày nghỉ."
        ) % values
    if kind == CalendarOverride.Kind.WORKING_DAY and working:
        if weekend:
            return _(
                "Ngày %(day)s (%(weekday)s) đã là ngày làm việc bù theo lịch hoán đổi đang áp "
                "dụng: không cần thêm ngày làm việc bù."
            ) % values
        return _(
            "Ngày %(day)s là ngày làm việc bình thường (từ thứ Hai đến thứ Sáu, không phải ngày "
            "lễ): ngày làm việc bù chỉ ghi cho một ngày nghỉ (thứ Bảy, Chủ nhật, ngày lễ) được "
            "chuyển thành ngày làm việc."
        ) % values
    return None
