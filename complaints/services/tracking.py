"""Tracking codes and PINs: what a citizen holds to follow a case.

The tracking code is readable (``YT-2026-000123``) and numbered per year from
`TrackingSequence` under a row lock, so two concurrent submissions never share a
number. The PIN is the secret beside it: only its HMAC is stored. A submission
sent again with the same idempotency key must answer with the same PIN, so for
keyed submissions the PIN is derived from SECRET_KEY, the code and the key (it
can be recomputed, and guessing it needs the secret); otherwise it is random.
"""

from __future__ import annotations

import datetime
import re
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from complaints.models import TrackingSequence

PIN_LENGTH = 8
TRACKING_PREFIX = "YT"
TRACKING_CODE_RE = re.compile(r"^[A-Z]{2}-\d{4}-\d{6,}$")

_PIN_HASH_SALT = "complaints.tracking.pin-hash"
_PIN_DERIVE_SALT = "complaints.tracking.pin-derive"


def normalize_tracking_code(value: str) -> str:
    """What the citizen typed, as stored: trimmed, upper case (`yt-2026-000123` works)."""
    return (value or "").strip().upper()


def tracking_code_next(*, at: datetime.datetime | None = None) -> str:
    """The next tracking code of the year of `at` (Vietnam time), e.g. ``YT-2026-000123``.

    Must run inside the submission's transaction: the counter row stays locked until
    it commits, so numbers are unique and, if the submission rolls back, not used."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("tracking_code_next must run inside transaction.atomic")
    year = timezone.localtime(at or timezone.now()).year
    if not TrackingSequence.objects.filter(year=year).exists():
        try:
            with transaction.atomic():  # savepoint: a concurrent first-of-year insert may win
                TrackingSequence.objects.create(year=year, last_number=0)
        except IntegrityError:
            pass
    sequence = TrackingSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{TRACKING_PREFIX}-{year}-{sequence.last_number:06d}"


def pin_generate(*, tracking_code: str, idempotency_key: str | None = None) -> str:
    """An 8-digit PIN; derived (recomputable) when the submission carries a key."""
    if idempotency_key:
        digest = salted_hmac(
            _PIN_DERIVE_SALT, f"{tracking_code}\n{idempotency_key}", algorithm="sha256"
        ).hexdigest()
        return f"{int(digest, 16) % 10**PIN_LENGTH:0{PIN_LENGTH}d}"
    return f"{secrets.randbelow(10**PIN_LENGTH):0{PIN_LENGTH}d}"


def pin_hash(*, tracking_code: str, pin: str, secret: str | None = None) -> str:
    """What is stored for a PIN: an HMAC bound to the code (a hash copied to another
    case does not open it)."""
    return salted_hmac(
        _PIN_HASH_SALT, f"{tracking_code}\n{pin}", secret=secret, algorithm="sha256"
    ).hexdigest()


def pin_matches(*, tracking_code: str, pin: str, stored_hash: str) -> bool:
    """Constant-time check of a PIN, also against SECRET_KEY_FALLBACKS (key rotation)."""
    pin = (pin or "").strip()
    ok = False
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        candidate = pin_hash(tracking_code=tracking_code, pin=pin, secret=secret)
        # Every secret is tried, match or not: the time taken does not tell which one.
        ok = constant_time_compare(candidate, stored_hash or "") or ok
    return ok
