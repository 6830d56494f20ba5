"""The citizen answers a request for information (Yêu cầu bổ sung thông tin).

Staff ask with the `request_info` transition; the case waits in `needs_info`. The
citizen, holding the code and PIN, answers with text and files on the tracking page or
by the API. This is the citizen's side of the table's `complete_info` row
(`complaints.transitions`): the same row decides whether the case may move and where
to (`transition_for`), but the actor is the citizen, not a staff member in scope, so
it does not go through `case_transition` (which checks staff permissions).

The answer is accepted within the reply period (`INFO_REPLY_RULE`); files are checked
exactly as at intake (`services.attachments`); the text and the files land on the
case in one transaction with the `complete_info` event (origin "citizen"); the staff
who asked and the unit are alerted by a background task; the citizen's own notice
follows from the public event like any other."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.citations import citation_read
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.services import attachments as attachment_service
from complaints.signals import case_event_recorded
from complaints.transitions import transition_for
from portal.timestamps import rfc3339

MAX_REPLY_LENGTH = 5000

# How long the citizen has to answer. No article of Luật Khiếu nại or Luật Tố cáo sets
# it (the law copies confirm none): the Sở's practice, configurable, shown as unconfirmed.
# The basis cites the article on what the case's own kind of letter must contain.
INFO_REPLY_RULE = {
    "working_days": 10,
    "setting": "COMPLAINTS_INFO_REPLY_WORKING_DAYS",
    "legal_basis": gettext_lazy(
        "Quy trình tiếp nhận của Sở Y tế (%(article)s về nội dung đơn; thời hạn bổ sung chưa "
        "được văn bản xác nhận)"
    ),
    "legal_basis_no_article": gettext_lazy(
        "Quy trình tiếp nhận của Sở Y tế (thời hạn bổ sung chưa được văn bản xác nhận)"
    ),
    "unconfirmed": True,
}
# What a letter must contain, by kind (a phản ánh, kiến nghị has no such article).
LETTER_CONTENT_ARTICLES = {
    CaseKind.KHIEU_NAI: "Điều 8 Luật Khiếu nại",
    CaseKind.TO_CAO: "Điều 23 Luật Tố cáo",
}


def info_reply_basis(kind: str) -> str:
    """The reply period's basis shown to the citizen, citing the case's own kind's law."""
    article = LETTER_CONTENT_ARTICLES.get(kind)
    if article is None:
        return str(INFO_REPLY_RULE["legal_basis_no_article"])
    return str(INFO_REPLY_RULE["legal_basis"]) % {"article": citation_read(article)}


class ReplyRefused(Exception):
    """The case does not wait for an answer now, or the period is over."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ReplyInvalid(Exception):
    """{field: [messages]}: "text", "attachments"."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class OpenRequest:
    """What the citizen is asked, and until when (inclusive)."""

    message: str
    asked_at: datetime.datetime
    reply_by: datetime.date
    legal_basis: str
    unconfirmed: bool

    def as_dict(self) -> dict:
        return {
            "message": self.message,
            "asked_at": rfc3339(self.asked_at),
            "reply_by": self.reply_by.isoformat(),
            "legal_basis": self.legal_basis,
            "unconfirmed": self.unconfirmed,
        }


def reply_period_working_days() -> int:
    return int(getattr(settings, INFO_REPLY_RULE["setting"], INFO_REPLY_RULE["working_days"]))


def info_request_reply_by(event) -> datetime.date:
    """The last day to answer the request for information `event` (a `request_info`): the
    day it set, else the reply period counted from the day it was made. Read from the event
    alone, so its notice gives the same day whenever it is sent."""
    from complaints.services.calendar import working_calendar

    explicit = (event.data or {}).get("reply_by")
    if explicit:
        return datetime.date.fromisoformat(explicit)
    return working_calendar().add_working_days(
        timezone.localtime(event.at).date(), reply_period_working_days()
    )


def open_info_request(case: Case) -> OpenRequest | None:
    """The request the citizen may answer now, or None (the case is not waiting)."""
    if case.status != CaseStatus.NEEDS_INFO:
        return None
    event = case.events.filter(action="request_info").order_by("-at", "-id").first()
    if event is None:
        return None
    return OpenRequest(
        message=event.public_message or (event.data or {}).get("message", ""),
        asked_at=event.at,
        reply_by=info_request_reply_by(event),
        legal_basis=info_reply_basis(case.kind),
        unconfirmed=bool(INFO_REPLY_RULE["unconfirmed"]),
    )


