"""Who filed a case, as the person asking may see it (DOMAIN.md §2, §5).

Every screen, export, API answer and e-mail that shows a reporter goes through
`reporter_for` (one case) or `reporters_for` (a list). A denouncer's identity is
secret (Luật TC Arts 8(3), 9(1)(b), 47; NĐ 31/2019 Art 22). It is shown only when every
rule of `DENOUNCER_IDENTITY_RULES` holds: the case is in the user's scope, the user holds
`complaints.view_denouncer_identity`, handles or supervises this very case (Luật TC Art 56:
the permission is no key to every denouncer of the province), and works for no unit
within the denounced facility's subtree (the facility itself or a unit under it; an
inspector without a unit works for the Sở's own units); never
in exports, notifications or the search index; each view is logged (IdentityAccessLog:
who, when, why). A denouncer's files go with the identity (`attachments_for`)."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind
from complaints.models import Case, IdentityAccessLog, Reporter
from complaints.querysets import facility_scope_of

__all__ = [
    "PURPOSES",
    "REDACTED",
    "ReporterView",
    "attachments_for",
    "attachments_hidden",
    "can_see_identity",
    "can_see_identity_in_scope",
    "denouncers_found",
    "handled_within_denounced",
    "handles_case",
    "letter_actor_refusal",
    "letter_destination",
    "reporter_for",
    "reporters_for",
    "withheld_reason",
    "within_denounced",
    "works_for_unit",
]

REDACTED = _("Đã ẩn")

# Why the identity is read. A denouncer's identity never leaves the portal's screens:
# exports, notifications and the search index always get the redacted view.
SCREEN, API, EXPORT, NOTIFICATION, SEARCH, TIMELINE = (
    "screen", "api", "export", "notification", "search", "timeline",
)  # fmt: skip
# A case found by what the staff typed matching its reporter's name, phone or e-mail
# (`complaints.selectors.reporter_lookup`): for a tố cáo, that names its denouncer, a view
# of the identity as the case page's (logged, Điều 47 Luật Tố cáo).
LOOKUP = "lookup"
# A file that may name the denouncer (their letter, a scan, an issued document) leaving the
# portal to the user's machine: allowed as SCREEN, logged as a download (Điều 47 Luật Tố cáo).
DOWNLOAD = "download"
PURPOSES = frozenset({SCREEN, API, EXPORT, NOTIFICATION, SEARCH, TIMELINE, DOWNLOAD, LOOKUP})
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
    # The SMS notices' consent and when the consents were given: contact data, so only in
    # a view that shows the identity (None otherwise).
    consent_sms: bool | None = None
    consent_recorded_at: datetime.datetime | None = None

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
        consent_sms=reporter.consent_sms,
        consent_recorded_at=reporter.consent_recorded_at,
    )


# Who may see a denouncer's identity: every row must hold, each with its article.
DENOUNCER_IDENTITY_RULES = (
    ("in_scope", "Điều 8 Luật Tố cáo: chỉ người có thẩm quyền giải quyết"),
    ("purpose", "Điều 47 Luật Tố cáo: không đưa vào báo cáo xuất, thư, chỉ mục tìm kiếm"),
    ("permission", "Điều 47 Luật Tố cáo: quyền xem danh tính người tố cáo"),
    ("handles_case", "Điều 56 Luật Tố cáo: người được giao giải quyết hoặc lãnh đạo phụ trách"),
    ("not_denounced", "Điều 8, 47 Luật Tố cáo: không tiết lộ cho cơ sở bị tố cáo và cấp dưới"),
)
# What the case page tells a holder of the permission who does not handle the case (the
# `handles_case` row), who would otherwise read "Đã ẩn" with no reason.
NOT_HANDLER = _(
    "Chỉ cán bộ được giao giải quyết hồ sơ tố cáo này hoặc lãnh đạo phụ trách mới xem được "
    "danh tính người tố cáo (Điều 56 Luật Tố cáo)."
)


@dataclass(frozen=True)
class _UserUnits:
    """What the rules need to know about a user, read once per user (lists)."""

    roots: frozenset[int]  # the units the user works for (FacilityMembership)
    scope: frozenset[int]  # those and every unit below them
    may_identify: bool
    may_supervise: bool
    province_wide: bool  # view_all_cases: an inspector of the Sở's own units
    press_office: bool = False  # view_press_cases: of the Sở's office, for press cases


def _units_of(user) -> _UserUnits:
    cached = getattr(user, "_identity_units", None)
    if cached is None:
        scope = facility_scope_of(user) if user.is_authenticated else frozenset()
        cached = _UserUnits(
            roots=getattr(user, "_case_scope_roots", frozenset()),
            scope=scope,
            may_identify=user.has_perm("complaints.view_denouncer_identity"),
            may_supervise=user.has_perm("complaints.approve_case"),
            province_wide=user.has_perm("complaints.view_all_cases"),
            press_office=user.has_perm("complaints.view_press_cases"),
        )
        user._identity_units = cached
    return cached


def _denounced_subtree(facility_id: int | None) -> frozenset[int]:
    """The facility denounced and every unit below it (Luật TC Art 8(3))."""
    if facility_id is None:
        return frozenset()
    from complaints.models import Facility

    return frozenset(Facility.objects.subtree_ids([facility_id]))


def handles_case(case: Case, *, user, units: _UserUnits | None = None) -> bool:
    """Luật TC Art 56: the officer the case is assigned to, or a leader (approve_case)
    of the unit handling it or of a unit above that unit. The officer is one of the
    unit's people, named by a leader (the workflow's `assign`, the only write of
    `assigned_user`: khoản 1 Điều 31, Điều 47 Luật Tố cáo)."""
    units = units or _units_of(user)
    if case.assigned_user_id is not None and case.assigned_user_id == user.pk:
        return _works_for_unit(case.assigned_unit_id, units, case_kind=case.kind)
    return units.may_supervise and case.assigned_unit_id in units.scope


def works_for_unit(*, user, unit_id: int | None) -> bool:
    """`is_unit_staff` for an officer already allowed to act on cases, from the units the
    request has read for its scope (no query of its own): who may take a step reserved to
    the people of the case's unit (the dialogue's organizer, rules/dialogue.py)."""
    return _works_for_unit(unit_id, _units_of(user))


def _works_for_unit(
    unit_id: int | None, units: _UserUnits, *, case_kind: str | None = None
) -> bool:
    """Whether the officer named is still one of the unit's people (`is_unit_staff`,
    from what `_units_of` holds, no query): a member of the unit itself, of one of the Sở's
    parts for the Sở itself, or an inspector of the province who belongs to no unit, for the
    Sở's own units, or an officer of the press office of no unit, for the Sở's office's
    press cases (`press_office_counts`). An assignment made
    before `assign` checked this, or left standing after the officer moved, gives no
    access to the denouncer (Điều 47, Điều 56 Luật Tố cáo)."""
    if unit_id in units.roots:
        return True
    from complaints.selectors.unit_staff import (
        SO_UNITS,
        press_office_counts,
        works_through_part,
    )
    from complaints.services.reference import reference

    facilities = reference().facilities
    unit = facilities.get(unit_id)
    if unit is None:
        return False
    if units.roots:
        member_of = [facilities[pk] for pk in units.roots if pk in facilities]
        return works_through_part(unit=unit, member_of=member_of)
    return (units.province_wide and unit.kind in SO_UNITS) or (
        units.press_office and press_office_counts(unit_kind=unit.kind, case_kind=case_kind)
    )


def _allowed(
    case: Case, *, user, purpose: str, in_scope: bool, subtrees: dict | None = None
) -> bool:
    if not in_scope:
        return False
    if case.kind != CaseKind.TO_CAO:
        return True
    units = _units_of(user)
    if purpose in _NEVER_FOR_DENOUNCER or not units.may_identify:
        return False
    if not handles_case(case, user=user, units=units):
        return False
    return _outside_denounced(case, units=units, subtrees=subtrees)


def _outside_denounced(case: Case, *, units: _UserUnits, subtrees: dict | None = None) -> bool:
    """The `not_denounced` rule: never to the facility denounced nor to a unit under it,
    where the user works for a unit within the denounced facility's subtree (Luật TC Art
    8(3)). A unit above the facility may be the competent one (Art 12(1)). An inspector
    without a unit works for the Sở's own units, as `_works_for_unit` counts them."""
    if case.facility_id is None:
        return True
    if not units.roots:
        return not (units.province_wide and _sos_own_unit_denounced(case.facility_id))
    return not within_denounced(case, units.roots, subtrees=subtrees)


