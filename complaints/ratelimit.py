"""Fixed-window rate limits kept in the Django cache (Redis in production, so every
worker process shares the counts; local memory on the one-machine default).

Limits are named and configurable in settings::

    COMPLAINTS_RATE_LIMITS = {"submission": (5, 600), ...}   # (requests, seconds)

Submissions have two limits: "submission" counts the accepted ones only (a citizen who
corrects a form is not held back by their mistakes), "submission_refused" the refused
ones (invalid fields or files, unreadable requests), much looser, so that a script
cannot probe the rules for free. A partner system's accepted submissions count against
its own "partner_submission" quota instead of the address's "submission".

A limit set to None is off (the benchmark settings switch the submission limit off).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS: dict[str, tuple[int, int] | None] = {
    # Accepted submissions per client address: a citizen files a few cases, not dozens.
    # Counted atomically just before the case is written, after every check passed.
    "submission": (5, 600),
    # Refused submissions per client address (invalid fields or files, a request that
    # does not parse): a citizen correcting a form stays far below; a script probing
    # the rules does not.
    "submission_refused": (30, 600),
    # Accepted submissions per partner system (counted by partner, never by address, and
    # instead of "submission"): a national portal or a hospital's desk forwards many
    # citizens' cases from one address. Docs/api.md, "Partners and their keys".
    "partner_submission": (300, 3600),
    # Tracking look-ups per client address, successful or not: a flood guard (guessing is
    # held by the PIN guard below). A tracking page costs two (its socket, its catch-up), and
    # a mobile carrier puts many citizens behind one address: 30 stopped an owner reloading
    # their own page about 15 times.
    "lookup_address": (300, 600),
    # PIN guard (docs/citizen.md, "Guessing a PIN"), counted in the database:
    # wrong PINs from one address on one code: that address waits, nobody else does.
    "pin_code_address": (5, 3600),
    # wrong PINs from one address on any code (someone trying many codes).
    "pin_address": (20, 3600),
    # wrong PINs on one code from every address: above this the code is "under attack"…
    "pin_code": (20, 86400),
    # …and each address gets this many wrong PINs a day on it: the owner's right PIN,
    # typed once, still opens; the link sent with a re-sent PIN always does.
    "pin_code_address_attacked": (1, 86400),
    # wrong PINs on all codes from everywhere (someone spraying many codes from many
    # addresses): above this, each address gets this many wrong PINs a day.
    "pin_all": (300, 3600),
    "pin_address_attacked": (3, 86400),
    # PIN re-sends per case, and per address.
    "pin_resend_code": (3, 86400),
    "pin_resend_address": (10, 3600),
    # Staff password-reset e-mails per target e-mail address, and requests per address
    # (`portal.password_reset`): beyond them nothing is sent, the page answers the same.
    "password_reset_email": (3, 3600),
    "password_reset_address": (10, 3600),
}


class Throttled(Exception):
    """Too many requests; `retry_after` is in whole seconds. `reason` says which
    limit ("submission" for the accepted submissions of an address, "refused" for refused
    submissions, "pin" for the PIN guard, "resend", "" for the other limits); `allowed`
    and `period` (seconds) are the rule that was met, when a cache limit raised it (what
    a message may tell: "5 cases in 10 minutes")."""

    def __init__(
        self,
        retry_after: int,
        reason: str = "",
        *,
        allowed: int | None = None,
        period: int | None = None,
    ):
        super().__init__(retry_after)
        self.retry_after = max(1, int(retry_after))
        self.reason = reason
        self.allowed = allowed
        self.period = period


@dataclass(frozen=True)
class RateLimit:
    name: str
    reason: str = ""  # given to `Throttled`

    @property
    def rule(self) -> tuple[int, int] | None:
        configured = getattr(settings, "COMPLAINTS_RATE_LIMITS", {})
        return configured.get(self.name, DEFAULT_LIMITS.get(self.name))

    def _key(self, subject: str, window: int) -> str:
        digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
        return f"ratelimit:{self.name}:{digest}:{window}"

    def _window(self) -> tuple[int, int, int] | None:
        rule = self.rule
        if rule is None:
            return None
        limit, period = rule
        now = time.time()
        window = int(now // period)
        retry_after = int((window + 1) * period - now) + 1
        return limit, window, retry_after

    def check(self, subject: str) -> None:
        """Raise Throttled when `subject` has used its allowance; counts nothing."""
        window = self._window()
        if window is None:
            return
        limit, index, retry_after = window
        if (cache.get(self._key(subject, index)) or 0) >= limit:
            raise Throttled(retry_after, self.reason, allowed=limit, period=self.rule[1])

    def count(self, subject: str) -> int:
        """Count one request of `subject` and return the window's count (0 when off)."""
        window = self._window()
        if window is None:
            return 0
        _limit, index, _retry_after = window
        key = self._key(subject, index)
        period = self.rule[1]
        if cache.add(key, 1, timeout=period + 1):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=period + 1)
            return 1

    def hit(self, subject: str) -> None:
        """Count one request of `subject`; raise Throttled if that goes over the limit."""
        window = self._window()
        if window is None:
            return
        limit, _index, retry_after = window
        if self.count(subject) > limit:
            raise Throttled(retry_after, self.reason, allowed=limit, period=self.rule[1])


