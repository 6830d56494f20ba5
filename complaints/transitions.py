"""The workflow: one table of the states a case moves through (DOMAIN.md §3).

Every edge of ``TRANSITIONS`` says who may take it (a permission, never a group), from
which states and for which kinds, what it requires, what it does to the deadlines,
whether the citizen sees it, and the article it comes from. The one service that performs
transitions (`complaints.services.workflow.case_transition`) checks this table and
nothing else; the admin workspace and the staff API show what `allowed_actions` returns.

An action code may have several rows when its requirements differ by kind or by state
(e.g. ``conclude`` needs ``press_finding`` for a press report; ``reopen`` of a filed
petition goes back to ``received``, of a concluded one back to ``verifying``). For one
case at most one row of an action applies.

Staff-only states (``verifying``, ``filed``) are shown to the citizen as their public
counterpart (`complaints.kinds.public_status`); ``suspended`` is shown as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from complaints.kinds import CITIZEN_KINDS, CaseKind, CaseStatus, Channel
from complaints.rules.paper_decision import PAPER_DECISION_FIELDS
from complaints.rules.press_correction import ARTICLE_2026 as CORRECTION_ARTICLE_2026
from complaints.rules.press_verification import PRESS_REPORT_ARTICLES

__all__ = [
    "ACTIONS",
    "FILE_REASONS",
    "STAFF_RECORDED_CHANNELS",
    "TRANSITIONS",
    "Transition",
    "allowed_actions",
    "resumed_status",
    "transition_for",
    "transition_label",
    "transitions_for",
]

S = CaseStatus
ACT = "complaints.act_on_case"
APPROVE = "complaints.approve_case"
WITHDRAW = "complaints.record_withdrawal"
HOLD = "complaints.hold_personal_data"

# Kinds filed by citizens (`complaints.kinds.CITIZEN_KINDS`), as a table's kind set.
CITIZEN = frozenset(CITIZEN_KINDS)
# Kinds with a statutory resolution clock that may be suspended (Luật TC Art 34;
# NĐ 124/2020 Art 28b as added by NĐ 155/2026).
SUSPENDABLE_KINDS = frozenset({CaseKind.KHIEU_NAI, CaseKind.TO_CAO})
# Kinds whose acceptance (thụ lý) is the head's act: Điều 27, khoản 1 Điều 36 Luật Khiếu
# nại (người có thẩm quyền giải quyết thụ lý; Mẫu số 03 Nghị định 155/2026/NĐ-CP signed by
# NGƯỜI ĐỨNG ĐẦU); khoản 1 Điều 29 Luật Tố cáo (người giải quyết tố cáo ra quyết định thụ lý).
HEAD_ACCEPTS = frozenset({CaseKind.KHIEU_NAI, CaseKind.TO_CAO})
# Who refuses to accept (không thụ lý) a complaint or a denunciation: the person competent
# to resolve it, for a petition within their competence (translated for an English reader).
REJECT_BY_RESOLVER_ARTICLES = {
    CaseKind.KHIEU_NAI: _("Điều 27, khoản 1 Điều 36 Luật Khiếu nại"),
    CaseKind.TO_CAO: _("khoản 1 Điều 24, khoản 1 Điều 29 Luật Tố cáo"),
}
# States in which a case is still being handled.
OPEN_BEFORE_ACCEPTANCE = frozenset({S.RECEIVED, S.NEEDS_INFO})
IN_RESOLUTION = frozenset({S.ACCEPTED, S.VERIFYING})
HANDLING = OPEN_BEFORE_ACCEPTANCE | IN_RESOLUTION | {S.SUSPENDED}

# Grounds to file a petition without action (lưu đơn), DOMAIN.md §2: a duplicate
# (TT 05/2021/TT-TTCP Art 14(1); NĐ 154/2026 Art 4(1)(h)) or an ineligible petition.
# How a second complaint staff record (`escalate`, its `channel`) came in: by post, in
# person, by phone or on the portal's form; its own channel in the reports, not the first
# case's (a case a partner's app filed is not a second complaint by that app).
STAFF_RECORDED_CHANNELS = (Channel.MAIL, Channel.IN_PERSON, Channel.HOTLINE, Channel.WEB)

FILE_REASONS = {
    "duplicate": _("Đơn trùng nội dung đã được xử lý"),
    "ineligible": _("Đơn không đủ điều kiện xử lý"),
}

# Suspension of a complaint exists from 1 July 2026 only (NĐ 155/2026 Art 12, adding
# Art 28b to NĐ 124/2020); `complaints.deadlines.resumed_resolve_deadline` says the same.
COMPLAINT_SUSPENSION_FROM = datetime.date(2026, 7, 1)


@dataclass(frozen=True)
class Transition:
    """One edge of the workflow.

    ``target`` None leaves the state unchanged (assign, extend, mark_complex...), unless
    ``target_of`` reads the state from the case (`target_for`: ``resume`` returns the case
    to the state it was suspended from). ``kinds`` None means every kind. ``guard``, when
    set, returns the Vietnamese reason why the edge is closed for this case now (a condition
    of the law beyond the state), or None when it is open."""

    action: str
    label: str
    sources: frozenset[str]
    target: str | None
    kinds: frozenset[str] | None
    permission: str
    required_fields: tuple[str, ...]
    optional_fields: tuple[str, ...]
    public: bool
    deadline_effect: str
    legal_basis: str
    reason: str
    guard: Callable[[object], str | None] | None = None
    # A condition on who acts, beyond the permission (e.g. a review is the level above's):
    # returns the Vietnamese reason the edge is closed to this user, or None.
    actor_guard: Callable[[object, object], str | None] | None = None
    # A row shared by kinds under different laws: each kind's own articles, shown on the
    # step's form for a case of that kind (`basis_for`); `legal_basis` lists them all.
    basis_by_kind: Mapping[str, str] | None = field(default=None, compare=False)
    # A complaint's articles by round (False: first time, True: second time), when they differ.
    basis_by_round: Mapping[bool, str] | None = field(default=None, compare=False)
    # The state the edge leads to when the table cannot name one: read from the case now.
    target_of: Callable[[object], str] | None = field(default=None, compare=False)
    # Kinds for which a public row is internal: no one follows the case on the portal (a
    # press case: the outlet has no tracking page, the press response page is its answer).
    internal_kinds: frozenset[str] = field(default=frozenset(), compare=False)

    def public_for(self, kind: str) -> bool:
        """Whether the step on a case of `kind` shows on the sender's timeline."""
        return self.public and kind not in self.internal_kinds

    def target_for(self, case) -> str | None:
        """The state this edge leaves the case in (None: unchanged)."""
        return self.target_of(case) if self.target_of is not None else self.target

    def basis_for(self, kind: str) -> str:
        """The articles this step follows for a case of `kind`."""
        return (self.basis_by_kind or {}).get(kind) or self.legal_basis

    def basis_of(self, case) -> str:
        """The articles this step follows for `case`: a complaint's of its round only
        (`basis_by_round`, keyed by `second_time`), else those of its kind."""
        if self.basis_by_round and case.kind == CaseKind.KHIEU_NAI:
            return self.basis_by_round[bool(case.second_time)]
        return self.basis_for(case.kind)

    def applies_to(self, case) -> bool:
        """Open for this case's state and kind (the guard aside)."""
        return case.status in self.sources and (self.kinds is None or case.kind in self.kinds)

    def refusal(self, case) -> str | None:
        """Why the guard closes the edge for this case, or None."""
        return self.guard(case) if self.guard is not None else None

    def actor_refusal(self, case, user) -> str | None:
        """Why the edge is closed to this user (beyond the permission), or None: the row's
        own guard, then, for a first complaint, whether the user is one of the people of the
        unit resolving it (`complaints.rules.resolver.outside_unit_refusal`: a unit above
        does not take its resolution's steps, khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP; Điều
        19, khoản 1 Điều 20 Luật Khiếu nại). The head's decisions are refused to a unit above
        by `resolver_refusal` itself, with its own words. Read alike by the page's steps
        (`allowed_actions`) and the service's check (`workflow._check`)."""
        from complaints.rules.resolver import is_head_decision, outside_unit_refusal

        own = self.actor_guard(case, user) if self.actor_guard is not None else None
        if own is not None or is_head_decision(case=case, action=self.action):
            return own
        return outside_unit_refusal(case=case, user=user, action=self.action)

    @property
    def fields(self) -> tuple[str, ...]:
        return self.required_fields + self.optional_fields


# ---- guards: conditions of the law beyond the state -------------------------------------


def _extension_refusal(case) -> str | None:
    # Luật TC Art 30(2)–(3): only a complex case (once) or an especially complex case
    # (twice); criteria NĐ 31/2019 Art 3.
    if not (case.is_complex or case.is_very_complex):
        return str(
            _(
                "Chỉ gia hạn được vụ việc tố cáo phức tạp hoặc đặc biệt phức tạp "
                "(Điều 30 Luật Tố cáo): hãy đánh dấu vụ việc phức tạp trước."
            )
        )
    allowed = 2 if case.is_very_complex else 1
    if case.extensions_used >= allowed:
        return str(
            _("Đã gia hạn %(count)s lần, hết số lần pháp luật cho phép (Điều 30 Luật Tố cáo).")
            % {"count": case.extensions_used}
        )
    return None


