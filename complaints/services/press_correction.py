"""The outlet's correction (cải chính) after the Sở's written reply, as the workflow
applies it (DOMAIN.md §6; the law: `complaints.rules.press_correction`):

- ``request_correction``: the written reply asking for correction was sent; the day the
  outlet received it and the outlet's medium give the outlet's deadline, stored as the
  step ``press_correction`` (a new request supersedes the current one);
- ``record_correction_published``: the outlet published the correction (day, link);
  settles the step, on time or late.

The step is the outlet's duty: it is never counted as the Sở's overdue (it is not a
notice step). Both actions are rows of `complaints.transitions.TRANSITIONS`; the handlers
and field cleaners are registered in `complaints.services.workflow`.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import deadlines as engine
from complaints.models import Case, CaseDeadline
from complaints.rules.press_correction import (
    CORRECTION_MEDIA,
    NEXT_ISSUE,
    STEP,
    correction_due,
    correction_medium,
)
from complaints.step_labels import medium_label
from complaints.validation import day_field, past_day_field
from portal.lazy_text import lazy_message, read_later

__all__ = [
    "PRESS_CORRECTION_FIELD_CLEANERS",
    "PRESS_CORRECTION_HANDLERS",
    "correction_pending",
    "correction_published_refusal",
]


def correction_pending(case) -> CaseDeadline | None:
    """The case's current correction step not yet settled, if any."""
    return CaseDeadline.objects.filter(
        case=case, step=STEP, superseded_at__isnull=True, settled_at__isnull=True
    ).first()


def correction_published_refusal(case) -> str | None:
    """Why ``record_correction_published`` is closed for the case now (its guard)."""
    if correction_pending(case) is None:
        return _("Hồ sơ không có đề nghị cải chính nào đang chờ cơ quan báo chí đăng.")
    return None


