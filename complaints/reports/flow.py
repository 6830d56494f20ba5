"""The cases of a period as at its end, from the moments each case records, never from the
status it has today: what an inspectorate's periodic report counts per kind, a khiếu nại
split into lần đầu and lần hai (`Case.second_time`).

A case leaves the handling when it is resolved (`concluded_at`, kết luận / quyết định giải
quyết) or refused, forwarded, filed or withdrawn (`closed_at`, which the workflow sets on
each of those steps): its exit moment (`exit_at`). Its status today says only which of
those exits it took. So, for a period [since, until):

- kỳ trước chuyển sang: received before the period, not out before it;
- tiếp nhận trong kỳ: received in the period;
- thụ lý trong kỳ: accepted in the period (`accepted_at`, the day the acceptance decided);
- giải quyết / không thụ lý / chuyển đơn / lưu đơn / rút đơn: out by the period's end;
- tồn cuối kỳ: not out by the period's end (a case resolved after it counts here), and of
  those, overdue at the period's end: the deadline of the step it then waited on (acceptance
  before `accepted_at`, resolution after; for a press case the notice of measures too, as
  `querysets.overdue_condition`), as the deadline rows in force at the end set it, fell on
  or before the period's last day, and its clock did not then stand.

Kỳ trước chuyển sang + tiếp nhận trong kỳ = every exit by the end + tồn cuối kỳ, for every
kind (`FlowRow.balances`): both sides count the same cases, by when they arrived and by where
they stood at the end.

What the case changed after the end, this reads back from its records (`as_at_end`):
- the deadlines are those in force at the end: the `CaseDeadline` rows created before it
  and not superseded before it (an extension, a finding of complexity or remoteness, a
  resumption or a change of the calendar after the end does not move them);
- a case whose last suspension or resumption decided by the end was a suspension is not
  overdue then (its clock stood: khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP, as added by
  Nghị định 155/2026/NĐ-CP; khoản 2 Điều 34 Luật Tố cáo); one suspended only after the end
  is judged by its deadline at the end;
- a case reopened after the end (`reopen` clears its exit moment and finding) counts as
  out at the end when its events before the end had taken it out: resolved at its
  conclusion's event, with the finding that event recorded, or refused, filed… at the step's
  event.

What it still cannot tell: the unit is today's (a review by the level above moves the case
there, and a report of the deciding unit no longer counts it); a reopened case's exit is
the moment its event was recorded (a paper decision entered later: the day entered, not the
day signed) and it counts again from the period it was reopened in, as carried over, so the
period before's tồn cuối kỳ and the next one's kỳ trước chuyển sang differ by it; a deadline
row entered only after the end for a step decided before it (a backdated acceptance) is read
as the first row stored after the end; a case with no deadline rows, a suspended case with
no suspension event, or a closed case without its exit moment (older data) counts by its
fields today (the last from its receipt).

Of the khiếu nại and tố cáo resolved, the finding their decision states (`Case.finding`):
đúng, đúng một phần, sai (điểm g khoản 2 Điều 31, điểm h khoản 2 Điều 40 Luật Khiếu nại;
điểm c khoản 2 Điều 35 Luật Tố cáo), and "chưa ghi" for those concluded before the portal
recorded it; the other kinds' columns leave these lines blank.

One query whatever the number of cases, grouped by kind and lần đầu/lần hai: the few cases
whose records matter (`as_at_end.event_cases`) read them by subqueries correlated on each
case, every other case only its own fields, the two parts as one UNION ALL
(`as_at_end.apart`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields

from django.db.models import BooleanField, Count, DateField, F, Q, Value, When
from django.db.models import Case as Conditional
from django.db.models.functions import Coalesce, Least, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind, CaseStatus, ConclusionFinding
from complaints.reports.as_at_end import (
    EventCases,
    apart,
    running_then,
    with_deadlines_then,
    with_state_at_end,
)
from complaints.reports.periods import LATE, ON_TIME, RESOLVED_STATUSES

# The ways out of the handling other than a resolution, each with its status.
OTHER_EXITS = {
    "rejected": CaseStatus.REJECTED,
    "forwarded": CaseStatus.FORWARDED,
    "filed": CaseStatus.FILED,
    "withdrawn": CaseStatus.WITHDRAWN,
}

# The columns of the report: a khiếu nại lần đầu and lần hai apart, then the total.
FIRST_COMPLAINT = "khieu_nai_lan_dau"
SECOND_COMPLAINT = "khieu_nai_lan_hai"
TOTAL = "total"
COLUMNS = (
    (CaseKind.PHAN_ANH, _("Phản ánh")),
    (CaseKind.KIEN_NGHI, _("Kiến nghị")),
    (FIRST_COMPLAINT, _("Khiếu nại lần đầu")),
    (SECOND_COMPLAINT, _("Khiếu nại lần hai")),
    (CaseKind.TO_CAO, _("Tố cáo")),
    (CaseKind.BAO_CHI, _("Thông tin báo chí phản ánh")),
)

# The lines of the report's table (columns: `COLUMNS` and the total), each a `FlowRow`
# attribute: the page, the CSV, the XLSX and the PDF show these, in this order.
LINES = (
    ("carried_over", _("Kỳ trước chuyển sang")),
    ("received", _("Tiếp nhận trong kỳ")),
    ("in_hand", _("Tổng số phải xử lý")),
    ("accepted", _("Thụ lý trong kỳ")),
    ("resolved", _("Đã giải quyết trong kỳ")),
    ("resolved_on_time", _("trong đó: đúng hạn")),
    ("resolved_late", _("trong đó: trễ hạn")),
    ("resolved_without_deadline", _("trong đó: không có thời hạn giải quyết")),
    ("resolved_correct", _("trong đó: kết luận đúng")),
    ("resolved_partly_correct", _("trong đó: kết luận đúng một phần")),
    ("resolved_wrong", _("trong đó: kết luận sai (tố cáo sai sự thật)")),
    ("resolved_no_finding", _("trong đó: chưa ghi kết luận đúng, sai")),
    ("rejected", _("Không thụ lý")),
    ("forwarded", _("Chuyển đơn")),
    ("filed", _("Lưu đơn")),
    ("withdrawn", _("Rút đơn")),
    ("pending", _("Chưa giải quyết xong đến cuối kỳ")),
    ("pending_overdue", _("trong đó: quá hạn tại cuối kỳ")),
)
# Under the table, wherever it is shown.
NOTE = _(
    "Tính đến cuối kỳ theo thời điểm ghi trên hồ sơ (tiếp nhận, thụ lý, kết luận, đóng), "
    "không theo trạng thái hiện nay: hồ sơ giải quyết sau ngày cuối kỳ được tính là chưa "
    "giải quyết xong. Kỳ trước chuyển sang cộng tiếp nhận trong kỳ bằng số đã giải quyết, "
    "không thụ lý, chuyển đơn, lưu đơn, rút đơn cộng số chưa giải quyết xong. Với phản ánh, "
    "kiến nghị, thụ lý là tiếp nhận để xử lý. Kết luận đúng, đúng một phần, sai: của khiếu "
    "nại (điểm g khoản 2 Điều 31, điểm h khoản 2 Điều 40 Luật Khiếu nại) và tố cáo (điểm c "
    "khoản 2 Điều 35 Luật Tố cáo) đã giải quyết trong kỳ; chưa ghi: kết luận trước khi Cổng "
    "ghi nhận nội dung này."
)
# Lines that are a part of the line above them ("trong đó"), indented on the page and PDF.
# The finding of a resolved khiếu nại, tố cáo (`Case.finding`), by line; "" none recorded.
FINDING_LINES = {
    "resolved_correct": ConclusionFinding.CORRECT,
    "resolved_partly_correct": ConclusionFinding.PARTLY_CORRECT,
    "resolved_wrong": ConclusionFinding.WRONG,
    "resolved_no_finding": "",
}
# The kinds whose conclusion states a finding (complaints/rules/decision.py), as columns.
FINDING_KINDS = (CaseKind.KHIEU_NAI, CaseKind.TO_CAO)
FINDING_COLUMNS = frozenset({FIRST_COMPLAINT, SECOND_COMPLAINT, CaseKind.TO_CAO, TOTAL})
PART_LINES = frozenset({"resolved_on_time", "resolved_late", "resolved_without_deadline",
                        *FINDING_LINES, "pending_overdue"})  # fmt: skip


@dataclass(frozen=True)
class FlowLine:
    code: str
    label: str
    values: list[int | str]  # per column of the table, the total last ("": not of that kind)
    part: bool


def flow_lines(rows: list[FlowRow]) -> list[FlowLine]:
    """The table as lines (`LINES`) of values per column: how every output lays it out."""
    return [
        FlowLine(code, str(label), [_value(row, code) for row in rows], code in PART_LINES)
        for code, label in LINES
    ]


def _value(row: FlowRow, code: str) -> int | str:
    """The figure of `row` on line `code`; blank where the line is not of its kind."""
    if code in FINDING_LINES and row.code not in FINDING_COLUMNS:
        return ""
    return getattr(row, code)


@dataclass(frozen=True)
class FlowRow:
    """The figures of one kind (or of all: `code == TOTAL`) for the period."""

    code: str
    label: str
    carried_over: int
    received: int
    accepted: int
    resolved: int
    resolved_on_time: int
    resolved_late: int
    resolved_correct: int
    resolved_partly_correct: int
    resolved_wrong: int
    resolved_no_finding: int
    rejected: int
    forwarded: int
    filed: int
    withdrawn: int
    pending: int
    pending_overdue: int

    @property
    def in_hand(self) -> int:
        """Tổng số phải xử lý: carried over and received."""
        return self.carried_over + self.received

    @property
    def resolved_without_deadline(self) -> int:
        return self.resolved - self.resolved_on_time - self.resolved_late

    @property
    def out(self) -> int:
        return self.resolved + self.rejected + self.forwarded + self.filed + self.withdrawn

    @property
    def balances(self) -> bool:
        return self.in_hand == self.out + self.pending


COUNTED = [f.name for f in fields(FlowRow) if f.name not in ("code", "label")]


def flow_rows(
    scope,
    *,
    since,
    until,
    end: datetime.date,
    events: EventCases,
    overdue_by: datetime.date | None = None,
) -> list[FlowRow]:
    """The figures per column of `COLUMNS` and their total, for the cases of `scope`;
    `since`/`until` the period's bounds (`portal.local_days.local_bounds`), `end` its last day (of a
    period not yet over, today), `events` the cases whose records it reads
    (`as_at_end.event_cases`), `overdue_by` as `conditions` reads it."""
    grouped = apart(
        scope,
        events,
        lambda cases, events: _grouped(
            cases, since=since, until=until, end=end, events=events, overdue_by=overdue_by
        ),
    )
    per_column: dict[str, dict[str, int]] = {}
    for row in grouped:  # a group may come twice (`as_at_end.apart`): summed
        column = row["kind"]
        if column == CaseKind.KHIEU_NAI:
            column = SECOND_COMPLAINT if row["second_time"] else FIRST_COMPLAINT
        figures = per_column.setdefault(column, dict.fromkeys(COUNTED, 0))
        for name in COUNTED:
            figures[name] += row[name]
    rows = [
        FlowRow(code=code, label=str(label), **per_column.get(code, dict.fromkeys(COUNTED, 0)))
        for code, label in COLUMNS
    ]
    total = {name: sum(getattr(row, name) for row in rows) for name in COUNTED}
    return [*rows, FlowRow(code=TOTAL, label=str(_("Tổng số")), **total)]


def due_at_end_expression():
    """The deadline of the step the case waited on at the end (needs `with_deadlines_then`
    and `accepted_by_end`): acceptance before `accepted_at`, resolution after; for a press
    case after thụ lý the nearer of its notice of measures (`accept_by`; khoản 3 Điều 18
    Nghị định 237/2026, as the case list counts it) and its answer. Written so a NULL
    moment (open, not accepted) reads as "not yet", and the nearer of two days ignores a
    missing one (SQLite's MIN of a NULL is NULL)."""
    press_nearer = Least(
        Coalesce("press_notice_by_then", "resolve_by_then"),
        Coalesce("resolve_by_then", "press_notice_by_then"),
    )
    return Conditional(
        When(Q(accepted_by_end=True, kind=CaseKind.BAO_CHI), then=press_nearer),
        When(accepted_by_end=True, then=F("resolve_by_then")),
        default=F("accept_by_then"),
        output_field=DateField(),
    )


def cases_as_at_end(scope, *, since, until, end: datetime.date, events: EventCases):
    """The cases of `scope` the period's figures count (every case received by the end but
    those already out before the period began), each with what it was at the end: its way
    out (`as_at_end.with_state_at_end`), the deadlines then (`with_deadlines_then`), whether
    it was accepted by then (`accepted_by_end`), the day of the step it then waited on
    (`due_at_end`) and its conclusion's day (`concluded_on`). The table (`flow_rows`) and the
    overdue list (`period.period_report`) both read these, with `conditions`."""
    cases = with_deadlines_then(
        with_state_at_end(scope, until=until, events=events), end=end, until=until, events=events
    )
    return (
        cases.alias(
            # The conclusion then: on time against the resolution deadline (`periods.ON_TIME`).
            concluded_on=TruncDate("concluded_at_end", tzinfo=timezone.get_current_timezone()),
            accepted_by_end=Conditional(
                When(accepted_at__lt=until, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .alias(due_at_end=due_at_end_expression())
        .filter(
            Q(received_at__lt=until)
            & (Q(received_at__gte=since) | Q(exit_at__isnull=True) | Q(exit_at__gte=since))
        )
    )


def conditions(
    *,
    since,
    until,
    end: datetime.date,
    events: EventCases,
    overdue_by: datetime.date | None = None,
) -> dict[str, Q]:
    """Each figure of `COUNTED` as a condition on the cases of `cases_as_at_end`: the one
    definition the table counts and the overdue list filters by. `overdue_by` is the last
    day whose deadlines had run out: the period's last day (`end`, the default) once it is
    over; of a period not yet over, the day before today (a deadline runs to the end of its
    day: a case due today is not late yet, as the case list and the dashboard count it)."""
    overdue_by = end if overdue_by is None else overdue_by
    # Written without negations: a NULL moment (open, not accepted) must compare as "not yet".
    out_by_end = Q(exit_at__lt=until)
    pending = Q(exit_at__isnull=True) | Q(exit_at__gte=until)
    # The deadline in force at the end of the step the case then waited on fell on or before
    # `overdue_by`, and its clock did not then stand (suspended: `as_at_end.running_then`).
    overdue_at_end = pending & Q(due_at_end__lte=overdue_by) & running_then(events)
    resolved = Q(status_at_end__in=RESOLVED_STATUSES) & out_by_end
    return {
        "carried_over": Q(received_at__lt=since),
        "received": Q(received_at__gte=since),
        "accepted": Q(accepted_at__gte=since, accepted_at__lt=until),
        "resolved": resolved,
        "resolved_on_time": resolved & ON_TIME,
        "resolved_late": resolved & LATE,
        **{
            code: resolved & Q(kind__in=FINDING_KINDS, finding_at_end=finding)
            for code, finding in FINDING_LINES.items()
        },
        **{code: Q(status_at_end=status) & out_by_end for code, status in OTHER_EXITS.items()},
        "pending": pending,
        "pending_overdue": overdue_at_end,
    }


def _grouped(scope, *, since, until, end: datetime.date, events: EventCases, overdue_by=None):
    """The counts of `flow_rows` per kind and round, `events` the records it reads."""
    counts = conditions(
        since=since, until=until, end=end, events=events, overdue_by=overdue_by
    )
    return (
        cases_as_at_end(scope, since=since, until=until, end=end, events=events)
        .values("kind", "second_time")
        .annotate(**{name: Count("pk", filter=condition) for name, condition in counts.items()})
    )
