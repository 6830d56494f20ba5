"""When the document of a step may be issued: with its step, or after the step was taken.

A document that belongs to a workflow step (`DocumentTemplate.action`, an action of
`complaints.transitions`) tells its reader that the step was taken: a notice of acceptance
that the case was accepted (Điều 27 Luật Khiếu nại), a complaint decision that the complaint
was resolved (Điều 31 Luật Khiếu nại), and so on. Issued before its step, it would tell the
citizen what the case does not record and get around the step's own legal checks (the
dialogue of Điều 30 Luật Khiếu nại before a decision, the state a refusal leaves). So it is
issued together with its step (`case_transition(document_id=…)`: the step's event is
recorded first, in the same transaction) or after the step was taken and not undone since
(a reopening undoes a refusal, a filing or a conclusion).

The dialogue minutes (Mẫu số 14) record a meeting: issued only once the meeting is recorded
as held (`record_dialogue`; khoản 3–5 Điều 28 Nghị định 124/2020/NĐ-CP).

The notice of a dialogue (khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP) belongs to the step that
schedules it (`schedule_dialogue`) and invites to one meeting: issued on its own only while
that meeting is still the one the parties are invited to (not rescheduled, not yet held).

One step, one document of each form: a step's document issued, a second one of the same form
for the same step (the step as it now stands: a step taken again, after a reopening or a
new request, is a new step) would give the citizen two official notices of one act, each
with its own number (a second "Thông báo thụ lý" 06/TB after 02/TB). It is issued only when
the officer states that it replaces the earlier one and why (`replacement_refusal`); the
issue records which one it replaces and the reason (`document_issued` event's data).

Who issues (`may_issue`): a leader (`approve_case`) any document; the verification's report
(Mẫu số 10, Mẫu số 11-KN) is the verifier's own report to the head (khoản 4 Điều 29 Luật
Khiếu nại; khoản 6 Điều 31 Luật Tố cáo), so the officer the case is assigned to, who
verified, issues it too; every other document stays a leader's act.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

__all__ = [
    "earlier_issued",
    "issue_refusal",
    "may_issue",
    "recorded_step",
    "replacement_refusal",
    "step_event",
    "step_label",
    "step_row",
]

# A step that undoes what the steps before it recorded (refusal, filing, conclusion).
UNDOING = "reopen"
DIALOGUE_MINUTES = "dialogue_minutes"
DIALOGUE_MINUTES_BASIS = "khoản 3–5 Điều 28 Nghị định 124/2020/NĐ-CP"
SCHEDULE_DIALOGUE = "schedule_dialogue"
RECORD_DIALOGUE = "record_dialogue"
ACT = "complaints.act_on_case"
APPROVE = "complaints.approve_case"
# Documents that are the verifier's own, issued by the officer who verified as by a leader.
VERIFIERS_DOCUMENTS = frozenset({"report_verification"})


def _rows(case, action: str):
    from complaints.transitions import TRANSITIONS

    rows = [t for t in TRANSITIONS if t.action == action]
    return [t for t in rows if t.kinds is None or case.kind in t.kinds] or rows


def step_row(case, action: str):
    """The workflow row of `action` for this case: the one open in its state, else the
    kind's (a step taken already, or not yet possible); None for a step outside the table."""
    from complaints.transitions import transition_for

    row = transition_for(case=case, action=action)
    if row is not None:
        return row
    rows = _rows(case, action)
    return rows[0] if rows else None


def recorded_step(case, action: str) -> dict:
    """The fields the step recorded on the case when it was taken (its event's data, as
    the step form's names and codes; for the dialogue minutes, the meeting held: its time,
    place, participants, who led it and its minutes); empty when it was not."""
    if action == DIALOGUE_MINUTES:
        return _held_meeting(case)
    event = step_event(case, action)
    if action == SCHEDULE_DIALOGUE and event is not None:
        return _scheduled_meeting(case)
    row = step_row(case, action)
    if event is None or row is None:
        return {}
    return {
        name: value
        for name, value in (event.data or {}).items()
        if name in row.fields and value not in (None, "")
    }


def step_label(case, action: str) -> str:
    """The step's Vietnamese name, as the case page names it."""
    from complaints.documents.models import OTHER_STEPS

    rows = _rows(case, action)
    if rows:
        return str(rows[0].label)
    return str(OTHER_STEPS.get(action, action))


def _undone_from(case, action: str) -> set[str]:
    """The states a reopening leaves that undo `action`: the state the step led to (a
    conclusion also once the case was closed). A reopening of a concluded case undoes the
    conclusion, not the acceptance before it."""
    from complaints.kinds import CaseStatus

    targets = {str(t.target) for t in _rows(case, action) if t.target is not None}
    if CaseStatus.CONCLUDED in targets:
        targets.add(str(CaseStatus.CLOSED))
    return targets


