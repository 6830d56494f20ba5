"""Staff e-mails about a dialogue (đối thoại: Điều 30, Điều 39 Luật Khiếu nại): a meeting
scheduled or moved to another time or place (`workflow._schedule_dialogue`;
`staff_dialogue_scheduled`, which names the meeting it replaces), and a meeting called off,
e.g. by the complaint's withdrawal (Điều 10 Luật Khiếu nại; `workflow._dialogues_cancel`;
`staff_dialogue_cancelled`). The complainant's invitation is a citizen notice
(complaints.notifications.dialogue_invitation).

Who is told: the staff the portal knows for the meeting — the officer who invited the
parties (`DialogueMeeting.created_by`), the handler, the unit's mailbox and its staff who
receive notifications (`staff.unit_recipients`). The other participants the invitation
names (`DialogueMeeting.participants`, free text: the respondent, a lawyer…) have no address
in the portal, and the e-mail asks its readers to tell them; the complainant reads it in
the withdrawal's notice and on the tracking page (the event's public line).

Each address gets its own e-mail, after the commit: `…_deliver` (one task per event) lists
them and calls `…_send` once per meeting and address; a failure queues that one e-mail
again on its own with its backoff (portal.tasks), so a retry never mails anyone twice. Like
every staff e-mail: never the reporter, never the content (nor the participants typed by
staff, which may name the complainant); the time in Vietnam time."""

from __future__ import annotations

from django.dispatch import receiver

from complaints import emails
from complaints.notifications.dialogue_invitation import meeting_moment
from complaints.notifications.staff import case_mail_context, unit_recipients
from complaints.selectors.history import full_name
from complaints.signals import case_event_recorded
from portal.tasks import background_task, enqueue_on_commit


def cancelled_meetings(event) -> dict[int, str]:
    """{meeting id: reason code} of the dialogues `event` called off (`cancelled_dialogues`);
    events written before the reason was stored were withdrawals."""
    from complaints.rules.dialogue import WITHDRAWN

    listed = (event.data or {}).get("cancelled_dialogues") or []
    return {
        item["dialogue"]: item.get("reason") or WITHDRAWN.code
        for item in listed if isinstance(item, dict) and item.get("dialogue")
    }


def dialogue_staff_recipients(case, meeting) -> list[str]:
    """The addresses of the staff invited to `meeting`: who invited, then `unit_recipients`."""
    inviter = meeting.created_by
    first = [inviter.email] if inviter is not None and inviter.is_active else []
    return list(dict.fromkeys(a for a in [*first, *unit_recipients(case)] if a))


def reader_names(case, meeting) -> dict[str, str]:
    """{address: whom its e-mail greets}: the unit's mailbox by the unit's name, an officer's
    address by their full name (who invited, the handler, the unit's notified staff); an
    address with no name recorded is missing (the templates say "Chào bạn,", as the staff
    screens address the user). One query."""
    from complaints.models import FacilityMembership

    unit = case.assigned_unit
    names = {unit.email: unit.name} if unit is not None and unit.email else {}
    people = [meeting.created_by, case.assigned_user]
    if unit is not None:
        notified = FacilityMembership.objects.filter(
            facility=unit, receives_notifications=True, user__is_active=True
        ).select_related("user")
        people += [membership.user for membership in notified]
    for user in people:
        if user is not None and user.email and full_name(user):
            names.setdefault(user.email, full_name(user))
    return names


@receiver(case_event_recorded, dispatch_uid="complaints.notifications.dialogue.cancelled")
def on_case_event_recorded(sender, case, event, **kwargs) -> None:
    if event is not None and cancelled_meetings(event):
        enqueue_on_commit(dialogue_cancelled_deliver, event_id=event.pk)


@background_task()
def dialogue_cancelled_deliver(*, event_id: int) -> int:
    """Send each invited address its e-mail of each meeting `event_id` called off; returns
    the e-mails sent now (a failed one is sent by its own retry)."""
    from complaints.models import CaseEvent, DialogueMeeting

    event = CaseEvent.objects.select_related(
        "case", "case__assigned_unit", "case__assigned_user"
    ).filter(pk=event_id).first()
    if event is None:
        return 0
    meetings = DialogueMeeting.objects.filter(
        case_id=event.case_id, pk__in=cancelled_meetings(event)
    ).select_related("created_by").order_by("pk")
    sent = 0
    for meeting in meetings:
        names = reader_names(event.case, meeting)
        for address in dialogue_staff_recipients(event.case, meeting):
            sent += dialogue_cancelled_send.call(
                event_id=event_id, dialogue_id=meeting.pk, address=address,
                name=names.get(address, ""),
            ) or 0
    return sent


