"""portal.tasks: background work queued with its write (after the commit, or as a row of its
transaction on the database queue) and retried with backoff."""

import datetime

import pytest
from django.db import transaction

from portal.tasks import (
    RetryQueued,
    background_task,
    enqueue_on_commit,
    retry_delay,
    tasks_batched,
)

CALLS: list[str] = []


@background_task(max_attempts=3)
def flaky(label: str, failures: int) -> str:
    CALLS.append(label)
    if CALLS.count(label) <= failures:
        raise ConnectionError("the other system is down")
    return label


@pytest.fixture(autouse=True)
def _reset():
    CALLS.clear()


def test_backoff_doubles():
    base = datetime.timedelta(seconds=30)
    assert [retry_delay(n, base).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]


@pytest.mark.django_db(transaction=True)
def test_queued_only_after_commit_and_retried_until_it_succeeds():
    with transaction.atomic():
        enqueue_on_commit(flaky, "ok-after-two", 2)
        assert CALLS == []  # nothing runs inside the transaction
    assert CALLS == ["ok-after-two"] * 3


@pytest.mark.django_db(transaction=True)
def test_gives_up_after_max_attempts():
    enqueue_on_commit(flaky, "never", 99)
    assert CALLS == ["never"] * 3


@pytest.mark.django_db(transaction=True)
def test_rolled_back_write_queues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(flaky, "rolled-back", 0)
        raise RuntimeError
    assert CALLS == []


@background_task(max_attempts=3)
def record(label: str) -> str:
    CALLS.append(label)
    return label


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_queued():
    """What the database worker does with each queued row, oldest first; returns the paths."""
    from django.utils.module_loading import import_string
    from django_tasks_db.models import DBTaskResult

    paths = []
    for row in DBTaskResult.objects.order_by("enqueued_at"):
        row.delete()
        paths.append(row.task_path)
        import_string(row.task_path).call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    return paths


