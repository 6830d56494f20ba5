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

from complaints import deadlines as engine
from complaints import emails
from complaints.kinds import CITIZEN_KINDS, CLOSED_STATUSES, CaseKind, CaseStatus, PressFinding
from complaints.models import Case, CaseDeadline, CaseEvent, Facility, Reporter
from complaints.querysets import facility_scope_of
from complaints.signals import case_created, case_event_recorded
from complaints.transitions import (
    ACTIONS,
    FILE_REASONS,
    TRANSITIONS,
    Transition,
    transition_for,
)

__all__ = [
    "TransitionInvalid",
    "TransitionNotAllowed",
    "UnknownAction",
    "case_transition",
]

logger = logging.getLogger(__name__)


class TransitionNotAllowed(Exception):
    """The workflow forbids the action now (HTTP 409). `message` is Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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


def case_transition(
    *, case_id: int, action: str, actor, data: dict, origin: str, document_id: int | None = None
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
    - sends `case_event_recorded` (and `case_created` for cases it creates) after commit;
    - with `document_id`, issues that drafted document of this step in the same
      transaction (`complaints.documents.services.document_issue`): the approval of the
      step and of its document are one act; a document that cannot be issued undoes both.
    """
    data = dict(data or {})
    if action not in ACTIONS:
        raise UnknownAction(_("Không có thao tác “%(action)s”.") % {"action": action})
    now = timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        case = Case.objects.in_scope_of(actor).select_for_update().get(pk=case_id)
        expected = data.pop("expected_status", None)
        if expected and expected != case.status:
            raise TransitionNotAllowed(
                _(
                    "Hồ sơ đã chuyển sang trạng thái “%(status)s” trong khi bạn thao tác; "
                    "hãy tải lại trang."
                )
                % {"status": case.get_status_display()}
            )
        transition = _check(case=case, action=action, actor=actor)
        fields = _clean(transition=transition, case=case, data=data, now=now, actor=actor)
        step = _Step(
            case=case, transition=transition, actor=actor, origin=origin, now=now, fields=fields
        )
        _HANDLERS[action](step)

        from_status = case.status
        if transition.target is not None:
            case.status = transition.target
            if transition.target in CLOSED_STATUSES:
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
            is_public=transition.public,
            public_message=step.public_message if transition.public else "",
            note=fields.get("note", ""),
            data={"origin": origin, **step.data},
        )
        transaction.on_commit(lambda: case_event_recorded.send(sender=Case, case=case, event=event))
        if document_id is not None:  # documents (issue 10): the step's document, same act
            _document_issue(document_id=document_id, case=case, action=action, actor=actor,
                            origin=origin)
        for created, received in step.created_cases:
            transaction.on_commit(
                lambda c=created, e=received: case_created.send(sender=Case, case=c, event=e)
            )
    return event


def _document_issue(*, document_id: int, case: Case, action: str, actor, origin: str) -> None:
    from complaints.documents.models import Document
    from complaints.documents.services import DocumentError, document_issue

    try:
        document_issue(
            document_id=document_id, actor=actor, origin=origin, case_id=case.pk, action=action
        )
    except (DocumentError, Document.DoesNotExist) as error:
        raise TransitionNotAllowed(
            getattr(error, "message", _("Không tìm thấy dự thảo văn bản của bước này."))
        ) from error


# ---- checks ----------------------------------------------------------------------------


def _check(*, case: Case, action: str, actor) -> Transition:
    rows = [t for t in TRANSITIONS if t.action == action]
    for_kind = [t for t in rows if t.kinds is None or case.kind in t.kinds]
    label = str(rows[0].label)
    if not for_kind:
        raise TransitionNotAllowed(
            _("Thao tác “%(label)s” không áp dụng cho hồ sơ loại %(kind)s.")
            % {"label": label, "kind": case.get_kind_display()}
        )
    transition = transition_for(case=case, action=action)
    needed = [transition] if transition is not None else for_kind
    if not any(actor.has_perm(t.permission) for t in needed):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if transition is None:
        raise TransitionNotAllowed(
            _("Không thể “%(label)s” khi hồ sơ đang ở trạng thái “%(status)s”.")
            % {"label": label, "status": case.get_status_display()}
        )
    refusal = transition.refusal(case)
    if refusal:
        raise TransitionNotAllowed(refusal)
    return transition


