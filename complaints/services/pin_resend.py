"""Quên mã PIN: send a new PIN to the contact the citizen left on the case.

Never shown on screen, and the answer is the same whether the code exists, has a
contact or not (nothing tells a stranger which codes are real). Limited per case
(`pin_resend_code`, counted in the database) and per address (`pin_resend_address`).
The new PIN is made and sent by a background task (`notifier.issue_pin`); the old PIN
stays valid until the new one is used, so a stranger's request takes nothing away."""

from __future__ import annotations

from django.utils import timezone

from complaints import ratelimit
from complaints.models import Case, PinReissue
from complaints.services.tracking import TRACKING_CODE_RE, normalize_tracking_code


def pin_resend_request(*, tracking_code: str, client_ip: str) -> None:
    """Queue a new PIN for the case (if it exists). Raises ratelimit.Throttled."""
    from complaints.notifications.notifier import PIN_REISSUE_VALID_FOR, issue_pin
    from portal.tasks import enqueue_on_commit

    code = normalize_tracking_code(tracking_code)
    ratelimit.pin_resend_hit(code=code, address=client_ip)
    if not TRACKING_CODE_RE.match(code):
        return
    case_id = Case.objects.filter(tracking_code=code).values_list("pk", flat=True).first()
    if case_id is None:
        return
    # Recorded now (counted by the per-case limit at once), given its PIN by the task.
    now = timezone.now()
    reissue = PinReissue.objects.create(
        case_id=case_id,
        pin_hash="",
        channels="",
        created_at=now,
        expires_at=now + PIN_REISSUE_VALID_FOR,
        address=ratelimit.address_digest(client_ip),
    )
    enqueue_on_commit(issue_pin, reissue.pk)