def within_denounced(case: Case, unit_ids, *, subtrees: dict | None = None) -> bool:
    """Whether one of `unit_ids` is the facility denounced in `case` or a unit under it (khoản 3
    Điều 8 Luật Tố cáo): the `not_denounced` rule's test of the units a user works for, and
    of the unit handling the case (`handled_within_denounced`). `subtrees` keeps the
    denounced facilities' subtrees read (lists)."""
    if case.facility_id is None:
        return False
    subtrees = subtrees if subtrees is not None else {}
    if case.facility_id not in subtrees:
        subtrees[case.facility_id] = _denounced_subtree(case.facility_id)
    return bool(frozenset(unit_ids) & subtrees[case.facility_id])


def handled_within_denounced(case: Case) -> bool:
    """A denunciation whose handling unit is the facility denounced or a unit under it: its
    head resolves it (khoản 1 Điều 12, Điều 13 Luật Tố cáo), yet its people never see the
    denouncer (`not_denounced`). So the signed letter and the withdrawal, which name the
    denouncer, go to the Sở, never to that unit (`complaints.selectors.contact.case_contact`),
    and only who may see the denouncer records them (`letter_actor_refusal`); when the Sở
    itself is denounced, to the Chủ tịch Ủy ban nhân dân tỉnh (`letter_destination`)."""
    return (
        case.kind == CaseKind.TO_CAO
        and case.assigned_unit_id is not None
        and within_denounced(case, {case.assigned_unit_id})
    )


