"""The one write path of a case's workflow (DOMAIN.md §3; table in `complaints.transitions`).

The admin workspace, the staff API and the `case_action` command all call
`case_transition`; nothing else changes a case's status.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import deadlines as engine
from complaints import emails
from complaints.citations import citation_read, citation_read_later
from complaints.kinds import (
    CITIZEN_KINDS,
    CLOSED_STATUSES,
    CaseKind,
    CaseStatus,
    Channel,
    PressFinding,
)
from complaints.models import Case, CaseDeadline, CaseEvent, Facility, Reporter
from complaints.retention.hold import RETENTION_HOLD_HANDLERS
from complaints.rules.resolver import resolver_refusal
from complaints.services.confidential_text import identity_errors
from complaints.services.decision import (
    DECISION_FIELD_CLEANERS,
    decision_errors,
    decision_for_conclusion,
    decision_issued,
    document_refusal,
)
from complaints.services.idempotency import case_id_of_retry, staff_replay, staff_request
from complaints.services.notices import (
    NOTICE_FIELD_CLEANERS,
    NOTICE_HANDLERS,
    notices_open,
    portal_email_sendings,
)
from complaints.services.paper_decision import (
    PAPER_DECISION_FIELD_CLEANERS,
    paper_decision_data,
    paper_decision_errors,
)
from complaints.services.press_correction import (
    PRESS_CORRECTION_FIELD_CLEANERS,
    PRESS_CORRECTION_HANDLERS,
)
from complaints.services.press_statement import (
    PRESS_STATEMENT_FIELD_CLEANERS,
    PRESS_STATEMENT_HANDLERS,
)
from complaints.services.tracking import normalize_tracking_code
from complaints.services.verification import (
    VERIFICATION_FIELD_CLEANERS,
    VERIFICATION_HANDLERS,
    verification_period_clear,
    verification_period_resumed,
)
from complaints.signals import case_created, case_event_recorded
from complaints.transitions import (
    ACTIONS,
    FILE_REASONS,
    STAFF_RECORDED_CHANNELS,
    TRANSITIONS,
    Transition,
    transition_for,
    transition_label,
)
from complaints.validation import moment_value, past_day_field
from portal.lazy_text import lazy_message, read_later
from portal.tasks import tasks_batched

__all__ = [
    "TransitionInvalid",
    "TransitionNotAllowed",
    "UnknownAction",
    "case_deadlines_recount",
    "case_id_of_retry",
    "case_notices_sent_by_portal",
    "case_transition",
    "step_value_refusals",
]

logger = logging.getLogger(__name__)


class TransitionNotAllowed(Exception):
    """The workflow forbids the action now (HTTP 409).

    `message` is Vietnamese: the services run in Vietnamese, the record's language
    (`case_transition`). `read()` gives the refusal in the active language, the caller's (an
    API answer asked in English: docs/api.md "answers are in Vietnamese unless the call asks
    for English"), written again by `written_again` when the raiser gave it (`refused`);
    without it, the Vietnamese message."""

    def __init__(self, message: str, *, written_again: Callable[[], str] | None = None):
        super().__init__(message)
        self.message = message
        self.written_again = written_again

    def read(self) -> str:
        if self.written_again is None or translation.get_language() == settings.LANGUAGE_CODE:
            return str(self.message)
        try:
            return str(self.written_again() or self.message)
        except Exception:  # the refusal stands: never lose it for its translation
            logger.exception("a refusal could not be written again in %s",
                             translation.get_language())
            return str(self.message)


def refused(write: Callable[[], str]) -> TransitionNotAllowed:
    """A refusal written now, in the service's Vietnamese, and again in the reader's language
    when it is read (`TransitionNotAllowed.read`): `write` reads everything it names (labels,
    statuses) in the active language, and only what the refusal was decided on."""
    return TransitionNotAllowed(write(), written_again=write)


class UnknownAction(TransitionNotAllowed):
    """No such action in the table (HTTP 404)."""


class TransitionInvalid(Exception):
    """The action's fields are missing or wrong (HTTP 400): {field: [messages]}."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass
class _Step:
    """What one transition does, gathered by its handler before anything is saved."""

    case: Case
    transition: Transition
    actor: object
    origin: str
    now: datetime.datetime
    fields: dict
    public_message: str = ""
    data: dict = field(default_factory=dict)
    after_save: list[Callable[[], None]] = field(default_factory=list)
    created_cases: list[tuple[Case, CaseEvent]] = field(default_factory=list)
    # The drafted document issued with a conclusion (`document_id`), read before the step.
    document: object = None


# `case_transition(handled_by=…)` not given: the actor handles the step himself.
ACTOR_HANDLES = object()


def case_transition(
    *,
    case_id: int,
    action: str,
    actor,
    data: dict,
    origin: str,
    document_id: int | None = None,
    document_version: str | None = None,
    idempotency_key: str | None = None,
    signed_confirmed: bool = False,
    handled_by=ACTOR_HANDLES,
) -> CaseEvent:
    """Perform one workflow action on a case; return the `CaseEvent` it recorded.

    Guarantees:
    - one `transaction.atomic`; the case row is locked (`select_for_update`) before
      anything is read, so two transitions at once on one case run one after the
      other: the second sees the new state and fails with TransitionNotAllowed;
    - checks, in order: scope (`Case.objects.in_scope_of(actor)`: outside raises
      `Case.DoesNotExist`), `data["expected_status"]` when given (a stale form:
      TransitionNotAllowed), the permission of the action (PermissionDenied), the
      table and its legal conditions (TransitionNotAllowed), the fields
      (TransitionInvalid with every error); nothing is written before all pass;
    - writes the case with the history user and the change reason
      `origin=<origin> action=case_<action>`, one `CaseEvent`, and the deadline
      effect (`case_deadlines_refresh` and the event-driven steps);
    - sends `case_event_recorded` after commit (and `case_created`, in the transaction, for
      the cases it creates: complaints.signals);
    - with `document_id`, issues that drafted document of this step in the same
      transaction (`complaints.documents.services.document_issue`): the approval of the
      step and of its document are one act; a document that cannot be issued undoes both.
      `document_version`, when given, is the `Document.version` the leader was shown: a
      document edited since is not issued, and the step is not taken; `signed_confirmed`:
      the issuer confirmed the document was signed (without it the document, and so the
      step, is refused: `document_issue`);
    - with `idempotency_key` (the staff API's `Idempotency-Key`), a retry by the same
      actor with the same key returns the event the first call recorded, acting on
      nothing again (before any other check, the scope included); the
      same key with another case, action or body raises `IdempotencyConflict`, as
      `case_submit` does for a submission;
    - the case is no longer new for the actor (`alerts_mark_seen`: who acts on it has seen
      it);
    - a handling step (`HANDLING_STEPS`) on a case of a unit with no handler makes its
      officer the handler (`_handler_take`: `handled_by`, the author of a draft approved
      (None: nobody, the author's account deleted), else the actor, but not a leader for
      his own decision), with an internal "assign" event after the step's.
    """
    data = dict(data or {})
    if action not in ACTIONS:
        raise UnknownAction(_("Không có thao tác “%(action)s”.") % {"action": action})
    key, fingerprint = staff_request(
        idempotency_key, actor=actor,
        request=[case_id, action, data, document_id, document_version],
    )  # fmt: skip
    now = timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        # A retry: before the scope (an `assign` may have moved the case out of it), and
        # again once the case is locked (a retry sent while the first call was running).
        replay = staff_replay(key=key, fingerprint=fingerprint)
        if replay is not None:
            return replay
        case = Case.objects.in_scope_of(actor).select_for_update().get(pk=case_id)
        replay = staff_replay(key=key, fingerprint=fingerprint)
        if replay is not None:
            return replay
        expected = data.pop("expected_status", None)
        if expected and expected != case.status:
            raise refused(
                lambda: _(
                    "Hồ sơ đã chuyển sang trạng thái “%(status)s” trong khi bạn thao tác; "
                    "hãy tải lại trang."
                )
                % {"status": case.get_status_display()}
            )
        transition = _check(case=case, action=action, actor=actor)
        fields = _clean(transition=transition, case=case, data=data, now=now, actor=actor)
        step = _Step(
            case=case, transition=transition, actor=actor, origin=origin, now=now, fields=fields,
            # The conclusion's decision issued with it (complaints/services/decision.py).
            document=(_step_document(document_id, case=case)
                      if document_id is not None and action == "conclude" else None),
        )
        _HANDLERS[action](step)
        step.data.update(paper_decision_data(fields))  # a decision signed on paper, if given
        taken_by = _handler_take(step, handled_by)

        from_status = case.status
        target = transition.target_for(case)  # `resume`: the state it was suspended from
        if target is not None:
            case.status = target
            if target in CLOSED_STATUSES:
                case.closed_at = now
        case._history_user = actor
        case._change_reason = f"origin={origin} action=case_{action}"
        case.save()
        for effect in step.after_save:
            effect()

        event = CaseEvent.objects.create(
            case=case,
            action=action,
            from_status=from_status,
            to_status=case.status,
            actor=actor,
            at=now,
            is_public=transition.public_for(case.kind),
            public_message=step.public_message if transition.public_for(case.kind) else "",
            note=fields.get("note", ""),
            data={"origin": origin, **step.data},
            idempotency_key=key,
            request_fingerprint=fingerprint,
        )
        if taken_by is not None:
            _handler_taken_record(step, taken_by)
        from complaints.notifications.staff import alerts_mark_seen

        alerts_mark_seen(case=case, user=actor)  # who acts on a case has seen it
        notices_open(case=case, event=event, actor=actor, origin=origin)  # rules/notices.py
        transaction.on_commit(lambda: case_event_recorded.send(sender=Case, case=case, event=event))
        if document_id is not None:  # documents (issue 10): the step's document, same act
            document = _document_issue(document_id=document_id, case=case, action=action,
                                       actor=actor, origin=origin,
                                       expected_version=document_version,
                                       signed_confirmed=signed_confirmed)
            decision_issued(event, document)  # a conclusion's decision: its number and day
        with tasks_batched():  # the new cases' `case_created`, in the transaction
            for created, received in step.created_cases:
                case_created.send(sender=Case, case=created, event=received)
    return event


def _document_issue(
    *,
    document_id: int,
    case: Case,
    action: str,
    actor,
    origin: str,
    expected_version: str | None = None,
    signed_confirmed: bool = False,
):
    from complaints.documents.models import Document
    from complaints.documents.services import DocumentError, document_issue

    try:
        return document_issue(
            document_id=document_id,
            actor=actor,
            origin=origin,
            case_id=case.pk,
            action=action,
            expected_version=expected_version,
            signed_confirmed=signed_confirmed,
        )
    except (DocumentError, Document.DoesNotExist) as error:
        raise TransitionNotAllowed(
            getattr(error, "message", _("Không tìm thấy dự thảo văn bản của bước này."))
        ) from error


def _step_document(document_id: int, *, case: Case):
    """The case's document `document_id`, read before the step (any state: issuing it, after
    the step's event, checks the rest); a document the case has not is refused."""
    from complaints.documents.models import Document

    document = (
        Document.objects.select_related("template").filter(pk=document_id, case=case).first()
    )
    if document is None:
        raise refused(lambda: _("Không tìm thấy dự thảo văn bản của bước này."))
    return document


# ---- checks ----------------------------------------------------------------------------


