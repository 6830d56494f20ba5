"""Day-first date input (portal/formats/__init__.py), and dates shown as the inputs show
them: dd/mm/yyyy and dd/mm/yyyy HH:MM. Django's Vietnamese formats write
"03:02 Ngày 06 tháng 12 năm 2026" (a capital Ngày mid-sentence) wherever a date is shown
without a format of its own: Wagtail's admin (the scheduling banner "sẽ xuất bản lúc …",
the history, the revisions); the portal's own templates name their format."""

from portal.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"

__all__ = [
    "DATETIME_FORMAT",
    "DATETIME_INPUT_FORMATS",
    "DATE_FORMAT",
    "DATE_INPUT_FORMATS",
    "SHORT_DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
]
