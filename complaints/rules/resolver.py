"""Who takes a complaint's or a denunciation's decisions: a leader of the competent unit.

A complaint is resolved by the head of the unit competent for it, not by whoever is above:
the first time by the head of the public health facility whose decision or act is
complained of (khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP; for a body of the Sở, Điều 19,
khoản 1 Điều 20 Luật Khiếu nại), the second time by the head of the body managing it, the
Giám đốc Sở (khoản 2 Điều 20 Luật Khiếu nại; khoản 3 Điều 3 Nghị định 124/2020/NĐ-CP). A
denunciation is resolved by the head of the body managing the denounced person (khoản 1
Điều 12, Điều 13 Luật Tố cáo). The portal routes each case to that unit
(`complaints.services.routing`, checked before acceptance by
`complaints.services.competence.competence_refusal`), so the competent unit is the case's
handling unit (`Case.assigned_unit`).

So the head's written decisions (`HEAD_DECISIONS`: acceptance and its refusal, conclusion,
extension, suspension, resumption, the extension of a complaint's verification period) are
taken only by a leader (`complaints.approve_case`) who is a member of that unit: a leader
of a unit above who merely sees the case (a Sở leader sees the facilities below) is
refused. A unit above that takes a denunciation over (Điều 13 Luật
Tố cáo) does it by its own procedure first: it gives the case to itself ("Giao xử lý", the
`assign` step, recorded as a routing decision with its reason), and then its leader decides.
An accepted complaint is not taken over: the assignment refuses to give it to a unit the
competence rules do not name (`complaints.rules.competence.ACCEPTED_COMPLAINT_STAYS`).
Nor does a unit above take a first complaint's other steps once it is accepted (its
verification, dialogue, withdrawal, notices, closing), nor propose its acceptance or decision:
the head has it verified by the people the head assigns (khoản 1 Điều 29 Luật Khiếu nại), so
only the people of the competent unit take them (`outside_unit_refusal`, read by
`Transition.actor_refusal` and by the approvals); the Sở's officers still route it, record
the second complaint and review a decision in force (`ABOVE_STEPS`).
The workflow's permission check (`complaints.services.workflow._check`), the case page's
list of steps (`complaints.transitions.allowed_actions`), the approvals queue
(`complaints.approvals.selectors.approval_queue`) and the issue of a decision document
(`complaints.documents.services.document_issue`) read this module.

The refusal to accept (không thụ lý, the `reject` step) of a complaint or a denunciation
is such a decision: the person competent to resolve it accepts it or, when it fails a
condition of the law, refuses it and says why (Điều 27, khoản 1 Điều 36 Luật Khiếu nại:
"người có thẩm quyền giải quyết khiếu nại … trường hợp không thụ lý giải quyết thì phải nêu
rõ lý do"; khoản 1 Điều 24, khoản 1 Điều 29 Luật Tố cáo: the person resolving the
denunciation does not accept it and tells the denouncer why). A handler proposes it and the
leader approves it (`complaints.approvals.rules`); its notice (Mẫu số 04, the thông báo
không thụ lý tố cáo) is the leader's document, signed as the unit's head. A phản ánh's or
kiến nghị's refusal stays the handling unit's step. A unit that is not competent for the
case, e.g. the Văn phòng Sở holding an intake the rules name another unit or a body outside
the portal for, does not refuse it: the step is closed by the same competence rules as the
acceptance (`complaints.transitions._reject_refusal`, `complaints.services.competence`),
and its handlers forward it or hand it on (neither is a head's decision); a handler who
asks gets that reason, not the advice to propose. A case the rules leave to the Sở's intake
officers (DOMAIN.md §3a(7), manual routing) is, for its refusal as for its acceptance, the
unit's the officers give it to (or keep it with).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.kinds import CaseKind, CaseStatus
from portal.lazy_text import lazy_message

LEADER_PERMISSION = "complaints.approve_case"

# The kinds whose resolver the law names (Luật Khiếu nại, Luật Tố cáo). Phản ánh, kiến
# nghị and press reports are answered by the handling unit as its working rules say.
RESOLVER_KINDS = frozenset({CaseKind.KHIEU_NAI, CaseKind.TO_CAO})

# The steps that are the resolver's written decisions (complaints/approvals/rules.py:
# Điều 27, 31, 36, 40 Luật Khiếu nại, khoản 1, khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP;
# Điều 24, 29, 30, 34, 35 Luật Tố cáo), each a row of complaints/transitions.py that
# needs `approve_case`. `reject`, the refusal to accept: Điều 27, khoản 1 Điều 36 Luật
# Khiếu nại; khoản 1 Điều 24, khoản 1 Điều 29 Luật Tố cáo. `extend_verification`, the
# extension of a complaint's verification period: "người giải quyết khiếu nại xem xét gia
# hạn thời gian xác minh" (khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP, Mẫu số 04A-KN).
HEAD_DECISIONS = frozenset(
    {"accept", "reject", "conclude", "extend", "extend_acceptance", "suspend", "resume",
     "extend_verification"}
)

# The articles, translated for an English reader (the English catalogue's own style).
FIRST_COMPLAINT_ARTICLE = gettext_lazy(
    "khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP; Điều 19, khoản 1 Điều 20 Luật Khiếu nại"
)
SECOND_COMPLAINT_ARTICLE = gettext_lazy(
    "khoản 2 Điều 20 Luật Khiếu nại; khoản 3 Điều 3 Nghị định 124/2020/NĐ-CP"
)
DENUNCIATION_ARTICLE = gettext_lazy("khoản 1 Điều 12, Điều 13 Luật Tố cáo")


def article_for(case):
    """The articles naming the resolver of `case` (its kind and, for a complaint, round),
    lazy: read in the reader's language."""
    if case.kind == CaseKind.TO_CAO:
        return DENUNCIATION_ARTICLE
    return SECOND_COMPLAINT_ARTICLE if case.second_time else FIRST_COMPLAINT_ARTICLE


