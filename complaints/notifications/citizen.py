"""E-mail to the citizen on each public event of their case.

Sent only where the citizen gave an address and agreed to be contacted by e-mail
(`Reporter.consent_contact`, a purpose of its own: Luật BVDLCN 91/2025 Art 9),
only to that address, with the public timeline's words: never the reporter's
identity (a denouncer's is secret, Luật TC Art 47), never internal notes.
Runs after the commit; a mail failure is logged and never undoes the case."""

from __future__ import annotations

import logging

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from complaints import emails
from complaints.kinds import CaseKind, CaseStatus, public_status
from complaints.signals import case_created, case_event_recorded

logger = logging.getLogger(__name__)


def _recipient(case) -> str | None:
    from complaints.models import Reporter

    reporter = Reporter.objects.filter(case=case).only("email", "consent_contact").first()
    if reporter is None or not reporter.consent_contact or not reporter.email:
        return None
    return reporter.email


def _context(case, event) -> dict:
    from complaints.selectors.tracking import public_event

    shown = public_event(event)
    status = public_status(case.status)
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    path = reverse("complaints:track_detail", kwargs={"tracking_code": case.tracking_code})
    return {
        "tracking_code": case.tracking_code,
        "kind_label": CaseKind(case.kind).label,
        "title": case.title,
        "event_label": shown.message,
        "status_label": shown.status_label or CaseStatus(status).label,
        "at": timezone.localtime(event.at).strftime("%H:%M %d/%m/%Y"),
        "accept_by": case.accept_by.strftime("%d/%m/%Y") if case.accept_by else "",
        "resolve_by": case.resolve_by.strftime("%d/%m/%Y") if case.resolve_by else "",
        "forwarded_to": case.forwarded_to if case.status == CaseStatus.FORWARDED else "",
        "public_answer": (
            case.public_answer if case.status in (CaseStatus.CONCLUDED, CaseStatus.CLOSED) else ""
        ),
        "tracking_url": f"{base}{path}",
    }


def notify_citizen(*, case, event, template: str) -> int:
    """Send `template` about `event` to the citizen if they agreed; returns mails sent."""
    if event is None or not event.is_public:
        return 0
    address = _recipient(case)
    if address is None:
        return 0
    try:
        return emails.send(template, to=[address], context=_context(case, event))
    except Exception:  # the case is stored; a mail server outage must not fail the request
        logger.exception("citizen e-mail %s for case %s failed", template, case.pk)
        return 0


@receiver(case_created, dispatch_uid="complaints.notifications.citizen.case_created")
def on_case_created(sender, case, event=None, **kwargs) -> None:
    notify_citizen(case=case, event=event, template="citizen_received")


@receiver(case_event_recorded, dispatch_uid="complaints.notifications.citizen.case_event")
def on_case_event_recorded(sender, case, event, **kwargs) -> None:
    if event.action == "document_issued":  # sent with its PDF by complaints.documents.tasks
        return
    notify_citizen(case=case, event=event, template="citizen_event")
