"""Messages to the citizen on each public event of their case, by e-mail and/or SMS.

Sent only by the channels the citizen agreed to (`Reporter.consent_contact` for
e-mail, `consent_sms` for SMS) and for the purposes they chose (Luật BVDLCN 91/2025
Art 9: see `complaints.notifications.notifier`), with the public timeline's words:
never the reporter's identity (a denouncer's is secret, Luật TC Art 47), never
internal notes. Queued after the commit as a background task, retried on failure;
a failure never undoes the case."""

from __future__ import annotations

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from complaints.kinds import CaseKind, CaseStatus, public_status
from complaints.signals import case_created, case_event_recorded


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else f"{text}."


# What a receipt promises next: only the purposes the citizen chose besides the receipt (each
# purpose is a consent of its own, Điều 9 Luật Bảo vệ dữ liệu cá nhân;
# complaints.notifications.notifier), in the order they come.
LATER_NOTICES = (
    ("notify_info_request", gettext_lazy("khi cần ông/bà bổ sung thông tin")),
    ("notify_decision",
     gettext_lazy("khi hồ sơ chuyển sang bước giải quyết mới và khi có kết quả")),
    ("notify_reminders", gettext_lazy("khi sắp hết hạn ông/bà cần trả lời cơ quan giải quyết")),
)


def receipt_context(case, reporter) -> dict:
    """What only the receipt says: the notices still to come, as chosen, and for a complaint
    or denunciation filed online the signed letter it still owes and by when (the receipt
    page's notice, `signature_notice_for_citizen`), in the active language."""
    from complaints.rules.signature import signature_notice_for_citizen

    return {
        "later_notices": [
            str(words) for flag, words in LATER_NOTICES
            if reporter is not None and getattr(reporter, flag, False)
        ],
        "signature_notice": signature_notice_for_citizen(case) or "",
    }


def event_context(case, event) -> dict:
    from complaints.selectors.tracking import public_event

    shown = public_event(event, kind=case.kind)
    status = public_status(case.status)
    reply_by = ""
    if event.action == "request_info":
        from complaints.services.citizen_reply import open_info_request

        request = open_info_request(case)
        reply_by = request.reply_by.strftime("%d/%m/%Y") if request else ""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    path = reverse("complaints:track_detail", kwargs={"tracking_code": case.tracking_code})
    from complaints.rules.citizen_guidance import next_steps_for_citizen

    # What a complainant may do once the complaint is resolved (Điều 7, Điều 33 Luật Khiếu nại).
    next_step = next_steps_for_citizen(case)
    return {
        "tracking_code": case.tracking_code,
        "kind_label": CaseKind(case.kind).label,
        "title": case.title,
        # The timeline's words: without their stop in a subject, as a sentence in a text.
        "event_label": shown.message.strip().rstrip("."),
        "event_sentence": _sentence(shown.message),
        "reply_by": reply_by,
        "status_label": shown.status_label or CaseStatus(status).label,
        "at": timezone.localtime(event.at).strftime("%H:%M %d/%m/%Y"),
        "accept_by": case.accept_by.strftime("%d/%m/%Y") if case.accept_by else "",
        # No resolution date runs while the case is suspended (its clock is paused).
        "resolve_by": (
            case.resolve_by.strftime("%d/%m/%Y")
            if case.resolve_by and case.status != CaseStatus.SUSPENDED
            else ""
        ),
        "forwarded_to": case.forwarded_to if case.status == CaseStatus.FORWARDED else "",
        "public_answer": (
            case.public_answer if case.status in (CaseStatus.CONCLUDED, CaseStatus.CLOSED) else ""
        ),
        "tracking_url": f"{base}{path}",
        "next_step": next_step.text if next_step else "",
        "second_complaint_url": (
            f"{base}{next_step.second_complaint_url}"
            if next_step and next_step.second_complaint_url else ""
        ),
    }


def notify_citizen(*, case, event, template: str) -> None:
    """Queue `template` about `event` for the citizen (sent only with their consent)."""
    if event is None or not event.is_public:
        return
    from complaints.notifications.notifier import deliver_citizen_notice
    from portal.tasks import enqueue_on_commit

    enqueue_on_commit(deliver_citizen_notice, case.pk, event.pk, template)


@receiver(case_created, dispatch_uid="complaints.notifications.citizen.case_created")
def on_case_created(sender, case, event=None, **kwargs) -> None:
    notify_citizen(case=case, event=event, template="citizen_received")


@receiver(case_event_recorded, dispatch_uid="complaints.notifications.citizen.case_event")
def on_case_event_recorded(sender, case, event, **kwargs) -> None:
    if event.action == "document_issued":  # sent with its PDF by complaints.documents.tasks
        return
    notify_citizen(case=case, event=event, template="citizen_event")
