"""The province the portal speaks for, as its Sở Y tế is named: "Sở Y tế tỉnh Quảng Ngãi",
but "Sở Y tế thành phố Huế" for a centrally run city (thành phố trực thuộc trung ương,
Nghị quyết 202/2025/QH15 on the provinces from 1 July 2025), whose Sở is never a "tỉnh"'s.

`PORTAL_PROVINCE` is the name; `PORTAL_PROVINCE_KIND` ("tỉnh" or "thành phố") says which
it is, by default "thành phố" for the six centrally run cities and "tỉnh" otherwise."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

CENTRALLY_RUN_CITIES = frozenset(
    {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}
)
KINDS = ("tỉnh", "thành phố")


def province_kind() -> str:
    kind = (getattr(settings, "PORTAL_PROVINCE_KIND", "") or "").strip().lower()
    if kind in KINDS:
        return kind
    name = getattr(settings, "PORTAL_PROVINCE", "") or ""
    return "thành phố" if name.strip() in CENTRALLY_RUN_CITIES else "tỉnh"


def province_title() -> str:
    """"tỉnh Quảng Ngãi", "thành phố Huế" (Vietnamese: the texts of the site's pages)."""
    return f"{province_kind()} {settings.PORTAL_PROVINCE}".strip()


def department_name() -> str:
    """The Sở's name in the reader's language: "Sở Y tế tỉnh Quảng Ngãi"."""
    province = getattr(settings, "PORTAL_PROVINCE", "")
    if not province:
        return _("Sở Y tế")
    if province_kind() == "thành phố":
        return _("Sở Y tế thành phố %(province)s") % {"province": province}
    return _("Sở Y tế tỉnh %(province)s") % {"province": province}