SUBMISSION = RateLimit("submission", reason="submission")
SUBMISSION_REFUSED = RateLimit("submission_refused", reason="refused")
PARTNER_SUBMISSION = RateLimit("partner_submission", reason="partner")
LOOKUP_ADDRESS = RateLimit("lookup_address")
PASSWORD_RESET_EMAIL = RateLimit("password_reset_email")
PASSWORD_RESET_ADDRESS = RateLimit("password_reset_address")


def client_address(request) -> str:
    """The client's address as every per-address limit counts it (`address_key`). Behind
    the reverse proxy (README: nginx sets X-Forwarded-For) the last hop it appended is the
    client; trust the header only when settings say a proxy is in front
    (`COMPLAINTS_TRUSTED_PROXY_COUNT`)."""
    return _client(
        forwarded=request.META.get("HTTP_X_FORWARDED_FOR", ""),
        remote=request.META.get("REMOTE_ADDR", ""),
    )


def scope_client_address(scope) -> str:
    """`client_address` for a WebSocket's ASGI scope (the citizen's live timeline): the
    same proxy rule, so a citizen behind the proxy is counted as themself, not as the
    proxy that every other citizen shares."""
    headers = dict(scope.get("headers") or ())
    client = scope.get("client") or ("", 0)
    return _client(
        forwarded=headers.get(b"x-forwarded-for", b"").decode("latin1"),
        remote=str(client[0] or ""),
    )


def _client(*, forwarded: str, remote: str) -> str:
    proxies = getattr(settings, "COMPLAINTS_TRUSTED_PROXY_COUNT", 0)
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return address_key(hops[-proxies])
    return address_key(remote or "unknown")


def address_key(address: str) -> str:
    """The client a limit counts for `address`: an IPv4 address as it is (an IPv4-mapped
    IPv6 address, ``::ffff:a.b.c.d``, as that IPv4 address); an IPv6 address by its network of
    `PORTAL_RATELIMIT_IPV6_PREFIX` bits (64: one ordinary IPv6 host holds a whole /64, 2⁶⁴
    addresses, which counted one by one would let it walk around every per-address limit),
    written as the network's first address (django-axes stores it in an address column).
    Anything else (no address) as it is."""
    import ipaddress

    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    prefix = getattr(settings, "PORTAL_RATELIMIT_IPV6_PREFIX", 64)
    return str(ipaddress.IPv6Network((int(parsed), prefix), strict=False).network_address)


# ---- the PIN guard: counters in the database ------------------------------------------
#
# A cache may drop keys under pressure (LocMem and Redis evict), so junk look-ups could
# wipe the count of someone guessing a PIN. Failures are rows (`PinFailure`), counted
# over a sliding window and pruned after two days.


def address_digest(address: str) -> str:
    """What is stored of a client address: a keyed digest, not the address."""
    from django.utils.crypto import salted_hmac

    return salted_hmac("complaints.ratelimit.address", address or "unknown").hexdigest()[:32]


def _rule(name: str) -> tuple[int, int] | None:
    return RateLimit(name).rule


