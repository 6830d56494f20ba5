"""Where a citizen reaches the Sở in person or by post: its name, address and opening hours,
as the contact page (/lien-he/, `cms/site.py`) tells them. One place: the administrator's
settings `PORTAL_DEPARTMENT_ADDRESS` and `PORTAL_OFFICE_HOURS` (README "Settings"), else the
department unit's address and the usual office hours.

And where a citizen sends what a case of theirs still needs, the signed letter of an online
complaint or denunciation and a withdrawal (`case_contact`): the unit that handles the case,
whose head resolves it (a first-time complaint: the head of the facility complained of,
Điều 18–20 Luật Khiếu nại; a denunciation: the head of the body managing the person
denounced, Điều 12, Điều 13 Luật Tố cáo; a withdrawal goes to the person resolving, Điều 10
Luật Khiếu nại, Điều 33 Luật Tố cáo). The Sở's address only when the case is the Sở's own
(its department, inspectorate or office) or the unit has no address on file: then the Sở
passes the letter on. And the Sở's address for a denunciation handled within the facility
denounced (`complaints.selectors.identity.handled_within_denounced`): the letter names the
denouncer, whom that unit's people never see (khoản 3 Điều 8, Điều 47 Luật Tố cáo), so the Sở
keeps it and passes on the content without the identity. When the body denounced is the Sở
itself (handled by one of its own units), the Chủ tịch Ủy ban nhân dân tỉnh's, who resolves a
denunciation of the Sở and its heads (khoản 4 Điều 13 Luật Tố cáo), to whom the Sở forwards it
(khoản 2 Điều 24): never the Sở's address (`province_chair_contact`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from complaints.rules.identifying_address import address_identifies
from complaints.services.reference import reference
from portal.province import department_name, province_title

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


# The Sở's own units: a case they hold is the Sở's (its Giám đốc resolves it), reached at the
# Sở's address and hours.
SO_UNIT_KINDS = frozenset({"department", "inspectorate", "office"})


def is_postal_address(address: str) -> bool:
    """Whether a letter reaches `address`: more than a province or district name (a house
    number, a street, a commune or ward), read as `identifying_address` reads a person's
    ("Quảng Ngãi", "Đức Phổ, Quảng Ngãi" are not)."""
    return address_identifies(address)


@dataclass(frozen=True)
class CaseContact:
    """Where the citizen sends or brings a letter about a case: `name`, `address`, `hours`;
    `relay_to`, the unit handling the case when the letter goes to the Sở to be passed on to
    it (the unit has no address on file, or it works within the facility denounced:
    `keeps_identity`), else ""."""

    name: str
    address: str
    hours: str
    relay_to: str = ""
    # The Sở keeps the letter, which names the denouncer, and passes on only its content.
    keeps_identity: bool = False
    # The body denounced, when it is the Sở itself: the letter goes to the Chủ tịch Ủy ban
    # nhân dân tỉnh instead (`province_chair_contact`).
    denounced: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "address": self.address, "hours": self.hours}

    def relay_note(self) -> str:
        """What the citizen is told after the address when the Sở passes the letter on
        (the receipt, the tracking page, the notices), or why the letter goes to the Chủ
        tịch Ủy ban nhân dân tỉnh and not to the Sở denounced; "" when it goes to the unit
        itself."""
        if self.denounced:
            return _(
                "Tố cáo nhắm vào %(denounced)s (chính Sở hoặc người của Sở) nên đơn có chữ ký, "
                "ghi danh tính của bạn, không gửi đến Sở: danh tính người tố cáo được giữ bí mật "
                "với cơ quan bị tố cáo (khoản 3 Điều 8 Luật Tố cáo). %(name)s giải quyết tố cáo "
                "đối với Sở và người đứng đầu, cấp phó của Sở (khoản 4 Điều 13 Luật Tố cáo); Sở "
                "chuyển tố cáo đến đó và thông báo cho bạn (khoản 2 Điều 24 Luật Tố cáo)."
            ) % {"denounced": self.denounced, "name": self.name}
        if not self.relay_to:
            return ""
        where = {"name": self.name, "unit": self.relay_to}
        if self.keeps_identity:
            return _(
                "%(name)s giữ đơn để danh tính của bạn được giữ bí mật (khoản 3 Điều 8, Điều 47 "
                "Luật Tố cáo) và chuyển nội dung tố cáo, không kèm danh tính của bạn, đến "
                "%(unit)s, đơn vị giải quyết hồ sơ."
            ) % where
        return _("%(name)s sẽ chuyển đơn đến %(unit)s, đơn vị giải quyết hồ sơ.") % where


def province_chair_contact(*, denounced: str) -> CaseContact:
    """The Chủ tịch Ủy ban nhân dân tỉnh, at the Ủy ban's seat
    (`PORTAL_PROVINCE_COMMITTEE_ADDRESS`, else "trụ sở Ủy ban nhân dân tỉnh …"), with the
    usual office hours: where the letter of a denunciation of the Sở itself goes
    (`denounced`, its name)."""
    province = province_title()
    configured = (getattr(settings, "PORTAL_PROVINCE_COMMITTEE_ADDRESS", "") or "").strip()
    return CaseContact(
        name=_("Chủ tịch Ủy ban nhân dân %(province)s") % {"province": province},
        address=configured or _("trụ sở Ủy ban nhân dân %(province)s") % {"province": province},
        hours=str(_(DEFAULT_OFFICE_HOURS)),
        denounced=denounced,
    )


def case_contact(case) -> CaseContact:
    """Where the citizen reaches the unit handling `case` (`Case.assigned_unit`, the competent
    unit: `complaints.rules.resolver`), read from the reference data (no query): its name and
    address, with the usual office hours (`PORTAL_OFFICE_HOURS` is the Sở's); the Sở's own
    contact for a case of the Sở, or when the unit has no postal address (with `relay_to`); for
    a denunciation handled within the facility denounced, the Sở's, keeping the identity; the
    Chủ tịch Ủy ban nhân dân tỉnh's when the Sở is the body denounced (`letter_destination`)."""
    from complaints.selectors.identity import (
        LETTER_TO_PROVINCE,
        LETTER_TO_SO,
        letter_destination,
    )

    facilities = reference().facilities
    unit = facilities.get(getattr(case, "assigned_unit_id", None))
    destination = letter_destination(case) if unit is not None else ""
    if destination == LETTER_TO_PROVINCE:
        denounced = facilities.get(getattr(case, "facility_id", None))
        return province_chair_contact(denounced=denounced.name if denounced else unit.name)
    sở = department_contact()
    if unit is None or unit.kind in SO_UNIT_KINDS:
        return CaseContact(**sở)
    if destination == LETTER_TO_SO:
        return CaseContact(**sở, relay_to=unit.name, keeps_identity=True)
    address = (unit.address or "").strip()
    if not is_postal_address(address):
        # Empty, or a place name ("Quảng Ngãi") a letter does not reach: the Sở's address,
        # which passes the letter on; the admin home warns of it (`facility_gaps`).
        return CaseContact(**sở, relay_to=unit.name)
    return CaseContact(name=unit.name, address=address, hours=str(_(DEFAULT_OFFICE_HOURS)))