def _check(*, case: Case, action: str, actor) -> Transition:
    rows = [t for t in TRANSITIONS if t.action == action]
    for_kind = [t for t in rows if t.kinds is None or case.kind in t.kinds]
    if not for_kind:
        raise refused(
            lambda: _("Thao tác “%(label)s” không áp dụng cho hồ sơ loại %(kind)s.")
            % {"label": str(rows[0].label), "kind": case.get_kind_display()}
        )
    transition = transition_for(case=case, action=action)
    needed = [transition] if transition is not None else for_kind
    if not any(actor.has_perm(t.permission) for t in needed):
        raise PermissionDenied(_permission_refusal(case=case, action=action, actor=actor))
    if transition is None:
        raise refused(
            lambda: _("Không thể “%(label)s” khi hồ sơ đang ở trạng thái “%(status)s”.")
            % {"label": str(rows[0].label), "status": case.get_status_display()}
        )
    refusal = transition.refusal(case) or transition.actor_refusal(case, actor)
    if refusal:
        raise TransitionNotAllowed(
            refusal,
            written_again=lambda: transition.refusal(case) or transition.actor_refusal(case, actor),
        )
    # A complaint's or a denunciation's decision is its competent unit's leader's, never a
    # leader's of a unit above (complaints/rules/resolver.py).
    competence = resolver_refusal(case=case, action=action, actor=actor, label=rows[0].label)
    if competence:
        raise PermissionDenied(competence)
    return transition


def _permission_refusal(*, case: Case, action: str, actor):
    """Why the actor's role may not take the step: for a step the head decides
    (`complaints.approvals.rules`, e.g. accepting a complaint), the head's article and the
    way a handler asks for it (a draft for approval); for a complaint's or a denunciation's
    decision also the competent unit whose leader takes it (`complaints.rules.resolver`),
    or, when the law closes the step for the case anyway (e.g. the unit is not competent
    for it: forward it instead of refusing it), that reason. Lazy (`portal.lazy_text`): the
    service runs in Vietnamese, the refusal is read in its reader's language."""
    from complaints.approvals.rules import approval_reason
    from complaints.rules.resolver import (
        competent_unit_refusal,
        is_head_decision,
        outside_unit_refusal,
    )

    if approval_reason(action, case.kind) and actor.has_perm("complaints.act_on_case"):
        transition = transition_for(case=case, action=action)
        if transition is not None and transition.refusal(case):
            return read_later(lambda: transition.refusal(case))
        # A unit above proposes none of a facility's first complaint's resolution either:
        # its refusal, not the advice to propose a draft it would be refused.
        outside = outside_unit_refusal(case=case, user=actor, action=action)
        if outside:
            return outside
        # Read in the refusal's reader's language, the row of the case's kind.
        label = read_later(lambda: transition_label(action, kind=case.kind))
        ask = lazy_message(
            gettext_lazy(
                "Bạn không có quyền tự thực hiện “%(label)s” với hồ sơ này: %(why)s. Hãy trình "
                "lãnh đạo phê duyệt (dự thảo “%(label)s”)."
            ),
            label=label, why=read_later(lambda: approval_reason(action, case.kind)),
        )
        if is_head_decision(case=case, action=action):
            who = competent_unit_refusal(case=case, actor=actor, label=label)
            return lazy_message("%(who)s %(ask)s", who=who, ask=ask)
        return ask
    return gettext_lazy("Bạn không có quyền thực hiện thao tác này.")


def _text(value, *, max_length: int | None = None) -> tuple[str, str | None]:
    if value is None:
        return "", None
    if not isinstance(value, str):
        return "", gettext_lazy("Giá trị phải là văn bản.")
    value = value.strip()
    if max_length and len(value) > max_length:
        return "", lazy_message(gettext_lazy("Tối đa %(count)s ký tự."), count=max_length)
    return value, None


_TEXT_LIMITS = {
    "reason": 2000,
    "legal_ground": 255,
    "to": 255,
    "message": 4000,
    "conclusion": 20000,
    "public_answer": 20000,
    "note": 4000,
    "content": 20000,
    "title": 255,
    "first_decision_ref": 255,
    # procedure (issue 9)
    "document_ref": 255,
    "withdrawn_by": 255,
    "withdrawn_part": 4000,
    "stop_decision_ref": 255,
    "review_decision": 255,
    "place": 255,
    "participants": 4000,
    "led_by": 255,
    "minutes": 20000,
    "result": 20000,  # record_dialogue: the dialogue's result (Mẫu số 14, mục III)
    # report_verification (complaints/rules/verification_report.py)
    "verification_result": 20000,
    "recommendation": 20000,
    "respondent_explanation": 20000,
    "dissent": 20000,
    "decision_complained": 500,
    "decision_maker": 255,
    "accused_name": 255,
    "accused_position": 255,
}


def _clean(*, transition: Transition, case: Case, data: dict, now, actor) -> dict:
    """The transition's fields, validated; every error at once (TransitionInvalid)."""
    errors: dict[str, list[str]] = {}
    cleaned: dict = {}
    today = timezone.localtime(now).date()
    for name in transition.fields:
        raw = data.get(name)
        required = name in transition.required_fields
        value, error = None, None
        if name in _PROCEDURE_FIELDS:
            value, error = _PROCEDURE_FIELDS[name](
                raw, case=case, transition=transition, now=now, actor=actor
            )
        elif name == "reason" and transition.action == "file":
            value = raw if isinstance(raw, str) and raw in FILE_REASONS else None
            if raw and value is None:
                error = choose_one(FILE_REASONS.items())
        elif name in _TEXT_LIMITS:
            value, error = _text(raw, max_length=_TEXT_LIMITS[name])
        elif name == "press_finding":
            value = raw if raw in PressFinding.values else None
            if raw and value is None:
                error = choose_one(PressFinding.choices)
        elif name == "decided_on":
            value, error = _clean_date(raw, case=case, today=today)
        elif name == "channel":  # how a second complaint recorded by staff came in
            value = raw if raw in STAFF_RECORDED_CHANNELS else None
            if raw and value is None:
                error = choose_one((c, Channel(c).label) for c in STAFF_RECORDED_CHANNELS)
        elif name == "very_complex":
            value = raw in (True, "true", "1", "on", 1)
        elif name == "facility":
            value, error = _clean_facility(raw)
        elif name == "user":
            value, error = _clean_user(
                raw, facility=cleaned.get("facility"), case=case, actor=actor
            )
        elif name == "duplicate_of":
            value, error = _clean_duplicate(raw, case=case, actor=actor)
        elif name == "parts":
            value, error = _clean_parts(raw, case=case)
        elif name in NOTICE_FIELD_CLEANERS:
            value, error = NOTICE_FIELD_CLEANERS[name](raw, case=case, today=today)
        elif name in PRESS_CORRECTION_FIELD_CLEANERS:
            value, error = PRESS_CORRECTION_FIELD_CLEANERS[name](raw, case=case, today=today)
        elif name in PRESS_STATEMENT_FIELD_CLEANERS:
            value, error = PRESS_STATEMENT_FIELD_CLEANERS[name](raw, case=case, today=today)
        elif name in DECISION_FIELD_CLEANERS:  # a conclusion's decision signed on paper
            value, error = DECISION_FIELD_CLEANERS[name](raw, case=case, today=today)
        elif name in VERIFICATION_FIELD_CLEANERS:  # the verification's period, declaration
            value, error = VERIFICATION_FIELD_CLEANERS[name](raw, case=case, today=today)
        elif name in PAPER_DECISION_FIELD_CLEANERS:  # a step's decision signed on paper
            value, error = PAPER_DECISION_FIELD_CLEANERS[name](
                raw, case=case, transition=transition, today=today
            )
        if error:
            errors.setdefault(name, []).append(error)
        elif required and value in (None, "", [], False):
            errors.setdefault(name, []).append(gettext_lazy("Trường này là bắt buộc."))
        elif value is not None and value != "":
            cleaned[name] = value
    # A denouncer's identity in a text others read (khoản 3 Điều 8, Điều 47 Luật Tố cáo).
    for name, refusals in identity_errors(cleaned, case=case, writer=actor).items():
        errors.setdefault(name, []).extend(refusals)
    if not errors:  # its number and day go together (complaints/rules/paper_decision.py)
        errors.update(paper_decision_errors(case=case, transition=transition, fields=cleaned))
    if errors:
        raise TransitionInvalid(errors)
    return cleaned


def step_value_refusals(*, transition: Transition, case: Case, data: dict, actor) -> dict:
    """{field: [refusals]} the step would give these values on this case today, for the
    fields given only (one missing is the caller's to require): the same checks as
    `case_transition` (`_clean`: the choices, the law's conditions on each value such as
    the verification team's conflict, a denouncer's identity in a text). A document's draft
    of a step not yet taken is checked with them (complaints/documents/forms.py), so what
    the step would refuse when the draft is issued with it is said when it is drafted."""
    try:
        _clean(transition=transition, case=case, data=data, now=timezone.now(), actor=actor)
    except TransitionInvalid as invalid:
        return {
            name: refusals for name, refusals in invalid.errors.items()
            if data.get(name) not in (None, "", [], False)
        }
    return {}


# ---- fields of the procedure (issue 9) ------------------------------------------------------


def choices_text(pairs) -> str:
    """The codes an API or command-line caller may send, each with what it means to the
    person reading the refusal: "duplicate (Đơn trùng nội dung đã được xử lý); …"."""
    return "; ".join(f"{code} ({label})" for code, label in pairs)


def choose_one(pairs):
    """The refusal of a value not among `pairs` ((code, label)), read in the reader's
    language (`portal.lazy_text`), the labels too."""
    pairs = list(pairs)
    choices = read_later(lambda: choices_text(pairs))
    return lazy_message(gettext_lazy("Chọn một trong: %(choices)s."), choices=choices)


def _choice(pairs):
    """A field taking one of `pairs` ((code, label), as a model's `choices`)."""
    pairs = [(str(code), label) for code, label in pairs]
    codes = {code for code, _label in pairs}

    def clean(raw, **_kw):
        if raw in (None, ""):
            return None, None
        if isinstance(raw, str) and raw in codes:
            return raw, None
        return None, choose_one(pairs)

    return clean


def _tri_state(raw, **_kw):
    """A fact to set (True/False) or leave as it is (None)."""
    if raw in (None, ""):
        return None, None
    if raw in (True, "true", "1", "on", 1, "yes"):
        return True, None
    if raw in (False, "false", "0", "off", 0, "no"):
        return False, None
    return None, gettext_lazy("Giá trị phải là có hoặc không.")


def _confirmation(raw, **_kw):
    """A box ticked (True) or not (None); anything else is refused."""
    if raw in (None, "", False, "false", "0", "off", 0, "no"):
        return None, None
    if raw in (True, "true", "1", "on", 1, "yes"):
        return True, None
    return None, gettext_lazy("Giá trị phải là có hoặc không.")


def _clean_ground(raw, *, case, transition, **_kw):
    from complaints.rules.refusal_grounds import ground_for, grounds_for

    if raw in (None, ""):
        return None, None
    ground = ground_for(code=str(raw).strip(), kind=case.kind, action=transition.action)
    if ground is None:
        grounds = grounds_for(kind=case.kind, action=transition.action)
        if not grounds:
            return None, gettext_lazy("Loại hồ sơ này không có căn cứ nào cho thao tác này.")
        return None, lazy_message(
            gettext_lazy("Căn cứ không hợp lệ. Chọn một trong: %(choices)s."),
            choices=read_later(lambda: choices_text(
                (g.code, f"{g.text} ({citation_read(g.article)})") for g in grounds
            )),
        )
    return ground, None