def _failures_since(queryset, period: int, now, field: str = "at") -> tuple[int, object]:
    import datetime

    since = now - datetime.timedelta(seconds=period)
    rows = queryset.filter(**{f"{field}__gte": since})
    return rows.count(), rows.order_by(field).values_list(field, flat=True).first()


def _retry_after(oldest, period: int, now) -> int:
    if oldest is None:
        return period
    return int((oldest - now).total_seconds()) + period + 1


def pin_guard_check(*, code: str, address: str, long_secret: bool = False) -> None:
    """Raise Throttled(reason="pin") when this address may not try a PIN on `code` now.

    Only the address that failed waits: other addresses (the owner's) keep their own
    allowance. When the code has had many failures from everywhere, each address gets
    one try a day on it. `long_secret` (the 128-bit link sent with a re-sent PIN) is never
    held back: guessing it is hopeless, and it is how an owner locked out by their own
    typos gets back in. A re-sent PIN issued at this address's request starts this
    address's count on this code afresh (`pin_code_address` only: the rules of a code or
    portal under attack still count every failure, so guessing gains at most the
    per-case re-sends, `pin_resend_code`, before the code is under attack)."""
    from django.utils import timezone

    from complaints.models import PinFailure, PinReissue

    if long_secret:
        return
    now = timezone.now()
    digest = address_digest(address)
    checks = []
    pair = PinFailure.objects.filter(code=code[:32], address=digest)
    if (rule := _rule("pin_code_address")) is not None:
        resent = (
            PinReissue.objects.filter(case__tracking_code=code[:32], address=digest)
            .exclude(pin_hash="")
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        checks.append((pair.filter(at__gt=resent) if resent else pair, rule))
    if (rule := _rule("pin_address")) is not None:
        checks.append((PinFailure.objects.filter(address=digest), rule))
    attacked = _rule("pin_code")
    if attacked is not None and not long_secret:
        on_code = PinFailure.objects.filter(code=code[:32])
        count, _oldest = _failures_since(on_code, attacked[1], now)
        if count >= attacked[0] and (rule := _rule("pin_code_address_attacked")) is not None:
            checks.append((pair, rule))
    spraying = _rule("pin_all")
    if spraying is not None and not long_secret:
        count, _oldest = _failures_since(PinFailure.objects.all(), spraying[1], now)
        if count >= spraying[0] and (rule := _rule("pin_address_attacked")) is not None:
            checks.append((PinFailure.objects.filter(address=digest), rule))
    for queryset, (limit, period) in checks:
        count, oldest = _failures_since(queryset, period, now)
        if count >= limit:
            raise Throttled(_retry_after(oldest, period, now), reason="pin")


def pin_guard_fail(*, code: str, address: str) -> None:
    """Record one wrong PIN (or unknown code) from `address` on `code`."""
    import datetime

    from django.utils import timezone

    from complaints.models import PinFailure

    now = timezone.now()
    PinFailure.objects.create(code=code[:32], address=address_digest(address), at=now)
    PinFailure.objects.filter(at__lt=now - datetime.timedelta(days=2)).delete()


def pin_guard_pass(*, code: str, address: str) -> None:
    """The right PIN or link from `address` on `code`: that address's earlier wrong PINs
    on it (the owner's typos) no longer count (they test nothing once the PIN is known)."""
    from complaints.models import PinFailure

    PinFailure.objects.filter(code=code[:32], address=address_digest(address)).delete()


def pin_resend_hit(*, code: str, address: str) -> None:
    """Check one PIN re-send request; raise Throttled(reason="resend") over the limits:
    re-sends per case are the `PinReissue` rows (database), requests per address a
    cache counter (a flood guard; evicting it gains nothing, the per-case limit holds)."""
    from django.utils import timezone

    from complaints.models import PinReissue

    now = timezone.now()
    rule = _rule("pin_resend_code")
    if rule is not None:
        reissues = PinReissue.objects.filter(case__tracking_code=code)
        count, oldest = _failures_since(reissues, rule[1], now, "created_at")
        if count >= rule[0]:
            raise Throttled(_retry_after(oldest, rule[1], now), reason="resend")
    try:
        RateLimit("pin_resend_address").hit(address)
    except Throttled as limit:
        raise Throttled(limit.retry_after, reason="resend") from None
