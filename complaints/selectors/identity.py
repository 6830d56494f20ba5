"""Who filed a case, as the person asking may see it (DOMAIN.md §2, §5).

Every screen, export, API answer and e-mail that shows a reporter goes through
`reporter_for` (one case) or `reporters_for` (a list). A denouncer's identity is
secret (Luật TC Arts 8(3), 9(1)(b), 47; NĐ 31/2019 Art 22): it is shown only to a user
with `complaints.view_denouncer_identity` who does not work for the facility denounced
(nor for a unit below it), never in exports, notifications or the search index, and
each view is logged (IdentityAccessLog: who, when, why)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind
from complaints.models import Case, IdentityAccessLog, Reporter
from complaints.querysets import facility_scope_of

__all__ = [
    "PURPOSES",
    "REDACTED",
    "ReporterView",
    "can_see_identity",
    "can_see_identity_in_scope",
    "reporter_for",
    "reporters_for",
]

REDACTED = _("Đã ẩn")

# Why the identity is read. A denouncer's identity never leaves the portal's screens:
# exports, notifications and the search index always get the redacted view.
SCREEN, API, EXPORT, NOTIFICATION, SEARCH, TIMELINE = (
    "screen", "api", "export", "notification", "search", "timeline",
)  # fmt: skip
PURPOSES = frozenset({SCREEN, API, EXPORT, NOTIFICATION, SEARCH, TIMELINE})
_NEVER_FOR_DENOUNCER = frozenset({EXPORT, NOTIFICATION, SEARCH})
IDENTITY_FIELDS = ("name", "phone", "email", "address", "id_number")


@dataclass(frozen=True)
class ReporterView:
    """The reporter as one user may see them. When `visible` is False every identity
    field holds the redaction mark; `anonymous` reporters have none to show."""

    visible: bool
    anonymous: bool
    name: str
    phone: str
    email: str
    address: str
    id_number: str
    consent_contact: bool
    truth_declaration: bool

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def display_name(self) -> str:
        if self.anonymous:
            return str(_("Ẩn danh"))
        return self.name or "—"


def _redacted(*, anonymous: bool, reporter: Reporter | None) -> ReporterView:
    mark = "" if anonymous else str(REDACTED)
    return ReporterView(
        visible=False,
        anonymous=anonymous,
        **dict.fromkeys(IDENTITY_FIELDS, mark),
        consent_contact=bool(reporter and reporter.consent_contact),
        truth_declaration=bool(reporter and reporter.truth_declaration),
    )


def _shown(reporter: Reporter, *, anonymous: bool) -> ReporterView:
    return ReporterView(
        visible=True,
        anonymous=anonymous,
        **{name: getattr(reporter, name) for name in IDENTITY_FIELDS},
        consent_contact=reporter.consent_contact,
        truth_declaration=reporter.truth_declaration,
    )


def _denounced_units_of(user) -> frozenset[int]:
    """The facilities `user` works for and every unit below them: a denunciation of
    one of these is about the user's own organisation."""
    return facility_scope_of(user)


def _allowed(case: Case, *, user, purpose: str, in_scope: bool, own_units: frozenset[int]) -> bool:
    if not in_scope:
        return False
    if case.kind != CaseKind.TO_CAO:
        return True
    if purpose in _NEVER_FOR_DENOUNCER or not user.has_perm("complaints.view_denouncer_identity"):
        return False
    # Never to the facility denounced: the case's facility within the subtree of a
    # facility the user works for (Luật TC Art 8(3)).
    return case.facility_id is None or case.facility_id not in own_units


def can_see_identity(*, case: Case, user, purpose: str = SCREEN) -> bool:
    """Whether `user` may see the reporter's identity of `case` for `purpose` (no log)."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    in_scope = Case.objects.in_scope_of(user).filter(pk=case.pk).exists()
    own = _denounced_units_of(user) if case.kind == CaseKind.TO_CAO else frozenset()
    return _allowed(case, user=user, purpose=purpose, in_scope=in_scope, own_units=own)


def can_see_identity_in_scope(*, case: Case, user, purpose: str = SCREEN) -> bool:
    """`can_see_identity` for a case taken from `Case.objects.in_scope_of(user)`: no
    scope query, and the user's subtree is read once per user (lists)."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    own = _denounced_units_of(user) if case.kind == CaseKind.TO_CAO else frozenset()
    return _allowed(case, user=user, purpose=purpose, in_scope=True, own_units=own)


def reporter_for(*, case: Case, user, purpose: str) -> ReporterView:
    """The reporter of `case` as `user` may see them; logs the view of a denouncer."""
    return reporters_for(cases=[case], user=user, purpose=purpose)[case.pk]


def reporters_for(*, cases, user, purpose: str) -> dict[int, ReporterView]:
    """`reporter_for` for many cases in a bounded number of queries (lists, exports):
    {case.pk: ReporterView}. One IdentityAccessLog row per denouncer shown."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    cases = list(cases)
    if not cases:
        return {}
    ids = [case.pk for case in cases]
    in_scope = set(Case.objects.in_scope_of(user).filter(pk__in=ids).values_list("pk", flat=True))
    reporters = {r.case_id: r for r in Reporter.objects.filter(case_id__in=ids)}
    needs_units = any(case.kind == CaseKind.TO_CAO for case in cases)
    own = _denounced_units_of(user) if needs_units and user.is_authenticated else frozenset()
    views, logs = {}, []
    for case in cases:
        reporter = reporters.get(case.pk)
        allowed = _allowed(
            case, user=user, purpose=purpose, in_scope=case.pk in in_scope, own_units=own
        )
        if reporter is None or not allowed:
            views[case.pk] = _redacted(anonymous=case.anonymous, reporter=reporter)
            continue
        views[case.pk] = _shown(reporter, anonymous=case.anonymous)
        if case.kind == CaseKind.TO_CAO and not case.anonymous:
            logs.append(IdentityAccessLog(case=case, user=user, purpose=purpose))
    if logs:
        IdentityAccessLog.objects.bulk_create(logs)
    return views
