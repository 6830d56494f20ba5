"""Staff sign-in throttling (django-axes, `AXES_HANDLER`): two limits, neither of which lets a
stranger lock an officer out from elsewhere.

- the pair (account, address): `AXES_FAILURE_LIMIT` (5) wrong passwords for one account from
  one address lock that account *from that address* (axes' own combination parameter,
  `AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]`); the owner signs in from anywhere
  else, and guesses spread over many addresses lock nobody;
- the address: `PORTAL_SIGN_IN_ADDRESS_LIMIT` (30) wrong passwords from one address, whatever
  the accounts (made-up ones too), lock that address: one address guessing many accounts. A
  hospital behind one NAT is not locked by a few colleagues' typing mistakes.

django-axes compares one count with one limit (the largest count of its parameters), and has
no slowdown without a lock; so the handler counts the pair as axes does and reports the pair's
limit reached once the address has reached its own. Both are counted over the cool-off
(`AXES_COOLOFF_TIME`, 15 minutes after the last wrong password), answered 429 in Vietnamese
(`portal.middleware.sign_in_locked_out`). Guessing one account's password from many addresses
is then limited by two-factor sign-in, required for the staff who may see a denouncer's
identity or manage users (portal/twofactor/policy.py, Luật Tố cáo Điều 47)."""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

DEFAULT_ADDRESS_LIMIT = 30


def address_limit() -> int:
    return getattr(settings, "PORTAL_SIGN_IN_ADDRESS_LIMIT", DEFAULT_ADDRESS_LIMIT)


def address_failures(request) -> int:
    """Wrong passwords from the request's address within the cool-off, for every account."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class SignInHandler(AxesDatabaseHandler):
    """axes' database handler, counting the pair (`AXES_LOCKOUT_PARAMETERS`) and the address
    with its own, higher limit; `request.portal_address_locked` tells the lock's answer which."""

    def get_failures(self, request, credentials=None) -> int:
        pair = super().get_failures(request, credentials)
        request.portal_address_locked = address_failures(request) >= address_limit()
        if request.portal_address_locked:
            return max(pair, get_failure_limit(request, credentials))
        return pair
