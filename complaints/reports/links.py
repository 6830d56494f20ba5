"""Query strings of the workspace list (`complaints.admin.filters.CaseFilter`) that show the
cases a figure counts, so a figure and the list it links to always agree."""

from __future__ import annotations

import datetime

from django.utils.http import urlencode

# The `unit` filter's value for cases no unit has been assigned yet.
NO_UNIT = "-"


def query(**params) -> str:
    """`?a=1&b=2`, dates as ISO, empty values left out."""
    clean = {}
    for name, value in params.items():
        if value is None or value == "":
            continue
        clean[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return "?" + urlencode(clean)
