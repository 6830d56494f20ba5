"""The periodic report for a chosen period and unit (issue 11 §4): what a ministry report is
filled from. Within the user's scope; the unit includes the units below it.

- the cases of the period as at its end, per kind, a khiếu nại lần đầu and lần hai apart
  (`flow.py`): carried over, received, accepted, resolved (on time, late, without a
  deadline), refused, forwarded, filed, withdrawn, still pending at the end and overdue then;
- counts of the cases received in the period, by kind, channel, category and their outcome
  as at the period's end (a case reopened since counts by the exit it had then:
  `as_at_end.with_state_at_end`);
- the overdue list: the cases overdue at the period's end (carried over or received,
  whatever became of them since) and those resolved late in it, by the conditions the
  table counts them with (`flow.conditions`), so the list and the table agree and neither
  changes after the period.

A period not yet over (its last day today or later) is reported as at today (`as_at`): the
figures count what was recorded up to today, a case is overdue once its deadline's day is
past (before today: one due today is not late yet, as the case list and the dashboard count
it) and its days late run to today; the heading of the page and of every file says as at
which day (`as_at_label`, `as_at_note`). A report sent upward must not state a lateness that
has not happened (a period 01/12–31/12 made on 07/12 listed as "quá hạn" the cases due on
16/12). A past period's figures are those as at its last day, unchanged.

Five queries whatever the number of cases (pinned by tests): the few cases whose events and
deadline rows the figures read (`as_at_end.event_cases`), the counts, the names of the
categories they mention, the figures as at the end (`flow.flow_rows`) and the overdue list;
plus the scope's own look-up for a facility handler."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from complaints.documents.context import is_confidential
from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import Case, Category, Facility
from complaints.reports.as_at_end import apart, event_cases, with_state_at_end
from complaints.reports.flow import (
    NOTE,
    FlowLine,
    FlowRow,
    cases_as_at_end,
    conditions,
    flow_lines,
    flow_rows,
)
from complaints.reports.heading import ReportHeading, report_heading
from complaints.reports.periods import RESOLVED_STATUSES
from complaints.services.confidential_text import redacted
from portal.local_days import local_bounds

# Outcomes as a ministry report groups them; every status belongs to one.
OUTCOMES = {
    "resolved": (_("Đã giải quyết (kết luận, đóng)"), RESOLVED_STATUSES),
    "rejected": (_("Không thụ lý"), (CaseStatus.REJECTED,)),
    "forwarded": (_("Chuyển đơn"), (CaseStatus.FORWARDED,)),
    "filed": (_("Lưu đơn"), (CaseStatus.FILED,)),
    "withdrawn": (_("Rút đơn"), (CaseStatus.WITHDRAWN,)),
    "handling": (
        _("Đang xử lý"),
        (
            CaseStatus.RECEIVED,
            CaseStatus.NEEDS_INFO,
            CaseStatus.ACCEPTED,
            CaseStatus.VERIFYING,
            CaseStatus.SUSPENDED,
        ),
    ),
}
OUTCOME_OF_STATUS = {
    status: code for code, (_l, statuses) in OUTCOMES.items() for status in statuses
}
OVERDUE_LIST_LIMIT = 500
# Where a case of the overdue list stood at the period's end.
OVERDUE_ACCEPTANCE = _("Quá hạn thụ lý")
OVERDUE_RESOLUTION = _("Quá hạn giải quyết")
RESOLVED_LATE = _("Giải quyết trễ hạn")
# Under the overdue list, wherever it is shown.
OVERDUE_NOTE = _(
    "Hồ sơ quá hạn tại cuối kỳ (kể cả hồ sơ kỳ trước chuyển sang, hồ sơ giải quyết sau ngày "
    "cuối kỳ) và hồ sơ giải quyết trễ hạn trong kỳ: đúng các hồ sơ của hai dòng “quá hạn tại "
    "cuối kỳ” và “trễ hạn” ở bảng “Tình hình giải quyết theo loại”. Hạn là hạn đang có hiệu "
    "lực tại cuối kỳ; số ngày trễ tính đến ngày cuối kỳ, hoặc đến ngày kết luận."
)
# Of a period not yet over: the figures are as at today, and "cuối kỳ" in the report reads so.
RUNNING_NOTE = _(
    "Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày %(day)s. “Cuối kỳ” trong báo cáo này là "
    "ngày %(day)s; hồ sơ quá hạn là hồ sơ đã hết hạn trước ngày này, số ngày trễ tính đến "
    "ngày này; hồ sơ chưa hết hạn không được tính là quá hạn."
)


@dataclass(frozen=True)
class CountRow:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class OverdueCase:
    tracking_code: str
    kind: str
    title: str
    unit: str
    received_on: datetime.date
    due: datetime.date | None
    status: str
    concluded_on: datetime.date | None
    days_late: int | None


@dataclass(frozen=True)
class PeriodReport:
    start: datetime.date
    end: datetime.date
    unit: Facility | None
    received: int
    by_kind: list[CountRow]
    by_channel: list[CountRow]
    by_category: list[CountRow]
    # Of the cases received in the period, where they stood at its end.
    by_outcome: list[CountRow]
    # Per kind (khiếu nại lần đầu, lần hai apart), then the total (`flow.TOTAL`).
    flow: list[FlowRow]
    resolved: int
    resolved_on_time: int
    # Concluded after the resolution deadline in force (`LATE`). A case resolved with no
    # resolution deadline (a press report before its deadline was set, say) is neither.
    resolved_late: int
    overdue: list[OverdueCase]
    overdue_truncated: bool
    today: datetime.date
    # The day the figures are as at: the period's last day, or today while it runs.
    as_at: datetime.date
    # Whose report it is: who the files name as issuing it (`heading`).
    user: object = field(default=None, repr=False, compare=False)

    @cached_property
    def heading(self) -> ReportHeading:
        """The issuing body and the scope's name (`heading.report_heading`), read once, by
        the files only (the page names the unit it was asked for)."""
        return report_heading(user=self.user, unit=self.unit)

    @property
    def running(self) -> bool:
        """The period is not over: its figures are as at today (`as_at`)."""
        return self.end >= self.today

    @property
    def as_at_label(self) -> str:
        """The summary's line "Số liệu tính đến", in every format."""
        day = date_format(self.as_at, "d/m/Y")
        if self.running:
            return str(_("ngày %(day)s (kỳ báo cáo chưa kết thúc)") % {"day": day})
        return str(_("hết ngày %(day)s") % {"day": day})

    @property
    def as_at_note(self) -> str:
        """The sentence under the report's heading on the page and in the PDF's body."""
        if self.running:
            return str(RUNNING_NOTE % {"day": date_format(self.as_at, "d/m/Y")})
        return str(_("Số liệu tính đến %(as_at)s.") % {"as_at": self.as_at_label})

    @property
    def flow_total(self) -> FlowRow:
        return self.flow[-1]

    @property
    def flow_lines(self) -> list[FlowLine]:
        return flow_lines(self.flow)

    @property
    def flow_note(self) -> str:
        return str(NOTE)

    @property
    def overdue_note(self) -> str:
        return str(OVERDUE_NOTE)

    @property
    def resolved_with_deadline(self) -> int:
        return self.resolved_on_time + self.resolved_late

    @property
    def resolved_without_deadline(self) -> int:
        return self.resolved - self.resolved_with_deadline

    @property
    def on_time_rate(self) -> float | None:
        """On time among the resolved cases that had a deadline to keep."""
        with_deadline = self.resolved_with_deadline
        return self.resolved_on_time / with_deadline if with_deadline else None