# Where the denouncer's signed letter (and a withdrawal) goes when the unit handling the
# denunciation may not keep it (`letter_destination`): the Sở keeps it for a facility denounced
# below it; when the Sở itself (its department unit, or a body above it) is denounced, no one
# of the Sở may (khoản 3 Điều 8 Luật Tố cáo), and the Chủ tịch Ủy ban nhân dân tỉnh resolves
# a denunciation of the Sở and of its head and deputy heads (khoản 4 Điều 13 Luật Tố cáo):
# the Sở forwards it there and tells the denouncer (khoản 2 Điều 24 Luật Tố cáo).
LETTER_TO_SO, LETTER_TO_PROVINCE = "so", "province"


def letter_destination(case: Case) -> str:
    """"" when the letter goes to the unit handling `case`; for a denunciation handled
    within the facility denounced (`handled_within_denounced`), `LETTER_TO_SO`, or
    `LETTER_TO_PROVINCE` when the facility denounced is the Sở itself (its department
    unit) or above it, so that the whole Sở is within what is denounced. Reference data
    and the one subtree `handled_within_denounced` reads."""
    if not handled_within_denounced(case):
        return ""
    from complaints.services.reference import reference

    department = reference().department()
    so_denounced = department is not None and (
        department.pk == case.facility_id
        or any(above.pk == case.facility_id for above in department.ancestors())
    )
    return LETTER_TO_PROVINCE if so_denounced else LETTER_TO_SO


# Why a step that reads the denouncer's signed letter (the signature, a withdrawal) is closed.
LETTER_KEPT = _(
    "Đơn có chữ ký của người tố cáo được gửi đến Sở và giữ bí mật cùng danh tính người tố cáo, "
    "vì đơn vị giải quyết thuộc cơ sở bị tố cáo: chỉ người được xem danh tính người tố cáo của "
    "hồ sơ này mới ghi nhận bước này (khoản 3 Điều 8, Điều 47 Luật Tố cáo)."
)
# The same when the Sở itself is the body denounced (`LETTER_TO_PROVINCE`).
LETTER_TO_CHAIR = _(
    "Tố cáo nhắm vào chính Sở hoặc người của Sở: đơn có chữ ký của người tố cáo không gửi đến "
    "Sở, cơ quan bị tố cáo, và không ai của Sở ghi nhận đơn này (khoản 3 Điều 8, Điều 47 Luật "
    "Tố cáo). Chủ tịch Ủy ban nhân dân tỉnh giải quyết tố cáo đối với Sở và người đứng đầu, "
    "cấp phó của Sở (khoản 4 Điều 13 Luật Tố cáo): hãy chuyển tố cáo đến đó trong 05 ngày làm "
    "việc và thông báo cho người tố cáo (khoản 2 Điều 24 Luật Tố cáo)."
)


def letter_actor_refusal(case: Case, user) -> str | None:
    """Why `user` may not record what the denouncer's signed letter says (the signature, a
    withdrawal) on `case`: a denunciation handled within the facility denounced
    (`letter_destination`), its letter kept by the Sở, is recorded only by who may see
    its denouncer (`can_see_identity`); one of the Sở itself, by no one of the Sở, who
    forward it to the Chủ tịch Ủy ban nhân dân tỉnh. None otherwise."""
    destination = letter_destination(case)
    if not destination or can_see_identity(case=case, user=user):
        return None
    return str(LETTER_TO_CHAIR if destination == LETTER_TO_PROVINCE else LETTER_KEPT)