def _clean_attachment(raw, *, case, actor, **_kw):
    """One of the case's files the actor may see (`attachments_for`): a denouncer's file
    is taken only from who may see the denouncer, else it is not found, as the case
    page hides it (khoản 3 Điều 8, Điều 47 Luật Tố cáo)."""
    from complaints.selectors.identity import attachments_for

    if raw in (None, ""):
        return None, None
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        pk = None
    attachment = attachments_for(case=case, user=actor).filter(pk=pk).first() if pk else None
    if attachment is None:
        return None, gettext_lazy("Không tìm thấy tệp đính kèm này trong hồ sơ.")
    return attachment, None


def _clean_any_facility(raw, **_kw):
    if raw in (None, ""):
        return None, None
    facility = Facility.objects.filter(code=str(raw).strip(), is_active=True).first()
    if facility is None:
        return None, gettext_lazy("Không tìm thấy cơ sở đang hoạt động có mã này.")
    return facility, None


def _clean_category(raw, **_kw):
    from complaints.models import Category

    if raw in (None, ""):
        return None, None
    category = Category.objects.filter(code=str(raw).strip(), is_active=True).first()
    if category is None:
        return None, gettext_lazy("Không tìm thấy lĩnh vực này.")
    return category, None


def _clean_moment(raw, **_kw):
    if raw in (None, ""):
        return None, None
    value = moment_value(raw)
    if value is None:
        return None, gettext_lazy("Thời gian không hợp lệ (định dạng YYYY-MM-DDTHH:MM).")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value, None


def _clean_notified_on(raw, *, case, now, **_kw):
    return _clean_date(
        raw,
        case=case,
        today=timezone.localtime(now).date(),
        label=gettext_lazy("Ngày gửi giấy mời đối thoại"),
    )


def _procedure_fields() -> dict:
    from complaints.rules.dialogue import SETTLING, DialogueStatus
    from complaints.rules.signature import SignatureMethod
    from complaints.rules.withdrawal import ContinueGround, WithdrawalForm, WithdrawalScope
    from complaints.services.dialogue_expected import clean_expected_meeting

    return {
        "legal_ground": _clean_ground,
        "method": _choice(SignatureMethod.choices),
        "attachment": _clean_attachment,
        "about_facility": _clean_any_facility,
        "category": _clean_category,
        "second_time": _tri_state,
        "accused_is_head": _tri_state,
        "sent_to_competent_body": _tri_state,
        "scheduled_at": _clean_moment,
        "started_at": _clean_moment,  # record_dialogue
        "ended_at": _clean_moment,
        "notified_on": _clean_notified_on,
        "outcome": _choice(
            [(value, label) for value, label in DialogueStatus.choices if value in SETTLING]
        ),
        "led_by_head": _confirmation,
        "without_dialogue_documents": _confirmation,
        "notices_given_outside": _confirmation,  # complaints/rules/owed_notices.py
        "expected_meeting": clean_expected_meeting,
        "different_complaint": _confirmation,  # escalate: complaints/services/second_round.py
        "form": _choice(WithdrawalForm.choices),
        "scope": _choice(WithdrawalScope.choices),
        "continue_ground": _choice(ContinueGround.choices),
    }


_PROCEDURE_FIELDS = _procedure_fields()


def _clean_date(raw, *, case: Case, today: datetime.date, label: str | None = None):
    return past_day_field(
        raw,
        received_on=timezone.localtime(case.received_at).date(),
        today=today,
        label=label or gettext_lazy("Ngày quyết định"),
    )


def _clean_facility(raw):
    if raw in (None, ""):
        return None, None
    from complaints.services.routing import facility_receives_cases

    facility = Facility.objects.filter(code=str(raw).strip()).first()
    if facility is None or not facility_receives_cases(facility):
        return None, gettext_lazy("Không tìm thấy cơ sở đang hoạt động có mã này.")
    return facility, None


def _clean_user(raw, *, facility: Facility | None, case: Case, actor):
    """The handler named: one of the people of the unit given the case (`unit_staff`, the
    list "Giao xử lý" offers), never whoever may see every case. The handler of a tố cáo
    sees the denouncer's identity (`handles_case`) and verifies it: naming anyone, oneself
    or a colleague, takes a leader (approve_case), the resolver who assigns the
    verification (khoản 1 Điều 31 Luật Tố cáo), so no officer opens it by their own act
    nor gives it to a colleague (Điều 47, khoản 3 Điều 8 Luật Tố cáo). A leader's step,
    proposed by an officer and approved, is the leader's act."""
    from complaints.rules.denunciation_handler import may_name_handler
    from complaints.selectors.unit_staff import is_unit_staff

    if raw in (None, ""):
        return None, None
    User = get_user_model()
    query = User.objects.filter(is_active=True)
    if isinstance(raw, int) or (isinstance(raw, str) and raw.isdigit()):
        user = query.filter(pk=int(raw)).first()
    else:
        user = query.filter(username=str(raw)).first()
    if user is None or not user.has_perm("complaints.act_on_case"):
        return None, gettext_lazy("Không tìm thấy cán bộ xử lý này.")
    if facility is not None and not is_unit_staff(
        facility=facility, user=user, case_kind=case.kind
    ):
        return None, gettext_lazy("Cán bộ này không thuộc đơn vị được giao.")
    if not may_name_handler(case=case, actor=actor):
        if user.pk == actor.pk:
            return None, gettext_lazy(
                "Không tự giao cho mình giải quyết tố cáo: người giải quyết được biết danh "
                "tính người tố cáo, nên phải do lãnh đạo giao (Điều 47 Luật Tố cáo)."
            )
        return None, gettext_lazy(
            "Chỉ lãnh đạo giao cán bộ xác minh tố cáo: người giải quyết tố cáo giao việc xác "
            "minh bằng văn bản, và người được giao biết danh tính người tố cáo (khoản 1 "
            "Điều 31, Điều 47 Luật Tố cáo). Hãy giao hồ sơ cho đơn vị, không chọn cán bộ, "
            "để lãnh đạo đơn vị giao người xác minh."
        )
    return user, None


def _clean_duplicate(raw, *, case: Case, actor):
    """The case filed against, within the actor's scope: a case outside it answers as
    an unknown code (a code typed must not reveal that a case exists elsewhere)."""
    if raw in (None, ""):
        return None, None
    other = (
        Case.objects.in_scope_of(actor)
        .filter(tracking_code=normalize_tracking_code(str(raw)))
        .exclude(pk=case.pk)
        .first()
    )
    if other is None:
        return None, gettext_lazy("Không tìm thấy hồ sơ có mã này.")
    return other, None


def _clean_parts(raw, *, case: Case):
    """The matters split off: [{"title", "content", "kind"?, "category"?}, ...].

    A part of a tố cáo stays a tố cáo: it carries the denouncer's identity (copied
    with the reporter), which another kind would show to every staff member in scope
    (Luật TC Arts 8(3), 47). A part of a press report names its kind: the complaint,
    denunciation, report or recommendation the article carries (DOMAIN.md §2, §4)."""
    from complaints.models import Category

    if raw in (None, "", []):
        return None, None
    if not isinstance(raw, list) or not all(isinstance(part, dict) for part in raw):
        return None, gettext_lazy("Danh sách các phần tách ra không hợp lệ.")
    if len(raw) > 10:
        return None, gettext_lazy("Tách tối đa 10 hồ sơ một lần.")
    parts, problems = [], []
    for number, part in enumerate(raw, start=1):
        title, title_error = _text(part.get("title"), max_length=255)
        content, content_error = _text(part.get("content"), max_length=20000)
        kind = part.get("kind") or case.kind
        category = case.category
        problem = title_error or content_error
        if not problem and (not title or not content):
            problem = gettext_lazy("cần tiêu đề và nội dung")
        elif case.kind == CaseKind.TO_CAO and kind != CaseKind.TO_CAO:
            problem = gettext_lazy(
                "phần tách từ đơn tố cáo phải giữ loại tố cáo để bảo mật người tố cáo "
                "(Điều 47 Luật Tố cáo)"
            )
        elif case.kind == CaseKind.BAO_CHI and not part.get("kind"):
            problem = gettext_lazy(
                "cần chọn loại hồ sơ (phản ánh, kiến nghị, khiếu nại hoặc tố cáo)"
            )
        elif kind not in CITIZEN_KINDS:
            problem = gettext_lazy("loại hồ sơ không hợp lệ")
        elif kind == CaseKind.TO_CAO and case.anonymous:
            problem = gettext_lazy("đơn ẩn danh không được xử lý như tố cáo (Điều 25 Luật Tố cáo)")
        elif kind == CaseKind.TO_CAO and case.kind not in (CaseKind.TO_CAO, CaseKind.BAO_CHI):
            # Its reporter's identity is already visible to every staff member in scope
            # on this case: a tố cáo is filed by the denouncer, with the confidentiality
            # the law gives (Điều 23, 47 Luật Tố cáo), not made by staff from another kind.
            problem = gettext_lazy(
                "không chuyển phản ánh, kiến nghị, khiếu nại thành tố cáo; hướng dẫn người "
                "gửi tự gửi đơn tố cáo (Điều 23, 47 Luật Tố cáo)"
            )
        elif part.get("category"):
            category = Category.objects.filter(code=part["category"], is_active=True).first()
            if category is None:
                problem = gettext_lazy("không tìm thấy lĩnh vực")
        if problem:
            problems.append(lazy_message(
                gettext_lazy("Phần %(number)s: %(problem)s."), number=number, problem=problem
            ))
        else:
            parts.append({"title": title, "content": content, "kind": kind, "category": category})
    if problems:
        return None, read_later(lambda: "; ".join(str(p) for p in problems))
    return parts, None


# ---- handlers: what each action changes ---------------------------------------------------


def _local_date(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value).date()


def _decision_moment(step: _Step) -> datetime.datetime:
    """When the decision was made: now, or the morning of `decided_on` (Vietnam time)."""
    day = step.fields.get("decided_on")
    if day is None or day == _local_date(step.now):
        return step.now
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))