def _fmt(day: datetime.date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


# ---- fields ----------------------------------------------------------------------------------


def _past_day(raw, *, case: Case, today, label: str):
    received_on = timezone.localtime(case.received_at).date()
    return past_day_field(raw, received_on=received_on, today=today, label=label)


def _clean_medium(raw, *, case: Case, today):
    if raw in (None, ""):
        return None, None
    if correction_medium(str(raw)) is None:
        return None, lazy_message(
            gettext_lazy("Chọn một trong: %(choices)s."),
            choices=read_later(
                lambda: ", ".join(medium_label(m.code) for m in CORRECTION_MEDIA)
            ),
        )
    return str(raw), None


def _clean_outlet_received_on(raw, *, case: Case, today):
    return _past_day(
        raw, case=case, today=today, label=gettext_lazy("Ngày cơ quan báo chí nhận văn bản")
    )


def _clean_next_issue_on(raw, *, case: Case, today):
    return day_field(raw)  # may lie ahead; checked against the receipt by the handler


def _clean_published_on(raw, *, case: Case, today):
    return _past_day(raw, case=case, today=today, label=gettext_lazy("Ngày đăng cải chính"))


def _clean_reply_ref(raw, *, case: Case, today):
    if raw in (None, ""):
        return None, None
    if not isinstance(raw, str):
        return None, gettext_lazy("Giá trị phải là văn bản.")
    value = raw.strip()
    if len(value) > 255:
        return None, lazy_message(gettext_lazy("Tối đa %(count)s ký tự."), count=255)
    return value, None


def _clean_correction_url(raw, *, case: Case, today):
    if raw in (None, ""):
        return None, None
    if not isinstance(raw, str):
        return None, gettext_lazy("Giá trị phải là văn bản.")
    value = raw.strip()
    if len(value) > 500:
        return None, lazy_message(gettext_lazy("Tối đa %(count)s ký tự."), count=500)
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return None, gettext_lazy("Đường dẫn không hợp lệ (bắt đầu bằng http:// hoặc https://).")
    return value, None


PRESS_CORRECTION_FIELD_CLEANERS = {
    "medium": _clean_medium,
    "outlet_received_on": _clean_outlet_received_on,
    "next_issue_on": _clean_next_issue_on,
    "reply_ref": _clean_reply_ref,
    "published_on": _clean_published_on,
    "correction_url": _clean_correction_url,
}


# ---- handlers --------------------------------------------------------------------------------


def _request_correction(step) -> None:
    """The reply asking for correction reached the outlet: store the outlet's deadline."""
    from complaints.services.calendar import working_calendar
    from complaints.services.workflow import TransitionInvalid

    case, f = step.case, step.fields
    medium = correction_medium(f["medium"])
    received = f["outlet_received_on"]
    next_issue = f.get("next_issue_on")
    if medium.counted_in == NEXT_ISSUE:
        if next_issue is None:
            raise TransitionInvalid(
                {
                    "next_issue_on": [
                        gettext_lazy(
                            "Báo tuần, tạp chí đăng cải chính trong số ra gần nhất: hãy nhập "
                            "ngày phát hành số ra gần nhất."
                        )
                    ]
                }
            )
        if next_issue < received:
            raise TransitionInvalid(
                {
                    "next_issue_on": [gettext_lazy(
                        "Số ra gần nhất không được trước ngày cơ quan báo chí nhận văn bản."
                    )]
                }
            )
    elif next_issue is not None:
        raise TransitionInvalid(
            {"next_issue_on": [gettext_lazy("Chỉ nhập ngày số ra gần nhất cho báo tuần, tạp chí.")]}
        )
    due = correction_due(
        medium=medium.code, received=received, next_issue=next_issue, calendar=working_calendar()
    )
    step.data.update(
        medium=medium.code,
        medium_label=medium_label(medium.code),
        outlet_received_on=received.isoformat(),
        next_issue_on=next_issue.isoformat() if next_issue else None,
        reply_ref=f.get("reply_ref", ""),
        due=due.due.isoformat(),
        legal_basis=due.legal_basis,
    )

    def save() -> None:
        reason = f"origin={step.origin} action=case_request_correction"
        for row in CaseDeadline.objects.filter(case=case, step=STEP, superseded_at__isnull=True):
            row.superseded_at = step.now
            row._change_reason = reason
            row._history_user = step.actor
            row.save(update_fields=["superseded_at"])
        row = CaseDeadline(
            case=case,
            step=STEP,
            due=due.due,
            counted_in=due.counted_in,
            amount=due.amount,
            counted_from=due.counted_from,
            legal_basis=due.legal_basis,
            rule_version=engine.rule_version_on(received).code,
            unconfirmed=False,
        )
        row._change_reason = reason
        row._history_user = step.actor
        row.save()

    step.after_save.append(save)


def _record_correction_published(step) -> None:
    """The outlet published the correction: settle its step, late if after the due day."""
    from complaints.services.workflow import TransitionInvalid

    case, f = step.case, step.fields
    row = correction_pending(case)  # the guard ensured one; the case row is locked
    published = f["published_on"]
    if published < row.counted_from:
        raise TransitionInvalid(
            {
                "published_on": [
                    lazy_message(
                        gettext_lazy(
                            "Ngày đăng không được trước ngày cơ quan báo chí nhận văn bản "
                            "(%(date)s)."
                        ),
                        date=_fmt(row.counted_from),
                    )
                ]
            }
        )
    late = published > row.due
    step.data.update(
        published_on=published.isoformat(),
        correction_url=f.get("correction_url", ""),
        due=row.due.isoformat(),
        legal_basis=row.legal_basis,
        late=late,
    )

    def save() -> None:
        row.settled_at = step.now
        row._change_reason = f"origin={step.origin} action=case_record_correction_published"
        row._history_user = step.actor
        row.save(update_fields=["settled_at"])

    step.after_save.append(save)


PRESS_CORRECTION_HANDLERS = {
    "request_correction": _request_correction,
    "record_correction_published": _record_correction_published,
}
