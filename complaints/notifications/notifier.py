"""Tell the citizen: by e-mail, by SMS or both, as they chose, for the purposes they
agreed to (Luật BVDLCN 91/2025 Art 9: consent is given per purpose and per channel).

Purposes and the `Reporter` flag that allows each:

| purpose        | sent when                                   | flag                  |
|----------------|---------------------------------------------|-----------------------|
| `receipt`      | the case is received                        | `notify_receipt`      |
| `info_request` | staff ask for more information              | `notify_info_request` |
| `decision`     | any other public step (accepted, concluded…) | `notify_decision`    |
| `reminder`     | an answer the citizen owes is nearly due    | `notify_reminders`    |
| `pin`          | the citizen asked for their PIN again       | always (they asked)   |

Channels: e-mail needs `consent_contact` and an address, SMS `consent_sms`, a
mobile number and a portal that sends SMS (`sms.sms_available`). The citizen turns
either off on the tracking page ("Ngừng nhận thông báo", `services.notice_consent`,
Điều 10 Luật BVDLCN 91/2025): nothing more goes by it.
Every message is sent by a background task (`portal.tasks`), after the
commit, retried on failure; never the reporter's identity, never internal notes.

Each is written in the language the citizen filed in (`Reporter.language`, set at intake;
`complaints.emails`)."""

from __future__ import annotations

import datetime
import logging

from django.template.loader import render_to_string
from django.utils import translation

from complaints import emails
from complaints.notifications import sms
from portal.tasks import background_task

logger = logging.getLogger(__name__)

PURPOSE_FLAGS = {
    "receipt": "notify_receipt",
    "info_request": "notify_info_request",
    "decision": "notify_decision",
    "reminder": "notify_reminders",
    "pin": None,
}

PIN_REISSUE_VALID_FOR = datetime.timedelta(days=7)


def purpose_of(action: str) -> str:
    if action == "received":
        return "receipt"
    if action == "request_info":
        return "info_request"
    return "decision"


def channels_for(reporter, purpose: str) -> dict[str, str]:
    """{"email": address, "sms": phone} the citizen allows for `purpose` (maybe empty)."""
    if reporter is None:
        return {}
    flag = PURPOSE_FLAGS.get(purpose)
    if flag is not None and not getattr(reporter, flag, False):
        return {}
    found = {}
    if reporter.consent_contact and reporter.email:
        found["email"] = reporter.email
    # No SMS while the portal sends none (`sms.sms_available`), whatever was consented.
    sms_on = reporter.consent_sms and sms.sms_available()
    phone = sms.normalize_phone(reporter.phone) if sms_on else None
    if phone:
        found["sms"] = phone
    return found


def _reporter(case_id: int):
    from complaints.models import Reporter

    return Reporter.objects.filter(case_id=case_id).first()


def reader_language(reporter) -> str:
    """The language the citizen reads their messages in (Vietnamese without a reporter)."""
    return emails.message_language(getattr(reporter, "language", None))


def _invitation_context(case, event) -> dict:
    from complaints.notifications.dialogue_invitation import invitation_context

    return invitation_context(case, event)


# The notices with words of their own besides the event's (`citizen.CITIZEN_TEMPLATES`):
# {code: what they add}; each has its own SMS (complaints/sms/<code>.txt), the others send
# the SMS `citizen_event`.
NOTICE_CONTEXTS = {
    "citizen_dialogue_invitation": _invitation_context,
}


def _sms_text(template: str, context: dict, language: str | None = None) -> str:
    language = emails.message_language(language)
    with translation.override(language):
        text = render_to_string(
            emails.template_names("sms", template, language), emails.portal_context(context)
        )
        return " ".join(text.split())


@background_task()
def deliver_citizen_notice(
    case_id: int, event_id: int, template: str, state: dict | None = None
) -> int:
    """Send the public event `event_id` of the case by the citizen's channels, stating the
    case as the event left it (`state`, read when the event was recorded:
    `citizen.case_state`), however late the worker runs."""
    from complaints.models import Case, CaseEvent
    from complaints.notifications.citizen import case_as_of, event_context, receipt_context

    event = CaseEvent.objects.filter(pk=event_id, case_id=case_id, is_public=True).first()
    if event is None:
        return 0
    case = case_as_of(Case.objects.select_related("facility").get(pk=case_id), state)
    reporter = _reporter(case_id)
    reach = channels_for(reporter, purpose_of(event.action))
    if not reach:
        return 0
    language = reader_language(reporter)
    with translation.override(language):  # the labels and the timeline's words
        context = event_context(case, event)
        if template == "citizen_received":
            context.update(receipt_context(case, reporter))
        if template in NOTICE_CONTEXTS:
            context.update(NOTICE_CONTEXTS[template](case, event))
    sent = 0
    if "email" in reach:
        sent += emails.send(template, to=[reach["email"]], context=context, language=language)
    if "sms" in reach:
        sms_template = template if template in NOTICE_CONTEXTS else "citizen_event"
        sent += sms.send_sms(
            to=reach["sms"], body=_sms_text(sms_template, context, language)
        )
    return sent


@background_task()
def deliver_reminder(case_id: int, text: str) -> int:
    """A reminder of something the citizen owes (purpose `reminder`)."""
    from complaints.models import Case

    case = Case.objects.get(pk=case_id)
    reporter = _reporter(case_id)
    reach = channels_for(reporter, "reminder")
    language = reader_language(reporter)
    context = {
        "tracking_code": case.tracking_code,
        "title": case.title,
        "text": text,
        "tracking_url": emails.tracking_url(case.tracking_code, language),
    }
    sent = 0
    if "email" in reach:
        sent += emails.send(
            "citizen_reminder", to=[reach["email"]], context=context, language=language
        )
    if "sms" in reach:
        sent += sms.send_sms(
            to=reach["sms"], body=_sms_text("citizen_reminder", context, language)
        )
    return sent


@background_task(max_attempts=3)
def issue_pin(reissue_id: int) -> int:
    """Make the new PIN of a re-send request (`PinReissue` row made by the request) and
    send it, with a link holding a 128-bit secret, to the contact on file. The PIN
    exists only here and in the message: the task's arguments (stored by the queue)
    never hold it. The old PIN stays valid until the new one is used
    (`case_for_citizen`). A retry after a failed send makes a new PIN."""
    from complaints.models import PinReissue
    from complaints.selectors.tracking import link_token
    from complaints.services.tracking import pin_generate, pin_hash

    reissue = PinReissue.objects.select_related("case").filter(pk=reissue_id).first()
    if reissue is None:  # used or expired meanwhile
        return 0
    case = reissue.case
    reporter = _reporter(case.pk)
    reach = channels_for(reporter, "pin")
    language = reader_language(reporter)
    if not reach:
        return 0
    pin = pin_generate(tracking_code=case.tracking_code)
    stored = pin_hash(tracking_code=case.tracking_code, pin=pin)
    reissue.pin_hash = stored
    reissue.channels = ",".join(sorted(reach))
    reissue.save(update_fields=["pin_hash", "channels"])
    context = {
        "tracking_code": case.tracking_code,
        "pin": pin,
        "tracking_url": emails.tracking_url(
            case.tracking_code,
            language,
            link_token(tracking_code=case.tracking_code, stored_hash=stored),
        ),
        "valid_days": PIN_REISSUE_VALID_FOR.days,
    }
    sent = 0
    if "email" in reach:
        sent += emails.send("citizen_pin", to=[reach["email"]], context=context, language=language)
    if "sms" in reach:
        sent += sms.send_sms(to=reach["sms"], body=_sms_text("citizen_pin", context, language))
    return sent
