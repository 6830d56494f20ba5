"""What the administrator is warned of about the facilities the public form offers (the
admin home's panel, `complaints.admin.hooks.FacilityGapsPanel`), so that a gap in the
reference data is shown, not guessed around silently:

- a unit under the Sở with no leader account: its head resolves the complaints about it
  (Điều 19 Luật Khiếu nại: Thủ trưởng cơ quan thuộc sở), and only a leader of the competent
  unit may accept or decide them (`complaints.rules.resolver.is_competent_leader`), so such
  a complaint waits for no one until its deadline;
- a facility whose address is a place name ("Quảng Ngãi"), not an address a letter reaches:
  the letter and withdrawal instructions name the Sở's address instead
  (`complaints.selectors.contact.case_contact`), and the facility's should be completed.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from complaints.models import Facility, FacilityKind, FacilityMembership
from complaints.selectors.contact import SO_UNIT_KINDS, is_postal_address
from complaints.selectors.permission_holders import holding


def _offered():
    """The facilities the public form offers (`complaints.forms.facility_choices`)."""
    return Facility.objects.active().exclude(kind=FacilityKind.EXTERNAL)


def facilities_without_leader() -> list[Facility]:
    """The units directly under the Sở (its own units aside: the Sở's leaders decide for
    them) that no active user leads:
    a member holding `approve_case`. One query."""
    leaders = get_user_model().objects.filter(is_active=True).filter(holding("approve_case"))
    led = FacilityMembership.objects.filter(
        facility_id=OuterRef("pk"), user__in=leaders.values("pk")
    )
    return list(
        _offered()
        .filter(parent__kind=FacilityKind.DEPARTMENT)
        .exclude(kind__in=SO_UNIT_KINDS)
        .exclude(Exists(led))
        .order_by("name")
        .only("code", "name")
    )


def facilities_without_postal_address() -> list[Facility]:
    """The offered facilities whose address is not a postal address (empty or a place
    name). One query."""
    return [
        facility
        for facility in _offered().order_by("name").only("code", "name", "address")
        if not is_postal_address(facility.address)
    ]
