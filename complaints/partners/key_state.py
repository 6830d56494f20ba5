"""Where a partner's key stands against its expiry, as the admin shows it: in the list of
keys (its column "Hết hạn" and filter "Tình trạng", complaints/partners/admin.py) and on
the admin home (complaints/partners/expiry_panel.py).

A key's own state only: whether its partner is still active is the partner's page."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from complaints.models import PartnerKey
from complaints.models.partners import EXPIRY_WARNING_DAYS

EXPIRING_DAYS = max(EXPIRY_WARNING_DAYS)  # "expiring": the first warning's 30 days


class KeyState(models.TextChoices):
    IN_TERM = "in_term", _("Còn hạn")
    EXPIRING = "expiring", _("Sắp hết hạn (trong 30 ngày)")
    EXPIRED = "expired", _("Đã hết hạn")
    REVOKED = "revoked", _("Đã thu hồi")


def keys_in_state(keys, state: str, *, now: datetime.datetime | None = None):
    """The keys of `keys` in `state` (a `KeyState`); a key in its last 30 days is still
    in term too."""
    now = now or timezone.now()
    if state == KeyState.REVOKED:
        return keys.filter(revoked_at__isnull=False)
    kept = keys.filter(revoked_at__isnull=True)
    if state == KeyState.IN_TERM:
        return kept.filter(expires_at__gt=now)
    if state == KeyState.EXPIRING:
        soon = now + datetime.timedelta(days=EXPIRING_DAYS)
        return kept.filter(expires_at__gt=now, expires_at__lte=soon)
    if state == KeyState.EXPIRED:
        return kept.filter(expires_at__lte=now)
    return keys


def expiry_text(key: PartnerKey, *, now: datetime.datetime | None = None) -> str:
    """"07/12/2027 (còn 365 ngày)", "07/12/2026 (hôm nay)", "Đã hết hạn ngày 05/12/2026" or
    "Đã thu hồi": the day in Vietnam time, as every message about the key gives it."""
    if key.revoked_at is not None:
        return gettext("Đã thu hồi")
    now = now or timezone.now()
    day = key.expires_on.strftime("%d/%m/%Y")
    if key.is_expired(now):
        return gettext("Đã hết hạn ngày %(day)s") % {"day": day}
    days_left = (key.expires_on - timezone.localdate(now, timezone.get_default_timezone())).days
    if days_left == 0:
        return f"{day} ({gettext('hôm nay')})"
    left = ngettext("còn %(days)s ngày", "còn %(days)s ngày", days_left) % {"days": days_left}
    return f"{day} ({left})"
