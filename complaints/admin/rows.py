"""What one line of the workspace list shows, worked out in Python before the template.

The list shows 50 cases a page. Worked out in the template, each row cost about 2 ms of
Django's template engine (profiled at 100,000 cases, docs/benchmarks.md "Staff screens"):
every `get_kind_display` rebuilt the field's choices and translated each of them, the
deadline cell was an `{% include %}` (a context pushed per row), and the `{% url %}`, the
`|date` filters and a dozen `{% translate %}` tags ran per cell. Here the label tables are
translated once per request (in the language the admin activated for this user), and a
row is plain values the template prints. The row keeps the case itself under `case`
(tests and the facets read it).

The case page's related cases (up to four lists of ten) are lines of the same kind:
`related_lines` works them out the same way."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.querysets import is_verification_overdue

# The deadline pill, as `complaints/admin/_due.html` draws it (the case page uses that one).
SOON_DAYS = 3


@dataclass(frozen=True)
class DueBadge:
    iso: str  # for <time datetime>
    day: str  # dd/mm/yyyy
    tone: str  # the pill's modifier: overdue, soon, ok
    text: str


class RowLabels:
    """The translated labels of one request, each translated once."""

    def __init__(self):
        self.kinds = {value: str(label) for value, label in CaseKind.choices}
        self.statuses = {value: str(label) for value, label in CaseStatus.choices}
        self.channels = {value: str(label) for value, label in Channel.choices}
        self.second_time = gettext("lần 2")
        self.unassigned = gettext("chưa phân công")
        self._pills: dict[int, tuple[str, str]] = {}
        # A complaint's or denunciation's verification ends in a report; another kind's
        # period is simply past (complaints/rules/verification_report.py).
        self.verification_late = gettext("Quá hạn xác minh")
        self.verification_unreported = gettext("Quá hạn xác minh, chưa báo cáo kết quả")

    def verification_pill(self, case) -> str:
        from complaints.rules.verification_report import REPORT_KINDS

        return (self.verification_unreported if case.kind in REPORT_KINDS
                else self.verification_late)

    def pill(self, days_left: int, working_days_left: int = 0) -> tuple[str, str]:
        """(tone, text) of the deadline pill for this many days left (negative: overdue).
        The tone follows the calendar days, as the "due soon" counter and filter count them;
        the text says the working days left when there are some: staff plan in working days,
        and most steps are counted in them (DOMAIN.md §4)."""
        key = (days_left, working_days_left)
        if key not in self._pills:
            if days_left < 0:
                days = -days_left
                pill = ("overdue", ngettext(
                    "Quá hạn %(days)s ngày", "Quá hạn %(days)s ngày", days
                ) % {"days": days})
            elif days_left == 0:
                pill = ("soon", gettext("Hết hạn hôm nay"))
            else:
                tone = "soon" if days_left <= SOON_DAYS else "ok"
                if working_days_left > 0:
                    text = ngettext(
                        "Còn %(days)s ngày làm việc", "Còn %(days)s ngày làm việc",
                        working_days_left,
                    ) % {"days": working_days_left}
                else:  # a day off before a deadline that falls on one
                    text = ngettext(
                        "Còn %(days)s ngày", "Còn %(days)s ngày", days_left
                    ) % {"days": days_left}
                pill = (tone, text)
            self._pills[key] = pill
        return self._pills[key]

    def select(self, code: str) -> str:
        return gettext("Chọn hồ sơ %(code)s") % {"code": code}


def working_days_left(due: datetime.date | None, today: datetime.date) -> int:
    """The working days from tomorrow to the deadline's day, that day included (the working
    calendar's holidays and swapped days); 0 when it is today or past."""
    if due is None or due <= today:
        return 0
    from complaints.services.calendar import working_calendar

    return working_calendar().working_days_between(today, due)


