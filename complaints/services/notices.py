"""Notices to the parties (issue 9 item 5) and the press request (item 9), as the workflow
applies them. The law is the table `complaints.rules.notices`; this module:

- opens a notice's deadline step when the decision it follows is recorded
  (`notices_open`, called by `case_transition` after every action, in its transaction);
- records that a notice went out (action ``record_notice``: which notice, the day it was
  sent, how, to whom), which settles the step once every party the law names has it;
- records a press outlet head's written request (action ``record_press_request``), from
  which the 30-day answer runs (NĐ 237/2026 Art 18(1)).

The two actions are rows of `complaints.transitions.TRANSITIONS`; their handlers and field
cleaners are registered in `complaints.services.workflow` from the dicts at the bottom.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import deadlines as engine
from complaints.kinds import CLOSED_STATUSES, CaseKind, CaseStatus
from complaints.models import Case, CaseDeadline, CaseEvent, CaseNotice, NoticeMethod
from complaints.rules.notices import (
    NOTICE_STEPS,
    NOTICES,
    PARTIES,
    PRESS_STATEMENT,
    Notice,
    notices_for,
)
from complaints.rules.owed_notices import AUDIENCE_PARTIES
from complaints.step_labels import party_label, step_label
from complaints.validation import past_day_field
from portal.lazy_text import lazy_message, read_later

__all__ = [
    "NOTICE_FIELD_CLEANERS",
    "NOTICE_HANDLERS",
    "decision_day",
    "notice_definition",
    "notices_open",
    "notices_pending",
    "notices_recount",
    "portal_email_sendings",
    "record_notice_refusal",
    "step_row_open",
]


# ---- reading the table for a case ------------------------------------------------------------


def notice_definition(*, kind: str, step: str, second: bool) -> Notice | None:
    """The row of the notices table behind a case's notice step (or the press statement)."""
    return next(
        (
            n for n in (*NOTICES, PRESS_STATEMENT)
            if n.kind == kind and n.step == step and (n.second is None or n.second == second)
        ),
        None,
    )


def notices_pending(case: Case):
    """The case's notice steps (and a press case's initial statement) not yet settled
    (current rows), soonest first."""
    steps = {n.step for n in (*NOTICES, PRESS_STATEMENT) if n.kind == case.kind}
    return CaseDeadline.objects.filter(
        case=case, step__in=steps, superseded_at__isnull=True, settled_at__isnull=True
    ).order_by("due", "id")


def record_notice_refusal(case) -> str | None:
    """Why ``record_notice`` is closed for the case now (the transition's guard)."""
    if not notices_pending(case).exists():
        return _("Hồ sơ không có thông báo nào đang chờ gửi.")
    return None


# ---- opening the steps -----------------------------------------------------------------------


def decision_day(event: CaseEvent) -> datetime.date:
    """The day of the decision an action records: the day the handler stored (a decision
    dated earlier, `decided_on`), else the day it was recorded."""
    data = event.data or {}
    for key in ("on", "accepted_on", "decided_on"):
        day = parse_date(str(data.get(key) or ""))
        if day is not None:
            return day
    return timezone.localtime(event.at).date()


