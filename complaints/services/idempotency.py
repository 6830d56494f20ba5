"""A staff user's `Idempotency-Key`: a retried request answers what the first one did.

The staff API's case actions (`case_transition`) and its drafts
(`complaints.approvals.services`) take the same header with the same meaning. Each of
these writes a `CaseEvent`; the first call's event keeps the key (the actor's own:
`staff:u<id>:<key>`, unique) and the request's fingerprint (a SHA-256 of what was asked),
nothing else. A retry finds that event and acts on nothing again; the same key with
another request raises `IdempotencyConflict`, as `case_submit` does for a submission.
Keys live as long as their event (as a submission's key lives with its case).

Callers look the key up again once their row lock is held, so that of two identical
requests at once the second waits for the first and answers its event."""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext as _

from complaints.models import CaseEvent
from complaints.services.intake import IDEMPOTENCY_KEY_RE, IdempotencyConflict

__all__ = ["case_id_of_retry", "staff_request", "staff_replay"]


def staff_request(idempotency_key: str | None, *, actor, request: list) -> tuple[str | None, str]:
    """The stored key (the actor's own, as a partner's keys are its own) and the request's
    fingerprint; (None, "") without a key. `request` names the operation and everything it
    was asked with (JSON). A key that is not 1–100 printable ASCII characters is a
    TransitionInvalid (400)."""
    from complaints.services.workflow import TransitionInvalid

    if idempotency_key is None:
        return None, ""
    if not IDEMPOTENCY_KEY_RE.match(idempotency_key):
        raise TransitionInvalid(
            {"idempotency_key": [_("Idempotency-Key: 1–100 ký tự ASCII in được.")]}
        )
    payload = json.dumps(request, sort_keys=True, default=str)
    return _stored_key(actor, idempotency_key), hashlib.sha256(payload.encode()).hexdigest()


def staff_replay(*, key: str | None, fingerprint: str) -> CaseEvent | None:
    """The event a first call with this key recorded (None without a key or a first call);
    IdempotencyConflict when that call asked for something else."""
    if key is None:
        return None
    event = CaseEvent.objects.filter(idempotency_key=key).first()
    if event is not None and event.request_fingerprint != fingerprint:
        raise IdempotencyConflict(key)
    return event


def case_id_of_retry(*, actor, idempotency_key: str | None) -> int | None:
    """The case an earlier action of `actor` with this key acted on (None without one): a
    retry is answered even when that action moved the case out of the actor's scope."""
    if not idempotency_key:
        return None
    return (
        CaseEvent.objects.filter(idempotency_key=_stored_key(actor, idempotency_key))
        .values_list("case_id", flat=True)
        .first()
    )


def _stored_key(actor, idempotency_key: str) -> str:
    return f"staff:u{actor.pk}:{idempotency_key}"