def _sos_own_unit_denounced(facility_id: int) -> bool:
    """Whether the facility denounced is one of the Sở's own units or above one (the
    Sở itself): the units whose people an inspector of the province without a unit of
    their own is (`_works_for_unit`, `unit_staff`). Named handler of those units, they
    are their staff when one of them is denounced, as their members are (khoản 3
    Điều 8, Điều 47 Luật Tố cáo). From the units' copy `_works_for_unit` reads: no
    query."""
    from complaints.selectors.unit_staff import SO_UNITS
    from complaints.services.reference import reference

    return any(
        unit.pk == facility_id or any(a.pk == facility_id for a in unit.ancestors())
        for unit in reference().facilities.values()
        if unit.kind in SO_UNITS
    )


def can_see_identity(*, case: Case, user, purpose: str = SCREEN) -> bool:
    """Whether `user` may see the reporter's identity of `case` for `purpose` (no log)."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    in_scope = Case.objects.in_scope_of(user).filter(pk=case.pk).exists()
    return _allowed(case, user=user, purpose=purpose, in_scope=in_scope)


def withheld_reason(*, case: Case, user) -> str:
    """Why the denouncer of `case`, in `user`'s scope, is hidden from them when the only
    rule they fail is `handles_case`: they hold `view_denouncer_identity` but neither
    handle nor supervise this case. Empty otherwise (not a named denouncer, no permission,
    they handle it, or they work within the facility denounced: told nothing more)."""
    if case.kind != CaseKind.TO_CAO or case.anonymous:
        return ""
    units = _units_of(user)
    if not units.may_identify or handles_case(case, user=user, units=units):
        return ""
    return str(NOT_HANDLER) if _outside_denounced(case, units=units) else ""


def attachments_hidden(*, case: Case, user) -> bool:
    """Whether the files of `case` are kept from `user`. A denouncer's files carry their
    hand, signature and papers, and their very names may carry the name and id number,
    so they follow the identity (khoản 3 Điều 8, Điều 47 Luật Tố cáo): neither named
    nor offered to pick to whoever may not see it. A form built for no user in
    particular offers none of them."""
    if case.kind != CaseKind.TO_CAO:
        return False
    return user is None or not can_see_identity(case=case, user=user)


def attachments_for(*, case: Case, user):
    """The attachments of `case` that `user` may see named and pick (`attachments_hidden`
    the rule: the case page and every step form, on the case page, on its own page or
    in a document draft, read it), and the only ones the workflow's `attachment` field
    takes, from a form or the API."""
    if attachments_hidden(case=case, user=user):
        return case.attachments.none()
    return case.attachments.all()


def can_see_identity_in_scope(*, case: Case, user, purpose: str = SCREEN) -> bool:
    """`can_see_identity` for a case taken from `Case.objects.in_scope_of(user)`: no
    scope query, and the user's subtree is read once per user (lists)."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    return _allowed(case, user=user, purpose=purpose, in_scope=True)


def denouncers_found(*, cases, user) -> set[int]:
    """Of the tố cáo `cases`, taken from `Case.objects.in_scope_of(user)` and found by their
    denouncer's name, phone or e-mail (LOOKUP), the ids of those whose denouncer `user` may
    see (`DENOUNCER_IDENTITY_RULES`), one IdentityAccessLog row each: the case found names
    its denouncer. Three queries at most however many cases: the denounced facilities'
    subtrees read at once, the log rows written at once."""
    cases = [case for case in cases if case.kind == CaseKind.TO_CAO and not case.anonymous]
    if not cases:
        return set()
    units = _units_of(user)
    facilities = {case.facility_id for case in cases if case.facility_id is not None}
    subtrees = {}
    if units.may_identify and units.roots and facilities:
        from complaints.models import Facility

        subtrees = {
            pk: frozenset(ids) for pk, ids in Facility.objects.subtrees(facilities).items()
        }
    allowed = [
        case for case in cases
        if _allowed(case, user=user, purpose=LOOKUP, in_scope=True, subtrees=subtrees)
    ]
    IdentityAccessLog.objects.bulk_create(
        [IdentityAccessLog(case=case, user=user, purpose=LOOKUP) for case in allowed]
    )
    return {case.pk for case in allowed}


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
    subtrees: dict = {}
    views, logs = {}, []
    for case in cases:
        reporter = reporters.get(case.pk)
        allowed = _allowed(
            case, user=user, purpose=purpose, in_scope=case.pk in in_scope, subtrees=subtrees
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