def test_what_a_batch_gathers_is_queued_as_one_row(
    settings, db, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    with tasks_batched():
        with django_capture_on_commit_callbacks(execute=True):  # the receivers' commits
            enqueue_on_commit(record, "receipt")
            with transaction.atomic():
                enqueue_on_commit(record, "alert")
        assert not DBTaskResult.objects.exists()  # nothing until the batch ends
    (row,) = DBTaskResult.objects.all()
    assert row.task_path == "portal.tasks.run_batched"
    assert run_queued() == ["portal.tasks.run_batched"]
    assert CALLS == ["receipt", "alert"]


def test_a_batch_of_one_is_the_task_itself_and_an_empty_one_queues_nothing(
    settings, db, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    with tasks_batched():
        pass
    assert not DBTaskResult.objects.exists()
    with tasks_batched(), django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(record, "only")
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "tests.portal.test_tasks.record"
    ]


def test_a_failing_part_is_retried_alone_with_its_backoff(
    settings, db, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    with tasks_batched(), django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(flaky, "mail", 1)
        enqueue_on_commit(record, "marker")
    with pytest.raises(RetryQueued):  # the batch is recorded failed, its retry queued
        run_queued()
    assert CALLS == ["mail", "marker"]  # the failure did not stop the next part
    (retry,) = DBTaskResult.objects.all()  # only the failed part is queued again, later
    assert retry.task_path == "tests.portal.test_tasks.flaky"
    assert retry.args_kwargs["kwargs"] == {"_attempt": 2}
    assert retry.run_after is not None
    run_queued()
    assert CALLS == ["mail", "marker", "mail"]  # succeeded; the marker did not run again
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_in_a_batch_queues_nothing(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    with tasks_batched():
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(record, "rolled-back")
            raise RuntimeError
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_batch_closed_in_a_transaction_on_the_database_queue_is_a_row_of_it(settings):
    """The outbox: the batch's row is written in the write's transaction, committed with it
    or rolled back with it; a task queued from an inner block still waits for its commit."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    with transaction.atomic():
        with tasks_batched():
            enqueue_on_commit(record, "receipt")
            with pytest.raises(RuntimeError), transaction.atomic():
                enqueue_on_commit(record, "rolled-back")  # its block rolls back: never queued
                raise RuntimeError
            enqueue_on_commit(record, "alert")
        (row,) = DBTaskResult.objects.all()  # already written, before the commit
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [row.pk]
    assert run_queued() == ["portal.tasks.run_batched"]
    assert CALLS == ["receipt", "alert"]

    with pytest.raises(RuntimeError), transaction.atomic():
        with tasks_batched():
            enqueue_on_commit(record, "undone")
        raise RuntimeError
    assert not DBTaskResult.objects.exists() and CALLS == ["receipt", "alert"]


@pytest.mark.django_db(transaction=True)
def test_on_another_queue_a_batch_closed_in_a_transaction_waits_for_its_commit(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with transaction.atomic():
        with tasks_batched():
            enqueue_on_commit(record, "receipt")
            enqueue_on_commit(record, "alert")
        assert CALLS == []
    assert CALLS == ["receipt", "alert"]
    with pytest.raises(RuntimeError), transaction.atomic():
        with tasks_batched():
            enqueue_on_commit(record, "undone")
        raise RuntimeError
    assert CALLS == ["receipt", "alert"]


@pytest.mark.django_db(transaction=True)
def test_each_retry_is_one_log_line_and_the_last_failure_has_its_traceback(caplog):
    """A service away for minutes retries every task: one line each, not a traceback each;
    the traceback comes once, when the task is given up."""
    caplog.set_level("WARNING", logger="portal.tasks")
    enqueue_on_commit(flaky, "down", 99)
    retries = [r for r in caplog.records if "retried" in r.getMessage()]
    assert len(retries) == 2
    for record in retries:
        assert record.exc_info is None
        assert record.getMessage().endswith("ConnectionError: the other system is down")
    [given_up] = [r for r in caplog.records if "given up" in r.getMessage()]
    assert given_up.exc_info is not None


def run_worker():
    """django-tasks' own database worker, as production runs it: every ready row, then out.
    It closes the database connection between rows, as a long-running process must, so
    its tests cannot run inside a test's transaction (PostgreSQL's pool refuses)."""
    import io

    from django.core.management import call_command
    from django.db import connection

    assert not connection.in_atomic_block, (
        "run_worker needs @pytest.mark.django_db(transaction=True): PostgreSQL's pool "
        "refuses the worker's closed connection inside a test's transaction"
    )

    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0",
        stdout=io.StringIO(),
    )


@pytest.mark.django_db(transaction=True)
def test_a_failed_attempt_is_recorded_failed_while_its_retry_waits(settings):
    """The operator reads the task table: a failed attempt is FAILED (with the error), not
    SUCCESSFUL, and its retry is queued for later."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    flaky.enqueue("down", 99)
    run_worker()
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == "FAILED"
    assert failed.exception_class_path == "portal.tasks.RetryQueued"
    assert "attempt 1 of 3 failed" in failed.traceback
    assert "ConnectionError: the other system is down" in failed.traceback
    assert retry.status == "READY" and retry.args_kwargs["kwargs"] == {"_attempt": 2}
    assert retry.run_after > failed.finished_at


@pytest.mark.django_db(transaction=True)
def test_the_last_attempt_fails_with_the_error_itself(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    flaky.enqueue("down", 99, _attempt=3)
    run_worker()
    (given_up,) = DBTaskResult.objects.all()  # nothing queued again
    assert given_up.status == "FAILED"
    assert given_up.exception_class_path == "builtins.ConnectionError"


@background_task(max_attempts=3)
def deliver_both(labels: list) -> int:
    """A task that sends each part with an inline call, as the notifiers do."""
    return sum(1 for label in labels if flaky.call(label, 1))


@pytest.mark.django_db(transaction=True)
def test_an_inline_call_that_fails_queues_its_retry_and_the_caller_goes_on(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    deliver_both.enqueue(["first", "second"])
    run_worker()
    rows = DBTaskResult.objects.order_by("enqueued_at")
    assert rows[0].task_path.endswith("deliver_both") and rows[0].status == "SUCCESSFUL"
    assert rows[0].return_value == 0
    assert sorted(r.args_kwargs["args"][0] for r in rows[1:]) == ["first", "second"]
    assert {r.status for r in rows[1:]} == {"READY"}


@pytest.mark.django_db(transaction=True)
def test_the_worker_logs_a_retried_attempt_in_one_line_with_time_and_level(settings):
    """What the worker prints (LOGGING of production): a time, a level, and for a retried
    attempt one line saying so, not a traceback."""
    import logging

    from portal.settings import base

    settings.TASKS = DATABASE_QUEUE
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep(level=logging.INFO)
    tasks_logger = logging.getLogger("django_tasks")
    tasks_logger.addHandler(handler)
    try:
        flaky.enqueue("down", 99)
        run_worker()
    finally:
        tasks_logger.removeHandler(handler)
    formatter_config = base.LOGGING["formatters"]["timed"]
    formatter = logging.Formatter(formatter_config["format"], formatter_config["datefmt"])
    from portal.logs import BriefRetryFilter

    [failed] = [r for r in records if "FAILED" in r.getMessage()]
    assert BriefRetryFilter().filter(failed)
    line = formatter.format(failed)
    assert "\n" not in line and "Traceback" not in line
    assert " ERROR " in line and "retry queued" in line
    assert line[:4].isdigit()  # the date first
    assert {"console"} <= set(base.LOGGING["handlers"])
    assert base.LOGGING["handlers"]["console"]["formatter"] == "timed"
    assert "brief_retries" in base.LOGGING["handlers"]["console"]["filters"]