def _text(value, *, max_length: int | None = None) -> tuple[str, str | None]:
    if value is None:
        return "", None
    if not isinstance(value, str):
        return "", _("Giá trị phải là văn bản.")
    value = value.strip()
    if max_length and len(value) > max_length:
        return "", _("Tối đa %(count)s ký tự.") % {"count": max_length}
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
        if name == "reason" and transition.action == "file":
            value = raw if raw in FILE_REASONS else None
            if raw and value is None:
                error = _("Chọn một trong: %(choices)s.") % {"choices": ", ".join(FILE_REASONS)}
        elif name in _TEXT_LIMITS:
            value, error = _text(raw, max_length=_TEXT_LIMITS[name])
        elif name == "press_finding":
            value = raw if raw in PressFinding.values else None
            if raw and value is None:
                error = _("Chọn một trong: %(choices)s.") % {
                    "choices": ", ".join(PressFinding.values)
                }
        elif name == "decided_on":
            value, error = _clean_date(raw, case=case, today=today)
        elif name == "very_complex":
            value = raw in (True, "true", "1", "on", 1)
        elif name == "facility":
            value, error = _clean_facility(raw)
        elif name == "user":
            value, error = _clean_user(raw, facility=cleaned.get("facility"))
        elif name == "duplicate_of":
            value, error = _clean_duplicate(raw, case=case, actor=actor)
        elif name == "parts":
            value, error = _clean_parts(raw, case=case)
        if error:
            errors.setdefault(name, []).append(str(error))
        elif required and value in (None, "", [], False):
            errors.setdefault(name, []).append(_("Trường này là bắt buộc."))
        elif value not in (None, ""):
            cleaned[name] = value
    if errors:
        raise TransitionInvalid(errors)
    return cleaned


def _clean_date(raw, *, case: Case, today: datetime.date):
    if raw in (None, ""):
        return None, None
    value = raw if isinstance(raw, datetime.date) else parse_date(str(raw))
    if value is None:
        return None, _("Ngày không hợp lệ (định dạng YYYY-MM-DD).")
    if value > today:
        return None, _("Ngày quyết định không được ở tương lai.")
    if value < timezone.localtime(case.received_at).date():
        return None, _("Ngày quyết định không được trước ngày tiếp nhận.")
    return value, None


def _clean_facility(raw):
    if raw in (None, ""):
        return None, None
    from complaints.services.routing import facility_receives_cases

    facility = Facility.objects.filter(code=str(raw).strip()).first()
    if facility is None or not facility_receives_cases(facility):
        return None, _("Không tìm thấy cơ sở đang hoạt động có mã này.")
    return facility, None


def _clean_user(raw, *, facility: Facility | None):
    if raw in (None, ""):
        return None, None
    User = get_user_model()
    query = User.objects.filter(is_active=True)
    if isinstance(raw, int) or (isinstance(raw, str) and raw.isdigit()):
        user = query.filter(pk=int(raw)).first()
    else:
        user = query.filter(username=str(raw)).first()
    if user is None or not user.has_perm("complaints.act_on_case"):
        return None, _("Không tìm thấy cán bộ xử lý này.")
    if facility is not None and not _user_covers(user, facility):
        return None, _("Cán bộ này không thuộc đơn vị được giao.")
    return user, None


def _user_covers(user, facility: Facility) -> bool:
    """Whether the case, once at `facility`, stays in `user`'s scope."""
    if user.is_superuser or user.has_perm("complaints.view_all_cases"):
        return True
    return facility.pk in facility_scope_of(user)


