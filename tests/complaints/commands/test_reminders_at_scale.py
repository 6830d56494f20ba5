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


# With work to send: one statement, `INSERT … SELECT … RETURNING` (who each reminder reaches
# counted in SQL, the tracking codes returned). The e-mails are queued after the commit, one
# task per REMINDERS_PER_TASK reminders.
QUERIES_WITH_WORK = 1


@pytest.mark.parametrize("cases", [5, 40])
def test_sending_costs_the_same_queries_for_5_or_40_cases(
    cases, django_capture_on_commit_callbacks
):
    from django.core import mail

    from complaints.models import DeadlineReminder
    from complaints.notifications import staff

    unit = FacilityFactory(email="don-vi@example.vn")
    for n in range(cases):
        status = CaseStatus.RECEIVED if n % 2 else CaseStatus.VERIFYING
        due = MONDAY - datetime.timedelta(days=n % 7)
        CaseFactory(assigned_unit=unit, status=status, accept_by=due, resolve_by=due)
    working_calendar()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        sent, count = queries_of(lambda: deadline_reminders_send(today=MONDAY))
    assert len(sent) == cases and count == QUERIES_WITH_WORK
    assert DeadlineReminder.objects.count() == cases
    assert len(queued) == -(-cases // staff.REMINDERS_PER_TASK)  # one task per batch
    assert mail.outbox == []  # nothing sent by the command itself
    for callback in queued:
        callback()  # the commit: the tasks run (immediate backend in the tests)
    assert len(mail.outbox) == cases
    assert all(message.to == ["don-vi@example.vn"] for message in mail.outbox)


def test_a_failed_email_is_owed_again_at_the_next_run(
    monkeypatch, django_capture_on_commit_callbacks
):
    from complaints import emails
    from complaints.models import DeadlineReminder

    unit = FacilityFactory(email="don-vi@example.vn")
    CaseFactory(assigned_unit=unit, status=CaseStatus.RECEIVED, accept_by=MONDAY)

    def down(*args, **kwargs):
        raise OSError("the mail server is down")

    with monkeypatch.context() as patch:
        patch.setattr(emails, "send", down)
        with django_capture_on_commit_callbacks(execute=True):
            assert len(deadline_reminders_send(today=MONDAY)) == 1
    assert not DeadlineReminder.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert len(deadline_reminders_send(today=MONDAY)) == 1
    assert DeadlineReminder.objects.count() == 1


def test_the_recipients_counted_in_sql_are_those_the_email_reaches(
    django_capture_on_commit_callbacks,
):
    """The insert counts who each reminder reaches in SQL; the e-mail task applies
    `unit_recipients`. The two agree: the handler only while active, the unit's address,
    its active staff who receive notifications, each address once, none empty."""
    from django.core import mail

    from complaints.models import DeadlineReminder, FacilityMembership
    from tests.factories import UserFactory

    shared = FacilityFactory(email="chung@example.vn")
    UserFactory(email="chung@example.vn", facility=shared)  # the unit's own address again
    UserFactory(email="", facility=shared)  # no address
    UserFactory(email="nghi@example.vn", facility=shared, is_active=False)
    muted = UserFactory(email="tat@example.vn", facility=shared)
    FacilityMembership.objects.filter(user=muted).update(receives_notifications=False)
    UserFactory(email="nhan@example.vn", facility=shared)
    handler = UserFactory(email="xu-ly@example.vn")
    gone = UserFactory(email="da-nghi@example.vn", is_active=False)
    silent = FacilityFactory(email="")
    cases = [
        CaseFactory(assigned_unit=shared, status=CaseStatus.RECEIVED, accept_by=MONDAY),
        CaseFactory(assigned_unit=shared, assigned_user=handler, status=CaseStatus.ACCEPTED,
                    resolve_by=MONDAY),
        CaseFactory(assigned_unit=shared, assigned_user=gone, status=CaseStatus.RECEIVED,
                    accept_by=MONDAY),
        CaseFactory(assigned_unit=silent, assigned_user=handler, status=CaseStatus.RECEIVED,
                    accept_by=MONDAY),
        CaseFactory(assigned_unit=silent, status=CaseStatus.RECEIVED, accept_by=MONDAY),
    ]
    working_calendar()
    with django_capture_on_commit_callbacks(execute=True):
        sent = deadline_reminders_send(today=MONDAY)
    counted = {r.case_id: r.recipients for r in sent}
    assert counted == {cases[0].pk: 2, cases[1].pk: 3, cases[2].pk: 2, cases[3].pk: 1}
    assert not DeadlineReminder.objects.filter(case=cases[4]).exists()  # nobody to tell
    reached = {}
    for message in mail.outbox:
        code = next(c for c in cases if c.tracking_code in message.subject)
        reached[code.pk] = len(message.to)
    assert reached == counted
    assert {r.tracking_code for r in sent} == {c.tracking_code for c in cases[:4]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
def test_a_large_run_refreshes_the_statistics_its_next_run_is_planned_on(monkeypatch):
    """After a province's first run (tens of thousands of reminders into an empty table)
    the next run's anti-joins were planned on the empty table's statistics: 17 s instead
    of 0.3 s at 100,000 cases. A run that records many reminders analyzes the table."""
    from complaints.notifications import staff

    unit = FacilityFactory(email="don-vi@example.vn")
    for _ in range(3):
        CaseFactory(assigned_unit=unit, status=CaseStatus.RECEIVED, accept_by=MONDAY)
    monkeypatch.setattr(staff, "ANALYZE_AFTER", 3)
    with CaptureQueriesContext(connection) as captured:
        assert len(deadline_reminders_send(today=MONDAY)) == 3
    assert any(q["sql"].startswith("ANALYZE") for q in captured)
    CaseFactory(assigned_unit=unit, status=CaseStatus.RECEIVED, accept_by=MONDAY)
    with CaptureQueriesContext(connection) as captured:
        assert len(deadline_reminders_send(today=MONDAY)) == 1  # below the threshold
    assert not any(q["sql"].startswith("ANALYZE") for q in captured)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_a_first_run_reads_every_owed_case_before_it_inserts():
    """On an empty, analyzed reminders table PostgreSQL plans the anti-joins as nested
    loops over the reminders; had the insert begun before they finished, each would
    re-read the rows the statement itself was adding (240 s for a province's first run).
    The plan sorts the owed cases (which reads them all) under the insert."""
    from django.utils import timezone

    from complaints.notifications import staff

    unit = FacilityFactory(email="don-vi@example.vn")
    CaseFactory(assigned_unit=unit, status=CaseStatus.RECEIVED, accept_by=MONDAY)
    sql, params = staff.reminders_insert_sql(
        staff.owed_reminders(MONDAY, MONDAY + datetime.timedelta(days=5)), sent_at=timezone.now()
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE complaints_deadlinereminder")
        cursor.execute("EXPLAIN " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    first_node, second_node = [line.split("->", 1)[1].strip() for line in plan if "->" in line][:2]
    assert first_node.startswith("Subquery Scan") and second_node.startswith("Sort"), plan