def is_head_decision(*, case, action: str) -> bool:
    """Whether `action` on `case` is its resolver's written decision."""
    return case.kind in RESOLVER_KINDS and action in HEAD_DECISIONS


def unit_ids_of(user) -> frozenset[int]:
    """The units `user` is a member of (FacilityMembership), not the units below them."""
    from complaints.querysets import facility_scope_of

    facility_scope_of(user)  # reads and keeps the user's units for the request
    return getattr(user, "_case_scope_roots", frozenset())


def is_competent_leader(*, case, user) -> bool:
    """Whether `user` is a leader of the unit competent for `case` (its handling unit).
    A superuser (the system's administrator, who holds every permission) is let through, as
    everywhere in the portal: the account is for repairs, not a unit's leader's daily work."""
    if user.is_superuser:
        return True
    return (
        case.assigned_unit_id is not None
        and user.has_perm(LEADER_PERMISSION)
        and case.assigned_unit_id in unit_ids_of(user)
    )


def competent_unit_refusal(*, case, actor, label: str):
    """The refusal, with the articles, when `actor` is not a leader of the competent unit;
    `label` is the step's or the document's name. Lazy (`portal.lazy_text`): read in the
    reader's language, the service's Vietnamese or an API caller's English."""
    if case.assigned_unit is None:
        return lazy_message(
            gettext_lazy(
                "Chưa “%(label)s” được: hồ sơ chưa giao đơn vị có thẩm quyền giải quyết "
                "(%(article)s). Hãy giao xử lý cho đơn vị có thẩm quyền trước."
            ),
            label=label, article=article_for(case),
        )
    values = {"unit": case.assigned_unit.name, "label": label, "article": article_for(case)}
    if case.kind != CaseKind.TO_CAO:
        # A complaint is not taken over by a unit above (Luật Khiếu nại; the assignment
        # refuses it after acceptance: complaints.rules.competence.ACCEPTED_COMPLAINT_STAYS).
        return lazy_message(
            gettext_lazy(
                "Chỉ lãnh đạo %(unit)s, đơn vị có thẩm quyền giải quyết hồ sơ này, được "
                "“%(label)s” (%(article)s). Lãnh đạo đơn vị khác, kể cả đơn vị cấp trên, "
                "không quyết định thay."
            ),
            **values,
        )
    return lazy_message(
        gettext_lazy(
            "Chỉ lãnh đạo %(unit)s, đơn vị có thẩm quyền giải quyết hồ sơ này, được “%(label)s” "
            "(%(article)s). Lãnh đạo đơn vị khác, kể cả đơn vị cấp trên, không quyết định thay; "
            "nếu cấp trên giải quyết theo thẩm quyền của mình thì trước hết giao xử lý hồ sơ "
            "cho đơn vị cấp trên."
        ),
        **values,
    )


