"""Staff alert: the citizen answered a request for information.

Sent to whoever asked (the `request_info` event's actor), the handler and the unit's
notified staff (`staff.unit_recipients`), by a background task after the commit.
Like every staff e-mail it names the case and where to open it, never the reporter
nor the answer itself, nor a tố cáo's title (`staff_mail_title`): read in the
workspace, where scope applies."""

from __future__ import annotations

from complaints import emails
from complaints.notifications.staff import staff_case_url, staff_mail_title, unit_recipients
from portal.tasks import background_task


@background_task()
def alert_staff_of_reply(case_id: int, event_id: int) -> int:
    from complaints.models import Case, CaseEvent

    case = Case.objects.select_related("assigned_unit", "assigned_user").get(pk=case_id)
    event = CaseEvent.objects.get(pk=event_id, case=case)
    asked = (
        case.events.filter(action="request_info", at__lte=event.at)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    to = unit_recipients(case)
    if asked is not None and asked.actor is not None and asked.actor.is_active:
        to = list(dict.fromkeys([asked.actor.email, *to]))
    context = {
        "tracking_code": case.tracking_code,
        "title": staff_mail_title(case),
        "files": len((event.data or {}).get("attachments", [])),
        "case_url": staff_case_url(case),
    }
    return emails.send("staff_citizen_replied", to=[a for a in to if a], context=context)
