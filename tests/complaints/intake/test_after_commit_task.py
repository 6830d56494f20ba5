"""An accepted submission queues ONE background task (the citizen's receipt, the unit's alert
markers and e-mail): one row of the database queue, written in the case's own transaction (a
transactional outbox: the work exists if and only if the case does), and nothing of that work
runs in the citizen's request, nor any statement after the commit. Run on the database queue,
as in production."""

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from complaints.kinds import Channel
from complaints.models import CaseAlert, FacilityMembership
from complaints.routing_defaults import install_default_rules
from complaints.services import routing
from complaints.services.intake import case_submit
from complaints.services.reference import reference
from portal.tasks import RetryQueued
from tests.complaints.intake_factories import submission
from tests.factories import UserFactory

# Committed for real: the after-commit work runs outside any transaction, as in a request.
pytestmark = pytest.mark.django_db(transaction=True)

HANDLER = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def staff(hospital, department):
    install_default_rules()  # a phản ánh about the hospital goes to the hospital
    hospital.email = "bv@example.vn"
    hospital.save()
    notified = UserFactory(perms=HANDLER, facility=hospital, email="co@example.vn")
    silent = UserFactory(perms=HANDLER, facility=hospital, email="im@example.vn")
    FacilityMembership.objects.filter(user=silent).update(receives_notifications=False)
    reference()  # the steady state: the reference data already read
    return notified, silent


def run_queued() -> list[str]:
    """What the database worker does with each queued row, oldest first."""
    paths = []
    for row in DBTaskResult.objects.order_by("enqueued_at"):
        row.delete()
        paths.append(row.task_path)
        import_string(row.task_path).call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    return paths


def test_the_request_queues_one_task_in_the_cases_transaction(
    hospital, staff, database_queue
):
    with CaptureQueriesContext(connection) as queries:
        case = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB).case
    statements = [q["sql"] for q in queries.captured_queries]
    commit = max(i for i, sql in enumerate(statements) if sql.upper().startswith("COMMIT"))
    assert statements[commit + 1 :] == []  # no statement, no second commit after the case's
    # The unit's staff are neither read nor marked in the request: one insert is the task,
    # the transaction's last statement.
    task_table = f'INSERT INTO "{DBTaskResult._meta.db_table}"'
    (queued,) = [i for i, sql in enumerate(statements) if sql.startswith(task_table)]
    assert queued == commit - 1
    (row,) = DBTaskResult.objects.all()
    assert row.task_path == "portal.tasks.run_batched"
    assert not CaseAlert.objects.exists() and mail.outbox == []

    assert run_queued() == ["portal.tasks.run_batched"]
    notified, _silent = staff
    # The case is new for the unit's notified staff only, and the unit and citizen are told.
    assert list(CaseAlert.objects.values_list("case_id", "user_id", "seen_at")) == [
        (case.pk, notified.pk, None)
    ]
    assert sorted(tuple(sorted(m.to)) for m in mail.outbox) == [
        ("bv@example.vn", "co@example.vn"), ("lan.nguyen@example.vn",)
    ]


def test_a_failing_mail_is_retried_on_its_own(hospital, staff, database_queue, settings):
    settings.EMAIL_BACKEND = "tests.complaints.intake.test_citizen_emails.BrokenBackend"
    case = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB).case
    with pytest.raises(RetryQueued):  # the worker records the batch FAILED, with the error
        run_queued()
    notified, _silent = staff
    assert CaseAlert.objects.filter(case=case, user=notified, seen_at__isnull=True).exists()
    # Both e-mails failed: each is queued again alone, later; the markers are not redone.
    retries = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert retries == [
        "complaints.notifications.notifier.deliver_citizen_notice",
        "complaints.notifications.staff.unit_alert_send",
    ]
    assert all(row.run_after is not None for row in DBTaskResult.objects.all())

    CaseAlert.objects.filter(case=case).update(seen_at=case.received_at)  # opened meanwhile
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run_queued()
    assert sorted(tuple(sorted(m.to)) for m in mail.outbox) == [
        ("bv@example.vn", "co@example.vn"), ("lan.nguyen@example.vn",)
    ]
    assert not CaseAlert.objects.filter(case=case, seen_at__isnull=True).exists()
    assert not DBTaskResult.objects.exists()


def test_nothing_is_queued_when_the_write_rolls_back(
    hospital, staff, database_queue, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("the write transaction failed")

    monkeypatch.setattr(routing, "route_plan_record", broken)
    with pytest.raises(RuntimeError):
        case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    assert transaction.get_autocommit()
    assert not DBTaskResult.objects.exists() and not CaseAlert.objects.exists()
    assert mail.outbox == []


def test_the_queued_task_rolls_back_with_the_case(hospital, staff, database_queue):
    """A transaction around the submission that fails after it takes the task row with it:
    no receipt, no alert for a case that does not exist."""
    with pytest.raises(RuntimeError), transaction.atomic():
        case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("the caller's transaction failed")
    assert not DBTaskResult.objects.exists() and not CaseAlert.objects.exists()
    assert mail.outbox == []