def resolver_refusal(*, case, action: str, actor, label: str) -> str | None:
    """Why `actor` may not take the decision `action` on `case`, or None when they may (or
    when the step is not a resolver's decision of a complaint or a denunciation)."""
    if not is_head_decision(case=case, action=action):
        return None
    if is_competent_leader(case=case, user=actor):
        return None
    return competent_unit_refusal(case=case, actor=actor, label=label)


def document_signer_refusal(*, document, actor) -> str | None:
    """Why `actor` may not issue `document`, or None. A complaint's or a denunciation's
    decision document (the document of a `HEAD_DECISIONS` step) is issued by a leader of
    the competent unit, in that unit's name (the draft's issuing unit is the case's
    handling unit), and signed with the title of its head (`SIGNER_TITLES` by the unit's
    kind; a deputy signs "KT." that title): never as another unit's head."""
    from complaints.rules.documents import SIGNER_TITLES

    case = document.case
    if not is_head_decision(case=case, action=document.action):
        return None
    label = gettext_lazy("Ban hành văn bản")
    if not is_competent_leader(case=case, user=actor):
        return competent_unit_refusal(case=case, actor=actor, label=label)
    issuer = document.issuer
    if issuer.pk != case.assigned_unit_id:
        return _(
            "Dự thảo này được lập với cơ quan ban hành là %(issuer)s, nhưng đơn vị có thẩm quyền "
            "giải quyết hồ sơ là %(unit)s (%(article)s): hãy hủy và lập lại dự thảo."
        ) % {
            "issuer": issuer.name,
            "unit": case.assigned_unit.name if case.assigned_unit else "—",
            "article": article_for(case),
        }
    head = SIGNER_TITLES.get(issuer.kind, "THỦ TRƯỞNG CƠ QUAN")
    signed_as = document.principal_title if document.signer_authority else document.signer_title
    if " ".join(signed_as.upper().split()) != head:
        return _(
            "Văn bản giải quyết của %(unit)s ký với chức vụ người đứng đầu đơn vị: “%(head)s” "
            "(cấp phó ký “KT. %(head)s”), không phải “%(given)s” (%(article)s)."
        ) % {
            "unit": issuer.name,
            "head": head,
            "given": signed_as,
            "article": article_for(case),
        }
    return None