def _mark_complex_refusal(case) -> str | None:
    if case.kind == CaseKind.TO_CAO and case.is_complex and not case.is_very_complex:
        return None  # may still become especially complex (Luật TC Art 30(3))
    if case.is_complex or case.is_very_complex:
        return str(_("Vụ việc đã được đánh dấu phức tạp."))
    return None


def _mark_remote_refusal(case) -> str | None:
    if case.is_remote:
        return str(_("Vụ việc đã được đánh dấu vùng sâu, vùng xa."))
    return None


def _tip_refusal(case) -> str | None:
    # Luật TC Art 25: only an anonymous petition is handled as a tip, once.
    if not case.anonymous:
        return str(
            _(
                "Chỉ đơn phản ánh ẩn danh mới được đánh dấu là tin báo để thanh tra "
                "(Điều 25 Luật Tố cáo)."
            )
        )
    if case.inspection_tip:
        return str(_("Hồ sơ đã được đánh dấu là tin báo để thanh tra."))
    return None


def _acceptance_extension_refusal(case) -> str | None:
    # Luật TC Art 24(1): 7 working days, up to 10; the longer period is granted once.
    # The flag is the event itself (no model field): see workflow._acceptance_extension.
    if case.events.filter(action="extend_acceptance").exists():
        return str(_("Thời hạn thụ lý tố cáo đã được kéo dài đến mức tối đa (10 ngày làm việc)."))
    return None


def _complaint_suspension_refusal(case) -> str | None:
    if timezone.localdate() < COMPLAINT_SUSPENSION_FROM:
        return str(
            _(
                "Tạm đình chỉ giải quyết khiếu nại chỉ áp dụng từ ngày 01/07/2026 "
                "(Nghị định 155/2026/NĐ-CP)."
            )
        )
    return None


def _escalation_refusal(case) -> str | None:
    # Luật KN Arts 7, 33: a second-time decision ends the administrative route
    # (next is the court); a first-time complaint is escalated once.
    if case.second_time:
        return str(
            _(
                "Đây đã là khiếu nại lần hai: người khiếu nại có thể khởi kiện vụ án hành chính "
                "(Điều 7 Luật Khiếu nại)."
            )
        )
    # One already linked is refused by the step itself, naming it, unless the officer confirms
    # a different complaint (`different_complaint`, complaints/services/second_round.py).
    return None


# ---- guards of the procedure (issue 9; tables in complaints.rules) -----------------------


def _accept_refusal(case) -> str | None:
    # Competence first (Luật KN Điều 17–21; Luật TC Điều 12, 13, 24, 29(1)(c)), then the
    # signature of an online complaint or denunciation (Luật KN Điều 8(2), 11(5); Luật TC
    # Điều 23, 29(1)(a)).
    from complaints.rules.signature import signature_refusal
    from complaints.services.competence import competence_refusal

    return competence_refusal(case) or signature_refusal(case)


def _reject_refusal(case) -> str | None:
    # Không thụ lý is the competent resolver's answer to a petition within its competence
    # (Điều 27, khoản 1 Điều 36 Luật Khiếu nại; khoản 1 Điều 24, khoản 1 Điều 29 Luật Tố
    # cáo): a unit the competence rules do not name (the Văn phòng Sở holding an intake
    # included) forwards it or hands it on, as its acceptance is refused for
    # (`competence_refusal`); a denunciation also sent to the competent body is filed.
    from complaints.services.competence import competence_refusal

    why = competence_refusal(case)
    if why is None:
        return None
    return str(
        _(
            "%(why)s. Đơn không thuộc thẩm quyền thì không ra thông báo không thụ lý: không thụ "
            "lý là quyết định của người có thẩm quyền giải quyết đối với đơn thuộc thẩm quyền "
            "của mình (%(article)s)."
        )
        % {"why": why, "article": str(REJECT_BY_RESOLVER_ARTICLES[case.kind])}
    )


def _forward_refusal(case) -> str | None:
    # Luật TC Điều 24(3): also sent to the competent body: not handled, filed instead.
    from complaints.rules.competence import SENT_TO_COMPETENT

    if case.kind == CaseKind.TO_CAO and case.sent_to_competent_body:
        return SENT_TO_COMPETENT.refusal()
    return None


def _signature_refusal(case) -> str | None:
    from complaints.rules.signature import ONLINE_CHANNELS

    if case.signature_method:
        return str(_("Chữ ký của người gửi đã được ghi nhận."))
    if case.channel not in ONLINE_CHANNELS:
        return str(_("Đơn không gửi trực tuyến: chữ ký đã có trên đơn hoặc biên bản."))
    return None


def _conclusion_refusal(case) -> str | None:
    # Dialogue before a complaint's decision (Luật KN Điều 30, 39; NĐ 124/2020 Điều 28).
    from complaints.rules.dialogue import SETTLING, dialogue_rule

    rule = dialogue_rule(case)
    if rule is None or case.dialogues.filter(status__in=SETTLING).exists():
        return None
    return str(
        _(
            "Chưa kết luận được: %(rule)s (%(article)s); hãy tổ chức đối thoại và ghi biên bản, "
            "hoặc ghi nhận người khiếu nại không tham gia."
        )
        % {"rule": rule.text, "article": rule.article}
    )


def _verification_differs_refusal(case) -> str | None:
    if case.second_time:
        return str(_("Khiếu nại lần hai luôn phải đối thoại (Điều 39 Luật Khiếu nại)."))
    if case.verification_differs:
        return str(_("Đã ghi nhận yêu cầu và kết quả xác minh khác nhau."))
    return None


def _dialogue_record_refusal(case) -> str | None:
    from complaints.rules.dialogue import DialogueStatus, verification_missing_refusal

    if not case.dialogues.filter(status=DialogueStatus.SCHEDULED).exists():
        return str(_("Chưa có buổi đối thoại nào đã lên lịch để ghi kết quả."))
    # The chair states the verification's result (khoản 1 Điều 30 Luật Khiếu nại; khoản 3
    # Điều 28 Nghị định 124/2020/NĐ-CP): no minutes before the report.
    return verification_missing_refusal(case)


def _dialogue_organizer_refusal(case, user) -> str | None:
    from complaints.rules.dialogue import organizer_refusal

    return organizer_refusal(case=case, user=user)


def _dialogue_recorder_refusal(case, user) -> str | None:
    from complaints.rules.dialogue import organizer_refusal

    return organizer_refusal(case=case, user=user, recording=True)


def _letter_actor_refusal(case, user) -> str | None:
    # A denunciation handled within the facility denounced: its signed letter and withdrawal,
    # kept by the Sở, are recorded only by who may see the denouncer (khoản 3 Điều 8, Điều 47
    # Luật Tố cáo; complaints/selectors/identity.py).
    from complaints.selectors.identity import letter_actor_refusal

    return letter_actor_refusal(case, user)


def _review_actor_refusal(case, user) -> str | None:
    from complaints.services.review import review_refusal

    return review_refusal(case=case, user=user)


def _press_office(action: str) -> Callable[[object, object], str | None]:
    """The actor guard of a step that, on a press case, only the Sở's press office and
    spokesperson take, never the facility given the verification (khoản 6 Điều 7 Nghị định
    244/2026/NĐ-CP; complaints/rules/press_office.py). Other kinds pass."""

    def guard(case, user) -> str | None:
        from complaints.rules.press_office import press_office_refusal

        return press_office_refusal(case=case, user=user, action=action)

    return guard


# ---- the table -------------------------------------------------------------------------

