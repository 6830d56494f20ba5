"""Tracking codes and PINs: what a citizen holds to follow a case.

The tracking code is readable (``YT-2026-000123``) and numbered per year. On
PostgreSQL the number comes from a database sequence per year
(``complaints_tracking_2026``: `nextval`, no lock, never the same number twice; a
number taken by a transaction that then rolls back is not reused, so the numbering may
have gaps). The migration that introduced them (0008) creates the sequences of the
years already counted, and of the current and next year, each starting above the
numbers used; a later year's sequence is created by its first code (`CREATE SEQUENCE
IF NOT EXISTS`, starting above any code of that year already stored), so the year
change needs nothing done by hand and numbering starts again at 1 each year. On
SQLite (one machine, one writer) the number comes from the `TrackingSequence` row of
the year, incremented in one `UPDATE … RETURNING` statement.
The PIN is the secret beside it: only its HMAC is stored. A submission sent again
with the same idempotency key must answer with the same PIN, so for keyed
submissions the PIN is derived from SECRET_KEY, the code and the key (it
can be recomputed, and guessing it needs the secret); otherwise it is random.
"""

from __future__ import annotations

import datetime
import re
import secrets

from django.conf import settings
from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from complaints.models import TrackingSequence

PIN_LENGTH = 8
TRACKING_PREFIX = "YT"
TRACKING_CODE_RE = re.compile(r"^[A-Z]{2}-\d{4}-\d{6,}$")

_PIN_HASH_SALT = "complaints.tracking.pin-hash"
_PIN_DERIVE_SALT = "complaints.tracking.pin-derive"


# A code typed the natural way: any case, spaces, no dashes or other dashes between its
# parts (`yt2026000123`, `YT 2026 000123`, `YT–2026–000123`).
_TYPED_CODE_RE = re.compile(r"^([A-Z]{2})[-‐‑‒–—_./]?(\d{4})[-‐‑‒–—_./]?(\d{6,})$")


def normalize_tracking_code(value: str) -> str:
    """What the citizen typed, as stored: without spaces, upper case, with the dashes of
    the YT-YYYY-NNNNNN format (`yt2026000123` and `YT 2026 000123` work)."""
    compact = "".join((value or "").split()).upper()
    typed = _TYPED_CODE_RE.match(compact)
    if typed:
        return "-".join(typed.groups())
    return compact


def normalize_pin(value: str) -> str:
    """A PIN as typed, without the spaces, dots or dashes a citizen groups digits with
    (`1262 8744`, `1262-8744`). A link secret (hex) has none and is left as it is."""
    return re.sub(r"[\s.\-‐‑‒–—]", "", value or "")


def tracking_code_next(*, at: datetime.datetime | None = None) -> str:
    """The next tracking code of the year of `at` (Vietnam time), e.g. ``YT-2026-000123``.

    Must run inside the caller's transaction. On SQLite the counter row stays locked
    until it commits, so a rolled-back caller leaves no gap; on PostgreSQL the year's
    sequence never waits nor repeats, and a rolled-back caller leaves a gap."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("tracking_code_next must run inside transaction.atomic")
    return _code(at)


def tracking_code_allocate(*, at: datetime.datetime | None = None) -> str:
    """A new tracking code, like `tracking_code_next`, committed at once.

    Called outside any transaction (the public intake, before its write transaction),
    the increment is one autocommitted statement: the counter is locked only while it
    runs, not until the case commits, so concurrent submissions are not serialized
    on it. The number is used even if the caller's transaction then fails (a gap, never
    a duplicate). Inside a transaction it behaves like `tracking_code_next`."""
    return _code(at)


def _code(at: datetime.datetime | None) -> str:
    year = timezone.localtime(at or timezone.now()).year
    if connection.vendor == "postgresql":
        return f"{TRACKING_PREFIX}-{year}-{_sequence_next(year):06d}"
    number = _increment(year)
    if number is None:  # first code of the year
        try:
            with transaction.atomic():  # a concurrent first-of-year insert may win
                TrackingSequence.objects.create(year=year, last_number=0)
        except IntegrityError:
            pass
        number = _increment(year)
    return f"{TRACKING_PREFIX}-{year}-{number:06d}"


def _increment(year: int) -> int | None:
    """Add one to the year's counter and return it (None when the year has no row).

    One statement, so the number read is the one this call wrote (PostgreSQL and
    SQLite ≥ 3.35 both support RETURNING)."""
    meta = TrackingSequence._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    number = quote(meta.get_field("last_number").column)
    year_column = quote(meta.get_field("year").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {number} = {number} + 1 WHERE {year_column} = %s "  # noqa: S608
            f"RETURNING {number}",
            [year],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


# (database alias, year) whose sequence this process has used: known to exist.
_sequences_seen: set[tuple[str, int]] = set()


def sequence_name(year: int) -> str:
    return f"complaints_tracking_{year}"


def _sequence_next(year: int) -> int:
    """`nextval` of the year's sequence (PostgreSQL), created at the first code of a year
    that has none. Inside a transaction a savepoint keeps a missing sequence's error from
    aborting the caller's transaction; outside, the statement autocommits."""
    name = sequence_name(year)
    if (connection.alias, year) in _sequences_seen:
        return _nextval(name)  # one statement, no savepoint
    for attempt in range(3):
        try:
            if connection.in_atomic_block:
                with transaction.atomic():
                    number = _nextval(name)
            else:
                number = _nextval(name)
        except ProgrammingError:  # no sequence for this year yet
            if attempt == 2:
                raise
        else:
            _sequences_seen.add((connection.alias, year))
            return number
        try:
            with transaction.atomic():
                _sequence_create(year)
        except (IntegrityError, ProgrammingError):
            pass  # created meanwhile by a concurrent first code of the year
    raise AssertionError("unreachable")


def _nextval(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [name])
        return cursor.fetchone()[0]


def _sequence_create(year: int) -> None:
    """The year's sequence, starting above the year's counter row and its stored codes."""
    case_table = connection.ops.quote_name("complaints_case")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT GREATEST("
            " (SELECT COALESCE(MAX(last_number), 0) FROM complaints_trackingsequence"
            "  WHERE year = %s),"
            f" (SELECT COALESCE(MAX(SUBSTRING(tracking_code FROM 9)::bigint), 0) FROM {case_table}"  # noqa: S608
            "  WHERE tracking_code ~ %s))",
            [year, rf"^{TRACKING_PREFIX}-{year}-[0-9]+$"],
        )
        start = cursor.fetchone()[0] + 1
        cursor.execute(
            f"CREATE SEQUENCE IF NOT EXISTS {connection.ops.quote_name(sequence_name(year))} "
            f"START WITH {int(start)}"
        )


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
    pin = normalize_pin(pin)
    ok = False
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        candidate = pin_hash(tracking_code=tracking_code, pin=pin, secret=secret)
        # Every secret is tried, match or not: the time taken does not tell which one.
        ok = constant_time_compare(candidate, stored_hash or "") or ok
    return ok