def _clean_duplicate(raw, *, case: Case, actor):
    """The case filed against, within the actor's scope: a case outside it answers as
    an unknown code (a code typed must not reveal that a case exists elsewhere)."""
    if raw in (None, ""):
        return None, None
    other = (
        Case.objects.in_scope_of(actor)
        .filter(tracking_code=str(raw).strip().upper())
        .exclude(pk=case.pk)
        .first()
    )
    if other is None:
        return None, _("Không tìm thấy hồ sơ có mã này.")
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
        return None, _("Danh sách các phần tách ra không hợp lệ.")
    if len(raw) > 10:
        return None, _("Tách tối đa 10 hồ sơ một lần.")
    parts, problems = [], []
    for number, part in enumerate(raw, start=1):
        title, title_error = _text(part.get("title"), max_length=255)
        content, content_error = _text(part.get("content"), max_length=20000)
        kind = part.get("kind") or case.kind
        category = case.category
        problem = title_error or content_error
        if not problem and (not title or not content):
            problem = _("cần tiêu đề và nội dung")
        elif case.kind == CaseKind.TO_CAO and kind != CaseKind.TO_CAO:
            problem = _(
                "phần tách từ đơn tố cáo phải giữ loại tố cáo để bảo mật người tố cáo "
                "(Luật Tố cáo Điều 47)"
            )
        elif case.kind == CaseKind.BAO_CHI and not part.get("kind"):
            problem = _("cần chọn loại hồ sơ (phản ánh, kiến nghị, khiếu nại hoặc tố cáo)")
        elif kind not in CITIZEN_KINDS:
            problem = _("loại hồ sơ không hợp lệ")
        elif kind == CaseKind.TO_CAO and case.anonymous:
            problem = _("đơn ẩn danh không được xử lý như tố cáo (Luật Tố cáo Điều 25)")
        elif kind == CaseKind.TO_CAO and case.kind not in (CaseKind.TO_CAO, CaseKind.BAO_CHI):
            # Its reporter's identity is already visible to every staff member in scope
            # on this case: a tố cáo is filed by the denouncer, with the confidentiality
            # the law gives (Luật Tố cáo Điều 23, 47), not made by staff from another kind.
            problem = _(
                "không chuyển phản ánh, kiến nghị, khiếu nại thành tố cáo; hướng dẫn người "
                "gửi tự gửi đơn tố cáo (Luật Tố cáo Điều 23, 47)"
            )
        elif part.get("category"):
            category = Category.objects.filter(code=part["category"], is_active=True).first()
            if category is None:
                problem = _("không tìm thấy lĩnh vực")
        if problem:
            problems.append(
                _("Phần %(number)s: %(problem)s.") % {"number": number, "problem": problem}
            )
        else:
            parts.append({"title": title, "content": content, "kind": kind, "category": category})
    if problems:
        return None, "; ".join(str(p) for p in problems)
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
        step.public_message = (
            _("Hồ sơ đã được thụ lý. Hạn giải quyết: %(date)s.") % {"date": _fmt(case.resolve_by)}
            if case.resolve_by
            else _("Hồ sơ đã được thụ lý.")
        )

    step.after_save.append(start_clock)


