"""The workspace list's orders are read from indexes on PostgreSQL (issue 16 §1): a page of
the deadline order (nearest or farthest first) does not sort every case in scope."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from complaints.admin.due_order import merged
from complaints.admin.filters import ORDERINGS
from complaints.models import Case
from complaints.querysets import overdue_condition
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: show what can serve
        cursor.execute("SET LOCAL enable_sort = off")
        return queryset.explain()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's expression index")
@pytest.mark.parametrize("descending", [False, True])
def test_the_deadline_order_is_read_from_its_index(descending):
    """The cases whose step's deadline comes first are read in the order of the expression
    index `case_current_due_order` (backwards, farthest first), merged with the other parts
    (`complaints.admin.due_order`), not sorted."""
    CaseFactory.create_batch(3)
    plan = _plan(merged(Case.objects.all(), stop=20, descending=descending)[:20])
    scan = "Index Scan Backward using" if descending else "Index Scan using"
    assert f"{scan} case_current_due_order" in plan
    assert "Merge Append" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index plans")
def test_newest_first_is_read_from_its_index():
    CaseFactory.create_batch(3)
    plan = _plan(Case.objects.order_by(*ORDERINGS["-received"])[:20])
    assert "case_received_order" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index plans")
def test_overdue_notices_are_read_once_not_probed_per_case():
    """The notices owed to the parties: one uncorrelated subquery, read once and hashed (on
    the partial index `casedeadline_open_step_due` at scale), not an EXISTS probed per case."""
    CaseFactory.create_batch(3)
    plan = _plan(Case.objects.filter(overdue_condition(at=datetime.date.today())))
    assert "hashed SubPlan" in plan
    assert "case_id = complaints_case.id" not in plan  # no per-case probe


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's extended statistics")
def test_the_planner_knows_how_few_notices_are_open():
    """The open notices are few, and their three columns are not independent (migration
    0036: an MCV statistic on step, settled_at, superseded_at): the planner's guess for the
    deadline order's notice part follows the rows, instead of the product of each column's
    share (a quarter of this table), which made it hash every case in scope at 100,000."""
    import json

    from django.utils import timezone

    from complaints.models import CaseDeadline
    from complaints.rules.notices import PENDING_STEPS

    first = CaseFactory()
    clones = []
    for n in range(200):
        clone = Case.objects.get(pk=first.pk)
        clone.pk = None
        clone.tracking_code = f"YT-2026-{900000 + n}"
        clones.append(clone)
    cases = Case.objects.bulk_create(clones)
    CaseDeadline.objects.all().delete()
    notices = sorted(PENDING_STEPS)
    now, today = timezone.now(), datetime.date.today()

    def row(case, step, **fields):
        return CaseDeadline(case=case, step=step, due=today, counted_in="working_days",
                            amount=5, counted_from=today, legal_basis="—", rule_version="t",
                            **fields)

    # Every case waits on its resolution; its notice of acceptance was sent; five owe one.
    CaseDeadline.objects.bulk_create(
        [row(case, "resolve") for case in cases]
        + [row(case, "notify_acceptance", settled_at=now) for case in cases]
        + [row(case, "decision_notice") for case in cases[:5]]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE complaints_casedeadline")
        cursor.execute(
            "EXPLAIN (FORMAT JSON) SELECT case_id FROM complaints_casedeadline "
            "WHERE step = ANY(%s) AND settled_at IS NULL AND superseded_at IS NULL",
            [notices],
        )
        plan = cursor.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)
    assert plan[0]["Plan"]["Plan Rows"] < 20  # 5 rows; each column alone would guess ~100
