"""Cases related to a case, for the staff case page: possible duplicates, linked
cases (split, second-time complaint), the same reporter's other cases, and other
cases about the same facility. Everything within the user's scope.

A denouncer is never revealed by a link (Luật TC Arts 8(3), 47; DOMAIN.md §5):
"the same reporter" is matched on phone, e-mail or ID number, and a match that
involves a tố cáo is shown only to a user who may see that denouncer's identity
(`complaints.selectors.identity.can_see_identity`). Otherwise the list would
tie a secret denouncer to their identified cases. Possible duplicates are found
by the reporter too (intake), and linked cases (split, second-time complaint) carry
a copy of the reporter, so both follow the same rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Q

from complaints.kinds import CaseKind
from complaints.models import Case, Reporter

RELATED_LIMIT = 10


@dataclass(frozen=True)
class RelatedCases:
    duplicates: list[Case] = field(default_factory=list)
    linked: list[Case] = field(default_factory=list)
    same_reporter: list[Case] = field(default_factory=list)
    same_facility: list[Case] = field(default_factory=list)
    # True when a same-reporter search was not made because the case's reporter is
    # a denouncer the user may not identify.
    reporter_hidden: bool = False

    def __bool__(self) -> bool:
        return bool(self.duplicates or self.linked or self.same_reporter or self.same_facility)


def _listing(queryset):
    return queryset.select_related("facility", "assigned_unit").only(
        "id",
        "tracking_code",
        "kind",
        "status",
        "title",
        "received_at",
        "anonymous",
        "facility__id",
        "facility__name",
        "assigned_unit__id",
        "assigned_unit__name",
    )


class _IdentityGuard:
    """Answers "may this user be shown a link through this case's reporter?".

    Without the denouncer-identity permission no tố cáo is linked at all (decided in
    SQL); with it, `can_see_identity` decides per case (it also keeps a denunciation
    away from staff of the facility denounced). `allows_listed` is the same rule for
    a case taken from the user's scope (no scope query; the subtree is cached)."""

    def __init__(self, user):
        self.user = user
        self.may_identify_denouncers = user.has_perm("complaints.view_denouncer_identity")

    def restrict(self, queryset):
        if self.may_identify_denouncers:
            return queryset
        return queryset.exclude(kind=CaseKind.TO_CAO)

    def allows(self, case: Case) -> bool:
        from complaints.selectors.identity import can_see_identity

        if case.kind != CaseKind.TO_CAO:
            return True
        return self.may_identify_denouncers and can_see_identity(case=case, user=self.user)

    def allows_listed(self, case: Case) -> bool:
        from complaints.selectors.identity import can_see_identity_in_scope

        if case.kind != CaseKind.TO_CAO:
            return True
        return self.may_identify_denouncers and can_see_identity_in_scope(case=case, user=self.user)


class CaseLinks(NamedTuple):
    """The tracking codes a case links to, as one user may follow them (None when hidden)."""

    parent_case: str | None
    possible_duplicate_of: str | None


# The fields of Case that link to another case through its reporter: every reader
# (API, admin page, history, exports, events) shows them only through `case_links`.
LINK_FIELDS = ("parent_case", "possible_duplicate_of")


def link_visible(*, case: Case, other: Case | None, user) -> bool:
    """Whether `user` may be shown that `case` is linked to `other`.

    A link between two cases is made through their reporter (a duplicate by the same
    person, a split or escalated part carrying a copy of the reporter): it is shown only
    when `other` is in the user's scope and the user may see the identity of each end
    that is a tố cáo (Luật TC Arts 8(3), 47). Otherwise the link would tie the denouncer
    to a case whose reporter the reader sees in full."""
    if other is None:
        return False
    if not Case.objects.in_scope_of(user).filter(pk=other.pk).exists():
        return False
    guard = _IdentityGuard(user)
    return guard.allows(case) and guard.allows(other)


def case_links(*, case: Case, user) -> CaseLinks:
    """`parent_case` and `possible_duplicate_of` of `case` as `user` may follow them."""
    codes = []
    for name in LINK_FIELDS:
        other = getattr(case, name) if getattr(case, f"{name}_id") else None
        codes.append(other.tracking_code if link_visible(case=case, other=other, user=user)
                     else None)
    return CaseLinks(*codes)


def related_cases(*, case: Case, user, limit: int = RELATED_LIMIT) -> RelatedCases:
    """The related cases the user may see, each list newest first, at most `limit`."""
    scoped = Case.objects.in_scope_of(user).exclude(pk=case.pk).order_by("-received_at", "-id")
    guard = _IdentityGuard(user)
    case_identity_visible = guard.allows(case)

    # Possible duplicates, in both directions.
    duplicates = []
    if case_identity_visible:
        dup_query = Q(possible_duplicate_of_id=case.pk)
        if case.possible_duplicate_of_id:
            dup_query |= Q(pk=case.possible_duplicate_of_id)
        candidates = _listing(guard.restrict(scoped.filter(dup_query)))[:limit]
        duplicates = [c for c in candidates if guard.allows_listed(c)]

    # Linked: the parent, and the cases split from or escalated from this one. They
    # carry a copy of the reporter: a tố cáo among them, or any link from a tố cáo
    # whose denouncer the user may not identify, would tie the denouncer to a case.
    linked = []
    if case_identity_visible:
        link_query = Q(parent_case_id=case.pk)
        if case.parent_case_id:
            link_query |= Q(pk=case.parent_case_id) | Q(parent_case_id=case.parent_case_id)
        candidates = _listing(guard.restrict(scoped.filter(link_query)))[:limit]
        linked = [c for c in candidates if guard.allows_listed(c)]

    # The same reporter, matched on what identifies a person.
    same_reporter: list[Case] = []
    reporter = Reporter.objects.filter(case_id=case.pk).first() if not case.anonymous else None
    if reporter is not None and case_identity_visible:
        match = Q()
        if reporter.phone.strip():
            match |= Q(reporter__phone=reporter.phone.strip())
        if reporter.email.strip():
            match |= Q(reporter__email__iexact=reporter.email.strip())
        if reporter.id_number.strip():
            match |= Q(reporter__id_number=reporter.id_number.strip())
        if match:
            candidates = _listing(guard.restrict(scoped.filter(match, anonymous=False)))[:limit]
            same_reporter = [c for c in candidates if guard.allows_listed(c)]

    same_facility: list[Case] = []
    if case.facility_id:
        same_facility = list(_listing(scoped.filter(facility_id=case.facility_id))[:limit])

    return RelatedCases(
        duplicates=duplicates,
        linked=linked,
        same_reporter=same_reporter,
        same_facility=same_facility,
        reporter_hidden=not case_identity_visible,
    )
