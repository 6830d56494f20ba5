"""The meeting a reschedule means to move (`expected_meeting` of `schedule_dialogue`).

Two officers who opened the case page while the dialogue was at one time must not silently
overwrite each other's move: the citizen would hold two contradicting invitations
(khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP).
The form (the case page's, the document page that issues the notice with the step; optionally
an API caller) sends the pending meeting it saw as a token:
"<id>@<scheduled_at ISO 8601>" (any offset: compared as instants), or "none" when it saw no
meeting pending. `workflow._schedule_dialogue` compares it with the pending meeting under the
case's row lock (`case_transition`'s `select_for_update`); a caller that sends nothing is not
checked (older API callers)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NONE = "none"


def meeting_token(meeting) -> str:
    """The token of the pending `meeting` (None: no meeting pending)."""
    if meeting is None:
        return NONE
    return f"{meeting.pk}@{meeting.scheduled_at.isoformat()}"


def pending_token(case) -> str:
    """The token of the meeting pending on `case` now, as a form shows it (the case page's
    step form, the document page that issues a notice with its step)."""
    from complaints.rules.dialogue import DialogueStatus

    return meeting_token(
        case.dialogues.filter(status=DialogueStatus.SCHEDULED).order_by("-id").first()
    )


def clean_expected_meeting(raw, **_kw):
    """(value, error) of the field: None when not sent, NONE, or (id, instant)."""
    if raw in (None, ""):
        return None, None
    text = str(raw).strip()
    if text == NONE:
        return NONE, None
    pk, _at, moment = text.partition("@")
    try:
        instant = datetime.datetime.fromisoformat(moment.replace("Z", "+00:00"))
        value = (int(pk), instant)
    except ValueError:
        value = None
    if value is None or timezone.is_naive(instant):
        return None, gettext_lazy(
            "Buổi đối thoại đang chờ không hợp lệ: gửi “mã@thời gian” (mã và scheduled_at của "
            "buổi đối thoại đang chờ, thời gian có múi giờ) hoặc “none” khi chưa có lịch."
        )
    return value, None


def is_stale(expected, pending) -> bool:
    """Whether the meeting pending now is not the one the caller saw."""
    if expected is None:
        return False
    if expected == NONE:
        return pending is not None
    if pending is None:
        return True
    pk, instant = expected
    return pk != pending.pk or instant != pending.scheduled_at


def stale_refusal_text(pending) -> str:
    """Why the move is refused: what the meeting became, and who set it (None: no meeting
    is pending any more)."""
    if pending is None:
        return _(
            "Lịch đối thoại đã thay đổi (không còn buổi đối thoại đang chờ) trong khi bạn "
            "thao tác: hãy xem lại trước khi đổi lịch."
        )
    local = timezone.localtime(pending.scheduled_at)
    author = pending.created_by
    return _(
        "Lịch đối thoại đã được đổi thành %(time)s %(date)s tại %(place)s bởi %(who)s trong "
        "khi bạn thao tác: hãy xem lại trước khi đổi lịch."
    ) % {
        "time": local.strftime("%H:%M"),
        "date": date_format(local.date(), "d/m/Y"),
        "place": pending.place,
        "who": (author.get_full_name() or author.get_username()) if author else _("người khác"),
    }
