"""Background work: one way to run what talks to another system (STYLE.md 12).

Mail, SMS, the search engine, a partner's webhook and the national export never run inside a
citizen's or an officer's request. A service defers them with `enqueue_on_commit`, so they are
queued only once the write they follow is committed, and declares them with
`background_task`, which retries a failure with exponential backoff.

The queue is django-tasks: the database backend on one machine (its worker is started by
`make run`: `manage.py db_worker`), a Redis-backed queue in production (README, Production),
the immediate backend in the tests (the task runs when the transaction commits).
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

__all__ = ["background_task", "enqueue_on_commit", "retry_delay"]

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
        try:
            background.enqueue(*args, **kwargs)
        except Exception:
            logger.exception("could not queue background task %s", background.name)

    transaction.on_commit(send)
