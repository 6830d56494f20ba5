"""Dates in the editors read dd/mm/yyyy (Wagtail's pickers showed "2026-11-29"), and a
day written that way is read day first, never as a month."""

import datetime

from django import forms
from django.utils import translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput


def test_the_editors_date_picker_shows_day_month_year():
    assert AdminDateInput().format_value(datetime.date(2026, 11, 29)) == "29/11/2026"
    moment = datetime.datetime(2026, 11, 29, 8, 30)
    assert AdminDateTimeInput().format_value(moment) == "29/11/2026 08:30"


def test_a_day_is_read_day_first_and_iso_still_works():
    field = forms.DateField(widget=AdminDateInput())
    with translation.override("vi"):
        assert field.clean("05/06/2026") == datetime.date(2026, 6, 5)
        assert field.clean("2026-06-05") == datetime.date(2026, 6, 5)
    with translation.override("en"):
        assert field.clean("05/06/2026") == datetime.date(2026, 6, 5)


def test_the_pickers_keep_what_was_typed():
    """The picker replaced a day not typed dd/mm/yyyy with today on leaving the field
    (portal/date_inputs.py; the browser test: tests/browser/test_admin_dates.py)."""
    assert AdminDateInput().get_config()["validateOnBlur"] is False
    assert AdminDateTimeInput().get_config()["validateOnBlur"] is False
    assert AdminDateInput().get_config()["format"] == "d/m/Y"
