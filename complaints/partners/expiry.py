"""A partner's key before it expires (`PartnerKey.expires_at`).

- `expiry_moved_to`: the instant a key expires when the admin moves its day (shortening
  only; the admin's form refuses a later day or one already past);
- `expiry_warnings_send`: the daily `warn_partner_key_expiry` run. A usable key whose
  expiry comes within 30, then 7 days (`EXPIRY_WARNING_DAYS`) has its partner's contact
  (`Partner.contact_email`) mailed once for each, after the commit, by a background task;
  running it again sends nothing new. A key first seen within 7 days gets the 7-day
  warning only; a key whose day the admin moved is warned again against the new day.

The administrators see the same keys on the admin home (complaints/partners/expiry_panel.py)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from complaints import emails
from complaints.models import PartnerKey
from complaints.models.partners import EXPIRY_WARNING_DAYS
from portal.tasks import background_task, enqueue_on_commit

MAIL = "partner_key_expiring"


def expiry_moved_to(key: PartnerKey, day: datetime.date) -> datetime.datetime:
    """The instant `key` expires on `day` (Vietnam time), at the time of day it was issued."""
    vietnam = timezone.get_default_timezone()
    at = timezone.localtime(key.expires_at, vietnam)
    return datetime.datetime.combine(day, at.timetz()).astimezone(datetime.UTC)


def expiry_warnings_send(*, now: datetime.datetime | None = None) -> int:
    """Mark and queue the warnings owed (see the module); returns how many."""
    now = now or timezone.now()
    queued = 0
    for days in sorted(EXPIRY_WARNING_DAYS):  # the nearest first: one warning per run
        owed = (
            PartnerKey.objects.expiring_within(days, now=now)
            .exclude(partner__contact_email="")
            .filter(Q(expiry_warned_days__isnull=True) | Q(expiry_warned_days__gt=days))
        )
        for key_id in list(owed.values_list("pk", flat=True)):
            with transaction.atomic():
                # Marked by the row's own condition: a run beside this one sends it once.
                marked = (
                    PartnerKey.objects.filter(pk=key_id)
                    .filter(Q(expiry_warned_days__isnull=True) | Q(expiry_warned_days__gt=days))
                    .update(expiry_warned_days=days)
                )
                if marked:
                    enqueue_on_commit(partner_key_expiry_mail, key_id=key_id)
                    queued += 1
    return queued


@background_task()
def partner_key_expiry_mail(*, key_id: int) -> int:
    """Mail the partner's contact that key `key_id` expires soon (nothing if it was revoked
    or expired meanwhile); returns the e-mails sent."""
    key = PartnerKey.objects.usable().select_related("partner").filter(pk=key_id).first()
    if key is None or key.is_expired():
        return 0
    days_left = (key.expires_on - timezone.localdate(timezone=timezone.get_default_timezone())).days
    context = {
        "partner": key.partner.name,
        "key_name": key.name,
        "prefix": key.prefix,
        "expires_on": key.expires_on.strftime("%d/%m/%Y"),
        "days_left": days_left,
    }
    return emails.send(MAIL, to=[key.partner.contact_email], context=context)