def step_event(case, action: str):
    """The event that recorded `action` on the case, if the step was taken and not undone
    by a later reopening of the state it led to; else None."""
    from django.db.models import Q

    event = case.events.filter(action=action).order_by("-at", "-pk").first()
    if event is None:
        return None
    undone = case.events.filter(
        Q(at__gt=event.at) | Q(at=event.at, pk__gt=event.pk),
        action=UNDOING,
        from_status__in=_undone_from(case, action),
    )
    return None if undone.exists() else event


def _held_meeting(case) -> dict:
    """The meeting last held, as the minutes read it (khoản 4 Điều 28 Nghị định
    124/2020/NĐ-CP, thay thế bởi Điều 11 Nghị định 155/2026/NĐ-CP: the minutes state the
    time, the place, who took part, the points agreed and still disputed): the scheduling's
    fields (`dialogue.*`), when it began and ended, who led it, the minutes and the result
    recorded with it (`step.result`); empty fields left out."""
    from django.utils import timezone

    from complaints.rules.dialogue import DialogueStatus

    meeting = (
        case.dialogues.filter(status=DialogueStatus.HELD).order_by("-scheduled_at", "-pk").first()
    )
    if meeting is None:
        return {}
    fields = {
        "scheduled_at": timezone.localtime(meeting.scheduled_at).isoformat(),
        # when it began and ended (Mẫu số 14: "Vào hồi …", "kết thúc hồi … cùng ngày")
        "started_at": meeting.started_at and timezone.localtime(meeting.started_at).isoformat(),
        "ended_at": meeting.ended_at and timezone.localtime(meeting.ended_at).isoformat(),
        "place": meeting.place,
        "participants": meeting.participants,
        "notified_on": meeting.notified_on.isoformat(),
        "led_by": meeting.led_by,
        "minutes": meeting.minutes,
        # section III of the minutes: the points agreed and still disputed (khoản 4 Điều 30
        # Luật Khiếu nại)
        "result": meeting.result,
    }
    return {name: value for name, value in fields.items() if value}


def _scheduled_meeting(case) -> dict:
    """The meeting the parties were last invited to, as the scheduling step's fields name
    it (its event keeps no participants): the notice of the dialogue reads them."""
    from django.utils import timezone

    meeting = case.dialogues.order_by("-id").first()
    if meeting is None:
        return {}
    return {
        "scheduled_at": timezone.localtime(meeting.scheduled_at).isoformat(),
        "place": meeting.place,
        "participants": meeting.participants,
        "notified_on": meeting.notified_on.isoformat(),
    }


