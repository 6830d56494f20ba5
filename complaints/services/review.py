"""Review by the level above (`complaints.rules.review`): who reviews a decision in force."""

from __future__ import annotations

from complaints.citations import citation_read
from complaints.models import Facility, FacilityKind
from complaints.querysets import facility_scope_of
from complaints.rules.review import OWN_UNIT_REFUSAL, REVIEW_ARTICLES, REVIEWED_KINDS


def review_body(case) -> tuple[Facility | None, str]:
    """(unit of the portal, name) of the level directly above the unit that decided; above the
    Sở it is the Chủ tịch UBND tỉnh, outside the portal (unit None)."""
    from complaints.services.routing import PROVINCE_CHAIR, facility_receives_cases

    deciding = case.assigned_unit
    if deciding is None:
        return None, PROVINCE_CHAIR
    above = next((a for a in deciding.ancestors() if facility_receives_cases(a)), None)
    if above is None:
        return None, PROVINCE_CHAIR
    return above, above.name


def review_refusal(*, case, user) -> str | None:
    """Why `user` may not record the review: only the level above (its members, or the Sở's
    province-wide staff when the Sở is above or records the decision of the UBND tỉnh)."""
    if case.kind not in REVIEWED_KINDS or user.is_superuser:
        return None
    above, name = review_body(case)
    province_wide = user.has_perm("complaints.view_all_cases")
    if above is None:
        allowed = province_wide
    else:
        allowed = above.pk in facility_scope_of(user) or (
            province_wide and above.kind == FacilityKind.DEPARTMENT
        )
    if allowed:
        return None
    article = citation_read(REVIEW_ARTICLES[case.kind])
    return str(OWN_UNIT_REFUSAL % {"above": name, "article": article})