TRANSITIONS: tuple[Transition, ...] = (
    # received → accepted: thụ lý. Starts the resolution clock from the acceptance day.
    # A complaint's or a denunciation's acceptance is the head's act (the competent person
    # accepts and signs the notice, Mẫu số 03: NGƯỜI ĐỨNG ĐẦU): a handler proposes it
    # (`complaints.approvals.rules`).
    Transition(
        action="accept",
        label=_("Thụ lý"),
        sources=frozenset({S.RECEIVED}),
        target=S.ACCEPTED,
        kinds=HEAD_ACCEPTS,
        permission=APPROVE,
        required_fields=(),
        optional_fields=("decided_on", "note"),
        public=True,
        deadline_effect="start_resolution_clock",
        legal_basis=(
            "Điều 27 Luật Khiếu nại (lần đầu), khoản 1 Điều 36 Luật Khiếu nại (lần hai), khoản 1 "
            "Điều 16 Nghị định 124/2020/NĐ-CP (Điều 10 Nghị định 155/2026/NĐ-CP), Mẫu số 03; "
            "khoản 1 Điều 29 Luật Tố cáo"
        ),
        reason="The person competent to resolve takes the case up; the clock counts from it.",
        guard=_accept_refusal,
        basis_by_kind={
            CaseKind.KHIEU_NAI: (
                "Điều 27 Luật Khiếu nại (lần đầu), khoản 1 Điều 36 Luật Khiếu nại (lần hai), "
                "khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP (Điều 10 Nghị định 155/2026/NĐ-CP), "
                "Mẫu số 03"
            ),
            CaseKind.TO_CAO: "khoản 1 Điều 29 Luật Tố cáo",
        },
        basis_by_round={
            False: "Điều 27 Luật Khiếu nại, khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP (Điều 10 "
            "Nghị định 155/2026/NĐ-CP), Mẫu số 03",
            True: "khoản 1 Điều 36 Luật Khiếu nại, khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP "
            "(Điều 10 Nghị định 155/2026/NĐ-CP), Mẫu số 03",
        },
    ),
    # The same step for a phản ánh, kiến nghị or press report: the unit handling it.
    Transition(
        action="accept",
        label=_("Thụ lý"),
        sources=frozenset({S.RECEIVED}),
        target=S.ACCEPTED,
        kinds=frozenset(CaseKind.values) - HEAD_ACCEPTS,
        permission=ACT,
        required_fields=(),
        optional_fields=("decided_on", "note"),
        public=True,
        deadline_effect="start_resolution_clock",
        legal_basis=(
            "Điều 28 Luật Tiếp công dân (phản ánh, kiến nghị); Điều 18 Nghị định "
            "237/2026/NĐ-CP (báo chí)"
        ),
        reason="The competent unit takes the case up; the resolution clock counts from it.",
        guard=_accept_refusal,
        basis_by_kind={
            CaseKind.PHAN_ANH: "Điều 28 Luật Tiếp công dân",
            CaseKind.KIEN_NGHI: "Điều 28 Luật Tiếp công dân",
            CaseKind.BAO_CHI: "Điều 18 Nghị định 237/2026/NĐ-CP",
        },
        internal_kinds=frozenset({CaseKind.BAO_CHI}),
    ),
    # received/needs_info → rejected: không thụ lý, always with the ground of the law. Of a
    # complaint or a denunciation it is the competent resolver's decision, as its acceptance
    # is (Điều 27, khoản 1 Điều 36 Luật Khiếu nại: người có thẩm quyền giải quyết … trường hợp
    # không thụ lý thì phải nêu rõ lý do; khoản 1 Điều 24, khoản 1 Điều 29 Luật Tố cáo: người
    # giải quyết tố cáo … không thụ lý): a leader of the competent unit
    # (`complaints.rules.resolver`); a handler proposes it (`complaints.approvals.rules`). A
    # unit that is not competent forwards or hands the case on, it does not refuse it
    # (`_reject_refusal`).
    Transition(
        action="reject",
        label=pgettext_lazy("thao tác", "Không thụ lý"),
        sources=OPEN_BEFORE_ACCEPTANCE,
        target=S.REJECTED,
        kinds=HEAD_ACCEPTS,
        permission=APPROVE,
        required_fields=("reason", "legal_ground"),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis=(
            "Điều 11, Điều 27, khoản 1 Điều 36 Luật Khiếu nại; khoản 1 Điều 24, khoản 1 "
            "Điều 29 Luật Tố cáo"
        ),
        reason="The competent resolver refuses a petition that fails a condition of the law.",
        guard=_reject_refusal,
        basis_by_kind={
            CaseKind.KHIEU_NAI: "Điều 11, Điều 27, khoản 1 Điều 36 Luật Khiếu nại",
            CaseKind.TO_CAO: "khoản 1 Điều 24, khoản 1 Điều 29 Luật Tố cáo",
        },
    ),
    # The same step for a phản ánh or kiến nghị: the unit handling it.
    Transition(
        action="reject",
        label=pgettext_lazy("thao tác", "Không thụ lý"),
        sources=OPEN_BEFORE_ACCEPTANCE,
        target=S.REJECTED,
        kinds=CITIZEN - HEAD_ACCEPTS,
        permission=ACT,
        required_fields=("reason", "legal_ground"),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis="khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP (phản ánh, kiến nghị, chưa xác nhận)",
        reason="A petition that fails a condition of the law is refused, and the citizen told why.",
    ),
    # received/needs_info → forwarded: chuyển đơn to the competent body, named.
    Transition(
        action="forward",
        label=_("Chuyển đơn"),
        sources=OPEN_BEFORE_ACCEPTANCE,
        target=S.FORWARDED,
        kinds=None,
        permission=ACT,
        required_fields=("to", "reason"),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis=(
            "khoản 2 Điều 24 Luật Tố cáo (trong 05 ngày làm việc); Thông tư 05/2021/TT-TTCP (xử "
            "lý đơn khiếu nại không thuộc thẩm quyền), Điều 21 Luật Khiếu nại (khiếu nại lần 2 "
            "đối với Giám đốc Sở); khoản 1 Điều 28 Luật Tiếp công dân; Thông tư 05/2021/TT-TTCP "
            "(phản ánh, kiến nghị); khoản 1 Điều 18 Nghị định 237/2026/NĐ-CP (báo chí); quy tắc "
            "phân công thẩm quyền"
        ),
        reason="The portal's units are not competent; the citizen is told to whom it went.",
        guard=_forward_refusal,
        basis_by_kind={
            CaseKind.TO_CAO: "khoản 2 Điều 24 Luật Tố cáo (trong 05 ngày làm việc)",
            CaseKind.KHIEU_NAI: (
                "Thông tư 05/2021/TT-TTCP (xử lý đơn khiếu nại không thuộc thẩm quyền); Điều 21 "
                "Luật Khiếu nại (thẩm quyền của Giám đốc Sở)"
            ),
            CaseKind.PHAN_ANH: "khoản 1 Điều 28 Luật Tiếp công dân; Thông tư 05/2021/TT-TTCP",
            CaseKind.KIEN_NGHI: "khoản 1 Điều 28 Luật Tiếp công dân; Thông tư 05/2021/TT-TTCP",
            # A press report outside the Sở's competence goes to the body that must answer
            # on the press (khoản 1 Điều 18 Nghị định 237/2026/NĐ-CP).
            CaseKind.BAO_CHI: (
                "khoản 1 Điều 18 Nghị định 237/2026/NĐ-CP (cơ quan có trách nhiệm trả lời trên "
                "báo chí); quy tắc phân công thẩm quyền"
            ),
        },
    ),
    # received → needs_info: ask the citizen to complete (e.g. a signed copy).
    Transition(
        action="request_info",
        label=_("Yêu cầu bổ sung thông tin"),
        sources=frozenset({S.RECEIVED}),
        target=S.NEEDS_INFO,
        kinds=CITIZEN,
        permission=ACT,
        required_fields=("message",),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis=(
            "khoản 2 Điều 8 Luật Khiếu nại, Điều 23 Luật Tố cáo (chữ ký hoặc điểm chỉ); quy chế "
            "tiếp nhận, xử lý phản ánh, kiến nghị của đơn vị"
        ),
        reason="Before acceptance staff may ask for missing facts, a signed copy or a visit.",
        basis_by_kind={
            CaseKind.KHIEU_NAI: "khoản 2 Điều 8 Luật Khiếu nại (chữ ký hoặc điểm chỉ)",
            CaseKind.TO_CAO: "Điều 23 Luật Tố cáo (chữ ký hoặc điểm chỉ)",
            # No article of its own: the unit's working rules for phản ánh, kiến nghị.
            CaseKind.PHAN_ANH: "quy chế tiếp nhận, xử lý phản ánh, kiến nghị của đơn vị",
            CaseKind.KIEN_NGHI: "quy chế tiếp nhận, xử lý phản ánh, kiến nghị của đơn vị",
        },
    ),
    # needs_info → received: the citizen completed the petition.
    Transition(
        action="complete_info",
        label=_("Đã nhận thông tin bổ sung"),
        sources=frozenset({S.NEEDS_INFO}),
        target=S.RECEIVED,
        kinds=CITIZEN,
        permission=ACT,
        required_fields=(),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis="Quy trình tiếp nhận: đơn đã bổ sung được xem xét lại",
        reason="The missing information arrived: the petition is examined again.",
    ),
    # Any handling state: assign the competent unit (and optionally the person).
    Transition(
        action="assign",
        label=_("Giao xử lý"),
        sources=HANDLING,
        target=None,
        kinds=None,
        permission=ACT,
        required_fields=("facility",),
        optional_fields=("user", "note"),
        public=False,
        deadline_effect="",
        legal_basis=(
            "Quy tắc phân công thẩm quyền: cán bộ tiếp nhận quyết định khi quy tắc "
            "không xác định được"
        ),
        reason="Routing is a proposal: staff correct it and choose who handles the case.",
        actor_guard=_press_office("assign"),  # a press case: the press office's
    ),
    # accepted → verifying: xác minh, with its period (thời hạn xác minh: a number of days,
    # within the resolution deadline), the team when one is formed (Tổ xác minh:
    # complaints/rules/verification_team.py) and, for a denunciation, the leader's
    # declaration that the verifier has no family tie or direct interest with the denounced
    # person (complaints/rules/verification.py, services/verification.py). A complaint's and
    # a denunciation's verification is given in writing: when that decision was signed on
    # paper, its số, ký hiệu and ngày ban hành (`paper_decision_symbol`, `paper_decision_date`,
    # optional) let the documents citing it print them (complaints/rules/paper_decision.py).
    Transition(
        action="start_verification",
        label=_("Bắt đầu xác minh"),
        sources=frozenset({S.ACCEPTED}),
        target=S.VERIFYING,
        kinds=frozenset({CaseKind.KHIEU_NAI}),
        permission=ACT,
        required_fields=(),
        optional_fields=("verification_days", "verification_team", *PAPER_DECISION_FIELDS,
                         "note"),
        public=False,
        deadline_effect="",
        legal_basis=(
            "khoản 1 Điều 29, Điều 38 Luật Khiếu nại; khoản 2 Điều 7 Thông tư 07/2013/TT-TTCP"
        ),
        reason="Internal step: the handler gathers evidence; the citizen still sees 'accepted'.",
    ),
    Transition(
        action="start_verification",
        label=_("Bắt đầu xác minh"),
        sources=frozenset({S.ACCEPTED}),
        target=S.VERIFYING,
        kinds=frozenset({CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.BAO_CHI}),
        permission=ACT,
        required_fields=(),
        optional_fields=("verification_days", "verification_team", "note"),
        public=False,
        deadline_effect="",
        legal_basis=(
            "Điều 18 Nghị định 237/2026/NĐ-CP; quy chế tiếp nhận, xử lý phản ánh, kiến nghị của "
            "đơn vị"
        ),
        reason="Internal step: the handler gathers evidence; the citizen still sees 'accepted'.",
        basis_by_kind={
            CaseKind.BAO_CHI: "Điều 18 Nghị định 237/2026/NĐ-CP",
            CaseKind.PHAN_ANH: "quy chế tiếp nhận, xử lý phản ánh, kiến nghị của đơn vị",
            CaseKind.KIEN_NGHI: "quy chế tiếp nhận, xử lý phản ánh, kiến nghị của đơn vị",
        },
    ),
    Transition(
        action="start_verification",
        label=_("Bắt đầu xác minh"),
        sources=frozenset({S.ACCEPTED}),
        target=S.VERIFYING,
        kinds=frozenset({CaseKind.TO_CAO}),
        permission=ACT,
        required_fields=("verifier_no_conflict",),
        optional_fields=("verification_days", "verification_team", *PAPER_DECISION_FIELDS,
                         "note"),
        public=False,
        deadline_effect="",
        legal_basis=(
            "khoản 1, khoản 2 Điều 31 Luật Tố cáo; khoản 1, khoản 2, khoản 3 Điều 10 Nghị định "
            "31/2019/NĐ-CP"
        ),
        reason=(
            "The resolver assigns the verification in writing, with its period, and never to "
            "someone tied to or interested in the denounced person."
        ),
        actor_guard=lambda case, user: _verification_actor_refusal(case, user),
    ),
    # verifying: gia hạn thời gian xác minh, the resolver's decision (Mẫu số 04A-KN) when
    # the period runs out before the verification is done, never past the resolution
    # deadline; a complaint's only: the law copies give a denunciation no such step
    # (complaints/rules/verification_extension.py, services/verification.py).
    Transition(
        action="extend_verification",
        label=_("Gia hạn thời gian xác minh"),
        sources=frozenset({S.VERIFYING}),
        target=None,
        kinds=frozenset({CaseKind.KHIEU_NAI}),
        permission=APPROVE,
        required_fields=("verification_extra_days", "reason"),
        optional_fields=("note",),
        public=False,
        deadline_effect="",
        legal_basis=(
            "khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP (Mẫu số 04A-KN); Điều 28, Điều 37 Luật "
            "Khiếu nại (thời hạn giải quyết)"
        ),
        reason=(
            "The resolver extends an unfinished verification by a written decision, never past "
            "the resolution deadline; verification stays internal."
        ),
        guard=lambda case: _verification_extension_refusal(case),
    ),
    # verifying: báo cáo kết quả xác minh, the verifier's written report to the resolver,
    # with the proposed finding and the recommendation (complaints/rules/
    # verification_report.py, services/verification.py); internal, the case stays verifying.
    Transition(
        action="report_verification",
        label=_("Báo cáo kết quả xác minh"),
        sources=frozenset({S.VERIFYING}),
        target=None,
        kinds=frozenset({CaseKind.KHIEU_NAI, CaseKind.TO_CAO}),
        permission=ACT,
        required_fields=("verification_result", "proposed_finding", "recommendation"),
        optional_fields=("respondent_explanation", "dissent", "note"),
        public=False,
        deadline_effect="",
        legal_basis=(
            "khoản 4 Điều 29 Luật Khiếu nại; Điều 18 Thông tư 07/2013/TT-TTCP; khoản 6 Điều 31 "
            "Luật Tố cáo; Điều 16 Nghị định 31/2019/NĐ-CP"
        ),
        reason=(
            "The verifier reports the result in writing, proposing the finding and the "
            "handling; the resolver decides. Verification stays internal."
        ),
        basis_by_kind={
            CaseKind.KHIEU_NAI: "khoản 4 Điều 29 Luật Khiếu nại; Điều 18 Thông tư "
            "07/2013/TT-TTCP",
            CaseKind.TO_CAO: "khoản 6 Điều 31 Luật Tố cáo; Điều 16 Nghị định 31/2019/NĐ-CP",
        },
    ),
    # verifying: the facility given a press case to verify reports its result to the press
    # office (complaints/rules/press_verification.py, services/verification.py); internal,
    # the case stays verifying; the finding on the article stays the spokesperson's.
    Transition(
        action="report_press_verification",
        label=_("Báo cáo kết quả xác minh thông tin báo chí"),
        sources=frozenset({S.VERIFYING}),
        target=None,
        kinds=frozenset({CaseKind.BAO_CHI}),
        permission=ACT,
        required_fields=("verification_result",),
        optional_fields=("note",),
        public=False,
        deadline_effect="",
        legal_basis=PRESS_REPORT_ARTICLES,
        reason=(
            "The facility named in the article reports what it verified, so that the press "
            "office concludes and answers the outlet; the report is the Department's working "
            "rules, the finding the spokesperson's. Verification stays internal."
        ),
    ),
    # Flag: vụ việc phức tạp. Longer complaint limit; lets a denunciation be extended.
    # A complaint's limit grows when it is found complex: the complainant is told.
    Transition(
        action="mark_complex",
        label=_("Đánh dấu vụ việc phức tạp"),
        sources=HANDLING - {S.SUSPENDED},
        target=None,
        kinds=frozenset({CaseKind.KHIEU_NAI}),
        permission=APPROVE,
        required_fields=("reason",),
        optional_fields=("very_complex", "note"),
        public=True,
        deadline_effect="recompute",
        legal_basis="Điều 28, 37 Luật Khiếu nại (vụ việc phức tạp: 45/60 ngày)",
        reason=(
            "Complexity is the leader's finding; it lengthens a complaint's limit at once, so "
            "the complainant is told the new date."
        ),
        guard=_mark_complex_refusal,
    ),
    Transition(
        action="mark_complex",
        label=_("Đánh dấu vụ việc phức tạp"),
        sources=HANDLING - {S.SUSPENDED},
        target=None,
        kinds=frozenset({CaseKind.TO_CAO}),
        permission=APPROVE,
        required_fields=("reason",),
        optional_fields=("very_complex", "note"),
        public=False,
        deadline_effect="recompute",
        legal_basis=(
            "khoản 2–3 Điều 30 Luật Tố cáo, tiêu chí Điều 3 Nghị định 31/2019/NĐ-CP"
        ),
        reason=(
            "Complexity is the leader's finding; a denunciation's limit moves only with an "
            "extension, which the denouncer is told of."
        ),
        guard=_mark_complex_refusal,
    ),
    # Flag: vùng sâu, vùng xa (complaints only).
    Transition(
        action="mark_remote",
        label=_("Đánh dấu vùng sâu, vùng xa"),
        sources=HANDLING - {S.SUSPENDED},
        target=None,
        kinds=frozenset({CaseKind.KHIEU_NAI}),
        permission=APPROVE,
        required_fields=("reason",),
        optional_fields=("note",),
        public=True,
        deadline_effect="recompute",
        legal_basis="Điều 28, 37 Luật Khiếu nại (vùng sâu, vùng xa: 45/60/70 ngày)",
        reason="A remote area lengthens a complaint's limit; no other kind has that rule.",
        guard=_mark_remote_refusal,
    ),
    # Flag: an anonymous phản ánh naming a violator with verifiable evidence is a tip the
    # inspectorate may inspect or forward; it is never handled as a tố cáo (Art 25).
    Transition(
        action="mark_tip",
        label=_("Đánh dấu tin báo để thanh tra"),
        sources=HANDLING,
        target=None,
        kinds=frozenset({CaseKind.PHAN_ANH}),
        permission=ACT,
        required_fields=("reason",),
        optional_fields=("note",),
        public=False,
        deadline_effect="",
        legal_basis="khoản 2 Điều 25 Luật Tố cáo",
        reason="An anonymous denunciation with concrete evidence may still be inspected.",
        guard=_tip_refusal,
    ),
    # Extension (gia hạn) by the leader, within Luật TC Art 30: once or twice.
    Transition(
        action="extend",
        label=_("Gia hạn giải quyết"),
        sources=IN_RESOLUTION,
        target=None,
        kinds=frozenset({CaseKind.TO_CAO}),
        permission=APPROVE,
        required_fields=("reason",),
        optional_fields=("note",),
        public=True,  # the denouncer is notified of the extension (Luật TC Art 30(4))
        deadline_effect="extend",
        legal_basis=(
            "khoản 2–4 Điều 30 Luật Tố cáo; khiếu nại không được gia hạn (Điều 28, 37 Luật "
            "Khiếu nại)"
        ),
        reason="The law allows a complex denunciation more time, by a written decision.",
        guard=_extension_refusal,
    ),
    # Before acceptance: a denunciation needing verification at several places may take
    # up to 10 working days to accept instead of 7; accept_by becomes that step's date.
    Transition(
        action="extend_acceptance",
        label=_("Kéo dài thời hạn thụ lý tố cáo"),
        sources=OPEN_BEFORE_ACCEPTANCE,
        target=None,
        kinds=frozenset({CaseKind.TO_CAO}),
        permission=APPROVE,
        required_fields=("reason",),
        optional_fields=("note",),
        public=False,
        deadline_effect="accept_extended",
        legal_basis="khoản 1 Điều 24 Luật Tố cáo (xác minh ở nhiều nơi: tối đa 10 ngày làm việc)",
        reason="The law allows 10 working days where verification is needed at several places.",
        guard=_acceptance_extension_refusal,
    ),
    # accepted/verifying → suspended (complaint): tạm đình chỉ, from 1 July 2026.
    Transition(
        action="suspend",
        label=_("Tạm đình chỉ giải quyết"),
        sources=IN_RESOLUTION,
        target=S.SUSPENDED,
        kinds=frozenset({CaseKind.KHIEU_NAI}),
        permission=APPROVE,
        required_fields=("reason",),
        optional_fields=("decided_on", "note"),
        public=True,  # notices: the parties are told (NĐ 124/2020 Art 28b; Luật TC Art 34)
        deadline_effect="suspend_clock",
        legal_basis="khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP (Điều 12 Nghị định 155/2026/NĐ-CP)",
        reason="Resolution waits for another body's result; a notice is due in 03 working days.",
        guard=_complaint_suspension_refusal,
    ),
    # accepted/verifying → suspended (denunciation).
    Transition(
        action="suspend",
        label=_("Tạm đình chỉ giải quyết"),
        sources=IN_RESOLUTION,
        target=S.SUSPENDED,
        kinds=frozenset({CaseKind.TO_CAO}),
        permission=APPROVE,
        required_fields=("reason",),
        optional_fields=("decided_on", "note"),
        public=True,  # notices: the parties are told (NĐ 124/2020 Art 28b; Luật TC Art 34)
        deadline_effect="suspend_clock",
        legal_basis="khoản 1, khoản 4 Điều 34 Luật Tố cáo",
        reason="Waiting for another body's result or an expert opinion stops the clock.",
    ),
    # suspended → the state it was suspended from (complaint): the case continues where it
    # stood (accepted: the verification still to be assigned, with its period; verifying);
    # the clock continues from the resume decision (`resumed_status`).
    Transition(
        action="resume",
        label=_("Tiếp tục giải quyết"),
        sources=frozenset({S.SUSPENDED}),
        target=None,
        target_of=lambda case: resumed_status(case),
        kinds=frozenset({CaseKind.KHIEU_NAI}),
        permission=APPROVE,
        required_fields=(),
        optional_fields=("decided_on", "note"),
        public=True,  # notices: the parties are told (NĐ 124/2020 Art 28b; Luật TC Art 34)
        deadline_effect="restart_on_resume",
        legal_basis="khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP (Điều 12 Nghị định 155/2026/NĐ-CP)",
        reason=(
            "The ground of suspension is gone: the case continues where it stood; days used "
            "before it are kept, the rest runs."
        ),
    ),
    # suspended → the state it was suspended from (denunciation): an accepted denunciation
    # still needs `start_verification`, the written assignment and the declaration (khoản 1
    # Điều 31 Luật Tố cáo; khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP); the suspended time does
    # not count.
    Transition(
        action="resume",
        label=_("Tiếp tục giải quyết"),
        sources=frozenset({S.SUSPENDED}),
        target=None,
        target_of=lambda case: resumed_status(case),
        kinds=frozenset({CaseKind.TO_CAO}),
        permission=APPROVE,
        required_fields=(),
        optional_fields=("decided_on", "note"),
        public=True,  # notices: the parties are told (NĐ 124/2020 Art 28b; Luật TC Art 34)
        deadline_effect="restart_on_resume",
        legal_basis="khoản 2 Điều 34 Luật Tố cáo",
        reason=(
            "The case continues where it stood; the suspended time is not counted in the "
            "resolution time."
        ),
    ),
    # accepted/verifying → concluded: the decision on a complaint, the conclusion of a
    # denunciation, each in writing (complaints/rules/decision.py): issued with the step in
    # the portal (`case_transition(document_id=…)`) or signed on paper, named by its số, ký
    # hiệu and ngày ban hành (`decision_symbol`, `decision_date`); without it, refused. It
    # states its finding (`finding`): đúng, đúng một phần, sai (điểm g khoản 2 Điều 31, điểm h
    # khoản 2 Điều 40 Luật Khiếu nại; điểm c khoản 2 Điều 35 Luật Tố cáo).
    Transition(
        action="conclude",
        label=_("Kết luận"),
        sources=IN_RESOLUTION,
        target=S.CONCLUDED,
        kinds=frozenset({CaseKind.KHIEU_NAI, CaseKind.TO_CAO}),
        permission=APPROVE,
        required_fields=("conclusion", "public_answer", "finding"),
        # without_dialogue_documents: the leader decides though the dialogue's notice or
        # minutes were not issued in the portal (complaints/rules/dialogue_documents.py);
        # notices_given_outside: though a notice owed to the parties was neither issued nor
        # recorded as sent (complaints/rules/owed_notices.py).
        optional_fields=("decision_symbol", "decision_date", "without_dialogue_documents",
                         "notices_given_outside", "note"),
        public=True,
        deadline_effect="",
        legal_basis=(
            "khoản 1 Điều 31, khoản 1 Điều 40 Luật Khiếu nại (quyết định giải quyết); "
            "khoản 1 Điều 35 Luật Tố cáo (kết luận)"
        ),
        reason="The leader signs the written decision; the citizen reads the public answer.",
        guard=_conclusion_refusal,
        basis_by_kind={
            CaseKind.KHIEU_NAI: (
                "khoản 1 Điều 31, khoản 1 Điều 40 Luật Khiếu nại (quyết định giải quyết)"
            ),
            CaseKind.TO_CAO: "khoản 1 Điều 35 Luật Tố cáo (kết luận)",
        },
    ),
    # accepted/verifying → concluded: the answer to a phản ánh, kiến nghị.
    Transition(
        action="conclude",
        label=_("Kết luận"),
        sources=IN_RESOLUTION,
        target=S.CONCLUDED,
        kinds=frozenset({CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI}),
        permission=APPROVE,
        required_fields=("conclusion", "public_answer"),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis="Điều 28 Luật Tiếp công dân (trả lời phản ánh, kiến nghị)",
        reason="The leader signs the outcome; the citizen reads the public answer.",
        guard=_conclusion_refusal,
    ),
    # accepted/verifying → concluded (press report): the finding on the article too.
    Transition(
        action="conclude",
        label=_("Kết luận"),
        sources=IN_RESOLUTION,
        target=S.CONCLUDED,
        kinds=frozenset({CaseKind.BAO_CHI}),
        permission=APPROVE,
        required_fields=("conclusion", "public_answer", "press_finding"),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis=(
            "khoản 1, khoản 3 Điều 18 Nghị định 237/2026/NĐ-CP; khoản 6 Điều 7 Nghị định "
            "244/2026/NĐ-CP (phản hồi thông tin sai sự thật)"
        ),
        reason="Whether the article was accurate decides the press response (DOMAIN.md §6).",
        actor_guard=_press_office("conclude"),
    ),
    # concluded → closed.
    Transition(
        action="close",
        label=_("Đóng hồ sơ"),
        sources=frozenset({S.CONCLUDED}),
        target=S.CLOSED,
        kinds=None,
        permission=ACT,
        required_fields=(),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis="Quy trình giải quyết: kết quả đã thông báo, hồ sơ đầy đủ",
        reason="The outcome was communicated and the file is complete.",
        actor_guard=_press_office("close"),  # a press case: the press office's
    ),
    # received/needs_info → filed: lưu đơn (duplicate or ineligible), notice in 3 days.
    Transition(
        action="file",
        label=pgettext_lazy("thao tác", "Lưu đơn"),
        sources=OPEN_BEFORE_ACCEPTANCE,
        target=S.FILED,
        kinds=CITIZEN,
        permission=ACT,
        required_fields=("reason",),
        # legal_ground: required for an ineligible petition (complaints.rules.refusal_grounds)
        optional_fields=("legal_ground", "duplicate_of", "note"),
        public=True,  # shown to the citizen as closed, with the ground
        deadline_effect="filing_notice",
        legal_basis=(
            "khoản 1 Điều 14 Thông tư 05/2021/TT-TTCP; điểm h khoản 1, khoản 3 Điều 4 Nghị định "
            "154/2026/NĐ-CP"
        ),
        reason="A duplicate already answered, or a petition no one can act on, is kept on file.",
    ),
    # Withdrawal (rút) ends the handling: a report, a recommendation, a complaint all of
    # whose complainants withdrew (stop decision, NĐ 124/2020 Art 28b(1), 7a(2)).
    Transition(
        action="withdraw",
        label=_("Người gửi rút đơn"),
        sources=HANDLING,
        target=S.WITHDRAWN,
        kinds=frozenset({CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.KHIEU_NAI}),
        permission=WITHDRAW,
        required_fields=("form", "document_ref"),
        optional_fields=("attachment", "withdrawn_by", "stop_decision_ref", "reason", "note"),
        public=True,
        deadline_effect="",
        legal_basis=(
            "Điều 10 Luật Khiếu nại; khoản 1 Điều 28b, Điều 7a Nghị định 124/2020/NĐ-CP "
            "(Nghị định 155/2026/NĐ-CP); quy chế tiếp nhận, xử lý phản ánh, kiến nghị của đơn vị"
        ),
        basis_by_kind={
            # No article of its own: the citizen's request ends the unit's answer.
            CaseKind.PHAN_ANH: "quy chế tiếp nhận, xử lý phản ánh, kiến nghị của đơn vị",
            CaseKind.KIEN_NGHI: "quy chế tiếp nhận, xử lý phản ánh, kiến nghị của đơn vị",
        },
        reason="The citizen withdrew in writing or in signed minutes; nothing is left to resolve.",
    ),
    # Withdrawal of a whole denunciation: stopped only where the resolver finds no sign of
    # violation, no coercion, no slander (Luật TC Art 33(3)); otherwise record_withdrawal.
    Transition(
        action="withdraw",
        label=_("Người tố cáo rút tố cáo"),
        sources=HANDLING,
        target=S.WITHDRAWN,
        kinds=frozenset({CaseKind.TO_CAO}),
        permission=WITHDRAW,
        required_fields=("form", "document_ref", "reason"),
        optional_fields=("attachment", "withdrawn_by", "stop_decision_ref", "note"),
        public=True,
        deadline_effect="",
        legal_basis=(
            "Điều 33, điểm a khoản 3 Điều 34 Luật Tố cáo; Điều 4 Nghị định 31/2019/NĐ-CP "
            "(Nghị định 156/2026/NĐ-CP)"
        ),
        reason="With signs of violation the denunciation must still be resolved (Art 33(3)).",
        actor_guard=_letter_actor_refusal,
    ),
    # A withdrawal after which the case goes on: one of several complainants or denouncers,
    # part of a denunciation, or a denunciation with signs of violation or coerced.
    Transition(
        action="record_withdrawal",
        label=_("Ghi nhận rút đơn, tiếp tục giải quyết"),
        sources=HANDLING,
        target=None,
        kinds=frozenset({CaseKind.KHIEU_NAI, CaseKind.TO_CAO}),
        permission=WITHDRAW,
        required_fields=("form", "document_ref", "scope"),
        optional_fields=(
            "withdrawn_by", "withdrawn_part", "continue_ground", "attachment", "note",
        ),
        public=True,
        deadline_effect="",
        legal_basis=(
            "Điều 7a Nghị định 124/2020/NĐ-CP (Nghị định 155/2026/NĐ-CP); khoản 2, khoản 3 "
            "Điều 33 Luật Tố cáo; khoản 4 Điều 4 Nghị định 31/2019/NĐ-CP"
        ),
        basis_by_kind={
            CaseKind.KHIEU_NAI: "Điều 7a Nghị định 124/2020/NĐ-CP (Nghị định 155/2026/NĐ-CP)",
            CaseKind.TO_CAO: (
                "khoản 2, khoản 3 Điều 33 Luật Tố cáo; khoản 4 Điều 4 Nghị định 31/2019/NĐ-CP"
            ),
        },
        reason="The others' complaint, the rest of the denunciation, or the violation remains.",
        actor_guard=_letter_actor_refusal,
    ),
    # concluded/closed → verifying: a report, recommendation or press report looked at again.
    Transition(
        action="reopen",
        label=_("Mở lại hồ sơ"),
        sources=frozenset({S.CONCLUDED, S.CLOSED}),
        target=S.VERIFYING,
        kinds=frozenset({CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.BAO_CHI}),
        permission=APPROVE,
        required_fields=("reason",),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis="Mở lại hồ sơ theo quyết định của lãnh đạo (không có quyết định có hiệu lực)",
        reason="A conclusion found wrong or incomplete is examined again.",
        actor_guard=_press_office("reopen"),  # a press case: the press office's
    ),
    # concluded/closed complaint or denunciation: never reopened by the unit that decided;
    # the level above reviews it, recorded as such (complaints.rules.review).
    Transition(
        action="reopen",
        label=_("Xem xét lại (cấp trên)"),
        sources=frozenset({S.CONCLUDED, S.CLOSED}),
        target=S.VERIFYING,
        kinds=frozenset({CaseKind.KHIEU_NAI, CaseKind.TO_CAO}),
        permission=APPROVE,
        required_fields=("reason", "review_decision"),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis="Điều 44 Luật Khiếu nại; Điều 38 Nghị định 124/2020/NĐ-CP; Điều 37 Luật Tố cáo",
        basis_by_kind={
            CaseKind.KHIEU_NAI: "Điều 44 Luật Khiếu nại; Điều 38 Nghị định 124/2020/NĐ-CP",
            CaseKind.TO_CAO: "Điều 37 Luật Tố cáo",
        },
        reason="A decision in force is reviewed by the level above, not by its author.",
        actor_guard=_review_actor_refusal,
    ),
    # filed/rejected → received: filed or refused by mistake.
    Transition(
        action="reopen",
        label=_("Mở lại hồ sơ"),
        sources=frozenset({S.FILED, S.REJECTED}),
        target=S.RECEIVED,
        kinds=CITIZEN,
        permission=APPROVE,
        required_fields=("reason",),
        optional_fields=("note",),
        public=True,
        deadline_effect="",
        legal_basis="Mở lại hồ sơ theo quyết định của lãnh đạo",
        reason="A petition filed or refused by mistake goes back to triage.",
    ),
    # Split a petition holding several matters into linked cases. A press report carrying
    # a complaint or denunciation is split into a case of that kind, acceptance as for
    # that kind (DOMAIN.md §4; NĐ 237/2026 Art 18(2), Luật TC Art 26(2)).
    Transition(
        action="split",
        label=_("Tách hồ sơ"),
        sources=OPEN_BEFORE_ACCEPTANCE | {S.ACCEPTED},
        target=None,
        kinds=CITIZEN | {CaseKind.BAO_CHI},
        permission=ACT,
        required_fields=("parts",),
        optional_fields=("note",),
        # The citizen learns the new tracking codes; each new case has a PIN of its
        # own, e-mailed to the reporter, never stored in the timeline.
        public=True,
        deadline_effect="",
        legal_basis=(
            "khoản 3 Điều 25 Luật Tiếp công dân; khoản 4 Điều 14 Nghị định 154/2026/NĐ-CP; "
            "khoản 2 Điều 18 Nghị định 237/2026/NĐ-CP (báo chí)"
        ),
        basis_by_kind={
            **{
                kind: "khoản 3 Điều 25 Luật Tiếp công dân; khoản 4 Điều 14 Nghị định 154/2026/NĐ-CP"
                for kind in CITIZEN
            },
            CaseKind.BAO_CHI: "khoản 2 Điều 18 Nghị định 237/2026/NĐ-CP",
        },
        reason="Each matter follows its own kind, unit and deadlines.",
        actor_guard=_press_office("split"),  # a press case: the press office's
    ),
    # A second-time complaint: a new khieu_nai linked to the first, routed to the level above.
    Transition(
        action="escalate",
        label=_("Khiếu nại lần hai"),
        sources=frozenset({S.CONCLUDED, S.CLOSED}),
        target=None,
        kinds=frozenset({CaseKind.KHIEU_NAI}),
        permission=ACT,
        required_fields=("content",),
        optional_fields=("title", "first_decision_ref", "channel", "different_complaint", "note"),
        public=True,
        deadline_effect="",
        legal_basis="Điều 20, 21, 33 Luật Khiếu nại (khiếu nại lần 2 lên cấp trên)",
        reason="The complainant disagrees with the first decision; the level above decides.",
        guard=_escalation_refusal,
    ),
    # ---- procedure (issue 9): competence, signature, dialogue ----
    # Staff correct the facts that decide competence; routing runs again, both decisions kept.
    Transition(
        action="correct_facts",
        label=_("Sửa thông tin xác định thẩm quyền"),
        sources=OPEN_BEFORE_ACCEPTANCE,
        target=None,
        kinds=CITIZEN,
        permission=ACT,
        required_fields=("reason",),
        optional_fields=(
            "about_facility", "category", "second_time", "decision_complained",
            "decision_maker", "accused_name", "accused_position", "accused_is_head",
            "sent_to_competent_body", "note",
        ),
        public=False,
        deadline_effect="",
        legal_basis=(
            "Điều 17–21 Luật Khiếu nại; Điều 12, 13, Điều 24 Luật Tố cáo (thẩm quyền theo "
            "người bị khiếu nại, tố cáo); khoản 1 Điều 28 Luật Tiếp công dân"
        ),
        basis_by_kind={
            CaseKind.KHIEU_NAI: "Điều 17–21 Luật Khiếu nại (thẩm quyền theo người bị khiếu nại)",
            CaseKind.TO_CAO: "Điều 12, 13, Điều 24 Luật Tố cáo (thẩm quyền theo người bị tố cáo)",
            CaseKind.PHAN_ANH: "khoản 1 Điều 28 Luật Tiếp công dân",
            CaseKind.KIEN_NGHI: "khoản 1 Điều 28 Luật Tiếp công dân",
        },
        reason="Competence follows the facts; correcting them routes the case again.",
    ),
    # Before acceptance: the signed copy or the in-person confirmation of an online filing.
    Transition(
        action="confirm_signature",
        label=_("Ghi nhận chữ ký"),
        sources=OPEN_BEFORE_ACCEPTANCE,
        target=None,
        kinds=frozenset({CaseKind.KHIEU_NAI, CaseKind.TO_CAO}),
        permission=ACT,
        required_fields=("method",),
        optional_fields=("attachment", "document_ref", "note"),
        public=False,
        deadline_effect="",
        legal_basis=(
            "khoản 2 Điều 8, khoản 5 Điều 11 Luật Khiếu nại; Điều 23, điểm a khoản 1 Điều 29 "
            "Luật Tố cáo"
        ),
        reason="An unsigned complaint is not accepted; online, staff record the signature.",
        guard=_signature_refusal,
        actor_guard=_letter_actor_refusal,
        basis_by_kind={
            CaseKind.KHIEU_NAI: "khoản 2 Điều 8, khoản 5 Điều 11 Luật Khiếu nại",
            CaseKind.TO_CAO: "Điều 23, điểm a khoản 1 Điều 29 Luật Tố cáo",
        },
    ),
    # First-time complaint: the request and the verification results differ → dialogue.
    Transition(
        action="mark_verification_differs",
        label=_("Ghi nhận yêu cầu khác kết quả xác minh"),
        sources=IN_RESOLUTION,
        target=None,
        kinds=frozenset({CaseKind.KHIEU_NAI}),
        permission=ACT,
        required_fields=("reason",),
        optional_fields=("note",),
        public=False,
        deadline_effect="",
        legal_basis="khoản 1 Điều 30 Luật Khiếu nại",
        reason="The law then makes the dialogue mandatory before the decision.",
        guard=_verification_differs_refusal,
    ),
    # Dialogue scheduled: the parties are notified at least 05 days ahead; public.
    Transition(
        action="schedule_dialogue",
        label=_("Lên lịch đối thoại"),
        sources=IN_RESOLUTION,
        target=None,
        kinds=frozenset({CaseKind.KHIEU_NAI}),
        permission=ACT,
        required_fields=("scheduled_at", "place", "participants"),
        # expected_meeting: the pending meeting the caller saw ("<id>@<ISO>" or "none"): a
        # stale move is refused (complaints/services/dialogue_expected.py).
        optional_fields=("notified_on", "expected_meeting", "note"),
        public=True,
        deadline_effect="",
        legal_basis=(
            "Điều 30, 39 Luật Khiếu nại; khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP "
            "(sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP)"
        ),
        reason="The complainant and the parties must know when and where, 05 days ahead.",
        # The resolver organizes it: only the competent unit's staff (rules/dialogue.py).
        actor_guard=lambda case, user: _dialogue_organizer_refusal(case, user),
    ),
    # Dialogue held (minutes, who led it) or the complainant did not attend.
    Transition(
        action="record_dialogue",
        label=_("Ghi kết quả đối thoại"),
        sources=IN_RESOLUTION,
        target=None,
        kinds=frozenset({CaseKind.KHIEU_NAI}),
        permission=ACT,
        required_fields=("outcome", "led_by"),
        # led_by_head: a second-time complaint's head led it in person (điểm a khoản 2).
        # result: the points agreed and still disputed, required when it was held
        # (khoản 4 Điều 30 Luật Khiếu nại; complaints/rules/dialogue.py RESULT_ARTICLE).
        # started_at, ended_at: when a meeting held began (if not at the time invited to)
        # and ended, as the minutes state them (Mẫu số 14; khoản 4 Điều 28).
        optional_fields=("led_by_head", "minutes", "result", "started_at", "ended_at", "note"),
        public=True,
        deadline_effect="",
        legal_basis=(
            "khoản 4, khoản 5 Điều 30 Luật Khiếu nại; điểm a khoản 2, khoản 3–5 Điều 28 Nghị định "
            "124/2020/NĐ-CP (sửa đổi bởi Nghị định 155/2026/NĐ-CP), Mẫu số 14"
        ),
        reason="The minutes are a ground of the decision; absence without reason lets it go on.",
        guard=_dialogue_record_refusal,
        # Who organized it records it: the competent unit's staff (rules/dialogue.py).
        actor_guard=lambda case, user: _dialogue_recorder_refusal(case, user),
    ),
    # notices: a notice the law requires went out (when, how, to whom); settles its
    # deadline step (table and logic: complaints/rules/notices.py, services/notices.py).
    Transition(
        action="record_notice",
        label=_("Ghi nhận đã gửi thông báo"),
        sources=frozenset(CaseStatus.values),
        target=None,
        kinds=None,
        permission=ACT,
        required_fields=("notice", "sent_on", "sent_via", "recipients"),
        optional_fields=("document_ref", "note"),
        public=False,
        deadline_effect="settle_notice",
        legal_basis=(
            "Điều 32, 41 Luật Khiếu nại; Điều 28b Nghị định 124/2020/NĐ-CP (Nghị định "
            "155/2026/NĐ-CP); khoản 3 Điều 29, khoản 4 Điều 30, khoản 4 Điều 34, khoản 3 Điều "
            "35, Điều 40 Luật Tố cáo; khoản 3–4 Điều 7 Nghị định 244/2026/NĐ-CP; khoản 3 Điều 4 "
            "Nghị định 154/2026/NĐ-CP"
        ),
        basis_by_kind={
            CaseKind.KHIEU_NAI: (
                "Điều 32, 41 Luật Khiếu nại; Điều 28b Nghị định 124/2020/NĐ-CP (Nghị định "
                "155/2026/NĐ-CP)"
            ),
            CaseKind.TO_CAO: (
                "khoản 3 Điều 29, khoản 4 Điều 30, khoản 4 Điều 34, khoản 3 Điều 35, Điều 40 "
                "Luật Tố cáo"
            ),
            # The one notice a press case records: the spokesperson's initial statement
            # (complaints/rules/notices.py PRESS_STATEMENT); its notice of measures is
            # settled by the conclusion (khoản 3 Điều 18 Nghị định 237/2026/NĐ-CP).
            CaseKind.BAO_CHI: "khoản 3–4 Điều 7 Nghị định 244/2026/NĐ-CP",
            CaseKind.PHAN_ANH: "khoản 3 Điều 4 Nghị định 154/2026/NĐ-CP",
            CaseKind.KIEN_NGHI: "khoản 3 Điều 4 Nghị định 154/2026/NĐ-CP",
        },
        reason="Sending the notice the law requires settles its deadline step.",
        guard=lambda case: _notice_refusal(case),
        actor_guard=_press_office("record_notice"),  # a press case: the press office's
    ),
    # notices: the outlet head's written request starts the 30-day press answer.
    Transition(
        action="record_press_request",
        label=_("Ghi nhận văn bản yêu cầu trả lời của cơ quan báo chí"),
        sources=HANDLING,
        target=None,
        kinds=frozenset({CaseKind.BAO_CHI}),
        permission=ACT,
        required_fields=("requested_on",),
        optional_fields=("document_ref", "note"),
        public=False,
        deadline_effect="press_answer",
        legal_basis="khoản 1 Điều 18 Nghị định 237/2026/NĐ-CP; khoản 1 Điều 39 Luật Báo chí 2016",
        reason="The 30-day answer runs from the outlet head's written request, not from receipt.",
        actor_guard=_press_office("record_press_request"),  # a press case: the press office's
    ),
    # The Sở determines after logging the article that the spokesperson owes an initial
    # statement within 24 hours (complaints/rules/press_statement.py): from the receipt
    # (khoản 3) or from this determination (khoản 4); the press office decides it.
    Transition(
        action="mark_press_statement",
        label=_("Xác định cần phát ngôn trong 24 giờ"),
        sources=HANDLING,
        target=None,
        kinds=frozenset({CaseKind.BAO_CHI}),
        permission=ACT,
        required_fields=("statement_ground",),
        optional_fields=("note",),
        public=False,
        deadline_effect="press_initial_statement",
        legal_basis="khoản 3, khoản 4 Điều 7 Nghị định 244/2026/NĐ-CP",
        reason=(
            "The 24-hour initial statement runs from when the Sở determines the matter affects "
            "public opinion, often after the article was logged."
        ),
        guard=lambda case: _press_statement_refusal(case),
        actor_guard=lambda case, user: _press_statement_actor_refusal(case, user),
    ),
    # press correction (DOMAIN.md §6): the Sở's written reply asking for a correction reached
    # the outlet; the outlet's deadline to publish it is stored as its own step
    # (complaints/rules/press_correction.py, services/press_correction.py).
    Transition(
        action="request_correction",
        label=_("Ghi nhận đã gửi văn bản đề nghị cải chính"),
        sources=frozenset(CaseStatus.values),
        target=None,
        kinds=frozenset({CaseKind.BAO_CHI}),
        permission=ACT,
        required_fields=("medium", "outlet_received_on"),
        optional_fields=("next_issue_on", "reply_ref", "note"),
        public=False,
        deadline_effect="press_correction",
        # The outlet's deadline cites the rule in force when it received the reply
        # (`complaints.rules.press_correction.correction_basis`).
        legal_basis=f"khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP; {CORRECTION_ARTICLE_2026}",
        reason="The outlet must publish the correction within the time its medium is given.",
        actor_guard=_press_office("request_correction"),
    ),
    # The outlet published the correction: settles its step, on time or late.
    Transition(
        action="record_correction_published",
        label=_("Ghi nhận báo đã đăng cải chính"),
        sources=frozenset(CaseStatus.values),
        target=None,
        kinds=frozenset({CaseKind.BAO_CHI}),
        permission=ACT,
        required_fields=("published_on",),
        optional_fields=("correction_url", "note"),
        public=False,
        deadline_effect="settle_press_correction",
        # The form and the event cite the pending request's own deadline row (the rule in
        # force when the outlet received it: complaints/admin/forms.py).
        legal_basis=CORRECTION_ARTICLE_2026,
        reason="The outlet's correction is recorded, with whether it came in time.",
        guard=lambda case: _correction_published_refusal(case),
        actor_guard=_press_office("record_correction_published"),
    ),
    # retention (complaints/retention/hold.py): a legal hold keeps the citizen's personal
    # data past its retention period; `destroy_expired_personal_data` skips the case.
    Transition(
        action="hold_retention",
        label=_("Giữ dữ liệu cá nhân, chưa hủy khi hết thời hạn lưu trữ"),
        sources=frozenset(CaseStatus.values),
        target=None,
        kinds=None,
        permission=HOLD,
        required_fields=("reason",),
        optional_fields=("note",),
        public=False,
        deadline_effect="",
        legal_basis="khoản 1, khoản 3 Điều 16 Luật Bảo vệ dữ liệu cá nhân",
        reason="Another law (an inspection, a lawsuit) may need the data past its period.",
        guard=lambda case: _retention_hold_refusal(case),
    ),
    Transition(
        action="release_retention",
        label=_("Bỏ giữ dữ liệu cá nhân"),
        sources=frozenset(CaseStatus.values),
        target=None,
        kinds=None,
        permission=HOLD,
        required_fields=("reason",),
        optional_fields=("note",),
        public=False,
        deadline_effect="",
        legal_basis="khoản 3 Điều 16 Luật Bảo vệ dữ liệu cá nhân",
        reason="Once the hold's ground ends, the period's end destroys the data again.",
        guard=lambda case: _retention_release_refusal(case),
    ),
)


