"""`send_deadline_reminders` at scale: a run with nothing to send is one query, whatever the
number of cases; a run that sends costs queries per reminder sent, never per case."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.kinds import CaseStatus
from complaints.notifications.staff import deadline_reminders_send
from complaints.services.calendar import working_calendar
from tests.factories import CaseFactory, FacilityFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 10, 5)


def queries_of(callable_) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        result = callable_()
    return result, len(captured)


@pytest.mark.parametrize("cases", [5, 40])
def test_nothing_to_send_is_one_query(cases):
    unit = FacilityFactory(email="don-vi@example.vn")
    for n in range(cases):
        status = CaseStatus.RECEIVED if n % 2 else CaseStatus.VERIFYING
        due = MONDAY - datetime.timedelta(days=n % 7)  # overdue or due today: all owed
        CaseFactory(assigned_unit=unit, status=status, accept_by=due, resolve_by=due)
    working_calendar()
    sent = deadline_reminders_send(today=MONDAY)
    assert len(sent) == cases
    again, count = queries_of(lambda: deadline_reminders_send(today=MONDAY))
    assert again == [] and count == 1
    # Cases far from their deadline, or closed, never cost more either.
    for _ in range(cases):
        CaseFactory(
            assigned_unit=unit, status=CaseStatus.ACCEPTED, resolve_by=MONDAY.replace(year=2027)
        )
        CaseFactory(assigned_unit=unit, status=CaseStatus.CLOSED, accept_by=MONDAY)
    again, count = queries_of(lambda: deadline_reminders_send(today=MONDAY))
    assert again == [] and count == 1