def _fmt(day: datetime.date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


def _accept(step: _Step) -> None:
    case = step.case
    case.accepted_at = _decision_moment(step)
    step.data["accepted_on"] = _local_date(case.accepted_at).isoformat()

    def start_clock():
        _deadlines_refresh(step)
        step.data["resolve_by"] = case.resolve_by.isoformat() if case.resolve_by else None
        if case.kind in (CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI):
            # A phản ánh, kiến nghị is received and handled (tiếp nhận, xử lý: Nghị định
            # 154/2026/NĐ-CP), not "thụ lý" as a complaint or a denunciation is.
            step.public_message = (
                _("Phản ánh, kiến nghị đã được tiếp nhận để xử lý. Hạn trả lời: %(date)s.")
                % {"date": _fmt(case.resolve_by)}
                if case.resolve_by
                else _("Phản ánh, kiến nghị đã được tiếp nhận để xử lý.")
            )
            return
        step.public_message = (
            _("Hồ sơ đã được thụ lý. Hạn giải quyết: %(date)s.") % {"date": _fmt(case.resolve_by)}
            if case.resolve_by
            else _("Hồ sơ đã được thụ lý.")
        )

    step.after_save.append(start_clock)


def _reject(step: _Step) -> None:
    # The ground is a row of complaints.rules.refusal_grounds; the citizen reads its text and
    # article, the officer's reason adds detail.
    case, f = step.case, step.fields
    ground = f["legal_ground"]
    case.rejection_reason = f["reason"]
    case.rejection_legal_ground = ground.article
    case.refusal_ground = ground.code
    step.data.update(reason=f["reason"], legal_ground=ground.code, article=ground.article)
    step.public_message = _("Không thụ lý. Căn cứ: %(ground)s (%(article)s). %(reason)s.") % {
        "ground": str(ground.text),
        "article": ground.article,
        "reason": f["reason"].rstrip("."),
    }


def _forward(step: _Step) -> None:
    case, f = step.case, step.fields
    case.forwarded_to = f["to"]
    step.data.update(to=f["to"], reason=f["reason"])
    step.public_message = _("Hồ sơ đã được chuyển đến %(to)s. Lý do: %(reason)s") % {
        "to": f["to"],
        "reason": f["reason"],
    }


def _request_info(step: _Step) -> None:
    step.data["message"] = step.fields["message"]
    step.public_message = step.fields["message"]


def _complete_info(step: _Step) -> None:
    step.public_message = _("Đã nhận thông tin bổ sung; hồ sơ tiếp tục được xem xét.")


def _assign(step: _Step) -> None:
    case, f = step.case, step.fields
    facility, user = f["facility"], f.get("user")
    from complaints.services.competence import (
        assignment_refusal,
        assignment_scope_refusal,
        hand_up_basis,
        hand_up_refusal,
        own_unit_ids,
    )

    def refusal():  # read-only: written again in the reader's language (`read_later`)
        return assignment_scope_refusal(
            actor=step.actor, case=case, unit=facility
        ) or assignment_refusal(case=case, unit=facility)

    refused = refusal()
    if refused:
        raise TransitionInvalid({"facility": [read_later(lambda: refusal() or refused)]})

    def hand_up():
        return hand_up_refusal(
            actor=step.actor, case=case, unit=facility, user=user, note=f.get("note") or ""
        )

    refused = hand_up()
    if refused:
        (field,) = refused
        raise TransitionInvalid(
            {field: [read_later(lambda: next(iter((hand_up() or refused).values())))]}
        )
    own = own_unit_ids(step.actor)
    if own is not None and facility.pk not in own:
        # Handed up (the reason was asked): kept with the articles it is weighed against.
        step.data.update(reason=f["note"].strip(), basis=hand_up_basis(case))
    previous = case.assigned_unit
    step.data.update(
        facility=facility.code,
        facility_name=facility.name,
        user=user.get_username() if user else None,
        previous_facility=previous.code if previous else None,
    )
    # A hand-made routing choice is recorded like a rule's (DOMAIN.md §3a rule 7); it
    # saves the unit (with history) and clears a handler of the previous unit.
    from complaints.services.routing import case_route_manually

    reason = _("Giao xử lý cho %(unit)s.") % {"unit": facility.name}
    if f.get("note"):
        reason = f"{reason} {f['note']}"
    case_route_manually(
        case=case, actor=step.actor, reason=reason, unit=facility, origin=step.origin
    )
    case.assigned_user = user


# The steps of handling a case (thụ lý, xác minh and its report, đối thoại, kết luận): who
# takes one on a case of their unit that nobody was given to is its handler (`_handler_take`).
# Not the routing, the papers asked for, the deadlines or the leader's marks: those are the
# unit's decisions about the case, not its handling.
HANDLING_STEPS = frozenset({
    "accept", "start_verification", "report_verification", "schedule_dialogue",
    "record_dialogue", "conclude",
})
# The kinds whose handler may be taken by a step. Not a tố cáo: its handler learns who the
# denouncer is, so naming one stays a leader's own act (khoản 1 Điều 31, Điều 47 Luật Tố cáo:
# `_clean_user`); nor a press case, whose handling the press office gives
# (complaints/rules/press_office.py).
HANDLER_TAKEN_KINDS = frozenset({CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.KHIEU_NAI})


def _handler_take(step: _Step, handled_by):
    """The officer who becomes the handler of `step.case` by taking this step, or None;
    sets `case.assigned_user` (saved with the step, in the case's history). `handled_by`:
    the draft's author for an approved draft (None when the author's account is gone: the
    approving leader does not become the handler), `ACTOR_HANDLES` for the actor's own step.

    Only for a handling step (`HANDLING_STEPS`) on a case of `HANDLER_TAKEN_KINDS` given to
    a unit with no handler yet, and only someone `assign` could name there: one of the
    people of the unit (`is_unit_staff`, the rule of `_clean_user`) who may act on cases.
    Who may act does not change: the step was allowed on its own terms before this.

    Not a leader's own decision on a complaint (`is_head_decision`: thụ lý, kết luận): the
    resolver decides and then assigns the verification (Điều 27, khoản 1 Điều 29 Luật Khiếu
    nại); the decision is not the case's handling. Not an administrator's account outside
    the unit (`is_superuser`: kept for repairs, not a unit's daily work)."""
    from complaints.rules.resolver import is_head_decision, unit_ids_of
    from complaints.selectors.unit_staff import is_unit_staff

    case = step.case
    officer = step.actor if handled_by is ACTOR_HANDLES else handled_by
    if handled_by is ACTOR_HANDLES and is_head_decision(case=case, action=step.transition.action):
        return None
    if officer is not None and officer.is_superuser and (
        case.assigned_unit_id not in unit_ids_of(officer)
    ):
        return None
    if (
        step.transition.action not in HANDLING_STEPS
        or case.kind not in HANDLER_TAKEN_KINDS
        or case.assigned_user_id is not None
        or case.assigned_unit_id is None
        or officer is None
        or not officer.is_active
        or not officer.has_perm("complaints.act_on_case")
        or not is_unit_staff(facility=case.assigned_unit, user=officer, case_kind=case.kind)
    ):
        return None
    case.assigned_user = officer
    return officer


def _handler_taken_record(step: _Step, officer) -> CaseEvent:
    """The handler taken by `step` (`_handler_take`), on the case's timeline: an internal
    "Giao xử lý" event after the step's, naming the step. Sends no signal: the unit is not
    alerted again (`unit_alert_deliver` follows an assignment's signal), nor the officer
    of a case they took themselves."""
    from complaints.selectors.history import staff_name

    case, unit = step.case, step.case.assigned_unit
    label = str(step.transition.label)
    return CaseEvent.objects.create(
        case=case,
        action="assign",
        from_status=case.status,
        to_status=case.status,
        actor=step.actor,
        at=step.now,
        is_public=False,
        note=_(
            "Hồ sơ chưa giao cán bộ xử lý: %(officer)s nhận xử lý khi thực hiện bước "
            "“%(step)s”."
        ) % {"officer": staff_name(officer), "step": label},
        data={
            "origin": step.origin,
            "facility": unit.code,
            "facility_name": unit.name,
            "user": officer.get_username(),
            "previous_facility": unit.code,
            "taken_with": step.transition.action,
        },
    )


def _lengthened_after_expiry(step: _Step) -> None:
    """A step that lengthens the resolution period (an extension; a complaint found complex
    or remote, Điều 28, 37 Luật Khiếu nại) taken after the period ran out. Neither Điều 30
    Luật Tố cáo nor the complaint rules forbid the late decision, but the case was late: it
    stays counted late in every figure, from the first deadline that ran out
    (`Case.resolution_expired_on`), and the event says since when, so that a new date
    cannot turn a late case into an on-time one."""
    case = step.case
    due = case.resolve_by
    if due is not None and _local_date(step.now) > due:
        case.resolution_expired_on = case.resolution_expired_on or due
        step.data["expired_on"] = due.isoformat()


def _mark_complex(step: _Step) -> None:
    case = step.case
    very = bool(step.fields.get("very_complex")) and case.kind == CaseKind.TO_CAO
    if case.kind == CaseKind.KHIEU_NAI:  # a denunciation's limit moves only by extension
        _lengthened_after_expiry(step)
    case.is_complex = True
    case.is_very_complex = case.is_very_complex or very
    step.data.update(reason=step.fields["reason"], very_complex=case.is_very_complex)
    step.after_save.append(lambda: _complaint_limit_moved(
        step, _("Vụ việc được xác định là phức tạp.")))


def _mark_remote(step: _Step) -> None:
    _lengthened_after_expiry(step)
    step.case.is_remote = True
    step.data["reason"] = step.fields["reason"]
    step.after_save.append(lambda: _complaint_limit_moved(
        step, _("Vụ việc được xác định thuộc vùng sâu, vùng xa đi lại khó khăn.")))


def _complaint_limit_moved(step: _Step, finding: str) -> None:
    """A complaint found complex or remote has a longer limit (Điều 28 Luật Khiếu nại for
    the first time, Điều 37 for the second): the deadline is recomputed and, for a
    complaint, the complainant told the new date (the step is public for a complaint
    only; the officer's reason stays internal)."""
    _resolution_recompute(step)
    case = step.case
    if case.kind != CaseKind.KHIEU_NAI:
        return
    article = "Điều 37 Luật Khiếu nại" if case.second_time else "Điều 28 Luật Khiếu nại"
    step.data["article"] = article  # the English timeline reads it again (event_text)
    if case.resolve_by:
        step.data["resolve_by"] = case.resolve_by.isoformat()
        told = _("Thời hạn giải quyết kéo dài đến ngày %(date)s (%(article)s).") % {
            "date": _fmt(case.resolve_by), "article": article}
    else:
        told = _("Thời hạn giải quyết dành cho trường hợp này được tính từ ngày thụ lý "
                 "(%(article)s).") % {"article": article}
    step.public_message = f"{finding} {told}"


def _mark_tip(step: _Step) -> None:
    step.case.inspection_tip = True
    step.data["reason"] = step.fields["reason"]


def _extend_acceptance(step: _Step) -> None:
    step.data["reason"] = step.fields["reason"]

    def move_deadline():
        _deadlines_refresh(step)  # stores the accept_extended step if it was not yet
        due = _acceptance_extension(step.case)
        if due is None:
            raise refused(
                lambda: _("Không có thời hạn thụ lý kéo dài theo quy định cho hồ sơ này.")
            )
        _accept_by_set(step, due)
        step.data["accept_by"] = due.isoformat()

    step.after_save.append(move_deadline)


def _extend(step: _Step) -> None:
    case = step.case
    _lengthened_after_expiry(step)
    case.extensions_used += 1
    step.data.update(reason=step.fields["reason"], extension=case.extensions_used)

    def move_deadline():
        _resolution_recompute(step)
        step.data["resolve_by"] = case.resolve_by.isoformat() if case.resolve_by else None
        step.public_message = _(
            "Thời hạn giải quyết được gia hạn (lần %(number)s) đến ngày %(date)s."
        ) % {"number": case.extensions_used, "date": _fmt(case.resolve_by)}

    step.after_save.append(move_deadline)


def _suspend(step: _Step) -> None:
    on = _local_date(_decision_moment(step))
    step.data.update(reason=step.fields["reason"], on=on.isoformat())
    # Its notice to the parties is opened by `notices_open` (complaints/rules/notices.py).


def _resume(step: _Step) -> None:
    case = step.case
    on = _local_date(_decision_moment(step))
    suspended_on = _last_suspension_date(case)
    if suspended_on and on < suspended_on:
        raise TransitionInvalid(
            {"decided_on": [gettext_lazy("Ngày tiếp tục không được trước ngày tạm đình chỉ.")]}
        )
    step.data.update(
        on=on.isoformat(), suspended_on=suspended_on.isoformat() if suspended_on else None
    )
    verification_period_resumed(step, suspended_on=suspended_on, resumed_on=on)

    def restart():
        _resolution_recompute(step, pending_resume=on)
        step.data["resolve_by"] = case.resolve_by.isoformat() if case.resolve_by else None

    step.after_save.append(restart)


def _conclude(step: _Step) -> None:
    case, f = step.case, step.fields
    # A complaint's decision, a denunciation's conclusion: in writing, named (khoản 1 Điều 31,
    # khoản 1 Điều 40 Luật Khiếu nại; khoản 1 Điều 35 Luật Tố cáo; complaints/rules/decision.py).
    refusal = document_refusal(case=case, document=step.document)
    if refusal:
        raise TransitionNotAllowed(
            refusal, written_again=lambda: document_refusal(case=case, document=step.document)
        )
    errors = decision_errors(case=case, fields=f, document=step.document)
    if errors:
        raise TransitionInvalid(errors)
    from complaints.rules import dialogue_documents, owed_notices

    for rule in (dialogue_documents, owed_notices):
        _confirmed_without(step, rule)
    step.data.update(decision_for_conclusion(case=case, fields=f, document=step.document))
    case.conclusion = f["conclusion"]
    case.public_answer = f["public_answer"]
    # Resolved the day the decision was signed (a paper decision recorded later).
    case.concluded_at = _signed_moment(step, f.get("decision_date"))
    if "press_finding" in f:
        case.press_finding = f["press_finding"]
        step.data["press_finding"] = f["press_finding"]
    if "finding" in f:  # đúng, đúng một phần, sai (complaints/rules/decision.py)
        case.finding = f["finding"]
        step.data["finding"] = f["finding"]
    step.public_message = f["public_answer"]


def _confirmed_without(step: _Step, rule) -> None:
    """What the law expects on record before a decision but the portal lacks, where paper
    may exist outside it: the leader confirms (the rule's ``CONFIRMATION`` field) and the
    event keeps what was missing (``DATA_KEY``). The dialogue's notice and minutes (khoản 1,
    4 Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Nghị định 155/2026/NĐ-CP:
    complaints/rules/dialogue_documents.py); the notices owed to the parties (khoản 3 Điều
    29, khoản 4 Điều 30, khoản 4 Điều 34 Luật Tố cáo; Điều 27 Luật Khiếu nại:
    complaints/rules/owed_notices.py)."""
    missing = rule.missing(step.case)
    if not missing:
        return
    if not step.fields.get(rule.CONFIRMATION):
        raise TransitionInvalid({rule.CONFIRMATION: [rule.missing_warning(missing)]})
    step.data[rule.DATA_KEY] = missing
    step.data[rule.CONFIRMATION] = True


def _signed_moment(step: _Step, day: datetime.date | None) -> datetime.datetime:
    """When a decision signed on `day` was made: now when it is today (or no day), else the
    morning of that day (Vietnam time), never before the case's acceptance."""
    if day is None or day == _local_date(step.now):
        return step.now
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))
    accepted = step.case.accepted_at
    return max(moment, accepted) if accepted else moment