@background_task()
def dialogue_cancelled_send(
    *, event_id: int, dialogue_id: int, address: str, name: str = ""
) -> int:
    """One e-mail: the meeting `dialogue_id` that event `event_id` called off, to `address`,
    greeting `name` (`reader_names`)."""
    from complaints.models import CaseEvent, DialogueMeeting
    from complaints.rules.dialogue import CANCEL_REASONS

    event = CaseEvent.objects.select_related("case", "case__assigned_unit").get(pk=event_id)
    meeting = DialogueMeeting.objects.get(pk=dialogue_id, case_id=event.case_id)
    reason = CANCEL_REASONS[cancelled_meetings(event)[meeting.pk]]
    time, date = meeting_moment(meeting.scheduled_at)
    context = case_mail_context(event.case) | {
        "time": time,
        "date": date,
        "place": meeting.place,
        "reason": reason.text,
        "legal_basis": reason.article,
        "recipient": name,
    }
    return emails.send("staff_dialogue_cancelled", to=[address], context=context)


@receiver(case_event_recorded, dispatch_uid="complaints.notifications.dialogue.scheduled")
def on_dialogue_scheduled(sender, case, event, **kwargs) -> None:
    if event is not None and event.action == "schedule_dialogue":
        enqueue_on_commit(dialogue_scheduled_deliver, event_id=event.pk)


def _scheduled_meeting(event):
    """The meeting `event` scheduled (`data.dialogue`; None for events written before it)."""
    from complaints.models import DialogueMeeting

    meeting_id = (event.data or {}).get("dialogue")
    if not meeting_id:
        return None
    return (
        DialogueMeeting.objects.select_related("created_by")
        .filter(pk=meeting_id, case_id=event.case_id).first()
    )


@background_task()
def dialogue_scheduled_deliver(*, event_id: int) -> int:
    """Send each staff address of the meeting `event_id` scheduled its e-mail; returns the
    e-mails sent now (a failed one is sent by its own retry)."""
    from complaints.models import CaseEvent

    event = CaseEvent.objects.select_related(
        "case", "case__assigned_unit", "case__assigned_user"
    ).filter(pk=event_id).first()
    meeting = _scheduled_meeting(event) if event is not None else None
    if meeting is None:
        return 0
    sent = 0
    names = reader_names(event.case, meeting)
    for address in dialogue_staff_recipients(event.case, meeting):
        sent += dialogue_scheduled_send.call(
            event_id=event_id, address=address, name=names.get(address, "")
        ) or 0
    return sent


@background_task()
def dialogue_scheduled_send(*, event_id: int, address: str, name: str = "") -> int:
    """One e-mail: the meeting event `event_id` scheduled, to `address`, greeting `name`
    (`reader_names`)."""
    from complaints.models import CaseEvent
    from complaints.rules.dialogue import HEAD_LEADS_ARTICLE, NOTICE_ARTICLE, head_must_lead

    event = CaseEvent.objects.select_related("case", "case__assigned_unit").get(pk=event_id)
    meeting = _scheduled_meeting(event)
    time, date = meeting_moment(meeting.scheduled_at)
    replaced = (event.data or {}).get("replaces") or {}
    before_time, before_date = meeting_moment(replaced.get("scheduled_at")) or ("", "")
    context = case_mail_context(event.case) | {
        "time": time,
        "date": date,
        "place": meeting.place,
        "notified": meeting.notified_on.strftime("%d/%m/%Y"),
        "replaces_time": before_time,
        "replaces_date": before_date,
        "replaces_place": replaced.get("place") or "",
        # A second-time complaint's head leads the meeting in person.
        "head_leads_article": HEAD_LEADS_ARTICLE if head_must_lead(event.case) else "",
        # The e-mails are no substitute for the written notice to every party.
        "notice_article": NOTICE_ARTICLE,
        "recipient": name,
    }
    return emails.send("staff_dialogue_scheduled", to=[address], context=context)
