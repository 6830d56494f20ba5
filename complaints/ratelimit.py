"""Fixed-window rate limits kept in the Django cache (Redis in production, so every
worker process shares the counts; local memory on the one-machine default).

Limits are named and configurable in settings::

    COMPLAINTS_RATE_LIMITS = {"submission": (5, 600), ...}   # (requests, seconds)

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
    "submission": (5, 600),
    # Tracking look-ups per client address, successful or not.
    "lookup_address": (30, 600),
    # Failed look-ups per tracking code, from anywhere: 10 wrong PINs an hour at most,
    # so guessing an 8-digit PIN takes centuries.
    "lookup_code": (10, 3600),
}


class Throttled(Exception):
    """Too many requests; `retry_after` is in whole seconds."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = max(1, int(retry_after))


@dataclass(frozen=True)
class RateLimit:
    name: str

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
            raise Throttled(retry_after)

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
            raise Throttled(retry_after)


SUBMISSION = RateLimit("submission")
LOOKUP_ADDRESS = RateLimit("lookup_address")
LOOKUP_CODE = RateLimit("lookup_code")


def client_address(request) -> str:
    """The client's address. Behind the reverse proxy (README: nginx sets
    X-Forwarded-For) the last hop it appended is the client; trust the header only
    when settings say a proxy is in front (`COMPLAINTS_TRUSTED_PROXY_COUNT`)."""
    proxies = getattr(settings, "COMPLAINTS_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