def _fmt(day: datetime.date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


_PUBLIC_MESSAGES = frozenset({"suspend", "resume"})


def _public_message(case: Case, event: CaseEvent, day: datetime.date) -> str:
    if event.action == "suspend":
        return _(
            "Việc giải quyết hồ sơ tạm đình chỉ từ ngày %(date)s. Thời hạn giải quyết được "
            "tính tiếp khi có quyết định tiếp tục giải quyết."
        ) % {"date": _fmt(day)}
    if event.action == "resume":
        return _("Hồ sơ được tiếp tục giải quyết từ ngày %(date)s. Hạn giải quyết: %(due)s.") % {
            "date": _fmt(day),
            "due": _fmt(case.resolve_by),
        }
    return event.public_message


def notices_open(*, case: Case, event: CaseEvent, actor, origin: str) -> list[CaseDeadline]:
    """Open the notice steps the action of ``event`` requires (`complaints.rules.notices`).

    Runs inside `case_transition`'s transaction, the case row locked. Each step is counted
    from the decision's day with the rule in force that day (none before the rule existed:
    e.g. a complaint's suspension notice before 1 July 2026); an identical open row is
    kept, any other current row of that step is superseded (a new decision, a new notice).
    A public suspension or resumption event gets its message for the citizen here."""
    day = decision_day(event)
    if event.is_public and not event.public_message and event.action in _PUBLIC_MESSAGES:
        # Suspension and resumption are public (the parties must be told): say so in
        # words that name no internal reason.
        event.public_message = _public_message(case, event, day)
        event.save(update_fields=["public_message"])
    notices = notices_for(
        kind=case.kind, trigger=event.action, second=case.second_time, to_status=event.to_status,
        from_press=_from_press(case),
    )
    if case.kind == CaseKind.BAO_CHI and event.to_status in _PRESS_DONE:
        _press_steps_close(case=case, event=event, actor=actor, origin=origin)
    opened = []
    for notice in notices:
        computed = _notice_due(case=case, step=notice.step, day=day)
        if computed is None:
            continue
        opened.append(
            step_row_open(case=case, computed=computed, actor=actor, origin=origin, at=event.at,
                          action=event.action)
        )
    return opened


_PRESS_DONE = frozenset({*CLOSED_STATUSES, CaseStatus.CONCLUDED})
_PRESS_ANSWERS = ("press_measures_notice", "press_answer")


def _press_steps_close(*, case: Case, event: CaseEvent, actor, origin: str) -> None:
    """A press case leaves resolution: no step of its stays open. The conclusion answers
    the outlet, so it settles the notice of measures (khoản 3 Điều 18 Nghị định 237/2026)
    and the answer its head asked for (khoản 1); an initial statement never recorded as
    given no longer applies (superseded), nor does any step of a case closed any other way
    (refused, forwarded, filed)."""
    reason = f"origin={origin} action=case_{event.action}"
    rows = CaseDeadline.objects.filter(
        case=case,
        step__in=[PRESS_STATEMENT.step, *_PRESS_ANSWERS],
        superseded_at__isnull=True,
        settled_at__isnull=True,
    )
    for row in rows:
        if row.step in _PRESS_ANSWERS and event.to_status == CaseStatus.CONCLUDED:
            row.settled_at = event.at
            field = "settled_at"
        else:
            row.superseded_at = event.at
            field = "superseded_at"
        row._change_reason = reason
        row._history_user = actor
        row.save(update_fields=[field])


def notices_recount(*, case: Case, actor, origin: str, at, action: str) -> None:
    """Count again, on the working calendar as it now stands, the notices of `case` not sent
    to anyone yet (after a change of "Ngày nghỉ, ngày làm bù"): each from its decision's day
    (`counted_from`), as `notices_open` counted it. A changed date supersedes the row (with
    history); a notice already sent to some of its parties keeps its row (the sendings are
    recorded against it)."""
    rows = CaseDeadline.objects.filter(
        case=case,
        step__in=NOTICE_STEPS,
        superseded_at__isnull=True,
        settled_at__isnull=True,
        notices_sent__isnull=True,
    )
    for row in rows:
        computed = _notice_due(case=case, step=row.step, day=row.counted_from)
        if computed is not None:
            step_row_open(case=case, computed=computed, actor=actor, origin=origin, at=at,
                          action=action)


def _notice_due(*, case: Case, step: str, day: datetime.date) -> engine.Step | None:
    """The notice step counted from the decision's `day` (None before its rule existed)."""
    from complaints.services.calendar import working_calendar
    from complaints.services.deadlines import deadline_policy

    try:
        return engine.step_due(
            kind=case.kind,
            step=step,
            start=day,
            calendar=working_calendar(),
            second=case.second_time,
            from_press=_from_press(case),
            overrides=deadline_policy(),
        )
    except engine.DeadlineError:
        return None


def _from_press(case: Case) -> bool:
    """Forwarded by a press outlet (NĐ 237/2026 Art 18(2)), as `case_schedule` reads it."""
    from complaints.kinds import Channel

    return case.channel == Channel.PRESS


def step_row_open(*, case, computed: engine.Step, actor, origin, at, action) -> CaseDeadline:
    """Store `computed` as the case's current row of its step (in the caller's transaction):
    an identical open row is kept, any other current row is superseded at `at`; the history
    reason is `origin=<origin> action=case_<action>`. Also the 24-hour press statement's
    (`complaints.services.press_statement`)."""
    values = {
        "due": computed.due_date,
        "due_at": computed.due_at,
        "counted_in": computed.counted_in.value,
        "amount": computed.amount,
        "counted_from": computed.start_date,
        "legal_basis": computed.legal_basis,
        "rule_version": computed.rule_version,
        "unconfirmed": computed.unconfirmed,
    }
    reason = f"origin={origin} action=case_{action}"
    current = CaseDeadline.objects.filter(case=case, step=computed.step, superseded_at__isnull=True)
    for row in current:
        if row.settled_at is None and all(getattr(row, k) == v for k, v in values.items()):
            return row
        row.superseded_at = at
        row._change_reason = reason
        row._history_user = actor
        row.save(update_fields=["superseded_at"])
    row = CaseDeadline(case=case, step=computed.step, **values)
    row._change_reason = reason
    row._history_user = actor
    row.save()
    return row


# ---- the portal's own e-mail of an issued document ------------------------------------------

# The citizen's party in a notice row, whom the portal's e-mail of an issued document
# reaches (the case's reporter: `complaints.documents.tasks.document_send_to_citizen`).
CITIZEN_PARTIES = AUDIENCE_PARTIES["reporter"]
# A document addressed to the citizen (its audience, complaints/rules/documents.py AUDIENCES).
_TO_CITIZEN = frozenset({"reporter", "parties"})


def portal_email_sendings(case: Case, document) -> list[tuple[CaseDeadline, str]]:
    """The notices the portal's e-mail of the issued `document` to the citizen gave:
    (open notice row, citizen's party) for each current row of the case whose decision is
    the document's step (`Notice.trigger` == `document.action`), decided on or before the
    document's issue, that names the citizen's party (complainant, denouncer or reporter)
    and has no sending to that party recorded yet. The other parties (the person
    complained against or denounced, the superior, …) are never among them.

    Legal basis: the law copies (shared/law) say a notice or decision is sent "bằng văn
    bản" (Điều 27, 32, 41 Luật Khiếu nại; khoản 3 Điều 29, khoản 3 Điều 35 Luật Tố cáo)
    and name no means; they give no article on sending it electronically. The portal treats
    its own e-mail of the issued document, with the document attached, to the address the
    citizen gave and consented to be contacted at, as a sending by electronic means
    (`NoticeMethod.EMAIL`), recorded like any other and shown as the portal's."""
    if not document.is_issued or document.audience not in _TO_CITIZEN:
        return []
    issued_on = timezone.localtime(document.issued_at).date()
    found = []
    for row in notices_pending(case).prefetch_related("notices_sent"):
        notice = notice_definition(kind=case.kind, step=row.step, second=case.second_time)
        if notice is None or notice.trigger != document.action or issued_on < row.counted_from:
            continue
        reached = {party for sent in row.notices_sent.all() for party in sent.recipients}
        found.extend(
            (row, party) for party in notice.recipients
            if party in CITIZEN_PARTIES and party not in reached
        )
    return found


# ---- the fields of record_notice and record_press_request -------------------------------------


def _clean_notice(raw, *, case: Case, today):
    if raw in (None, ""):
        return None, None
    row = notices_pending(case).filter(step=str(raw).strip()).first()
    if row is None:
        code = str(raw).strip()
        return None, lazy_message(
            gettext_lazy("Hồ sơ không có thông báo “%(step)s” đang chờ gửi."),
            step=read_later(lambda: step_label(code)),
        )
    return row, None


def _clean_day(raw, *, case: Case, today, label: str):
    received_on = timezone.localtime(case.received_at).date()
    return past_day_field(raw, received_on=received_on, today=today, label=label)


def _clean_sent_on(raw, *, case: Case, today):
    return _clean_day(raw, case=case, today=today, label=gettext_lazy("Ngày gửi"))


def _clean_requested_on(raw, *, case: Case, today):
    return _clean_day(raw, case=case, today=today, label=gettext_lazy("Ngày yêu cầu"))


def _clean_method(raw, *, case: Case, today):
    if raw in (None, ""):
        return None, None
    if raw not in NoticeMethod.values:
        return None, lazy_message(
            gettext_lazy("Chọn một trong: %(choices)s."), choices=", ".join(NoticeMethod.values)
        )
    return raw, None


def _clean_recipients(raw, *, case: Case, today):
    if raw in (None, "", []):
        return None, None
    if isinstance(raw, str):
        raw = [part.strip() for part in raw.split(",")]
    if not isinstance(raw, list | tuple) or not all(isinstance(p, str) for p in raw):
        return None, gettext_lazy("Danh sách người nhận không hợp lệ.")
    chosen = list(dict.fromkeys(p for p in raw if p))
    unknown = [p for p in chosen if p not in PARTIES]
    if unknown or not chosen:
        return None, lazy_message(
            gettext_lazy("Chọn người nhận trong: %(choices)s."), choices=", ".join(PARTIES)
        )
    return chosen, None


def _clean_reference(raw, *, case: Case, today):
    if raw in (None, ""):
        return None, None
    if not isinstance(raw, str):
        return None, gettext_lazy("Giá trị phải là văn bản.")
    value = raw.strip()
    if len(value) > 255:
        return None, lazy_message(gettext_lazy("Tối đa %(count)s ký tự."), count=255)
    return value, None


NOTICE_FIELD_CLEANERS = {
    "notice": _clean_notice,
    "sent_on": _clean_sent_on,
    "sent_via": _clean_method,
    "recipients": _clean_recipients,
    "document_ref": _clean_reference,
    "requested_on": _clean_requested_on,
}


# ---- the handlers ---------------------------------------------------------------------------


def _record_notice(step) -> None:
    """Record one sending of a pending notice; settle its step once every party in
    ``must_reach`` has had it. A notice sent after its date is recorded as late."""
    from complaints.services.workflow import TransitionInvalid

    case, f = step.case, step.fields
    row: CaseDeadline = f["notice"]
    notice = notice_definition(kind=case.kind, step=row.step, second=case.second_time)
    if notice is None:  # a row of a step the table no longer has
        raise TransitionInvalid({"notice": [gettext_lazy("Không có quy định về thông báo này.")]})
    wrong = [p for p in f["recipients"] if p not in notice.recipients]
    if wrong:
        raise TransitionInvalid(
            {
                "recipients": [
                    lazy_message(
                        gettext_lazy("Thông báo này gửi cho: %(parties)s."),
                        parties=read_later(
                            lambda: ", ".join(party_label(p) for p in notice.recipients)
                        ),
                    )
                ]
            }
        )
    sent_on = f["sent_on"]
    if sent_on < row.counted_from:
        raise TransitionInvalid(
            {
                "sent_on": [
                    lazy_message(
                        gettext_lazy("Ngày gửi không được trước ngày ra quyết định (%(date)s)."),
                        date=_fmt(row.counted_from),
                    )
                ]
            }
        )
    late = sent_on > row.due
    step.data.update(
        notice=row.step,
        notice_label=step_label(row.step),
        sent_on=sent_on.isoformat(),
        sent_via=f["sent_via"],
        recipients=f["recipients"],
        document_ref=f.get("document_ref", ""),
        due=row.due.isoformat(),
        legal_basis=row.legal_basis,
        late=late,
    )

    def save() -> None:
        sent = CaseNotice(
            case=case,
            deadline=row,
            step=row.step,
            sent_on=sent_on,
            method=f["sent_via"],
            recipients=f["recipients"],
            reference=f.get("document_ref", ""),
            late=late,
            recorded_by=step.actor,
            recorded_at=step.now,
        )
        sent._history_user = step.actor
        sent._change_reason = f"origin={step.origin} action=case_record_notice"
        sent.save()
        reached = {
            party
            for parties in CaseNotice.objects.filter(deadline=row).values_list(
                "recipients", flat=True
            )
            for party in parties
        }
        if row.step == STOP_NOTICE and f.get("document_ref"):
            _stop_decision_named(step, f["document_ref"])
        missing = [p for p in notice.must_reach if p not in reached]
        step.data["settled"] = not missing
        step.data["missing"] = missing
        if not missing:
            row.settled_at = step.now
            row._history_user = step.actor
            row._change_reason = f"origin={step.origin} action=case_record_notice"
            row.save(update_fields=["settled_at"])

    step.after_save.append(save)


# The notice that sends the stop decision of a withdrawn complaint or denunciation (Điều 10
# Luật Khiếu nại, khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP; điểm a khoản 3, khoản 4 Điều 34
# Luật Tố cáo): its number names the decision on the withdrawal.
STOP_NOTICE = "stop_notice"


def _stop_decision_named(step, reference: str) -> None:
    """The stop decision sent (`stop_notice`, its number in ``document_ref``) is the one the
    withdrawal owed: named on the withdrawal that stopped the case when none was (with
    history), so the case page no longer shows it as owed (`stop_decision_owed`)."""
    withdrawal = (
        step.case.withdrawals.filter(continues=False, stop_decision_ref="")
        .order_by("-recorded_at", "-id")
        .first()
    )
    if withdrawal is None:
        return
    withdrawal.stop_decision_ref = reference
    withdrawal._history_user = step.actor
    withdrawal._change_reason = f"origin={step.origin} action=case_record_notice"
    withdrawal.save(update_fields=["stop_decision_ref"])
    step.data["stop_decision_ref"] = reference


def _record_press_request(step) -> None:
    """The outlet head's written request: the 30-day answer runs from it (NĐ 237/2026
    Art 18(1)); the case's `resolve_by` becomes that step."""
    from complaints.services.deadlines import case_deadlines_refresh
    from complaints.services.workflow import TransitionNotAllowed

    case, f = step.case, step.fields
    case.press_requested_on = f["requested_on"]
    step.data.update(
        requested_on=f["requested_on"].isoformat(), document_ref=f.get("document_ref", "")
    )

    def restart() -> None:
        try:
            case_deadlines_refresh(case=case, actor=step.actor, origin=step.origin, at=step.now)
        except engine.DeadlineError as error:
            raise TransitionNotAllowed(lazy_message(
                gettext_lazy("Không tính được thời hạn theo quy định: %(error)s"), error=error
            )) from error
        step.data["resolve_by"] = case.resolve_by.isoformat() if case.resolve_by else None

    step.after_save.append(restart)


NOTICE_HANDLERS = {
    "record_notice": _record_notice,
    "record_press_request": _record_press_request,
}