def resumed_status(case) -> str:
    """The state a suspended case resumes in: the one it was suspended from (khoản 2 Điều 34
    Luật Tố cáo; khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP, bổ sung bởi Nghị định
    155/2026/NĐ-CP: resolution continues, it does not skip a step). Read from the last
    ``suspend`` event's ``from_status``, else from the case's history (the last state before
    the suspension); a suspension with neither on record resumes as accepted, so the
    verification is assigned by its own step (`start_verification`), never taken as done."""
    from complaints.models import CaseEvent

    before = (
        CaseEvent.objects.filter(case=case, action="suspend")
        .order_by("-at", "-id")
        .values_list("from_status", flat=True)
        .first()
    )
    if before is None and case.pk is not None:
        before = (
            case.history.exclude(status=S.SUSPENDED)
            .order_by("-history_date", "-history_id")
            .values_list("status", flat=True)
            .first()
        )
    return before if before in IN_RESOLUTION else S.ACCEPTED


def _verification_actor_refusal(case, user) -> str | None:
    from complaints.rules.verification import declaration_actor_refusal

    return declaration_actor_refusal(case=case, user=user)


def _verification_extension_refusal(case) -> str | None:
    from complaints.rules.verification_extension import extension_refusal

    return extension_refusal(case, timezone.localdate())


