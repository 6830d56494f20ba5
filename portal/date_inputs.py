"""Wagtail's date pickers keep the day an editor typed.

The picker (jQuery datetimepicker) reads the field only in the display format,
dd/mm/yyyy (`WAGTAIL_DATE_FORMAT`), and on leaving the field it replaced anything else
with today: "2026-12-19" typed into "Ngày nghỉ, ngày làm bù" silently became today's date,
a working day made a holiday and every deadline counted again. With `validateOnBlur` off
the field keeps what was typed and the server reads it: dd/mm/yyyy or ISO
(`portal.formats`), anything else refused with the form's "Nhập một ngày hợp lệ." Every
picker of the admin builds its options here (`get_config`: the page's own script and
telepath's), model forms, filters and the publishing schedule alike.

The calendar also closes once the editor types (portal/static/portal/admin/date_inputs.js,
on every admin page): left open it lay over the "Đặt lịch xuất bản" dialog's "Lưu lịch",
and the click meant for the button picked the day under it with the clock's time."""

from __future__ import annotations

KEEP_TYPED = {"validateOnBlur": False}


def keep_typed_dates() -> None:
    """Add KEEP_TYPED to the options of Wagtail's date and date-time pickers (once)."""
    from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

    for widget in (AdminDateInput, AdminDateTimeInput):
        original = widget.get_config
        if getattr(original, "keeps_typed_dates", False):
            continue

        def get_config(self, _original=original):
            return {**_original(self), **KEEP_TYPED}

        get_config.keeps_typed_dates = True
        widget.get_config = get_config
