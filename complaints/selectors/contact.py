"""Where a citizen reaches the Sở in person or by post: its name, address and opening hours,
as the signature notice, the withdrawal note and the contact page tell them."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from complaints.services.reference import reference
from portal.province import department_name


def department_contact() -> dict[str, str]:
    """`name`, `address` and `hours` of the Sở: its unit's name and address (the department
    unit of the reference data, `import_facilities`), else `department_name()`
    and the province alone."""
    province = getattr(settings, "PORTAL_PROVINCE", "")
    unit = reference().department()
    name = unit.name if unit is not None else department_name()
    address = (unit.address if unit is not None else "") or province
    return {
        "name": name,
        "address": address,
        "hours": str(_("trong giờ hành chính, từ thứ Hai đến thứ Sáu (trừ ngày lễ)")),
    }
