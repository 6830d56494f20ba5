"""One definition of the case's next deadline (complaints/querysets.py): the conditions the
filters and counters count with (`overdue_condition`, `due_within_condition`) say of every
case what its `next_due_expression` says, whatever the day asked about."""

from __future__ import annotations

import datetime

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseDeadline
from complaints.querysets import next_due_expression
from complaints.rules.notices import PENDING_STEPS
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 7)


def _on(days: int) -> datetime.date:
    return DAY + datetime.timedelta(days=days)


def _notice(case, days: int, **extra):
    CaseDeadline.objects.create(
        case=case, step=extra.pop("step", sorted(PENDING_STEPS)[0]), due=_on(days),
        counted_in="working_days", amount=3, counted_from=_on(days - 5),
        legal_basis="Điều 32 Luật Khiếu nại 2011", rule_version="t", **extra,
    )  # fmt: skip


@pytest.fixture
def cases():
    """Every way a case can wait: on its step, on a notice, on both either way round, on a
    press case's two dates, on a notice sent or superseded (nothing), on none."""
    made = [
        CaseFactory(accept_by=_on(2)),
        CaseFactory(status=CaseStatus.NEEDS_INFO, accept_by=_on(-1)),
        CaseFactory(status=CaseStatus.ACCEPTED, resolve_by=_on(4), accept_by=_on(-9)),
        CaseFactory(bao_chi=True, status=CaseStatus.ACCEPTED, accept_by=_on(1), resolve_by=_on(6)),
        CaseFactory(bao_chi=True, status=CaseStatus.VERIFYING, accept_by=_on(8), resolve_by=_on(3)),
        CaseFactory(status=CaseStatus.CLOSED, accept_by=_on(-30), resolve_by=_on(-5)),
        CaseFactory(kind=CaseKind.KHIEU_NAI, status=CaseStatus.CONCLUDED),
    ]
    both_notice_first = CaseFactory(accept_by=_on(5))
    _notice(both_notice_first, 0)
    both_step_first = CaseFactory(status=CaseStatus.ACCEPTED, resolve_by=_on(-2))
    _notice(both_step_first, 3)
    _notice(both_step_first, 9, step=sorted(PENDING_STEPS)[1])
    decided = CaseFactory(kind=CaseKind.TO_CAO, status=CaseStatus.CONCLUDED)
    _notice(decided, 1)
    decided_late = CaseFactory(kind=CaseKind.KHIEU_NAI, status=CaseStatus.CLOSED)
    _notice(decided_late, -3)
    sent = CaseFactory(kind=CaseKind.KHIEU_NAI, status=CaseStatus.CONCLUDED)
    _notice(sent, 2, settled_at=datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC))
    _notice(sent, 2, step=sorted(PENDING_STEPS)[1],
            superseded_at=datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC))  # fmt: skip
    return [*made, both_notice_first, both_step_first, decided, decided_late, sent]


def test_the_conditions_read_the_next_deadline(cases):
    next_due = dict(Case.objects.values_list("pk", next_due_expression()))
    assert next_due[cases[7].pk] == _on(0)  # the notice before the step
    assert next_due[cases[8].pk] == _on(-2)  # the step before the notices
    assert next_due[cases[4].pk] == _on(3)  # a press case: the earlier of its two dates
    assert next_due[cases[5].pk] is None and next_due[cases[-1].pk] is None
    for offset in range(-12, 12):
        at = _on(offset)
        overdue = set(Case.objects.overdue(at=at).values_list("pk", flat=True))
        assert overdue == {pk for pk, due in next_due.items() if due and due < at}, at
        for days in (0, 3):
            soon = set(Case.objects.due_within(days=days, at=at).values_list("pk", flat=True))
            horizon = at + datetime.timedelta(days=days)
            assert soon == {pk for pk, due in next_due.items() if due and at <= due <= horizon}
