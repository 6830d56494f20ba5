"""Background work: one way to run what talks to another system (STYLE.md 12).

Mail, SMS, the search engine, a partner's webhook and the national export never run inside a
citizen's or an officer's request. A service defers them with `enqueue_on_commit`, so they are
queued only once the write they follow is committed, and declares them with
`background_task`, which retries a failure with exponential backoff.

The queue is django-tasks: the database backend on one machine (its worker is started by
`make run`: `manage.py db_worker`), a Redis-backed queue in production (README, Production),
the immediate backend in the tests (the task runs when the transaction commits).

`tasks_batched` gathers what the receivers of one domain signal queue after a commit into
one queued task (`run_batched`): a citizen's submission queues one row, one commit, not one
per receiver (docs/benchmarks.md, Public intake).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools
import logging
from collections.abc import Callable, Iterator

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task, task_backends

__all__ = [
    "background_task", "enqueue_on_commit", "retry_delay", "run_batched", "tasks_batched",
]

logger = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 6
DEFAULT_BASE_DELAY = datetime.timedelta(seconds=30)


def retry_delay(attempt: int, base: datetime.timedelta = DEFAULT_BASE_DELAY) -> datetime.timedelta:
    """Exponential backoff: base, 2×base, 4×base… after the 1st, 2nd, 3rd failure."""
    return base * (2 ** (attempt - 1))


def background_task(
    *,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    base_delay: datetime.timedelta = DEFAULT_BASE_DELAY,
    queue_name: str = "default",
    priority: int = 0,
) -> Callable:
    """Declare a module-level function as a retried background task.

    A failed attempt is queued again (``run_after`` = now + backoff where the backend can
    defer, at once otherwise) until ``max_attempts``; the last failure is logged and raised,
    so the backend records the task as failed. Arguments must be JSON-serialisable."""

    def decorate(func: Callable) -> object:
        @functools.wraps(func)
        def run(*args, _attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                if _attempt >= max_attempts:
                    logger.exception(
                        "background task %s failed %s times: given up",
                        func.__qualname__,
                        _attempt,
                    )
                    raise
                logger.warning(
                    "background task %s failed (attempt %s of %s): retried",
                    func.__qualname__,
                    _attempt,
                    max_attempts,
                    exc_info=True,
                )
                again = runner
                if task_backends[runner.backend].supports_defer:
                    later = timezone.now() + retry_delay(_attempt, base_delay)
                    again = runner.using(run_after=later)
                again.enqueue(*args, _attempt=_attempt + 1, **kwargs)
                return None

        runner = task(queue_name=queue_name, priority=priority)(run)
        return runner

    return decorate


def enqueue_on_commit(background, *args, **kwargs) -> None:
    """Queue ``background`` (a `background_task`) once the current transaction commits;
    at once outside a transaction. A queue that cannot be reached is logged, never raised:
    the write the citizen or officer made stands."""

    def send() -> None:
        batch = _batch.get()
        if batch is not None and _batchable(background):
            batch.append([background.module_path, list(args), kwargs])
            return
        try:
            background.enqueue(*args, **kwargs)
        except Exception:
            logger.exception("could not queue background task %s", background.name)

    transaction.on_commit(send)


# The tasks gathered by the innermost `tasks_batched` of this thread (None: queue at once).
_batch: contextvars.ContextVar[list | None] = contextvars.ContextVar("tasks_batch", default=None)


@contextlib.contextmanager
def tasks_batched() -> Iterator[None]:
    """Within this block, the tasks `enqueue_on_commit` would queue at once (no transaction
    pending, or one that commits inside the block) are gathered, then queued as ONE task
    (`run_batched`) when the block ends: one row and one commit on the database queue
    instead of one per task. A single task is queued as itself; nothing gathered, nothing
    queued. Like `enqueue_on_commit`, a queue that cannot be reached is logged, never raised.

    Meant for the after-commit receivers of a domain signal
    (`with tasks_batched(): case_created.send(…)`), never around a transaction that could
    still roll back work already gathered from an inner one."""
    gathered: list = []
    token = _batch.set(gathered)
    try:
        yield
    finally:
        _batch.reset(token)
        _queue_gathered(gathered)


def _batchable(background) -> bool:
    """Only tasks queued as `run_batched` would be: same backend, queue and priority, not
    deferred."""
    return (
        background.backend == run_batched.backend
        and background.queue_name == run_batched.queue_name
        and background.priority == run_batched.priority
        and background.run_after is None
    )


def _queue_gathered(gathered: list) -> None:
    if not gathered:
        return
    try:
        if len(gathered) == 1:
            (path, args, kwargs), = gathered
            import_string(path).enqueue(*args, **kwargs)
        else:
            run_batched.enqueue(gathered)
    except Exception:
        logger.exception(
            "could not queue background tasks %s", ", ".join(part[0] for part in gathered)
        )


@task()
def run_batched(parts: list) -> int:
    """Run the tasks `tasks_batched` gathered, each `[module path, args, kwargs]`, in order;
    returns how many ran. A `background_task` that fails is queued again on its own, with its
    backoff (its wrapper does it), so a retry never repeats the parts that succeeded; a part
    that raises anyway does not stop the others, and the first such error is raised at the
    end so the queue records the batch as failed."""
    failed: list[Exception] = []
    for path, args, kwargs in parts:
        try:
            import_string(path).call(*args, **kwargs)
        except Exception as error:
            logger.exception("batched background task %s failed", path)
            failed.append(error)
    if failed:
        raise failed[0]
    return len(parts)
