"""The written notice of a dialogue left behind by a move (khoản 1 Điều 28 Nghị định
124/2020/NĐ-CP, sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP: the parties are told the time
and place in writing).

A dialogue moved after its notice was issued (`schedule_dialogue` again) leaves the parties
holding a notice with the old time. The case page warns the officer and links to the draft
of a new notice (`stale_dialogue_notice`); the new draft offers, ticked, the replacement of
the earlier one ("Thay thế văn bản số … đã ban hành", `complaints.documents.steps`) with the
reason prefilled (`replacement_offer`)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SCHEDULE_DIALOGUE = "schedule_dialogue"
NOTICE_ARTICLE = (
    "khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP (sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP)"
)


def _moment(value: str) -> str:
    """'HH:MM dd/mm/yyyy' of an event's ISO instant."""
    local = timezone.localtime(datetime.datetime.fromisoformat(value))
    return f"{local.strftime('%H:%M')} {date_format(local.date(), 'd/m/Y')}"


def _schedule_event(case, *, at=None, meeting=None):
    events = case.events.filter(action=SCHEDULE_DIALOGUE)
    if meeting is not None:
        events = events.filter(data__dialogue=meeting.pk)
    if at is not None:
        events = events.filter(at__lte=at)
    return events.order_by("-at", "-pk").first()


def stale_dialogue_notice(case) -> dict | None:
    """The dialogue notice last issued when it names a meeting the parties are no longer
    invited to (the pending meeting was scheduled after it), with the old time, the warning
    and the link to draft the new notice; else None."""
    from complaints.documents.models import Document, DocumentStatus
    from complaints.rules.dialogue import DialogueStatus

    pending = case.dialogues.filter(status=DialogueStatus.SCHEDULED).order_by("-id").first()
    if pending is None:
        return None
    notice = (
        Document.objects.filter(case=case, action=SCHEDULE_DIALOGUE, status=DocumentStatus.ISSUED)
        .select_related("template")
        .order_by("-issued_at", "-pk")
        .first()
    )
    current = _schedule_event(case, meeting=pending)
    if notice is None or current is None or notice.issued_at >= current.at:
        return None
    stated = _schedule_event(case, at=notice.issued_at)
    stated_at = (stated.data or {}).get("scheduled_at") if stated else None
    old = _moment(stated_at) if stated_at else "…"
    url = reverse("complaints_admin:documents", args=[case.tracking_code])
    return {
        "document": notice,
        "old": old,
        "article": NOTICE_ARTICLE,
        "draft_url": f"{url}?{urlencode({'mau': notice.template.code})}",
        "message": _(
            "Thông báo số %(symbol)s ngày %(day)s nêu lịch cũ (%(old)s): hãy ban hành thông báo "
            "mới thay thế."
        ) % {
            "symbol": notice.symbol,
            "day": date_format(timezone.localtime(notice.issued_at).date(), "d/m/Y"),
            "old": old,
        },
    }


def replacement_offer(document, earlier) -> dict:
    """What the draft page offers, ticked, for a new dialogue notice replacing `earlier`
    after a move: {"checked": its id, "reason": the move}; {} otherwise."""
    if earlier is None or document.action != SCHEDULE_DIALOGUE:
        return {}
    stale = stale_dialogue_notice(document.case)
    if stale is None or stale["document"].pk != earlier.pk:
        return {}
    pending = _schedule_event(document.case)
    new = _moment(pending.data["scheduled_at"]) if pending else "…"
    return {
        "checked": str(earlier.pk),
        "reason": _(
            "Lịch đối thoại đã đổi từ %(old)s sang %(new)s tại %(place)s (%(article)s)."
        ) % {
            "old": stale["old"], "new": new,
            "place": (pending.data.get("place") if pending else "") or "…",
            "article": NOTICE_ARTICLE,
        },
    }
