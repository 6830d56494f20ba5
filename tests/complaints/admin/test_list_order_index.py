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
