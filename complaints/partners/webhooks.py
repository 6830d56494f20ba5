"""Signed webhooks: a partner that filed a case hears of its public status changes.

Listens to `case_event_recorded` (sent after commit); for a public event of a case a
partner filed, and a partner with a webhook address, one `WebhookDelivery` row is stored
(once per partner and event) and a background task POSTs it, retried with exponential
backoff (portal/tasks.py). Nothing here runs inside the officer's request beyond one
insert; the partner's server being slow or down never breaks a transition.

The body is JSON; the signature is HMAC-SHA256 with the partner's webhook secret over
`"<timestamp>.<body>"`, sent as `X-Portal-Signature: t=<timestamp>,v1=<hex>`
(`webhook_signature_check` verifies one, as a partner would). Only public fields are
sent: never the reporter, never internal notes.

A redirect is never followed: urllib would re-send the notice as a GET without its body,
signed, to whatever host `Location` names, and count the answer as delivered. A 3xx is a
failed attempt, retried, and its error names the new address for the operator to update.

A notice given up after its attempts is kept `failed` with its last answer and error; the
partner administrator reads them in the admin and resends it (`webhook_resend`), which queues
it again through `webhook_deliver`, its attempts counted afresh."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.kinds import public_status
from complaints.models import CaseEvent, WebhookDelivery
from complaints.selectors.tracking import public_event
from complaints.signals import case_created, case_event_recorded
from portal.tasks import background_task, enqueue_on_commit
from portal.timestamps import instants_as_rfc3339, rfc3339

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6  # 30 s, 1, 2, 4, 8 min between them (portal/tasks.py)
TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "X-Portal-Signature"
TOLERANCE_SECONDS = 300
RESEND_ACTION = "complaints.webhook_resend"  # Wagtail's log of who resent a notice


def webhook_signature(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def webhook_signature_check(
    secret: str, body: bytes, header: str, *, now: int | None = None
) -> bool:
    """What a partner runs: the signature matches and is recent (replays refused)."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or int(time.time())) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = webhook_signature(secret, body, timestamp)
    return hmac.compare_digest(expected, header.strip())


def public_event_number(event: CaseEvent) -> int:
    """Which public event of its case `event` is (1, 2, 3…, in the order recorded): the
    notices' `sequence`, by which a partner tells an older notice arriving late (a retry)
    from a newer one, even two of the same second. One count on the case's events."""
    return CaseEvent.objects.filter(case_id=event.case_id, is_public=True, pk__lte=event.pk).count()


def webhook_payload(*, case, event: CaseEvent, delivery_id: int) -> dict:
    public = public_event(event, kind=case.kind)
    status = public_status(case.status)
    return {
        "id": delivery_id,
        "type": "case.status_changed",
        "sequence": public_event_number(event),
        "tracking_code": case.tracking_code,
        "kind": case.kind,
        "status": status,
        "event": {
            "action": public.action,
            "status": public.status,
            "status_label": public.status_label,
            "message": public.message,
            "at": rfc3339(public.at),  # RFC 3339 in UTC, to the second (docs/api.md)
        },
    }


def webhook_queue(*, case, event: CaseEvent) -> WebhookDelivery | None:
    """Store the notice of `event` for the partner that filed `case` and queue its sending.
    None when there is nobody to tell or it was already stored."""
    partner = case.partner if case.partner_id else None
    if partner is None or not partner.is_active or not partner.webhook_url or not event.is_public:
        return None
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(
                partner=partner, case=case, event=event, payload={}
            )
            # In Vietnamese whoever made the event (a citizen reading in English…): the
            # partner gets every notice in the API's default language.
            with translation.override(settings.LANGUAGE_CODE):
                delivery.payload = webhook_payload(
                    case=case, event=event, delivery_id=delivery.pk
                )
            delivery.save(update_fields=["payload"])
    except IntegrityError:  # this event was already queued for this partner
        return None
    enqueue_on_commit(webhook_deliver, delivery.pk)
    return delivery


def webhook_resend(delivery_id: int, *, user) -> bool:
    """Queue a failed notice again, as stored, through `webhook_deliver` (its attempts counted
    afresh, retried as the first time); who resent it is logged with the attempts and the
    last error it had (Wagtail's log). False, nothing queued, for a notice that is not
    `failed` (delivered, or already resent and waiting)."""
    from wagtail.log_actions import log

    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .filter(pk=delivery_id, status=WebhookDelivery.Status.FAILED)
            .first()
        )
        if delivery is None:
            return False
        log(instance=delivery, action=RESEND_ACTION, user=user, data={
            "attempts": delivery.attempts, "last_status_code": delivery.last_status_code,
            "last_error": delivery.last_error,
        })  # fmt: skip
        delivery.status, delivery.attempts = WebhookDelivery.Status.PENDING, 0
        delivery.save(update_fields=["status", "attempts"])
        enqueue_on_commit(webhook_deliver, delivery.pk)
    return True


@receiver(case_event_recorded, dispatch_uid="partners.webhooks.event")
@receiver(case_created, dispatch_uid="partners.webhooks.created")
def _on_case_event(sender, case, event=None, **kwargs):
    if event is None:
        return
    try:
        webhook_queue(case=case, event=event)
    except Exception:  # a webhook never breaks the officer's or citizen's request
        logger.exception("webhook for case %s not queued", case.pk)


class DeliveryFailed(Exception):
    pass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Answer a 3xx as the HTTPError it is instead of following it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


@background_task(max_attempts=MAX_ATTEMPTS)
def webhook_deliver(delivery_id: int) -> None:
    """POST one stored notice; raise (and so be retried) unless the partner answers 2xx.
    A partner deactivated, or without a webhook address, by now is not posted to."""
    delivery = WebhookDelivery.objects.select_related("partner").get(pk=delivery_id)
    if delivery.status == WebhookDelivery.Status.DELIVERED:
        return
    partner = delivery.partner
    if not partner.is_active or not partner.webhook_url:
        # Deactivated, or its address cleared, since the notice was queued: given up, no POST.
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.last_error = _(
            "Không gửi: đối tác đã ngừng hoạt động hoặc không còn địa chỉ webhook."
        )
        delivery.save(update_fields=["status", "last_error"])
        return
    # The body as sent, then signed over: a notice stored before the one form of an instant
    # (docs/api.md, "Dates and times"; its `at` in +07:00) goes out in that form too.
    payload = instants_as_rfc3339(delivery.payload)
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    request = urllib.request.Request(
        partner.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "health-feedback-portal-webhook/1",
            "X-Portal-Delivery": str(delivery.pk),
            SIGNATURE_HEADER: webhook_signature(partner.webhook_secret, body, int(time.time())),
        },
    )
    delivery.attempts += 1
    status_code, error = None, ""
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            status_code = response.status
    except urllib.error.HTTPError as failure:
        status_code, error = failure.code, f"HTTP {failure.code}"
        if 300 <= failure.code < 400:
            error += ": " + _("chuyển hướng tới %(location)s: hãy cập nhật địa chỉ webhook") % {
                "location": (failure.headers.get("Location") or "?")[:400]
            }
    except (urllib.error.URLError, OSError) as failure:
        error = str(failure)[:500]
    delivery.last_status_code = status_code
    delivery.last_error = error
    ok = status_code is not None and 200 <= status_code < 300
    if ok:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
    delivery.save(
        update_fields=["attempts", "last_status_code", "last_error", "status", "delivered_at"]
    )
    if not ok:
        raise DeliveryFailed(f"webhook {delivery.pk}: {error or status_code}")
