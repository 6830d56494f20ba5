"""Background work: one way to run what talks to another system (STYLE.md 12).

Mail, SMS, the search engine, a partner's webhook and the national export never run inside a
citizen's or an officer's request. A service defers them with `enqueue_on_commit`, so they are
queued only once the write they follow is committed, and declares them with
`background_task`, which retries a failure with exponential backoff.

The queue is django-tasks' database backend (`django-tasks-db`): its worker is started by
`make run` (`manage.py db_worker`), and production runs one or more of them as services
(README, "Background work"). The tests use the immediate backend (the task runs when the
transaction commits), or the database one where they say so.

`tasks_batched` gathers what the receivers of one domain signal queue into one queued task
(`run_batched`): a citizen's submission queues one row, not one per receiver. Sent inside the
transaction of the write, on the database queue of the same database, that row is written in
the transaction itself (a transactional outbox): the work is queued if and only if the write
commits, with no statement and no commit of its own after it (docs/benchmarks.md, Public
intake). On any other queue it is queued after the commit.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime
import functools
import logging
from collections.abc import Callable, Iterator

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task, task_backends

__all__ = [
    "RetryQueued", "background_task", "enqueue_on_commit", "error_text", "retry_delay",
    "run_batched", "tasks_batched",
]

logger = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 6
DEFAULT_BASE_DELAY = datetime.timedelta(seconds=30)


def retry_delay(attempt: int, base: datetime.timedelta = DEFAULT_BASE_DELAY) -> datetime.timedelta:
    """Exponential backoff: base, 2×base, 4×base… after the 1st, 2nd, 3rd failure."""
    return base * (2 ** (attempt - 1))


class RetryQueued(Exception):
    """A `background_task` attempt failed and its retry is queued: raised from the error
    itself (`__cause__`), so the queue records the attempt FAILED with the error and its
    traceback, and the task's next attempt waits (`RetryQueued.message`). Its log line is
    kept to one line (`portal.logs.BriefRetryFilter`); the traceback is logged once, when
    the task is given up."""

    brief_in_logs = True

    def __init__(self, task_name: str, attempt: int, max_attempts: int, error: Exception):
        self.task_name, self.attempt, self.max_attempts = task_name, attempt, max_attempts
        self.error_text = error_text(error)
        super().__init__(
            f"attempt {attempt} of {max_attempts} failed, retry queued: {self.error_text}"
        )


def error_text(error: BaseException) -> str:
    """`Type: message` on one line, at most 300 characters (a log line, a table cell)."""
    return f"{type(error).__name__}: {' '.join(str(error).split())}"[:300]


# Whether a `background_task` is running in this context: a task called inline by another
# (`unit_alert_send.call(…)` inside `unit_alert_deliver`) is not the queue's attempt, and
# answers a failure by queueing its own retry and returning None, so its caller goes on.
_in_task: contextvars.ContextVar[bool] = contextvars.ContextVar("in_background_task",
                                                                default=False)


@contextlib.contextmanager
def _running_as_task(value: bool) -> Iterator[None]:
    token = _in_task.set(value)
    try:
        yield
    finally:
        _in_task.reset(token)


def background_task(
    *,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    base_delay: datetime.timedelta = DEFAULT_BASE_DELAY,
    queue_name: str = "default",
    priority: int = 0,
) -> Callable:
    """Declare a module-level function as a retried background task.

    A failed attempt is queued again (``run_after`` = now + backoff where the backend can
    defer, at once otherwise) until ``max_attempts``, and raises `RetryQueued` (from the
    error), so the queue records that attempt FAILED with its error while the retry waits;
    the last failure is logged and raised itself. Called inline from another background
    task, a failure queues the retry and returns None: the caller goes on. Arguments must
    be JSON-serialisable."""

    def decorate(func: Callable) -> object:
        @functools.wraps(func)
        def run(*args, _attempt: int = 1, **kwargs):
            inline = _in_task.get()
            try:
                with _running_as_task(True):
                    return func(*args, **kwargs)
            except Exception as error:
                if _attempt >= max_attempts:
                    logger.exception(
                        "background task %s failed %s times: given up",
                        func.__qualname__,
                        _attempt,
                    )
                    raise
                # One line per retry (a search engine away for minutes retries every task):
                # the traceback is logged once, with the last attempt.
                logger.warning(
                    "background task %s failed (attempt %s of %s): retried: %s",
                    func.__qualname__,
                    _attempt,
                    max_attempts,
                    error_text(error),
                )
                again = runner
                if task_backends[runner.backend].supports_defer:
                    later = timezone.now() + retry_delay(_attempt, base_delay)
                    again = runner.using(run_after=later)
                with _running_as_task(False):  # the queue's own attempt (immediate backend)
                    again.enqueue(*args, _attempt=_attempt + 1, **kwargs)
                if inline:
                    return None
                raise RetryQueued(func.__qualname__, _attempt, max_attempts, error) from error

        run.max_attempts = max_attempts
        runner = task(queue_name=queue_name, priority=priority)(run)
        return runner

    return decorate


def enqueue_on_commit(background, *args, **kwargs) -> None:
    """Queue ``background`` (a `background_task`) once the current transaction commits;
    at once outside a transaction. Within `tasks_batched`, it joins the block's batch, which
    is queued with the transaction. A queue that cannot be reached after the commit is
    logged, never raised: the write the citizen or officer made stands."""
    if _gathered(background, args, kwargs):
        return

    def send() -> None:
        if _gathered(background, args, kwargs):  # an inner transaction committed in a batch
            return
        try:
            background.enqueue(*args, **kwargs)
        except Exception:
            logger.exception("could not queue background task %s", background.name)

    transaction.on_commit(send)


@dataclasses.dataclass
class _Batch:
    level: tuple[bool, int]  # the transaction level the batch was opened at (`_level`)
    parts: list = dataclasses.field(default_factory=list)


# The innermost `tasks_batched` of this thread (None: queue at once).
_batch: contextvars.ContextVar[_Batch | None] = contextvars.ContextVar("tasks_batch", default=None)


def _level() -> tuple[bool, int]:
    """Where the current thread stands in its transaction: in one or not, and how many
    `atomic` blocks deep inside it."""
    connection = transaction.get_connection()
    return connection.in_atomic_block, len(connection.savepoint_ids)


def _gathered(background, args, kwargs) -> bool:
    """Add the task to the open batch if it is queued at the batch's own transaction level
    (not from an inner `atomic` that could still roll back: that one waits for its commit)."""
    batch = _batch.get()
    if batch is None or not _batchable(background) or batch.level != _level():
        return False
    batch.parts.append([background.module_path, list(args), kwargs])
    return True


@contextlib.contextmanager
def tasks_batched() -> Iterator[None]:
    """Within this block, the tasks `enqueue_on_commit` queues are gathered, then queued as
    ONE task (`run_batched`) when the block ends: one row on the database queue instead of
    one per task. A single task is queued as itself; nothing gathered, nothing queued.

    When the block ends inside a transaction, the batch goes with it: on the database queue
    of the same database its row is written in the transaction (committed with the write or
    rolled back with it; a failure to write it fails the transaction), on any other queue it
    is queued after the commit. Outside a transaction it is queued at once. After the commit
    or outside one, a queue that cannot be reached is logged, never raised.

    Meant around the receivers of a domain signal (`with tasks_batched():
    case_created.send(…)`). A task queued from an inner `atomic` block waits for that
    block's commit as usual: it joins the batch only if that commit comes before the batch
    ends (else it is queued on its own), and a rolled-back block queues nothing."""
    batch = _Batch(level=_level())
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
        _queue_with_transaction(batch.parts)


def _queue_with_transaction(gathered: list) -> None:
    if not gathered:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _queue_gathered(gathered)
    elif _queue_is_in(connection.alias):
        _queue(gathered)  # the outbox row, in the write's transaction
    else:
        transaction.on_commit(lambda: _queue_gathered(gathered))


def _queue_is_in(alias: str) -> bool:
    """Whether `run_batched`'s queue is django-tasks' database backend writing to the
    database `alias`."""
    from django.db import router
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task_backends[run_batched.backend]
    return isinstance(backend, DatabaseBackend) and router.db_for_write(DBTaskResult) == alias


def _batchable(background) -> bool:
    """Only tasks queued as `run_batched` would be: same backend, queue and priority, not
    deferred."""
    return (
        background.backend == run_batched.backend
        and background.queue_name == run_batched.queue_name
        and background.priority == run_batched.priority
        and background.run_after is None
    )


def _queue(gathered: list) -> None:
    if len(gathered) == 1:
        (path, args, kwargs), = gathered
        import_string(path).enqueue(*args, **kwargs)
    else:
        run_batched.enqueue(gathered)


def _queue_gathered(gathered: list) -> None:
    """Queue the batch outside any transaction: a failure is logged, never raised."""
    try:
        _queue(gathered)
    except Exception:
        logger.exception(
            "could not queue background tasks %s", ", ".join(part[0] for part in gathered)
        )


@task()
def run_batched(parts: list) -> int:
    """Run the tasks `tasks_batched` gathered, each `[module path, args, kwargs]`, in order;
    returns how many ran. A `background_task` that fails is queued again on its own, with its
    backoff (its wrapper does it, and raises `RetryQueued`, already logged), so a retry never
    repeats the parts that succeeded; a failing part does not stop the others, and the first
    error is raised at the end so the queue records the batch as failed."""
    failed: list[Exception] = []
    for path, args, kwargs in parts:
        try:
            import_string(path).call(*args, **kwargs)
        except RetryQueued as error:
            failed.append(error)
        except Exception as error:
            logger.exception("batched background task %s failed", path)
            failed.append(error)
    if failed:
        raise failed[0]
    return len(parts)