def _invitation_refusal(document) -> str | None:
    """Why a notice of a dialogue may not be issued on its own: the meeting it invites to
    is no longer the one pending (rescheduled, or held already)."""
    from django.utils import timezone

    from complaints.documents.context import step_moment
    from complaints.rules.dialogue import DialogueStatus

    moment = step_moment((document.step_data or {}).get("scheduled_at"))
    if moment is None:
        return None
    if document.case.dialogues.filter(
        status=DialogueStatus.SCHEDULED, scheduled_at=moment
    ).exists():
        return None
    return _(
        "Chưa ban hành được thông báo tổ chức đối thoại: buổi đối thoại lúc %(moment)s mà "
        "văn bản mời không còn là lịch đối thoại hiện hành (đã dời lịch hoặc đã diễn ra). "
        "Hãy hủy dự thảo này và soạn thông báo mới theo lịch đối thoại hiện hành (khoản 1 "
        "Điều 28 Nghị định 124/2020/NĐ-CP)."
    ) % {"moment": timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")}


def _dialogue_held(case) -> bool:
    from complaints.rules.dialogue import DialogueStatus

    return case.dialogues.filter(status=DialogueStatus.HELD).exists()


def issue_refusal(document) -> str | None:
    """Why `document` may not be issued now on its own (None: it may). Vietnamese, naming
    the step and the rule that the step's own checks apply."""
    from complaints.transitions import ACTIONS, transition_for

    case, action = document.case, document.action
    if action == DIALOGUE_MINUTES:
        if _dialogue_held(case):
            return None
        return _(
            "Chưa ban hành được biên bản đối thoại: biên bản ghi lại buổi đối thoại đã diễn "
            "ra, nên chỉ ban hành sau khi kết quả “Đã đối thoại” được ghi nhận bằng bước "
            "“%(step)s” (%(basis)s)."
        ) % {"step": step_label(case, "record_dialogue"), "basis": DIALOGUE_MINUTES_BASIS}
    if action not in ACTIONS:
        return None
    if step_event(case, action) is not None:
        return _invitation_refusal(document) if action == SCHEDULE_DIALOGUE else None
    label = step_label(case, action)
    values = {"title": document.template.title, "step": label}
    if action in VERIFIERS_DOCUMENTS:  # the verifier takes the step: no approval
        message = _(
            "Chưa ban hành được: văn bản “%(title)s” thuộc bước “%(step)s”, mà bước này chưa "
            "được thực hiện trên hồ sơ. Văn bản của một bước chỉ được ban hành cùng với bước "
            "đó (“Thực hiện bước “%(step)s” và ban hành”) hoặc sau khi bước đã được thực "
            "hiện, để các điều kiện pháp lý của bước được kiểm tra."
        ) % values
    else:
        message = _(
            "Chưa ban hành được: văn bản “%(title)s” thuộc bước “%(step)s”, mà bước này chưa "
            "được thực hiện trên hồ sơ. Văn bản của một bước chỉ được ban hành cùng với bước "
            "đó (“Phê duyệt bước “%(step)s” và ban hành”) hoặc sau khi bước đã được thực "
            "hiện, để các điều kiện pháp lý của bước được kiểm tra."
        ) % values
    transition = transition_for(case=case, action=action)
    if transition is None:
        why = _("Không thể “%(step)s” khi hồ sơ đang ở trạng thái “%(status)s”.") % {
            "step": label,
            "status": case.get_status_display(),
        }
    else:
        why = transition.refusal(case)
        if why is None:
            return message
    return f"{message} {why}"


def may_issue(document, user) -> bool:
    """Whether `user` may issue `document` (the case in their scope is checked apart): a
    leader (`approve_case`) any document; the verifier's report (`VERIFIERS_DOCUMENTS`) also
    the officer the case is assigned to, who verified (`act_on_case`)."""
    if user.has_perm(APPROVE):
        return True
    return (
        document.action in VERIFIERS_DOCUMENTS
        and user.has_perm(ACT)
        and document.case.assigned_user_id is not None
        and document.case.assigned_user_id == user.pk
    )


def earlier_issued(document):
    """The documents of `document`'s form (its template) already issued for its step as
    the step now stands, the latest first: issued since the step's event (for the dialogue
    minutes, since the meeting was recorded as held); a step taken again starts anew."""
    from complaints.documents.models import Document, DocumentStatus

    issued = (
        Document.objects.filter(
            case_id=document.case_id, template_id=document.template_id,
            action=document.action, status=DocumentStatus.ISSUED,
        )
        .exclude(pk=document.pk)
        .order_by("-issued_at", "-pk")
    )
    event = step_event(
        document.case, RECORD_DIALOGUE if document.action == DIALOGUE_MINUTES else document.action
    )
    if event is not None and document.action == SCHEDULE_DIALOGUE:
        event = _first_of_moves(document.case, event)
    return issued.filter(issued_at__gte=event.at) if event is not None else issued


def _first_of_moves(case, event):
    """The scheduling that invited to the dialogue `event` (a `schedule_dialogue`) moved,
    through each move (`data.replaces`): the notice issued for it is the one a notice of the
    moved meeting replaces (khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP)."""
    earlier = (
        case.events.filter(action=SCHEDULE_DIALOGUE, at__lte=event.at)
        .exclude(pk=event.pk)
        .order_by("-at", "-pk")
    )
    for scheduling in earlier:
        if not (event.data or {}).get("replaces"):
            break
        event = scheduling
    return event


def replacement_refusal(document, *, replaces: int | None, reason: str) -> str | None:
    """Why `document` may not be issued as a second document of its form for its step
    (`earlier_issued`): unless the officer states that it replaces the latest one
    (`replaces`, its id, as the draft page showed it) and why (`reason`). None when it is
    the first, or replaces the latest with a reason."""
    earlier = earlier_issued(document).first()
    if earlier is None:
        return None
    values = {
        "step": step_label(document.case, document.action),
        "symbol": earlier.symbol,
        "day": _day(earlier.issued_at),
        "basis": document.template.legal_basis,
    }
    if replaces != earlier.pk:
        return _(
            "Chưa ban hành được: bước “%(step)s” đã có văn bản số %(symbol)s ngày %(day)s theo "
            "cùng mẫu này. Mỗi bước chỉ có một văn bản chính thức theo mỗi mẫu (%(basis)s): "
            "nếu văn bản này thay thế văn bản số %(symbol)s, hãy đánh dấu “Thay thế văn bản "
            "số %(symbol)s đã ban hành” và ghi lý do; nếu không, hãy hủy dự thảo."
        ) % values
    if not (reason or "").strip():
        return _(
            "Chưa ban hành được: hãy ghi lý do văn bản này thay thế văn bản số %(symbol)s "
            "ngày %(day)s (bước “%(step)s”, %(basis)s)."
        ) % values
    return None


def _day(moment) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%d/%m/%Y") if moment else "…"
