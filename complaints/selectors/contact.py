"""Where a citizen reaches the Sở in person or by post: its name, address and opening hours,
as the signature notice, the withdrawal note and the contact page (/lien-he/, `cms/site.py`)
tell them. One place: the administrator's settings `PORTAL_DEPARTMENT_ADDRESS` and
`PORTAL_OFFICE_HOURS` (README "Settings"), else the department unit's address and the
usual office hours."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from complaints.services.reference import reference
from portal.province import department_name

# Read after "nộp trực tiếp …" / "ký xác nhận tại đó …".
DEFAULT_OFFICE_HOURS = gettext_noop("trong giờ hành chính, từ thứ Hai đến thứ Sáu (trừ ngày lễ)")


def office_hours() -> str:
    """The Sở's hours for citizens: `PORTAL_OFFICE_HOURS`, else the usual office hours (in
    the reader's language; the administrator's text as written)."""
    configured = (getattr(settings, "PORTAL_OFFICE_HOURS", "") or "").strip()
    return configured or str(_(DEFAULT_OFFICE_HOURS))


def department_address(*, province_fallback: bool = True) -> str:
    """The Sở's postal address: `PORTAL_DEPARTMENT_ADDRESS`, else its department unit's
    (reference data, `import_facilities`), else the province alone (or "" without
    `province_fallback`: the contact page names the province already)."""
    configured = (getattr(settings, "PORTAL_DEPARTMENT_ADDRESS", "") or "").strip()
    if configured:
        return configured
    unit = reference().department()
    address = unit.address if unit is not None else ""
    return address or (getattr(settings, "PORTAL_PROVINCE", "") if province_fallback else "")


def department_contact() -> dict[str, str]:
    """`name`, `address` and `hours` of the Sở: its department unit's name (the reference
    data), else `department_name()`; `department_address()`; `office_hours()`."""
    unit = reference().department()
    return {
        "name": unit.name if unit is not None else department_name(),
        "address": department_address(),
        "hours": office_hours(),
    }