def _close(step: _Step) -> None:
    step.public_message = _("Hồ sơ đã được đóng.")


def _file(step: _Step) -> None:
    case, f = step.case, step.fields
    duplicate, ground = f.get("duplicate_of"), f.get("legal_ground")
    if f["reason"] == "ineligible" and ground is None:
        raise TransitionInvalid(
            {"legal_ground": [gettext_lazy("Đơn không đủ điều kiện: chọn căn cứ pháp lý.")]}
        )
    if duplicate is not None:
        case.possible_duplicate_of = duplicate
    step.data.update(
        reason=f["reason"], duplicate_of=duplicate.tracking_code if duplicate else None
    )
    step.public_message = _("Đơn được lưu, không xử lý tiếp: %(reason)s.") % {
        "reason": str(FILE_REASONS[f["reason"]]).lower()
    }
    if ground is not None:
        case.refusal_ground = ground.code
        case.rejection_legal_ground = ground.article
        step.data.update(legal_ground=ground.code, article=ground.article)
        step.public_message = _(
            "Đơn được lưu, không xử lý tiếp. Căn cứ: %(ground)s (%(article)s)."
        ) % {
            "ground": str(ground.text),
            "article": ground.article,
        }


def _withdrawal_record(step: _Step, *, scope: str, continues: bool):
    from complaints.models import Withdrawal

    f = step.fields
    withdrawal = Withdrawal(
        case=step.case,
        form=f["form"],
        scope=scope,
        document_ref=f["document_ref"],
        attachment=f.get("attachment"),
        withdrawn_by=f.get("withdrawn_by", ""),
        withdrawn_part=f.get("withdrawn_part", ""),
        continues=continues,
        continue_ground=f.get("continue_ground", ""),
        stop_decision_ref=f.get("stop_decision_ref", ""),
        recorded_by=step.actor,
        recorded_at=step.now,
    )
    withdrawal._history_user = step.actor
    withdrawal._change_reason = f"origin={step.origin} action=case_{step.transition.action}"
    step.after_save.append(withdrawal.save)
    step.data.update(
        form=f["form"],
        scope=scope,
        document_ref=f["document_ref"],
        continues=continues,
        continue_ground=f.get("continue_ground", ""),
        stop_decision_ref=f.get("stop_decision_ref", ""),
    )


def _withdraw(step: _Step) -> None:
    from complaints.rules.dialogue import WITHDRAWN
    from complaints.rules.withdrawal import WithdrawalScope

    if step.fields.get("reason"):
        step.data["reason"] = step.fields["reason"]
    _withdrawal_record(step, scope=WithdrawalScope.WHOLE, continues=False)
    step.public_message = _("Người gửi đã rút đơn; việc giải quyết chấm dứt.")
    _dialogues_cancel(step, reason=WITHDRAWN.code)


def _dialogues_cancel(step: _Step, *, reason: str) -> None:
    """A withdrawn complaint is no longer resolved (Điều 10 Luật Khiếu nại; khoản 1 Điều 28b
    Nghị định 124/2020/NĐ-CP): the dialogues still pending will not take place. Each is
    marked cancelled with the withdrawal's write (with history), the event names them and
    why (`data.cancelled_dialogues`, `reason` a code of `rules.dialogue.CANCEL_REASONS`), its
    public line tells the parties the meeting they were last invited to is off, and the
    staff invited are mailed (`complaints.notifications.dialogue`). A withdrawal after which
    the case goes on (`record_withdrawal`: the other complainants) keeps its dialogue."""
    from complaints.rules.dialogue import DialogueStatus

    pending = list(
        step.case.dialogues.filter(status=DialogueStatus.SCHEDULED).order_by("-id")
    )
    if not pending:
        return
    for meeting in pending:
        meeting.status = DialogueStatus.CANCELLED
        meeting._history_user = step.actor
        meeting._change_reason = f"origin={step.origin} action=case_{step.transition.action}"
        step.after_save.append(meeting.save)
    step.data["cancelled_dialogues"] = [
        {
            "dialogue": m.pk,
            "scheduled_at": timezone.localtime(m.scheduled_at).isoformat(),
            "reason": reason,
        }
        for m in pending
    ]
    last = timezone.localtime(pending[0].scheduled_at)
    step.public_message += " " + _(
        "Buổi đối thoại lúc %(time)s ngày %(date)s không diễn ra: đã hủy do rút khiếu nại."
    ) % {"time": last.strftime("%H:%M"), "date": _fmt(last.date())}


def _record_withdrawal(step: _Step) -> None:
    """A withdrawal after which the case goes on (complaints.rules.withdrawal)."""
    from complaints.rules.withdrawal import WITHDRAWAL_RULES, WithdrawalScope

    case, f = step.case, step.fields
    scope, rule = f["scope"], WITHDRAWAL_RULES[case.kind]
    errors: dict[str, list[str]] = {}
    if case.kind == CaseKind.KHIEU_NAI and scope != WithdrawalScope.ONE_OF_SEVERAL:
        errors["scope"] = [
            gettext_lazy(
                "Khiếu nại chỉ tiếp tục khi còn người cùng khiếu nại chưa rút (Điều 7a Nghị định "
                "124/2020/NĐ-CP); rút toàn bộ thì dùng “Người gửi rút đơn”."
            )
        ]
    if scope == WithdrawalScope.ONE_OF_SEVERAL and not f.get("withdrawn_by"):
        errors["withdrawn_by"] = [gettext_lazy("Ghi rõ người đã rút đơn.")]
    if scope == WithdrawalScope.PART and not f.get("withdrawn_part"):
        errors["withdrawn_part"] = [gettext_lazy("Ghi rõ nội dung tố cáo được rút.")]
    if case.kind == CaseKind.TO_CAO and scope == WithdrawalScope.WHOLE and not f.get(
        "continue_ground"
    ):
        errors["continue_ground"] = [
            gettext_lazy(
                "Rút toàn bộ tố cáo chỉ tiếp tục giải quyết khi có căn cứ tại khoản 3 Điều 33 "
                "Luật Tố cáo; nếu không, dùng “Người tố cáo rút tố cáo”."
            )
        ]
    if errors:
        raise TransitionInvalid(errors)
    if case.withdrawals.filter(scope=scope, document_ref=f["document_ref"]).exists():
        raise refused(lambda: _("Việc rút đơn theo văn bản này đã được ghi nhận."))
    _withdrawal_record(step, scope=scope, continues=True)
    step.data["article"] = rule.continue_article  # the line's citation, read again in English
    step.public_message = _(
        "Đã ghi nhận việc rút đơn (%(scope)s); vụ việc tiếp tục được giải quyết theo quy định "
        "(%(article)s)."
    ) % {"scope": str(WithdrawalScope(scope).label).lower(), "article": rule.continue_article}


def _correct_facts(step: _Step) -> None:
    """Correct the facts that decide competence; routing runs again after the save and both
    decisions (the one before, the new one) are kept and named in the event."""
    case, f = step.case, step.fields
    fields = {
        "about_facility": "facility",
        "category": "category",
        "second_time": "second_time",
        "decision_complained": "decision_complained",
        "decision_maker": "decision_maker",
        "accused_name": "accused_name",
        "accused_position": "accused_position",
        "accused_is_head": "accused_is_head",
        "sent_to_competent_body": "sent_to_competent_body",
    }
    changes = {}
    for name, attribute in fields.items():
        if name not in f:
            continue
        before, after = getattr(case, attribute), f[name]
        if before != after:
            changes[attribute] = {"from": _fact(before), "to": _fact(after)}
            setattr(case, attribute, after)
    if not changes:
        raise TransitionInvalid({"facts": [gettext_lazy("Không có thông tin nào thay đổi.")]})
    if case.second_time and case.kind != CaseKind.KHIEU_NAI:
        raise TransitionInvalid({"second_time": [gettext_lazy("Chỉ khiếu nại mới có lần hai.")]})
    step.data.update(reason=f["reason"], changes=changes)
    previous = case.routings.order_by("-decided_at", "-id").first()

    def reroute():
        from complaints.services.routing import case_route

        decision = case_route(case=case, actor=step.actor, origin=step.origin)
        step.data["routing"] = {
            "before": _decision_summary(previous),
            "after": _decision_summary(decision),
        }
        _deadlines_refresh(step)

    step.after_save.append(reroute)


def _fact(value):
    if isinstance(value, Facility):
        return value.code
    if hasattr(value, "code"):
        return value.code
    return value


def _decision_summary(decision) -> dict | None:
    if decision is None:
        return None
    return {
        "id": decision.pk,
        "unit": decision.unit.code if decision.unit_id else None,
        "forward_to": decision.forwarded_to,
        "reason": decision.reason,
    }