def case_answer_info_request(*, case_id: int, text: str, files=None) -> CaseEvent:
    """Record the citizen's answer and move the case as the table says.

    Raises ReplyInvalid (nothing to send, text too long, a refused file) before
    anything is written, ReplyRefused when the case does not wait for an answer (already
    answered: a double click or a second tab) or the period is over. The case row is
    locked, so two answers at once record one."""
    text = (text or "").strip()
    errors: dict[str, list[str]] = {}
    if len(text) > MAX_REPLY_LENGTH:
        errors.setdefault("text", []).append(
            _("Nội dung bổ sung dài tối đa %(max)d ký tự; bạn đã nhập %(count)d ký tự.")
            % {"max": MAX_REPLY_LENGTH, "count": len(text)}
        )
    files = [f for f in (files or []) if f]
    if not text and not files:
        errors.setdefault("text", []).append(
            _("Hãy nhập nội dung bổ sung hoặc đính kèm ít nhất một tệp.")
        )
    cleaned = []
    try:
        cleaned = attachment_service.attachments_clean(files=files)
    except attachment_service.AttachmentsInvalid as invalid:
        errors["attachments"] = list(invalid.messages)
    if errors:
        raise ReplyInvalid(errors)

    now = timezone.now()
    stored = []
    try:
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=case_id)
            request = open_info_request(case)
            transition = transition_for(case=case, action="complete_info")
            if request is None or transition is None:
                raise ReplyRefused(
                    _("Hồ sơ này hiện không chờ bạn bổ sung thông tin (có thể bạn đã gửi rồi).")
                )
            if timezone.localtime(now).date() > request.reply_by:
                raise ReplyRefused(
                    _(
                        "Đã hết hạn bổ sung thông tin (%(date)s). Hãy liên hệ đường dây nóng "
                        "hoặc gửi hồ sơ mới."
                    )
                    % {"date": request.reply_by.strftime("%d/%m/%Y")}
                )
            stored = attachment_service.attachments_store(case=case, cleaned=cleaned)
            from_status = case.status
            case.status = transition.target
            case._history_user = None
            case._change_reason = "origin=citizen action=case_complete_info"
            case.save()
            # The record is written in Vietnamese whatever the citizen reads, as the
            # workflow's events are: the timeline shows it to everyone as the record's text.
            with translation.override(settings.LANGUAGE_CODE):
                public_message = _("Người gửi đã bổ sung thông tin; hồ sơ tiếp tục được xem xét.")
                note = _("Nội dung bổ sung của người gửi: %(text)s") % {"text": text}
            if not text:
                note = ""
            event = CaseEvent.objects.create(
                case=case,
                action="complete_info",
                from_status=from_status,
                to_status=case.status,
                actor=None,
                at=now,
                is_public=transition.public,
                public_message=public_message,
                note=note,
                data={
                    "origin": "citizen",
                    "reply": text,
                    "attachments": [row.pk for row in stored],
                },
            )
            transaction.on_commit(
                lambda: case_event_recorded.send(sender=Case, case=case, event=event)
            )
            from complaints.notifications.replies import alert_staff_of_reply
            from portal.tasks import enqueue_on_commit

            enqueue_on_commit(alert_staff_of_reply, case.pk, event.pk)
    except Exception:
        attachment_service.attachments_discard(stored)
        raise
    return event


# ---- reminders: the citizen's answer is nearly due ------------------------------------

REMIND_WORKING_DAYS_BEFORE = 2


def citizen_reminders_send(*, today: datetime.date | None = None) -> int:
    """Queue one reminder per request for information whose reply period ends within
    `REMIND_WORKING_DAYS_BEFORE` working days (purpose "reminder": sent only by the
    channels and for the purposes the citizen chose). Idempotent: the reminder is
    recorded as a `DeadlineReminder` row (step ``citizen_reply:<event id>``, unique per
    case), so cron may run it as often as it likes. Returns the reminders queued."""
    from django.db import IntegrityError

    from complaints.models import DeadlineReminder, Reporter
    from complaints.models.reminders import ReminderThreshold
    from complaints.notifications.notifier import deliver_reminder, reader_language
    from complaints.services.calendar import working_calendar
    from portal.tasks import enqueue_on_commit

    today = today or timezone.localdate()
    horizon = working_calendar().add_working_days(today, REMIND_WORKING_DAYS_BEFORE)
    queued = 0
    for case in Case.objects.filter(status=CaseStatus.NEEDS_INFO).order_by("id"):
        request = open_info_request(case)
        if request is None or not (today <= request.reply_by <= horizon):
            continue
        asked = case.events.filter(action="request_info").order_by("-at", "-id").first()
        # In the language the citizen reads their messages in (complaints.emails).
        language = reader_language(Reporter.objects.filter(case=case).only("language").first())
        with translation.override(language):
            text = _(
                "Cơ quan tiếp nhận đang chờ bạn bổ sung thông tin; hạn gửi là hết ngày %(date)s."
            ) % {"date": request.reply_by.strftime("%d/%m/%Y")}
        try:
            with transaction.atomic():
                DeadlineReminder.objects.create(
                    case=case,
                    step=f"citizen_reply:{asked.pk}",
                    threshold=ReminderThreshold.BEFORE,
                    due=request.reply_by,
                    recipients=1,
                )
                enqueue_on_commit(deliver_reminder, case.pk, str(text))
        except IntegrityError:
            continue  # already reminded
        queued += 1
    return queued