def due_info(
    due: datetime.date | None,
    today: datetime.date,
    *,
    due_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
    calendar_days: bool = False,
) -> dict:
    """What `complaints/admin/_due.html` draws for a deadline. A step counted in hours
    (`due_at`: the 24-hour press statement) is drawn by its time and the clock hours left or
    past, begun hours counted whole ("còn 5 giờ" with 4 h 30 left), never in days. A step
    counted in calendar days (`calendar_days`: a complaint's 30 days, Điều 28 Luật Khiếu nại)
    is counted down in calendar days, never in working days."""
    left = None if due is None else (due - today).days
    info = {
        "due": due,
        "days_left": left,
        "overdue_days": -left if left and left < 0 else 0,
        "working_days_left": 0 if calendar_days else working_days_left(due, today),
        "due_at": due_at,
        "hours_left": 0,
        "overdue_hours": 0,
    }
    if due_at is not None:
        seconds = (due_at - (now or timezone.now())).total_seconds()
        hours = max(1, math.ceil(abs(seconds) / 3600))
        info["hours_left" if seconds > 0 else "overdue_hours"] = hours
    return info


def due_badge(due: datetime.date | None, today: datetime.date, labels: RowLabels):
    if due is None:
        return None
    tone, text = labels.pill((due - today).days, working_days_left(due, today))
    return DueBadge(iso=due.isoformat(), day=due.strftime("%d/%m/%Y"), tone=tone, text=text)


def list_rows(cases, *, today: datetime.date, new_ids: set[int], handler_name) -> list[dict]:
    """The rows of one page of `cases` (annotated with `next_due`, with the facility, the
    unit, the handler and the reporter selected). `handler_name(user)` names the handler. A
    tố cáo's title is shown with the denouncer's identity redacted, to every reader of the
    list (no query per case: who may see it is asked on the case page). The deadline shown
    is the case's next deadline (`complaints.querysets.next_due_expression`): the nearer of
    its step's and of a notice still to send, what the deadline order sorts by and the
    overdue and due-soon filters and counters read; below it, a verification past its period
    without a report (`verification_overdue_condition`, read from the row's own columns)."""
    from complaints.services.confidential_text import redacted

    labels = RowLabels()
    rows = []
    for case in cases:
        received = timezone.localtime(case.received_at)
        kind = labels.kinds.get(case.kind, case.kind)
        if case.second_time:
            kind = f"{kind} ({labels.second_time})"
        rows.append({
            "case": case,
            "title": redacted(case.title, case=case),
            "url": reverse("complaints_admin:detail", args=[case.tracking_code]),
            "select_label": labels.select(case.tracking_code),
            "is_new": case.pk in new_ids,
            "kind": kind,
            "status": labels.statuses.get(case.status, case.status),
            "channel": labels.channels.get(case.channel, case.channel),
            "facility": (case.facility.name if case.facility_id else "") or "—",
            "unit": (case.assigned_unit.name if case.assigned_unit_id else "")
            or labels.unassigned,
            "handler": handler_name(case.assigned_user) if case.assigned_user_id else "",
            "received_iso": received.isoformat(),
            "received_day": received.strftime("%d/%m/%Y"),
            "due": due_badge(case.next_due, today, labels),
            "verification_late": (labels.verification_pill(case)
                                  if is_verification_overdue(case, today) else ""),
        })  # fmt: skip
    return rows


def related_lines(cases, *, labels: RowLabels) -> list[dict]:
    """The lines of one list of related cases on the case page (`_case_links.html`):
    link, code, title, kind, state and day of receipt, as plain values. A tố cáo's title
    redacted, as in the list (`list_rows`)."""
    from complaints.services.confidential_text import redacted

    return [
        {
            "url": reverse("complaints_admin:detail", args=[case.tracking_code]),
            "code": case.tracking_code,
            "title": redacted(case.title, case=case),
            "kind": labels.kinds.get(case.kind, case.kind),
            "status": labels.statuses.get(case.status, case.status),
            "received_day": timezone.localtime(case.received_at).strftime("%d/%m/%Y"),
        }
        for case in cases
    ]