def _retention_hold_refusal(case) -> str | None:
    from complaints.retention.hold import hold_refusal

    return hold_refusal(case)


def _retention_release_refusal(case) -> str | None:
    from complaints.retention.hold import release_refusal

    return release_refusal(case)


def _notice_refusal(case) -> str | None:
    from complaints.services.notices import record_notice_refusal

    return record_notice_refusal(case)


def _press_statement_refusal(case) -> str | None:
    from complaints.services.press_statement import statement_mark_refusal

    return statement_mark_refusal(case)


def _press_statement_actor_refusal(case, user) -> str | None:
    from complaints.services.press_statement import statement_mark_actor_refusal

    return statement_mark_actor_refusal(case, user)


def _correction_published_refusal(case) -> str | None:
    from complaints.services.press_correction import correction_published_refusal

    return correction_published_refusal(case)


ACTIONS: tuple[str, ...] = tuple(dict.fromkeys(t.action for t in TRANSITIONS))


def _validate_table() -> None:
    # At most one row of an action for any (state, kind): fail at import, never pick one.
    seen: dict[tuple[str, str, str], Transition] = {}
    statuses = set(CaseStatus.values)
    for t in TRANSITIONS:
        if not t.sources <= statuses or (t.target is not None and t.target not in statuses):
            raise ValueError(f"unknown state in transition {t.action}")
        if t.target is not None and t.target_of is not None:
            raise ValueError(f"transition {t.action} names its target twice")
        if not t.legal_basis or not t.reason:
            raise ValueError(f"transition {t.action} without legal basis or reason")
        if t.basis_by_kind and not set(t.basis_by_kind) <= set(t.kinds or CaseKind.values):
            raise ValueError(f"transition {t.action} cites a kind it does not apply to")
        for status in t.sources:
            for kind in t.kinds or CaseKind.values:
                key = (t.action, status, kind)
                if key in seen:
                    raise ValueError(f"overlapping transitions for {key}")
                seen[key] = t