# ---- a unit above and a first complaint's resolution ---------------------------------------
#
# A first complaint (khiếu nại lần đầu) against a facility's decision or act is resolved by
# the facility's head (khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP; Điều 19, khoản 1 Điều 20
# Luật Khiếu nại), who accepts it, has it verified by the people the head assigns (khoản 1
# Điều 29 Luật Khiếu nại), organizes the dialogue (Điều 30) and decides (Điều 31); an
# accepted complaint is not taken over by a unit above (`ACCEPTED_COMPLAINT_STAYS`; the Luật
# Khiếu nại has no take-over such as Điều 13 Luật Tố cáo). An officer of a unit above who
# sees the case (a Thanh tra Sở inspector, an intake officer or a leader of the Sở, who are
# not the facility's people: `complaints.selectors.identity.works_for_unit`) therefore takes
# none of its resolution's steps; what is left to them, besides reading and watching it:
ABOVE_STEPS = frozenset({
    # the routing of a case by the Sở's officers (DOMAIN.md §3a(7)): once a complaint is
    # accepted it only keeps it in its unit (`ACCEPTED_COMPLAINT_STAYS`) and names one of the
    # unit's people (`is_unit_staff`); tests/complaints/workflow/test_competent_leader.py
    "assign",
    # the second complaint, which the Sở resolves (khoản 2 Điều 20, Điều 33 Luật Khiếu nại)
    "escalate",
    # the review of a decision in force by the level above (Điều 44 Luật Khiếu nại; Điều 38
    # Nghị định 124/2020/NĐ-CP), with its own check (`complaints.services.review`)
    "reopen",
    # a legal hold on the personal data (Luật Bảo vệ dữ liệu cá nhân), not the resolution
    "hold_retention",
    "release_retention",
})
# Before acceptance the petition is still being sorted (xử lý đơn): the Sở's intake officers
# route, forward, ask for what is missing or file it (DOMAIN.md §3a(7)); only the resolver's
# own acts are closed to them then: the acceptance and its refusal (Điều 27 Luật Khiếu
# nại), and the findings that set its time limit (vụ việc phức tạp, vùng sâu vùng xa:
# Điều 28 Luật Khiếu nại).
RESOLVER_BEFORE_ACCEPTANCE = HEAD_DECISIONS | {"mark_complex", "mark_remote"}
# The states in which the complaint is the resolver's: accepted, in verification, suspended,
# decided (the file closed by its unit).
_BEFORE_ACCEPTANCE = frozenset({CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO})
_RESOLVING = frozenset({
    CaseStatus.ACCEPTED, CaseStatus.VERIFYING, CaseStatus.SUSPENDED, CaseStatus.CONCLUDED,
    CaseStatus.CLOSED,
})


def outside_unit_refusal(*, case, user, action: str):
    """Why `user`, who is not one of the people of the unit resolving `case` (a unit above
    that sees it), may not take or propose `action` on a first complaint: the one rule the
    case page's steps (`complaints.transitions.allowed_actions`, through
    `Transition.actor_refusal`), the service (`complaints.services.workflow._check`) and the
    proposals (`complaints.approvals`) read. None when they may: another kind, a second
    complaint (the Sở's: khoản 2 Điều 20 Luật Khiếu nại), a denunciation (a unit above takes
    it over by assigning it to itself first, Điều 13 Luật Tố cáo), a step of `ABOVE_STEPS`,
    a step of sorting before acceptance, a case given to no unit yet, or a superuser."""
    from complaints.selectors.identity import works_for_unit

    if case.kind != CaseKind.KHIEU_NAI or case.second_time or action in ABOVE_STEPS:
        return None
    if case.status in _BEFORE_ACCEPTANCE:
        if action not in RESOLVER_BEFORE_ACCEPTANCE:
            return None
    elif case.status not in _RESOLVING:
        return None
    unit = case.assigned_unit
    if unit is None or user.is_superuser or works_for_unit(user=user, unit_id=unit.pk):
        return None
    return lazy_message(
        gettext_lazy(
            "Chỉ người đứng đầu %(unit)s, người giải quyết khiếu nại lần đầu này, và người được "
            "người đó giao mới thực hiện các bước giải quyết khiếu nại (%(article)s). Cán bộ "
            "đơn vị khác, kể cả đơn vị cấp trên, theo dõi hồ sơ nhưng không giải quyết thay."
        ),
        unit=unit.name, article=FIRST_COMPLAINT_ARTICLE,
    )


# The step that stands for a first complaint's resolution on the case page: its first step
# once accepted, the verification the head assigns (khoản 1 Điều 29 Luật Khiếu nại), refused
# from outside the unit in every state after acceptance (`_RESOLVING`) and open before it,
# when the Sở's intake still sorts the petition.
_RESOLUTION_STEP = "start_verification"


def resolution_refusal(*, case, user):
    """Why the resolution of `case` is not `user`'s to take (a unit above that sees a
    facility's accepted first complaint), or None: the case page's steps area says it
    beside the steps still offered (the routing, the second complaint), so the officer knows
    why no other step is. The answer is `outside_unit_refusal`'s own for the resolution's
    first step: one rule, no query beyond the units it reads for the request."""
    return outside_unit_refusal(case=case, user=user, action=_RESOLUTION_STEP)
