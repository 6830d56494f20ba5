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

__all__ = ["SecondTimeCheck", "second_time_check", "second_time_late_for_staff"]


@dataclass(frozen=True)
class SecondTimeCheck:
    status: str  # "in_time", "late", "premature", or "unknown" (not enough dates)
    message: str | None
    window_due: datetime.date | None = None
    first_deadline: datetime.date | None = None
    window_start: datetime.date | None = None  # the day the window counts from
    window_days: int | None = None  # 30, or 45 in a remote area


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
    window_fields = {"window_start": window.start_date, "window_days": window.amount}
    if window.due_date >= today:
        return SecondTimeCheck("in_time", None, window.due_date, first_deadline, **window_fields)
    return SecondTimeCheck(
        "late",
        _late_message(
            since=since, start=window.start_date, due=window.due_date, today=today,
            remote=remote,
            remote_due=None if remote else second_time_check(
                first_decision_ref=first_decision_ref,
                first_decision_received_on=first_decision_received_on,
                first_deadline_passed=first_deadline_passed,
                first_accepted_on=first_accepted_on,
                remote=True,
                today=today,
            ).window_due,
        ),
        window.due_date,
        first_deadline,
        **window_fields,
    )


def _late_message(*, since, start, due, today, remote: bool, remote_due) -> str:
    """The citizen's warning of a second complaint past its window (khoản 1 Điều 33 Luật
    Khiếu nại: 30 days, 45 in a remote area where travel is difficult). The form cannot
    know whether staff will flag the case as remote, so without the flag it gives both
    windows, each with its last day (`remote_due`, None when the dates given do not tell);
    it warns, it never refuses: time lost to an objective obstacle is not counted and the
    one who accepts decides (Điều 9, khoản 6 Điều 11 Luật Khiếu nại)."""
    values = {"since": since, "start": _fmt(start), "due": _fmt(due)}
    if remote:
        period = _(
            "Thời hạn khiếu nại lần hai ở vùng sâu, vùng xa đi lại khó khăn "
            "thì có thể kéo dài nhưng không quá 45 ngày kể từ "
            "%(since)s (khoản 1 Điều 33 Luật Khiếu nại); tính từ ngày %(start)s thì đã hết vào "
            "ngày %(due)s."
        ) % values
    elif remote_due is None:
        period = _(
            "Thời hạn khiếu nại lần hai là 30 ngày kể từ %(since)s, tính từ ngày %(start)s thì "
            "đã hết vào ngày %(due)s; ở vùng sâu, vùng xa đi lại khó khăn thì "
            "có thể kéo dài nhưng không quá 45 ngày (khoản 1 "
            "Điều 33 Luật Khiếu nại)."
        ) % values
    elif remote_due >= today:
        period = _(
            "Thời hạn khiếu nại lần hai là 30 ngày kể từ %(since)s, tính từ ngày %(start)s thì "
            "đã hết vào ngày %(due)s; ở vùng sâu, vùng xa đi lại khó khăn thì "
            "có thể kéo dài nhưng không quá 45 ngày, đến hết "
            "ngày %(remote_due)s (khoản 1 Điều 33 Luật Khiếu nại): nếu bạn ở vùng đó, hãy ghi "
            "rõ trong nội dung."
        ) % {**values, "remote_due": _fmt(remote_due)}
    else:
        period = _(
            "Thời hạn khiếu nại lần hai là 30 ngày kể từ %(since)s, tính từ ngày %(start)s thì "
            "đã hết vào ngày %(due)s; ở vùng sâu, vùng xa đi lại khó khăn thì "
            "có thể kéo dài nhưng không quá 45 ngày, cũng đã "
            "hết vào ngày %(remote_due)s (khoản 1 Điều 33 Luật Khiếu nại)."
        ) % {**values, "remote_due": _fmt(remote_due)}
    reason = _(
        "Nếu vì ốm đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa hoặc trở ngại "
        "khách quan khác mà bạn không khiếu nại đúng hạn, hãy nêu rõ lý do trong nội dung; "
        "nếu không, khiếu nại có thể không được thụ lý (Điều 11). Đơn vẫn được tiếp nhận để "
        "người có thẩm quyền xem xét."
    )
    return f"{period} {reason}"


def second_time_late_for_staff(case) -> str | None:
    """What staff read on the case page of a second-time complaint that reached the Sở after
    its window (khoản 1 Điều 33 Luật Khiếu nại), counted to the day it was received (a letter
    typed in later counts from its arrival) with the case's own remote-area flag; None when
    it came in time or the dates it gives do not tell. It is filed, never refused at the door:
    the one who accepts it decides (khoản 6 Điều 11 Luật Khiếu nại refuses a late complaint
    only without a good reason; Điều 9 names the objective obstacles not counted)."""
    from complaints.kinds import CaseKind

    if case.kind != CaseKind.KHIEU_NAI or not case.second_time or case.received_at is None:
        return None
    received_on = timezone.localdate(case.received_at)
    check = second_time_check(
        first_decision_ref=case.first_decision_ref,
        first_decision_received_on=case.first_decision_received_on,
        first_deadline_passed=case.first_deadline_passed,
        first_accepted_on=case.first_accepted_on,
        remote=case.is_remote,
        today=received_on,
    )
    if check.status != "late" or check.window_due is None or check.window_start is None:
        return None
    if case.first_deadline_passed and not case.first_decision_ref:
        since = _("ngày hết thời hạn giải quyết lần đầu mà chưa có quyết định")
    else:
        since = _("ngày nhận được quyết định giải quyết lần đầu")
    return _(
        "Khiếu nại lần hai gửi quá thời hạn: khoản 1 Điều 33 Luật Khiếu nại cho %(days)s ngày "
        "kể từ %(since)s (%(start)s), thời hạn đã hết ngày %(due)s; đơn đến ngày %(received)s, "
        "quá %(late)s ngày. Trước khi thụ lý, xem người khiếu nại có lý do chính đáng không: "
        "thời gian ốm đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa hoặc trở ngại "
        "khách quan khác không tính vào thời hạn (Điều 9 Luật Khiếu nại); có thì thụ lý và ghi "
        "rõ lý do, không có thì không thụ lý (khoản 6 Điều 11 Luật Khiếu nại)."
    ) % {
        "days": check.window_days,
        "since": since,
        "start": _fmt(check.window_start),
        "due": _fmt(check.window_due),
        "received": _fmt(received_on),
        "late": (received_on - check.window_due).days,
    }