_validate_table()


def transition_for(*, case, action: str) -> Transition | None:
    """The row of ``action`` that applies to the case's state and kind, if any."""
    for t in TRANSITIONS:
        if t.action == action and t.applies_to(case):
            return t
    return None


def transition_of_kind(*, case, action: str) -> Transition | None:
    """The row of ``action`` for the case's kind: the one open in its state, else the kind's
    row in another state (to name the step's fields and articles when it is not open; never
    another kind's row, whose articles and fields are not the case's)."""
    return transition_for(case=case, action=action) or next(
        (
            t for t in TRANSITIONS
            if t.action == action and (t.kinds is None or case.kind in t.kinds)
        ),
        None,
    )


def transition_label(action: str, *, kind: str = "", from_status: str = "") -> str:
    """The name of ``action`` as the row of the case's kind (and, where given, the state it
    left) names it: several rows share an action name ("withdraw" is a complaint's or a
    report's "Người gửi rút đơn", a denunciation's "Người tố cáo rút tố cáo"; "reopen" a
    complaint's review by the superior or its reopening), so the history, the approvals and
    their mails never read another kind's words. Without a kind, the first row's; the code
    itself for an action of no row."""
    rows = [t for t in TRANSITIONS if t.action == action]
    if kind:
        of_kind = [t for t in rows if t.kinds is None or kind in t.kinds]
        rows = [t for t in of_kind if from_status in t.sources] or of_kind or rows
    return str(rows[0].label) if rows else action


def transitions_for(*, case) -> list[Transition]:
    """The transitions the table allows for this case now (state, kind and guards)."""
    return [t for t in TRANSITIONS if t.applies_to(case) and t.refusal(case) is None]


def allowed_actions(*, case, user) -> list[Transition]:
    """What ``user`` may do to ``case`` now: the table, the permission and the scope; a
    complaint's or a denunciation's decisions only to a leader of its competent unit
    (`complaints.rules.resolver`)."""
    from complaints.models import Case
    from complaints.rules.resolver import is_competent_leader, is_head_decision

    candidates = [
        t
        for t in transitions_for(case=case)
        if user.has_perm(t.permission)
        and t.actor_refusal(case, user) is None
        and (
            not is_head_decision(case=case, action=t.action)
            or is_competent_leader(case=case, user=user)
        )
    ]
    if not candidates or not Case.objects.in_scope_of(user).filter(pk=case.pk).exists():
        return []
    return candidates