def _confirm_signature(step: _Step) -> None:
    from complaints.rules.signature import SignatureMethod

    case, f = step.case, step.fields
    if f["method"] == SignatureMethod.SIGNED_COPY and not (
        f.get("attachment") or f.get("document_ref")
    ):
        raise TransitionInvalid({"attachment": [gettext_lazy(
            "Chọn tệp bản có chữ ký, hoặc ghi số, ngày nhận bản giấy có chữ ký."
        )]})
    case.signature_method = f["method"]
    case.signature_recorded_at = step.now
    step.data.update(
        method=f["method"],
        attachment=f["attachment"].pk if f.get("attachment") else None,
        document_ref=f.get("document_ref", ""),
    )


def _mark_verification_differs(step: _Step) -> None:
    step.case.verification_differs = True
    step.data["reason"] = step.fields["reason"]


def _schedule_dialogue(step: _Step) -> None:
    """Invite the parties to a dialogue. A new invitation replaces the one still pending
    (rescheduled: the earlier meeting is marked `replaced`, the timeline says so), so the
    meeting recorded is always the one the parties were last invited to. The meeting falls
    within the resolution deadline unless no day within it is left after the notice. The
    earliest day a refusal offers is a working day (`earliest_meeting_day`); a meeting set on
    a day off is recorded, the event saying so (`data.not_a_working_day`, with the next
    working day) for the warning the workspace shows. The event names the meeting
    (`data.dialogue`); the complainant's invitation and the staff's e-mails are sent from it
    after the commit (complaints.notifications.dialogue_invitation, .dialogue)."""
    from complaints.models import DialogueMeeting
    from complaints.rules.dialogue import (
        NOTICE_ARTICLE,
        NOTICE_DAYS,
        WITHIN_DEADLINE_ARTICLE,
        DialogueStatus,
        earliest_meeting_day,
        head_must_lead,
        head_named,
    )
    from complaints.services.dialogue_expected import is_stale, stale_refusal_text

    case, f = step.case, step.fields
    notified_on = f.get("notified_on") or _local_date(step.now)
    meeting_day = _local_date(f["scheduled_at"])
    earliest = notified_on + datetime.timedelta(days=NOTICE_DAYS)
    # The day offered: the first working day from the earliest the law allows; the law's
    # earliest when that working day is past the resolution deadline.
    offered = earliest_meeting_day(notified_on, _calendar())
    if case.resolve_by and offered > case.resolve_by:
        offered = earliest
    if case.resolve_by and meeting_day > case.resolve_by:
        if earliest <= case.resolve_by:
            raise TransitionInvalid({"scheduled_at": [lazy_message(
                gettext_lazy(
                    "Ngày đối thoại %(date)s sau hạn giải quyết khiếu nại %(deadline)s "
                    "(%(article)s): chọn một ngày từ %(earliest)s đến %(deadline)s."
                ),
                date=_fmt(meeting_day),
                deadline=_fmt(case.resolve_by),
                article=citation_read_later(WITHIN_DEADLINE_ARTICLE),
                earliest=_fmt(offered),
            )]})
        # No day within the deadline is left after the notice: the meeting is still held
        # (it is mandatory before the decision), the event says it is late.
        step.data["after_deadline"] = case.resolve_by.isoformat()
    if (meeting_day - notified_on).days < NOTICE_DAYS:
        raise TransitionInvalid({"scheduled_at": [lazy_message(
            gettext_lazy(
                "Phải thông báo cho các bên ít nhất %(days)s ngày trước ngày đối thoại "
                "(%(article)s): ngày đối thoại sớm nhất là %(date)s."
            ),
            days=f"{NOTICE_DAYS:02d}",
            article=citation_read_later(NOTICE_ARTICLE),
            date=_fmt(offered),
        )]})
    if case.dialogues.filter(
        status=DialogueStatus.SCHEDULED, scheduled_at=f["scheduled_at"], place=f["place"]
    ).exists():  # a second click, a retried request
        raise refused(lambda: _("Buổi đối thoại này đã được lên lịch."))
    replaced = case.dialogues.filter(status=DialogueStatus.SCHEDULED).order_by("-id").first()
    # Another officer moved it since this form was shown (the case row is locked): refused,
    # nothing saved, nothing mailed (complaints/services/dialogue_expected.py).
    if is_stale(f.get("expected_meeting"), replaced):
        raise refused(lambda: stale_refusal_text(replaced))
    meeting = DialogueMeeting(
        case=case,
        scheduled_at=f["scheduled_at"],
        place=f["place"],
        participants=f["participants"],
        notified_on=notified_on,
        created_by=step.actor,
    )
    meeting._history_user = step.actor
    meeting._change_reason = f"origin={step.origin} action=case_schedule_dialogue"
    local = timezone.localtime(f["scheduled_at"])
    invitation = {
        "time": local.strftime("%H:%M"),
        "date": _fmt(local.date()),
        "place": f["place"],
        "notified": _fmt(notified_on),
    }
    step.data.update(
        scheduled_at=local.isoformat(), place=f["place"], notified_on=notified_on.isoformat()
    )
    if case.verification_reported_on is None:  # warned: the minutes wait for the report
        step.data["before_verification_report"] = True
    if head_must_lead(case):  # warned: the head chairs it (điểm a khoản 2 Điều 28)
        head = _known_head(case)
        if head is not None and not head_named(f["participants"], head):
            step.data["head_not_named"] = head
    calendar = _calendar()
    if not calendar.is_working_day(meeting_day):  # warned, not refused (`earliest_meeting_day`)
        step.data.update(
            not_a_working_day=meeting_day.isoformat(),
            next_working_day=calendar.roll_forward(meeting_day).isoformat(),
        )
    if replaced is None:
        step.public_message = _(
            "Mời đối thoại lúc %(time)s ngày %(date)s tại %(place)s (giấy mời gửi ngày "
            "%(notified)s)."
        ) % invitation
    else:
        before = timezone.localtime(replaced.scheduled_at)
        step.public_message = _(
            "Dời lịch đối thoại: buổi đối thoại lúc %(before_time)s ngày %(before_date)s không "
            "diễn ra; mời đối thoại lúc %(time)s ngày %(date)s tại %(place)s (giấy mời gửi ngày "
            "%(notified)s)."
        ) % {
            **invitation,
            "before_time": before.strftime("%H:%M"),
            "before_date": _fmt(before.date()),
        }
        step.data["replaces"] = {
            "dialogue": replaced.pk, "scheduled_at": before.isoformat(), "place": replaced.place,
        }
        replaced.status = DialogueStatus.REPLACED
        replaced._history_user = step.actor
        replaced._change_reason = f"origin={step.origin} action=case_schedule_dialogue"
        step.after_save.append(replaced.save)

    def save_meeting() -> None:
        # Before the event is written: it names the meeting (the invitations' e-mails,
        # complaints.notifications.dialogue and dialogue_invitation, read it).
        meeting.save()
        step.data["dialogue"] = meeting.pk

    step.after_save.append(save_meeting)


def _known_head(case) -> str | None:
    """The name of the head of `case`'s competent unit as the portal knows them (its one
    approver, `unit_head`; named as `staff_name`), else None."""
    from complaints.documents.services import unit_head
    from complaints.selectors.history import staff_name

    head = unit_head(case.assigned_unit) if case.assigned_unit_id else None
    return staff_name(head) if head is not None else None


def _record_dialogue(step: _Step) -> None:
    from complaints.rules.dialogue import (
        HEAD_LEADS_ARTICLE,
        DialogueStatus,
        chair_not_head_refusal,
        head_leads_refusal,
        head_must_lead,
        head_named,
        meeting_times_errors,
        result_missing,
    )

    case, f = step.case, step.fields
    # The meeting the parties were last invited to (a reschedule replaces the one before;
    # of several pending from before that rule, the latest invitation).
    meeting = case.dialogues.filter(status=DialogueStatus.SCHEDULED).order_by("-id").first()
    errors: dict[str, list[str]] = {}
    if meeting.scheduled_at > step.now:
        errors["outcome"] = [
            lazy_message(
                gettext_lazy("Buổi đối thoại lúc %(date)s chưa diễn ra."),
                date=timezone.localtime(meeting.scheduled_at).strftime("%H:%M %d/%m/%Y"),
            )
        ]
    if f["outcome"] == DialogueStatus.HELD and not f.get("minutes"):
        errors["minutes"] = [gettext_lazy("Ghi nội dung biên bản đối thoại (Mẫu số 14).")]
    if f["outcome"] == DialogueStatus.HELD and not f.get("result"):
        errors["result"] = [result_missing()]
    head_leads = f["outcome"] == DialogueStatus.HELD and head_must_lead(case)
    head = _known_head(case) if head_leads else None
    if head is not None and not head_named(f["led_by"], head):
        # The head the portal knows must be the chair named: the tick is derived from it
        # (điểm a khoản 2 Điều 28 Nghị định 124/2020/NĐ-CP), never confirmed against it.
        errors["led_by"] = [chair_not_head_refusal(head)]
    elif head_leads and head is None and not f.get("led_by_head"):
        errors["led_by_head"] = [head_leads_refusal()]
    # When a meeting held began and ended (Mẫu số 14); none for a complainant absent.
    held = f["outcome"] == DialogueStatus.HELD
    times = {name: f.get(name) if held else None for name in ("started_at", "ended_at")}
    errors.update(meeting_times_errors(invited_at=meeting.scheduled_at, now=step.now, **times))
    if errors:
        raise TransitionInvalid(errors)
    meeting.status = f["outcome"]
    meeting.led_by = f["led_by"]
    meeting.minutes = f.get("minutes", "")
    meeting.result = f.get("result", "")
    meeting.started_at, meeting.ended_at = times["started_at"], times["ended_at"]
    meeting.recorded_at = step.now
    meeting._history_user = step.actor
    meeting._change_reason = f"origin={step.origin} action=case_record_dialogue"
    step.after_save.append(meeting.save)
    step.data.update(dialogue=meeting.pk, outcome=f["outcome"], led_by=f["led_by"])
    step.data.update({
        name: timezone.localtime(moment).isoformat() for name, moment in times.items() if moment
    })
    if head_leads:
        step.data.update(led_by_head=True, head_leads_basis=HEAD_LEADS_ARTICLE)
    step.public_message = (
        _("Đã tổ chức đối thoại; biên bản đối thoại là một căn cứ để giải quyết khiếu nại.")
        if f["outcome"] == DialogueStatus.HELD
        else _(
            "Người khiếu nại đã được mời nhưng không tham gia đối thoại; việc giải quyết "
            "khiếu nại tiếp tục."
        )
    )


def _reopen(step: _Step) -> None:
    case = step.case
    step.data["reason"] = step.fields["reason"]
    if step.transition.target == CaseStatus.VERIFYING:
        _undo_conclusion_finding(step)
        verification_period_clear(step)
    if "review_decision" in step.transition.required_fields:
        _review(step)
        return
    case.closed_at = None
    if step.transition.target == CaseStatus.VERIFYING:
        case.concluded_at = None
    else:
        case.rejection_reason = ""
        case.rejection_legal_ground = ""
    step.public_message = _("Hồ sơ được mở lại để xem xét tiếp.")


def _undo_conclusion_finding(step: _Step) -> None:
    """A concluded case examined again has no finding until it is concluded again: the
    finding of the decision or conclusion (`finding`, complaints/rules/decision.py) and the
    press report's verification result (`press_finding`) are cleared with the reopening's
    write. The earlier ones stay on the conclusion's event and in the case's history, and
    the reopening's event names what it undid."""
    case = step.case
    undone = {
        name: getattr(case, name)
        for name in ("finding", "press_finding")
        if getattr(case, name)
    }
    for name in undone:
        setattr(case, name, "")
    if undone:
        step.data["undone"] = undone


