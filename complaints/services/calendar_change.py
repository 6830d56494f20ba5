"""The deadlines a change of the working calendar moves (DOMAIN.md §4; BLDS 2015 Arts 147–148).

A day off added, a make-up working day, or either removed in "Ngày nghỉ, ngày làm bù"
(`CalendarOverride`) changes how every clock running across that day counts. After the
commit, a background task finds the cases with an open deadline row (not settled, not
superseded) whose counting period spans the day, `counted_from < day <= due` (the partial
index `casedeadline_open_due`), and queues them in batches; each case is counted again by
the workflow's own write path (`case_deadlines_recount`: the deadline engine, superseded
rows with history, one public event when a date moved). A clock counted in calendar days
moves only when the law rolls its last day to a working day (khoản 5 Điều 148 Bộ luật Dân
sự 2015), as the engine counts it."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.db.models import Q

from complaints.models import Case, CaseDeadline
from complaints.querysets import open_condition
from complaints.rules.notices import NOTICE_STEPS
from portal.tasks import background_task, enqueue_on_commit

logger = logging.getLogger(__name__)

BATCH_SIZE = 200  # cases per queued task


def affected_deadlines(days: Iterable[datetime.date]):
    """The open deadline rows whose counting period spans one of `days`: those of cases still
    being handled, and the notices still owed whatever the case's state."""
    spans = Q()
    for day in days:
        spans |= Q(counted_from__lt=day, due__gte=day)
    return CaseDeadline.objects.filter(
        spans,
        Q(step__in=NOTICE_STEPS) | Q(case__in=Case.objects.filter(open_condition()).values("pk")),
        superseded_at__isnull=True,
        settled_at__isnull=True,
    )


def affected_case_ids(days: Iterable[datetime.date]):
    return affected_deadlines(days).order_by("case_id").values_list("case_id", flat=True).distinct()


def affected_case_count(days: Iterable[datetime.date]) -> int:
    """How many cases a change of the calendar on `days` has to count again."""
    return affected_case_ids(days).count()


def changed_days(override, *, deleted: bool = False) -> set[datetime.date]:
    """The days a save or deletion of `override` (a CalendarOverride) changes: its day, and
    the day it was stored on when an edit moved it; none when an edit changed neither its
    day nor its kind (a reason corrected)."""
    stored = getattr(override, "stored", None)  # (date, kind) as loaded (CalendarOverride)
    if deleted or stored is None:
        return {override.date}
    if stored == (override.date, override.kind):
        return set()
    return {override.date, stored[0]}


def calendar_changed(days: Iterable[datetime.date]) -> None:
    """Count again, after the commit and in the background, the deadlines spanning `days`."""
    days = sorted({day.isoformat() for day in days})
    if days:
        enqueue_on_commit(deadlines_recount_schedule, days)


def calendar_override_saved(sender, instance, **kwargs) -> None:
    """post_save receiver for CalendarOverride (connected by `calendar.connect_receivers`)."""
    calendar_changed(changed_days(instance))


def calendar_override_deleted(sender, instance, **kwargs) -> None:
    """post_delete receiver for CalendarOverride."""
    calendar_changed(changed_days(instance, deleted=True))


@background_task()
def deadlines_recount_schedule(days: list[str]) -> int:
    """Queue the affected cases in batches of `BATCH_SIZE`; returns how many."""
    parsed = [datetime.date.fromisoformat(day) for day in days]
    batch: list[int] = []
    count = 0
    for case_id in affected_case_ids(parsed).iterator(chunk_size=2000):
        batch.append(case_id)
        if len(batch) == BATCH_SIZE:
            deadlines_recount_batch.enqueue(batch, days)
            count, batch = count + len(batch), []
    if batch:
        deadlines_recount_batch.enqueue(batch, days)
        count += len(batch)
    return count


@background_task()
def deadlines_recount_batch(case_ids: list[int], days: list[str]) -> int:
    """Count the deadlines of `case_ids` again; returns how many cases had a date moved.
    A case that fails does not stop the others; the first failure is raised at the end, so
    the batch is retried (a case already counted records nothing the second time)."""
    from complaints.services.workflow import case_deadlines_recount

    parsed = [datetime.date.fromisoformat(day) for day in days]
    moved, failed = 0, []
    for case_id in case_ids:
        try:
            if case_deadlines_recount(case_id=case_id, days=parsed) is not None:
                moved += 1
        except Exception as error:
            logger.exception("deadlines of case %s not counted again", case_id)
            failed.append(error)
    if failed:
        raise failed[0]
    return moved
