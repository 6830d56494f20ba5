"""The citizen stops the notices of their case, by e-mail, by SMS or both: the right to
withdraw consent (Điều 10 Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15), given on the tracking
page by whoever holds the case's PIN. The channel's consent flag goes off
(`Reporter.consent_contact`, `consent_sms`), so `notifier.channels_for` offers that
channel to no message of the case any more (a re-sent PIN included); the change is a
row of the reporter's history (simple-history, `origin=citizen`). The contact data
stay: the case still needs them to be handled (Điều 9 of the same law, the first
consent)."""

from __future__ import annotations

from django.db import transaction

from complaints.models import Case, Reporter
from complaints.notifications.sms import sms_available

# The channels, and the flag each one's consent is recorded in.
CHANNEL_FLAGS = {"email": "consent_contact", "sms": "consent_sms"}


def notice_channels(case: Case) -> list[str]:
    """The channels the case's citizen still gets notices by (`email`, `sms`); never
    `sms` while the portal sends no text messages (nothing goes by it to stop)."""
    reporter = Reporter.objects.filter(case=case).only(*CHANNEL_FLAGS.values()).first()
    if reporter is None:
        return []
    return [
        channel
        for channel, flag in CHANNEL_FLAGS.items()
        if getattr(reporter, flag) and (channel != "sms" or sms_available())
    ]


def notices_stop(*, case: Case, channels, actor=None) -> list[str]:
    """Turn off the citizen's consent for `channels` (of `email`, `sms`) on `case`;
    the channels turned off now (none when they were off already)."""
    with transaction.atomic():
        reporter = Reporter.objects.select_for_update().filter(case=case).first()
        if reporter is None:
            return []
        stopped = [
            channel
            for channel, flag in CHANNEL_FLAGS.items()
            if channel in channels and getattr(reporter, flag)
        ]
        if not stopped:
            return []
        for channel in stopped:
            setattr(reporter, CHANNEL_FLAGS[channel], False)
        reporter._history_user = actor if getattr(actor, "is_authenticated", False) else None
        reporter._change_reason = (
            f"origin=citizen action=notices_stop channels={','.join(stopped)}"
        )
        # `consent_recorded_at` stays the time of the consents given; the history row
        # is the time of this one's withdrawal.
        reporter.save(update_fields=[CHANNEL_FLAGS[c] for c in stopped])
    return stopped