def period_report(
    *,
    user,
    start: datetime.date,
    end: datetime.date,
    unit: Facility | None = None,
    today: datetime.date | None = None,
) -> PeriodReport:
    """The report of the cases in `user`'s scope (and `unit`'s subtree, if given), as at
    the period's last day, or as at `today` while the period runs (module docstring)."""
    if end < start:
        raise ValueError("end before start")
    today = today or timezone.localdate()
    if start > today:
        raise ValueError("period not begun")
    # A period not over yet is counted as at today: nothing after it is known; a case is
    # overdue once its deadline's day is past, the day before today at the latest.
    as_at = min(end, today)
    overdue_by = end if end < today else today - datetime.timedelta(days=1)
    since, until = local_bounds(start, as_at)
    scope = Case.objects.in_scope_of(user).order_by()
    if unit is not None:
        scope = scope.filter(assigned_unit_id__in=Facility.objects.subtree_ids([unit.pk]))
    received = scope.filter(received_at__gte=since, received_at__lt=until)
    events = event_cases(until)  # the few cases whose records the figures read

    # `pending`: not out of the handling by the period's end, whatever its status today;
    # `status_at_end` the way out it had taken by then (`as_at_end.with_state_at_end`).
    # A group may come twice (`as_at_end.apart`): the loop below sums them.
    counts = list(
        apart(
            received,
            events,
            lambda cases, events: (
                with_state_at_end(cases, until=until, events=events)
                .annotate(outcome_status=F("status_at_end"))
                .values("kind", "channel", "category", "outcome_status")
                .annotate(
                    n=Count("pk"),
                    pending=Count("pk", filter=Q(exit_at__isnull=True) | Q(exit_at__gte=until)),
                )
            ),
        )
    )
    by_kind: dict[str, int] = {}
    by_channel: dict[str, int] = {}
    by_category: dict[int | None, int] = {}
    by_outcome: dict[str, int] = {}
    for row in counts:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["n"]
        by_category[row["category"]] = by_category.get(row["category"], 0) + row["n"]
        outcome = OUTCOME_OF_STATUS.get(row["outcome_status"], "handling")
        by_outcome[outcome] = by_outcome.get(outcome, 0) + row["n"] - row["pending"]
        by_outcome["handling"] = by_outcome.get("handling", 0) + row["pending"]
    category_names = (
        dict(
            Category.objects.filter(
                pk__in=[pk for pk in by_category if pk is not None]
            ).values_list("pk", "name")
        )
        if any(pk is not None for pk in by_category)
        else {}
    )

    flow = flow_rows(
        scope, since=since, until=until, end=as_at, events=events, overdue_by=overdue_by
    )
    total = flow[-1]

    # The overdue list: the cases the table counts on its lines "quá hạn tại cuối kỳ" and
    # "trễ hạn", by the same conditions (`flow.conditions`), so the two always agree and the
    # list reads the same whenever it is made.
    figures = conditions(
        since=since, until=until, end=as_at, events=events, overdue_by=overdue_by
    )
    late_cases = (
        cases_as_at_end(scope, since=since, until=until, end=as_at, events=events)
        .filter(figures["pending_overdue"] | figures["resolved_late"])
        .annotate(
            resolved_late=ExpressionWrapper(figures["resolved_late"], BooleanField()),
            listed_due=F("due_at_end"),
            listed_concluded_on=F("concluded_on"),
            listed_accepted=F("accepted_by_end"),
        )
        .select_related("assigned_unit")
        .order_by("received_at", "id")
    )
    listed = list(late_cases[: OVERDUE_LIST_LIMIT + 1])
    # The denouncers of the list's named tố cáo, for their redaction, read apart by the
    # reporter's unique case index (one query, none without such a case): joined into the
    # list's query, PostgreSQL planned a scan of every reporter for each row, 5-7 s a month
    # at 100,000 cases (docs/benchmarks.md, "The overdue list as at the end").
    prefetch_related_objects([case for case in listed if is_confidential(case)], "reporter")
    overdue = []
    for case in listed:
        if case.resolved_late:
            # Concluded in the period after its resolution deadline (`periods.LATE`), or after
            # a deadline that ran out before the period was lengthened: late from that one.
            due = case.resolution_expired_on or case.resolve_by
            finished, state = case.listed_concluded_on, RESOLVED_LATE
        else:
            due, finished = case.listed_due, None
            state = OVERDUE_RESOLUTION if case.listed_accepted else OVERDUE_ACCEPTANCE
        overdue.append(
            OverdueCase(
                tracking_code=case.tracking_code,
                kind=case.get_kind_display(),
                # The denouncer's words without their identity, to every reader of
                # the report and its files (Điều 47 Luật Tố cáo).
                title=redacted(case.title, case=case),
                unit=case.assigned_unit.name if case.assigned_unit else "",
                received_on=timezone.localtime(case.received_at).date(),
                due=due,
                status=str(state),
                concluded_on=finished,
                # To its conclusion, or to the period's last day (today, while it runs).
                days_late=((finished or as_at) - due).days,
            )
        )

    kind_labels = dict(CaseKind.choices)
    channel_labels = dict(Channel.choices)
    return PeriodReport(
        start=start,
        end=end,
        unit=unit,
        received=sum(row["n"] for row in counts),
        # Every kind, channel and outcome listed, zero included: a report's rows are fixed.
        by_kind=[
            CountRow(code, str(kind_labels[code]), by_kind.get(code, 0)) for code in CaseKind.values
        ],
        by_channel=[
            CountRow(code, str(channel_labels[code]), by_channel.get(code, 0))
            for code in Channel.values
        ],
        by_category=sorted(
            (
                CountRow(
                    str(pk or ""),
                    category_names.get(pk, str(_("Chưa phân loại lĩnh vực"))),
                    count,
                )
                for pk, count in by_category.items()
            ),
            key=lambda row: (-row.count, row.label),
        ),
        by_outcome=[
            CountRow(code, str(label), by_outcome.get(code, 0))
            for code, (label, _statuses) in OUTCOMES.items()
        ],
        flow=flow,
        resolved=total.resolved,
        resolved_on_time=total.resolved_on_time,
        resolved_late=total.resolved_late,
        overdue=overdue[:OVERDUE_LIST_LIMIT],
        overdue_truncated=len(overdue) > OVERDUE_LIST_LIMIT,
        today=today,
        as_at=as_at,
        user=user,
    )