def _review(step: _Step) -> None:
    """A complaint or denunciation reviewed by the level above (complaints.rules.review):
    the case goes to that unit (or records the decision of the body outside the portal)."""
    from complaints.services.review import review_body

    case, f = step.case, step.fields
    above, name = review_body(case)
    deciding = case.assigned_unit
    case.closed_at = None
    case.concluded_at = None
    case.reviewed_by = name
    step.data.update(
        review=True,
        review_decision=f["review_decision"],
        reviewed_by=name,
        decided_by_unit=deciding.code if deciding else None,
    )
    if above is not None:
        from complaints.services.routing import case_route_manually

        reason = _("Xem xét lại theo %(decision)s: %(unit)s, cấp trên trực tiếp, giải quyết.") % {
            "decision": f["review_decision"],
            "unit": above.name,
        }
        case_route_manually(
            case=case, actor=step.actor, reason=reason, unit=above, origin=step.origin
        )
    step.public_message = _(
        "Hồ sơ được cấp trên (%(body)s) xem xét lại theo %(decision)s."
    ) % {"body": name, "decision": f["review_decision"]}


def _split(step: _Step) -> None:
    case = step.case
    created: list[tuple[Case, str]] = []
    for part in step.fields["parts"]:
        new, pin = _linked_case_create(
            step,
            kind=part["kind"],
            title=part["title"],
            content=part["content"],
            category=part["category"],
            received_at=case.received_at,
            second_time=case.second_time if part["kind"] == case.kind else False,
            reason=_("Tách từ hồ sơ %(code)s.") % {"code": case.tracking_code},
        )
        created.append((new, pin))
    step.data["split_into"] = [new.tracking_code for new, _pin in created]
    message = _(
        "Hồ sơ được tách thành các hồ sơ sau, mỗi hồ sơ được giải quyết riêng: %(cases)s."
    ) % {"cases": "; ".join(new.tracking_code for new, _pin in created)}
    step.public_message = _with_pin_notice(step, message, created)


def _with_pin_notice(step: _Step, message: str, created: list[tuple[Case, str]]) -> str:
    """`message` with where the new cases' PINs went. A PIN is never stored in a text
    (event, history): it goes by e-mail, after commit, to the reporter who gave an
    address and agreed to be contacted (Luật BVDLCN 91/2025 Art 9), never to staff."""
    reporter = (
        Reporter.objects.filter(case=step.case)
        .only("email", "consent_contact", "language")
        .first()
    )
    if reporter is None:  # a press report: the press office logged it, no citizen
        return message
    if not (reporter.consent_contact and reporter.email):
        notice = _(
            "Vì lý do bảo mật, mã PIN của hồ sơ mới không hiển thị tại đây; "
            "ông/bà vui lòng liên hệ cơ quan tiếp nhận hồ sơ để được hướng dẫn."
        )
        return f"{message} {notice}"
    source, address = step.case, reporter.email
    language = emails.message_language(reporter.language)  # the citizen's (complaints.emails)
    with translation.override(language):
        kind_labels = {new.pk: str(CaseKind(new.kind).label) for new, _pin in created}
    context = {
        "source_code": source.tracking_code,
        "source_title": source.title,
        "cases": [
            {
                "tracking_code": new.tracking_code,
                "kind_label": kind_labels[new.pk],
                "title": new.title,
                "pin": pin,
                "tracking_url": emails.tracking_url(new.tracking_code, language),
            }
            for new, pin in created
        ],
    }

    def send():
        try:
            emails.send("citizen_linked_case", to=[address], context=context, language=language)
        except Exception:  # the cases stand; the failure is logged without the PINs
            logger.exception("linked-case e-mail for case %s failed", source.pk)

    transaction.on_commit(send)
    notice = _("Mã PIN của từng hồ sơ mới đã được gửi đến địa chỉ thư điện tử ông/bà đã đăng ký.")
    return f"{message} {notice}"


def _escalate(step: _Step) -> None:
    from complaints.services.second_round import existing_second_round_refusal

    case, f = step.case, step.fields
    refusal = None if f.get("different_complaint") else existing_second_round_refusal(case)
    if refusal:
        raise TransitionInvalid({"different_complaint": [refusal]})
    title = f.get("title") or (_("Khiếu nại lần hai: %(title)s") % {"title": case.title})[:255]
    new, pin = _linked_case_create(
        step,
        kind=CaseKind.KHIEU_NAI,
        title=title,
        content=f["content"],
        category=case.category,
        received_at=step.now,
        second_time=True,
        reason=_("Khiếu nại lần hai đối với quyết định của hồ sơ %(code)s.")
        % {"code": case.tracking_code},
        first_decision_ref=f.get("first_decision_ref") or _first_decision_ref(case),
        channel=f.get("channel") or _second_complaint_channel(case),
    )
    step.data["second_time_case"] = new.tracking_code
    message = _("Đã tiếp nhận khiếu nại lần hai: hồ sơ %(code)s.") % {"code": new.tracking_code}
    step.public_message = _with_pin_notice(step, message, [(new, pin)])


def _second_complaint_channel(source: Case) -> str:
    """A second complaint's channel when the officer named none: the first case's, except a
    partner's API or the press, which did not bring it (a letter is then the default)."""
    if source.channel in (Channel.API, Channel.PRESS):
        return Channel.MAIL
    return source.channel


def _first_decision_ref(case: Case) -> str:
    """What a second-time complaint cites of the first decision (Điều 40 Luật Khiếu nại):
    its number and date (`first_decision_reference`), else the case's tracking code."""
    from complaints.services.second_round import first_decision_reference

    return first_decision_reference(case) or case.tracking_code


_HANDLERS: dict[str, Callable[[_Step], None]] = {
    "accept": _accept,
    "reject": _reject,
    "forward": _forward,
    "request_info": _request_info,
    "complete_info": _complete_info,
    "assign": _assign,
    "mark_complex": _mark_complex,
    "mark_remote": _mark_remote,
    "mark_tip": _mark_tip,
    "extend": _extend,
    "extend_acceptance": _extend_acceptance,
    "suspend": _suspend,
    "resume": _resume,
    "conclude": _conclude,
    "close": _close,
    "file": _file,
    "withdraw": _withdraw,
    "reopen": _reopen,
    "split": _split,
    "escalate": _escalate,
    "record_withdrawal": _record_withdrawal,
    "correct_facts": _correct_facts,
    "confirm_signature": _confirm_signature,
    "mark_verification_differs": _mark_verification_differs,
    "schedule_dialogue": _schedule_dialogue,
    "record_dialogue": _record_dialogue,
    **NOTICE_HANDLERS,  # record_notice, record_press_request (complaints/services/notices.py)
    # request_correction, record_correction_published (complaints/services/press_correction.py)
    **PRESS_CORRECTION_HANDLERS,
    # mark_press_statement (complaints/services/press_statement.py)
    **PRESS_STATEMENT_HANDLERS,
    # hold_retention, release_retention (complaints/retention/hold.py)
    **RETENTION_HOLD_HANDLERS,
    # start_verification: its period and declaration (complaints/services/verification.py)
    **VERIFICATION_HANDLERS,
}
if set(_HANDLERS) != set(ACTIONS):  # fail at import, not on the first click
    raise ImportError("every action of complaints.transitions needs a handler")


# ---- linked cases (split, second-time complaint) ------------------------------------------


def _linked_case_create(
    step: _Step,
    *,
    kind: str,
    title: str,
    content: str,
    category,
    received_at: datetime.datetime,
    second_time: bool,
    reason: str,
    first_decision_ref: str = "",
    channel: str = "",
) -> tuple[Case, str]:
    """A new case linked to `step.case` (parent_case), with a copy of the reporter and
    the partner that filed the source, its own tracking code and PIN, routed and with
    its deadlines. The PIN is derived from the source case's secret, so it can only be
    given out through the source."""
    from complaints.services.deadlines import case_deadlines_refresh
    from complaints.services.routing import case_route
    from complaints.services.tracking import pin_generate, pin_hash, tracking_code_next

    source, actor, origin = step.case, step.actor, step.origin
    code = tracking_code_next(at=step.now)
    pin = pin_generate(tracking_code=code, idempotency_key=f"linked:{source.pin_hash}")
    same_kind = kind == source.kind
    new = Case(
        tracking_code=code,
        pin_hash=pin_hash(tracking_code=code, pin=pin),
        kind=kind,
        channel=channel or source.channel,
        title=title,
        content=content,
        incident_date=source.incident_date,
        facility=source.facility,
        category=category,
        anonymous=source.anonymous,
        second_time=second_time,
        parent_case=source,
        received_at=received_at,
        created_by=actor,
        # The parts carry the citizen's matter on: a partner that filed it follows them
        # (its API and webhooks), as it was told their codes.
        partner_id=source.partner_id,
    )
    if kind == CaseKind.KHIEU_NAI and first_decision_ref:
        # Second time: the first decision is what is complained of (Luật KN Art 33).
        from complaints.services.second_round import second_round_link

        second_round_link(new, source, first_decision_ref=first_decision_ref)
    elif kind == CaseKind.KHIEU_NAI and same_kind:
        new.first_decision_ref = source.first_decision_ref
        new.decision_complained = source.decision_complained
        new.decision_maker = source.decision_maker
        new.decision_date = source.decision_date
    if kind == CaseKind.TO_CAO and same_kind:
        new.accused_name = source.accused_name
        new.accused_is_head = source.accused_is_head
        new.accused_position = source.accused_position
    new._history_user = actor
    new._change_reason = f"origin={origin} action=case_{step.transition.action}"
    new.save()
    reporter = Reporter.objects.filter(case=source).first()
    if reporter is not None:
        reporter.pk = None
        reporter.id = None
        reporter.case = new
        reporter._state.adding = True
        reporter._history_user = actor
        reporter._change_reason = f"origin={origin} action=case_{step.transition.action}"
        reporter.save()
    case_route(case=new, actor=actor, origin=origin)
    case_deadlines_refresh(case=new, actor=actor, origin=origin, at=step.now)
    received = CaseEvent.objects.create(
        case=new,
        action="received",
        to_status=new.status,
        actor=actor,
        at=step.now,
        is_public=True,
        public_message=reason,
        data={"origin": origin, "parent_case": source.tracking_code},
    )
    step.created_cases.append((new, received))
    return new, pin


# ---- deadlines ----------------------------------------------------------------------------


# A change of the working calendar ("Ngày nghỉ, ngày làm bù"): not an action of the table,
# but its effect on a case's deadlines is the workflow's own, written by the same helpers.
CALENDAR_CHANGED = Transition(
    action="calendar_changed",
    label=gettext_lazy("Tính lại thời hạn do thay đổi lịch nghỉ"),
    sources=frozenset(),
    target=None,
    kinds=None,
    permission="",
    required_fields=(),
    optional_fields=(),
    public=True,
    deadline_effect="recount_on_calendar",
    legal_basis="Điều 147, 148 Bộ luật Dân sự 2015",
    reason="",
)