def _reject(step: _Step) -> None:
    case, f = step.case, step.fields
    case.rejection_reason = f["reason"]
    case.rejection_legal_ground = f["legal_ground"]
    step.data.update(reason=f["reason"], legal_ground=f["legal_ground"])
    step.public_message = _("Không thụ lý. Lý do: %(reason)s. Căn cứ: %(ground)s.") % {
        "reason": f["reason"].rstrip("."),
        "ground": f["legal_ground"].rstrip("."),
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


def _start_verification(step: _Step) -> None:
    pass


def _mark_complex(step: _Step) -> None:
    case = step.case
    very = bool(step.fields.get("very_complex")) and case.kind == CaseKind.TO_CAO
    case.is_complex = True
    case.is_very_complex = case.is_very_complex or very
    step.data.update(reason=step.fields["reason"], very_complex=case.is_very_complex)
    step.after_save.append(lambda: _resolution_recompute(step))


def _mark_remote(step: _Step) -> None:
    step.case.is_remote = True
    step.data["reason"] = step.fields["reason"]
    step.after_save.append(lambda: _resolution_recompute(step))


def _mark_tip(step: _Step) -> None:
    step.case.inspection_tip = True
    step.data["reason"] = step.fields["reason"]


def _extend_acceptance(step: _Step) -> None:
    step.data["reason"] = step.fields["reason"]

    def move_deadline():
        _deadlines_refresh(step)  # stores the accept_extended step if it was not yet
        due = _acceptance_extension(step.case)
        if due is None:
            raise TransitionNotAllowed(
                _("Không có thời hạn thụ lý kéo dài theo quy định cho hồ sơ này.")
            )
        _accept_by_set(step, due)
        step.data["accept_by"] = due.isoformat()

    step.after_save.append(move_deadline)


def _extend(step: _Step) -> None:
    case = step.case
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
    if step.case.kind == CaseKind.KHIEU_NAI:
        # The suspension decision goes out within 03 working days (NĐ 124/2020 Art 28b(1)).
        step.after_save.append(lambda: _store_event_step(step, "suspension_notice", on))


def _resume(step: _Step) -> None:
    case = step.case
    on = _local_date(_decision_moment(step))
    suspended_on = _last_suspension_date(case)
    if suspended_on and on < suspended_on:
        raise TransitionInvalid(
            {"decided_on": [_("Ngày tiếp tục không được trước ngày tạm đình chỉ.")]}
        )
    step.data.update(
        on=on.isoformat(), suspended_on=suspended_on.isoformat() if suspended_on else None
    )

    def restart():
        if case.kind == CaseKind.KHIEU_NAI:
            _store_event_step(step, "resumption_notice", on)
        _resolution_recompute(step, pending_resume=on)
        step.data["resolve_by"] = case.resolve_by.isoformat() if case.resolve_by else None

    step.after_save.append(restart)


def _conclude(step: _Step) -> None:
    case, f = step.case, step.fields
    case.conclusion = f["conclusion"]
    case.public_answer = f["public_answer"]
    case.concluded_at = step.now
    if "press_finding" in f:
        case.press_finding = f["press_finding"]
        step.data["press_finding"] = f["press_finding"]
        # The outlet is told the conclusion within 05 working days (NĐ 237/2026 Art 18(2)).
        step.after_save.append(
            lambda: _store_event_step(step, "press_conclusion_notice", _local_date(step.now))
        )
    step.public_message = f["public_answer"]


def _close(step: _Step) -> None:
    step.public_message = _("Hồ sơ đã được đóng.")


def _file(step: _Step) -> None:
    case, f = step.case, step.fields
    duplicate = f.get("duplicate_of")
    if duplicate is not None:
        case.possible_duplicate_of = duplicate
    step.data.update(
        reason=f["reason"], duplicate_of=duplicate.tracking_code if duplicate else None
    )
    step.public_message = _("Đơn được lưu, không xử lý tiếp: %(reason)s.") % {
        "reason": str(FILE_REASONS[f["reason"]]).lower()
    }
    # The citizen is told within 03 working days (NĐ 154/2026 Art 4(3)).
    step.after_save.append(lambda: _store_event_step(step, "filing_notice", _local_date(step.now)))


def _withdraw(step: _Step) -> None:
    if step.fields.get("reason"):
        step.data["reason"] = step.fields["reason"]
    step.public_message = _("Người gửi đã rút đơn; việc giải quyết chấm dứt.")


def _reopen(step: _Step) -> None:
    case = step.case
    step.data["reason"] = step.fields["reason"]
    case.closed_at = None
    if step.transition.target == CaseStatus.VERIFYING:
        case.concluded_at = None
    else:
        case.rejection_reason = ""
        case.rejection_legal_ground = ""
    step.public_message = _("Hồ sơ được mở lại để xem xét tiếp.")


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
    reporter = Reporter.objects.filter(case=step.case).only("email", "consent_contact").first()
    if reporter is None:  # a press report: the press office logged it, no citizen
        return message
    if not (reporter.consent_contact and reporter.email):
        notice = _(
            "Vì lý do bảo mật, mã PIN của hồ sơ mới không hiển thị tại đây; "
            "ông/bà vui lòng liên hệ cơ quan tiếp nhận hồ sơ để được hướng dẫn."
        )
        return f"{message} {notice}"
    source, address = step.case, reporter.email
    context = {
        "source_code": source.tracking_code,
        "source_title": source.title,
        "cases": [
            {
                "tracking_code": new.tracking_code,
                "kind_label": str(CaseKind(new.kind).label),
                "title": new.title,
                "pin": pin,
                "tracking_url": _tracking_url(new),
            }
            for new, pin in created
        ],
    }

    def send():
        try:
            emails.send("citizen_linked_case", to=[address], context=context)
        except Exception:  # the cases stand; the failure is logged without the PINs
            logger.exception("linked-case e-mail for case %s failed", source.pk)

    transaction.on_commit(send)
    notice = _("Mã PIN của từng hồ sơ mới đã được gửi đến địa chỉ thư điện tử ông/bà đã đăng ký.")
    return f"{message} {notice}"


def _tracking_url(case: Case) -> str:
    from django.urls import reverse

    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    path = reverse("complaints:track_detail", kwargs={"tracking_code": case.tracking_code})
    return f"{base}{path}"


def _escalate(step: _Step) -> None:
    case, f = step.case, step.fields
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
        first_decision_ref=f.get("first_decision_ref") or case.tracking_code,
    )
    step.data["second_time_case"] = new.tracking_code
    message = _("Đã tiếp nhận khiếu nại lần hai: hồ sơ %(code)s.") % {"code": new.tracking_code}
    step.public_message = _with_pin_notice(step, message, [(new, pin)])


