"""The workspace list's pages in deadline order ("Hạn gần nhất trước", "Hạn xa nhất trước"),
read from indexes at 100,000 cases (issue 16 §1).

The order is the case's next deadline (`complaints.querysets.next_due_expression`): the
nearer of the deadline of the step it waits on (an expression of the case's own columns,
indexed as `case_current_due_order`) and of a notice to the parties not yet sent (a row of
`CaseDeadline`). No index holds the nearer of the two: ordering every case in scope by it
sorts them all at each page (a sequential scan, a notice look-up per case and a sort). Every
case's next deadline is one of its two, so the cases fall in three parts:

- *by step*: the step's deadline comes first (no notice due before it), read in the order of
  `case_current_due_order` (`… IS NOT NULL`), each row checked for an earlier notice;
- *undated*: waiting on neither, read from the same index (`… IS NULL`: newest first, or
  oldest first in the reverse order), after every dated case in both directions;
- *by notice*: a notice comes first (or there is no step deadline): the scope's cases waiting
  on a notice grouped from the notices' partial index `casedeadline_open_step_due`, sorted.

The page's (id, next deadline) are read from a `UNION ALL` of the parts, each cut at the
page's end, under one `ORDER BY … LIMIT`: on PostgreSQL a `Merge Append` that reads the two
index parts only as far as the page needs. Nearest first the index's order (ASC NULLS LAST)
is the list's; farthest first, read backwards, it puts NULL first (DESC NULLS FIRST), so the
dated parts are merged alone and the undated cases follow (a count of the dated cases only
for a page that starts past the last of them). Then the page's cases are read with their
related rows. The paginator counts the filtered cases as for any order."""

from __future__ import annotations

from django.db import connection
from django.db.models import Exists, F, Min, OuterRef, Q

from complaints.querysets import (
    current_due_expression,
    next_due_expression,
    next_due_ordering,
    pending_notices,
    waiting_on_notice_condition,
)
from complaints.rules.notices import PENDING_STEPS

# The list's `order` values served by the three parts: descending or not.
DUE_ORDERS = {"due": False, "-due": True}
_KEY = ("pk", "next_due", "received_at")


def _top(queryset, ordering, stop: int):
    """`queryset`'s first `stop` keys in `ordering`, as one part of a UNION ALL (SQLite takes
    no ORDER BY or LIMIT in a part: the outer ORDER BY alone decides there)."""
    if connection.features.supports_slicing_ordering_in_compound:
        return queryset.order_by(*ordering).values_list(*_KEY)[:stop]
    return queryset.order_by().values_list(*_KEY)


def _parts(queryset):
    """(`queryset` unordered, and its parts: by step, undated, by notice, each annotated with
    `next_due`)."""
    base = queryset.order_by().alias(step_due=current_due_expression())
    pending = pending_notices(case_id=OuterRef("pk"))
    by_step = (
        base.filter(step_due__isnull=False)
        .exclude(Exists(pending.filter(due__lt=OuterRef("step_due"))))
        .annotate(next_due=F("step_due"))
    )
    undated = (
        base.filter(step_due__isnull=True).exclude(Exists(pending)).annotate(next_due=F("step_due"))
    )
    # Grouped rather than read in the notices' day order: that read the notices of other
    # units one by one until the page was full (0.3 s for a unit's handler at 100,000
    # generated cases, 9,868 of them waiting on a notice).
    by_notice = (
        base.filter(
            deadlines__step__in=sorted(PENDING_STEPS),
            deadlines__settled_at__isnull=True,
            deadlines__superseded_at__isnull=True,
        )
        .values("pk")
        .annotate(next_due=Min("deadlines__due"))
        .filter(Q(step_due__isnull=True) | Q(next_due__lt=F("step_due")))
    )
    return base, by_step, undated, by_notice


def merged(queryset, *, stop: int, descending: bool = False):
    """The keys (id, next deadline, received at) of `queryset`'s dated cases and, nearest
    first, of its undated ones, in `next_due_ordering(descending)`, each part cut at `stop`:
    a combined queryset to slice up to `stop`."""
    if queryset.query.is_empty():  # (`none()`: `union` would keep no part)
        return queryset.none()
    _base, by_step, undated, by_notice = _parts(queryset)
    if not descending:
        # Each index part in the index's own order (its NULLs all alike): read lazily.
        index_order = (F("step_due").asc(), "-received_at", "-id")
        parts = (
            _top(by_step, index_order, stop),
            _top(undated, index_order, stop),
            _top(by_notice, (F("next_due").asc(), "-received_at", "-id"), stop),
        )
        return parts[0].union(*parts[1:], all=True).order_by(*next_due_ordering(annotated=True))
    # Farthest first: the index read backwards (DESC NULLS FIRST; no NULL among the dated).
    dated = _top(by_step, _BACKWARDS, stop).union(
        _top(by_notice, (F("next_due").desc(), "received_at", "id"), stop), all=True
    )
    return dated.order_by(F("next_due").desc(nulls_first=True), "received_at", "id")


_BACKWARDS = (F("step_due").desc(), "received_at", "id")


def due_keys(queryset, start: int, stop: int, *, descending: bool = False) -> list[tuple]:
    """(id, next deadline, received at) of the cases `start`…`stop` of `queryset` in
    `next_due_ordering(descending)`: one query; farthest first, one more for a page that
    reaches the undated cases (and a count of the dated ones when a later page starts past
    them)."""
    if stop <= start:  # (the paginator's page of an empty list: a LIMIT 0 empties a part)
        return []
    page = list(merged(queryset, stop=stop, descending=descending)[start:stop])
    if not descending or len(page) == stop - start:
        return page
    base, _by_step, undated, _by_notice = _parts(queryset)
    dated_total = (
        start + len(page)
        if page or not start
        else base.filter(Q(step_due__isnull=False) | waiting_on_notice_condition()).count()
    )
    skip = max(start - dated_total, 0)
    rest = undated.order_by(*_BACKWARDS).values_list(*_KEY)
    return page + list(rest[skip : skip + stop - start - len(page)])


def due_page(queryset, start: int, stop: int, *, descending: bool = False) -> list:
    """The cases `start`…`stop` of `queryset` in `next_due_ordering(descending)`, each with
    its `next_due`: two queries (`due_keys`, then those cases with their related rows)."""
    keys = due_keys(queryset, start, stop, descending=descending)
    cases = queryset.order_by().in_bulk([pk for pk, _due, _received in keys])
    page = []
    for pk, due, _received in keys:
        case = cases[pk]
        case.next_due = due
        page.append(case)
    return page


class DueOrderedCases:
    """What the list's paginator pages in deadline order: the number of the filtered cases,
    counted as for any order, and a page's cases from `due_page`."""

    def __init__(self, queryset, *, descending: bool):
        self.queryset = queryset
        self.descending = descending

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, bounds: slice) -> list:
        return due_page(self.queryset, bounds.start, bounds.stop, descending=self.descending)


def list_cases(queryset, order: str | None):
    """What the list pages for `order`: the three parts in deadline order, else `queryset`
    (already in its order) with each case's `next_due` for the cell."""
    if order in DUE_ORDERS:
        return DueOrderedCases(queryset, descending=DUE_ORDERS[order])
    return queryset.annotate(next_due=next_due_expression())