def case_deadlines_recount(
    *, case_id: int, days: list[datetime.date], origin: str = "system"
) -> CaseEvent | None:
    """Count `case_id`'s open deadlines again on the working calendar as it now stands,
    after the calendar changed on `days`; return the event recorded, or None.

    Guarantees: one transaction, the case row locked; the same write path as a workflow
    step's deadline effect (`_resolution_recompute`: the rules' schedule, extensions and
    suspensions; `notices_recount`: the notices not sent yet): a moved step gets a new row
    and its old row is superseded, with history; unchanged rows stay. Untouched: settled
    rows, the acceptance clocks a thụ lý ended, and every row but a pending notice's once
    the case is concluded or closed. One public `calendar_changed` event when a date moved
    (none otherwise, so running it again records nothing), and `case_event_recorded` after
    the commit."""
    from complaints.services.notices import notices_recount

    now = timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        case = Case.objects.select_for_update().get(pk=case_id)
        before = _open_dues(case)
        step = _Step(
            case=case, transition=CALENDAR_CHANGED, actor=None, origin=origin, now=now, fields={}
        )
        if case.status not in CLOSED_STATUSES and case.status != CaseStatus.CONCLUDED:
            _resolution_recompute(step)
        notices_recount(
            case=case, actor=None, origin=origin, at=now, action=CALENDAR_CHANGED.action
        )
        after = _open_dues(case)
        if after == before:
            return None
        changed = {
            code: [_iso(before.get(code)), _iso(due)]
            for code, due in after.items()
            if before.get(code) != due
        }
        event = CaseEvent.objects.create(
            case=case,
            action=CALENDAR_CHANGED.action,
            from_status=case.status,
            to_status=case.status,
            at=now,
            is_public=True,
            public_message=_("Thời hạn được tính lại do thay đổi lịch nghỉ ngày %(days)s.")
            % {"days": ", ".join(_fmt(day) for day in sorted(days))},
            data={
                "origin": origin,
                "calendar_days": [day.isoformat() for day in sorted(days)],
                "deadlines": changed,
                "accept_by": _iso(case.accept_by),
                "resolve_by": _iso(case.resolve_by),
            },
        )
        transaction.on_commit(lambda: case_event_recorded.send(sender=Case, case=case, event=event))
    return event


def case_notices_sent_by_portal(*, document_id: int, origin: str = "task") -> list[CaseEvent]:
    """Record that the portal itself sent the citizen the issued document `document_id` by
    e-mail (`complaints.documents.tasks.document_send_to_citizen`, once the mail went out and
    the document was marked sent): for each notice it gave (`portal_email_sendings`: the
    notice of the document's step, the citizen's party only), one ``record_notice`` step
    with its fields checked and written by that action's own handler (`_clean`,
    `_record_notice`), as an officer's recording is: ``sent_via`` "email", ``sent_on`` the
    day the mail went out, ``document_ref`` the document's number, by no officer (the event's
    actor is None, `by_portal` in its data: the history reads "Cổng đã gửi … qua thư điện
    tử"). The step settles once every party the law names has the notice; the others stay
    the staff's to record.

    Idempotent: one transaction, the case row locked; a party already recorded as having
    the notice (by the portal or by an officer) is not recorded again, so a retried task
    records nothing twice. Returns the events recorded ([] when none)."""
    from complaints.documents.models import Document

    recorded: list[CaseEvent] = []
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        document = Document.objects.get(pk=document_id)
        case = Case.objects.select_for_update().get(pk=document.case_id)
        if document.sent_to_citizen_at is None:
            return []
        sent_on = timezone.localtime(document.sent_to_citizen_at).date()
        transition = transition_for(case=case, action="record_notice")
        for row, party in portal_email_sendings(case, document):
            if transition is None or transition.refusal(case):
                break
            now = timezone.now()
            data = {"notice": row.step, "sent_on": sent_on.isoformat(), "sent_via": "email",
                    "recipients": [party], "document_ref": document.symbol}
            fields = _clean(transition=transition, case=case, data=data, now=now, actor=None)
            step = _Step(case=case, transition=transition, actor=None, origin=origin, now=now,
                         fields=fields)
            _HANDLERS["record_notice"](step)
            for effect in step.after_save:
                effect()
            event = CaseEvent.objects.create(
                case=case,
                action="record_notice",
                from_status=case.status,
                to_status=case.status,
                at=now,
                # Internal, as every record_notice (its transition is not public): the
                # citizen reads the document itself on the tracking page.
                is_public=False,
                data={"origin": origin, **step.data, "by_portal": True,
                      "document_id": document.pk},
            )
            transaction.on_commit(
                lambda event=event: case_event_recorded.send(sender=Case, case=case, event=event)
            )
            recorded.append(event)
    return recorded


def _open_dues(case: Case) -> dict[str, datetime.date]:
    """Step code -> due day of the case's current, unsettled deadline rows."""
    return dict(
        CaseDeadline.objects.filter(
            case=case, superseded_at__isnull=True, settled_at__isnull=True
        ).values_list("step", "due")
    )


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _deadlines_refresh(step: _Step) -> None:
    from complaints.services.deadlines import case_deadlines_refresh

    try:
        case_deadlines_refresh(case=step.case, actor=step.actor, origin=step.origin, at=step.now)
    except engine.DeadlineError as error:
        raise TransitionNotAllowed(lazy_message(
            gettext_lazy("Không tính được thời hạn theo quy định: %(error)s"), error=error
        )) from error
    # The refresh copies the 7-day acceptance step to accept_by: a denunciation whose
    # acceptance was extended (Luật TC Art 24(1)) keeps the 10-day step.
    if step.case.events.filter(action="extend_acceptance").exists():
        due = _acceptance_extension(step.case)
        if due is not None:
            _accept_by_set(step, due)


def _acceptance_extension(case: Case) -> datetime.date | None:
    """The stored `accept_extended` step of a tố cáo (Luật TC Art 24(1)), if any."""
    return (
        CaseDeadline.objects.filter(case=case, step="accept_extended", superseded_at__isnull=True)
        .values_list("due", flat=True)
        .first()
    )


def _accept_by_set(step: _Step, due: datetime.date) -> None:
    case = step.case
    if case.accept_by == due:
        return
    case.accept_by = due
    case._history_user = step.actor
    case._change_reason = f"origin={step.origin} action=case_{step.transition.action}"
    case.save(update_fields=["accept_by", "updated_at"])


def _calendar():
    from complaints.services.calendar import working_calendar

    return working_calendar()


def _store_row(step: _Step, *, code: str, **values) -> CaseDeadline:
    reason = f"origin={step.origin} action=case_{step.transition.action}"
    current = CaseDeadline.objects.filter(case=step.case, step=code, superseded_at__isnull=True)
    for row in current:
        if all(getattr(row, name) == value for name, value in values.items()):
            return row
        row.superseded_at = step.now
        row._history_user = step.actor
        row._change_reason = reason
        row.save(update_fields=["superseded_at"])
    row = CaseDeadline(case=step.case, step=code, **values)
    row._history_user = step.actor
    row._change_reason = reason
    row.save()
    return row


def _suspension_periods(
    case: Case, *, pending_resume: datetime.date | None = None
) -> list[tuple[datetime.date, datetime.date]]:
    """(suspended on, resumed on) for each suspension of the case, oldest first."""
    periods, open_since = [], None
    events = CaseEvent.objects.filter(case=case, action__in=["suspend", "resume"]).order_by(
        "at", "id"
    )
    for action, data in events.values_list("action", "data"):
        day = parse_date((data or {}).get("on") or "")
        if day is None:
            continue
        if action == "suspend":
            open_since = day
        elif open_since is not None:
            periods.append((open_since, day))
            open_since = None
    if open_since is not None and pending_resume is not None:
        periods.append((open_since, pending_resume))
    return periods


def _last_suspension_date(case: Case) -> datetime.date | None:
    data = (
        CaseEvent.objects.filter(case=case, action="suspend")
        .order_by("-at", "-id")
        .values_list("data", flat=True)
        .first()
    )
    return parse_date((data or {}).get("on") or "") if data else None


def _resolution_recompute(step: _Step, *, pending_resume: datetime.date | None = None) -> None:
    """The resolution deadline after a change of flags, an extension or a resumption.

    The rules' schedule first (`case_deadlines_refresh`), then what the law adds:
    - to_cao: each extension (Luật TC Art 30(2)–(3), counted from acceptance) and the
      suspended days, which are not counted (Art 34(2));
    - khieu_nai: after a resumption the days used before the suspension are kept and
      the rest runs from the resume decision (NĐ 124/2020 Art 28b(2), NĐ 155/2026).
    """
    case = step.case
    _deadlines_refresh(step)
    if case.accepted_at is None:
        return
    periods = _suspension_periods(case, pending_resume=pending_resume)
    if not periods and not case.extensions_used:
        return
    accepted = _local_date(case.accepted_at)
    calendar = _calendar()
    suspended_days = sum(
        engine.suspension_days_not_counted(accepted=accepted, suspended=s, resumed=r)
        for s, r in periods
    )
    try:
        if case.kind == CaseKind.KHIEU_NAI and periods:
            before = sum(
                engine.suspension_days_not_counted(accepted=accepted, suspended=s, resumed=r)
                for s, r in periods[:-1]
            )
            suspended, resumed = periods[-1]
            computed = engine.resumed_resolve_deadline(
                accepted=accepted + datetime.timedelta(days=before),
                suspended=suspended,
                resumed=resumed,
                calendar=calendar,
                second=case.second_time,
                complex=case.is_complex,
                remote=case.is_remote,
            )
            values = {
                "due": computed.due_date,
                "amount": computed.amount,
                "counted_from": accepted,
                "legal_basis": computed.legal_basis,
                "rule_version": computed.rule_version,
                "unconfirmed": computed.unconfirmed,
            }
        elif case.kind == CaseKind.TO_CAO:
            shifted = accepted + datetime.timedelta(days=suspended_days)
            flags = {
                "second": case.second_time,
                "complex": case.is_complex,
                "very_complex": case.is_very_complex,
                "remote": case.is_remote,
            }
            base = engine.step_due(
                kind="to_cao", step="resolve", start=shifted, calendar=calendar, **flags
            )
            amount, basis, version = base.amount, base.legal_basis, base.rule_version
            due = base.due_date
            if case.extensions_used:
                extension = engine.extension_deadline(
                    kind="to_cao",
                    accepted=shifted,
                    extensions_used=case.extensions_used - 1,
                    calendar=calendar,
                    **flags,
                )
                due, basis, version = extension.due, extension.legal_basis, extension.rule_version
                limit = engine.step_due(
                    kind="to_cao",
                    step="resolve_extended",
                    start=shifted,
                    calendar=calendar,
                    **flags,
                )
                amount = (
                    base.amount
                    + (limit.amount - base.amount) * extension.number // extension.allowed
                )
            if suspended_days:
                # Data stored with the row, written as the rule tables write a basis (and
                # read through complaints.citations): not interface text to translate.
                basis = f"{basis}; Luật TC Art 34(2): {suspended_days} ngày tạm đình chỉ không tính"
            values = {
                "due": due,
                "amount": amount,
                "counted_from": accepted,
                "legal_basis": basis,
                "rule_version": version,
                "unconfirmed": base.unconfirmed,
            }
        else:
            return
    except engine.ExtensionNotAllowed as error:
        raise TransitionNotAllowed(lazy_message(
            gettext_lazy("Pháp luật không cho phép gia hạn thêm (Điều 30 Luật Tố cáo): %(error)s"),
            error=error,
        )) from error
    except engine.DeadlineError as error:
        raise TransitionNotAllowed(lazy_message(
            gettext_lazy("Không tính được thời hạn theo quy định: %(error)s"), error=error
        )) from error
    _store_row(
        step, code="resolve", due_at=None, counted_in=engine.Unit.CALENDAR_DAYS.value, **values
    )
    if case.resolve_by != values["due"]:
        case.resolve_by = values["due"]
        case._history_user = step.actor
        case._change_reason = f"origin={step.origin} action=case_{step.transition.action}"
        case.save(update_fields=["resolve_by", "updated_at"])