_HANDLERS: dict[str, Callable[[_Step], None]] = {
    "accept": _accept,
    "reject": _reject,
    "forward": _forward,
    "request_info": _request_info,
    "complete_info": _complete_info,
    "assign": _assign,
    "start_verification": _start_verification,
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
) -> tuple[Case, str]:
    """A new case linked to `step.case` (parent_case), with a copy of the reporter,
    its own tracking code and PIN, routed and with its deadlines. The PIN is derived
    from the source case's secret, so it can only be given out through the source."""
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
        channel=source.channel,
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
    )
    if kind == CaseKind.KHIEU_NAI and first_decision_ref:
        # Second time: the first decision is what is complained of (Luật KN Art 33).
        new.first_decision_ref = first_decision_ref
        new.decision_complained = _("Quyết định giải quyết khiếu nại lần đầu (hồ sơ %(code)s)") % {
            "code": source.tracking_code
        }
        new.decision_maker = str(source.assigned_unit or "")
        new.decision_date = _local_date(source.concluded_at) if source.concluded_at else None
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


def _deadlines_refresh(step: _Step) -> None:
    from complaints.services.deadlines import case_deadlines_refresh

    try:
        case_deadlines_refresh(case=step.case, actor=step.actor, origin=step.origin, at=step.now)
    except engine.DeadlineError as error:
        raise TransitionNotAllowed(
            _("Không tính được thời hạn theo quy định: %(error)s") % {"error": error}
        ) from error
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


def _store_event_step(step: _Step, code: str, start: datetime.date) -> CaseDeadline | None:
    """Store a step counted from a later event (suspension, resumption, conclusion,
    filing), superseding the current row of that step. None where no rule applies
    (e.g. that step did not exist before 1 July 2026)."""
    case = step.case
    try:
        computed = engine.step_due(
            kind=case.kind,
            step=code,
            start=start,
            calendar=_calendar(),
            second=case.second_time,
            complex=case.is_complex,
            very_complex=case.is_very_complex,
            remote=case.is_remote,
        )
    except engine.DeadlineError:
        return None
    return _store_row(
        step,
        code=code,
        due=computed.due_date,
        due_at=computed.due_at,
        counted_in=computed.counted_in.value,
        amount=computed.amount,
        counted_from=computed.start_date,
        legal_basis=computed.legal_basis,
        rule_version=computed.rule_version,
        unconfirmed=computed.unconfirmed,
    )


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
    suspended_days = sum((resumed - suspended).days for suspended, resumed in periods)
    try:
        if case.kind == CaseKind.KHIEU_NAI and periods:
            before = sum((r - s).days for s, r in periods[:-1])
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
                basis = _("%(basis)s; Luật TC Art 34(2): %(days)s ngày tạm đình chỉ không tính") % {
                    "basis": basis,
                    "days": suspended_days,
                }
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
        raise TransitionNotAllowed(
            _("Pháp luật không cho phép gia hạn thêm (Luật Tố cáo Điều 30): %(error)s")
            % {"error": error}
        ) from error
    except engine.DeadlineError as error:
        raise TransitionNotAllowed(
            _("Không tính được thời hạn theo quy định: %(error)s") % {"error": error}
        ) from error
    _store_row(
        step, code="resolve", due_at=None, counted_in=engine.Unit.CALENDAR_DAYS.value, **values
    )
    if case.resolve_by != values["due"]:
        case.resolve_by = values["due"]
        case._history_user = step.actor
        case._change_reason = f"origin={step.origin} action=case_{step.transition.action}"
        case.save(update_fields=["resolve_by", "updated_at"])
