"""Second-time complaints (khiếu nại lần hai) at intake: the citizen's filing window and a
premature second complaint (issue 9 item 7).

Luật KN Art 33(1): within 30 days (45 in remote areas) from receiving the first decision,
or from the day the first-time resolution deadline (Art 28) passed with no decision, the
complainant may complain a second time. The figures are rows of
`complaints.deadlines.RULES` (``second_filing_period``, ``second_filing_period_no_decision``);
this module only applies them. Like the 90 days of Art 9, these are warnings, never
refusals: time lost to an objective obstacle is not counted and staff decide on acceptance
(Art 11). A second complaint while the first is still within its time is recognised as
premature (``status == "premature"``) and said so to the citizen and to staff.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import deadlines as engine

__all__ = ["SecondTimeCheck", "second_time_check"]


@dataclass(frozen=True)
class SecondTimeCheck:
    status: str  # "in_time", "late", "premature", or "unknown" (not enough dates)
    message: str | None
    window_due: datetime.date | None = None
    first_deadline: datetime.date | None = None


def _fmt(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def second_time_check(
    *,
    first_decision_ref: str,
    first_decision_received_on: datetime.date | None,
    first_deadline_passed: bool,
    first_accepted_on: datetime.date | None,
    remote: bool = False,
    today: datetime.date | None = None,
) -> SecondTimeCheck:
    """Where a second-time complaint stands against Luật KN Art 33(1), from the dates the
    complainant gives: the first decision received, or (no decision) the first complaint's
    acceptance, from which the first-time deadline is counted (Art 28: 30 days, 45 in a
    remote area; a complex case may have had up to 45/60, so a premature finding is said
    as such, not as a refusal)."""
    from complaints.services.calendar import working_calendar

    today = today or timezone.localdate()
    calendar = working_calendar()
    try:
        if first_deadline_passed and not first_decision_ref:
            if first_accepted_on is None:
                return SecondTimeCheck("unknown", None)
            first = engine.step_due(
                kind="khieu_nai", step="resolve", start=first_accepted_on, calendar=calendar,
                remote=remote,
            )
            if first.due_date >= today:
                return SecondTimeCheck(
                    "premature",
                    _(
                        "Khiếu nại lần đầu vẫn còn trong thời hạn giải quyết: thụ lý ngày "
                        "%(accepted)s thì hạn giải quyết là ngày %(due)s (Điều 28 Luật Khiếu "
                        "nại; vụ việc phức tạp có thể dài hơn). Chỉ khiếu nại lần hai khi đã "
                        "hết thời hạn đó mà chưa có quyết định, hoặc khi đã nhận quyết định lần "
                        "đầu mà không đồng ý (Điều 33). Hồ sơ vẫn được tiếp nhận để cán bộ "
                        "xem xét."
                    )
                    % {"accepted": _fmt(first_accepted_on), "due": _fmt(first.due_date)},
                    first_deadline=first.due_date,
                )
            window = engine.step_due(
                kind="khieu_nai", step="second_filing_period_no_decision",
                start=first.due_date, calendar=calendar, second=True, remote=remote,
            )
            since = _("ngày hết thời hạn giải quyết lần đầu mà chưa có quyết định")
            first_deadline = first.due_date
        elif first_decision_received_on is not None:
            window = engine.step_due(
                kind="khieu_nai", step="second_filing_period",
                start=first_decision_received_on, calendar=calendar, second=True, remote=remote,
            )
            since = _("ngày nhận được quyết định giải quyết lần đầu")
            first_deadline = None
        else:
            return SecondTimeCheck("unknown", None)
    except engine.DeadlineError:
        return SecondTimeCheck("unknown", None)
    if window.due_date >= today:
        return SecondTimeCheck("in_time", None, window.due_date, first_deadline)
    return SecondTimeCheck(
        "late",
        _(
            "Thời hạn khiếu nại lần hai là 30 ngày (vùng sâu, vùng xa 45 ngày) kể từ "
            "%(since)s (Điều 33 Luật Khiếu nại); tính từ ngày %(start)s thì đã hết vào ngày "
            "%(due)s. Nếu vì ốm đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa hoặc "
            "trở ngại khách quan khác mà bạn không khiếu nại đúng hạn, hãy nêu rõ lý do trong "
            "nội dung; nếu không, khiếu nại có thể không được thụ lý (Điều 11)."
        )
        % {"since": since, "start": _fmt(window.start_date), "due": _fmt(window.due_date)},
        window.due_date,
        first_deadline,
    )
