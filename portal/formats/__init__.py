"""The portal's own date input formats (`FORMAT_MODULE_PATH`): a day is written day first,
dd/mm/yyyy, as Wagtail's date pickers show it (`WAGTAIL_DATE_FORMAT`), in Vietnamese and
in the English interface alike (Django's English formats read "05/06/2026" as 6 May); the
ISO form stays accepted. Every other format comes from Django's locale."""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
