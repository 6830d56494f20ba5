"""Staff alert: the facility given a press case to verify reported its result
(`report_press_verification`, complaints/rules/press_verification.py).

The press office concludes on the article and answers the outlet: its staff
(`permission_holders.press_office_staff`) see the case as new again ("Mới", the unit
alert's marker, `staff.alerts_mark_new`) and get one e-mail, by a background task after
the commit, retried on failure. Like every staff e-mail it says which case, what happened
and where to open it (`staff.case_mail_context`), never the report itself: read in the
workspace. Template: `complaints/email/staff_press_verification_reported.txt`."""

from __future__ import annotations

from django.dispatch import receiver

from complaints import emails
from complaints.rules.press_verification import STEP
from complaints.signals import case_event_recorded
from portal.tasks import background_task, enqueue_on_commit


@receiver(case_event_recorded, dispatch_uid="complaints.notifications.press_office.reported")
def on_case_event_recorded(sender, case, event, **kwargs) -> None:
    if event is not None and event.action == STEP:
        enqueue_on_commit(press_report_alert_deliver, case_id=case.pk, event_id=event.pk)


@background_task()
def press_report_alert_deliver(*, case_id: int, event_id: int) -> int:
    """Mark the case new for the press office's staff and e-mail them (not the one who
    recorded the report); returns the e-mails sent."""
    from complaints.models import Case, CaseEvent
    from complaints.notifications.staff import alerts_mark_new, case_mail_context
    from complaints.selectors.history import staff_name
    from complaints.selectors.permission_holders import press_office_staff

    case = Case.objects.select_related("assigned_unit").filter(pk=case_id).first()
    event = CaseEvent.objects.select_related("actor").filter(pk=event_id, case_id=case_id).first()
    if case is None or event is None:
        return 0
    staff = list(press_office_staff().exclude(pk=event.actor_id).order_by("pk"))
    alerts_mark_new(case=case, users=staff)
    context = case_mail_context(case) | {
        "reported_by": staff_name(event.actor) if event.actor else "",
        "reported_on": event.at.astimezone().strftime("%d/%m/%Y") if event.at else "",
    }
    return emails.send(
        "staff_press_verification_reported", to=[user.email for user in staff], context=context
    )
