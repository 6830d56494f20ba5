"""How the background queue stands: how many tasks wait for the worker and since when.

When the worker (`manage.py db_worker`) is stopped or falls behind, the mails, SMS, search
updates and partners' webhooks pile up without a sound. `read_queue_state()` reads it in
ONE query on django-tasks' database queue: the READY rows the worker may take now (not
deferred, or deferred to a time now past), how many, and since when the oldest has been
ready, through the queue's own partial index of READY rows (`tasks_db_new_ordering_idx`:
status, priority, run_after, enqueued_at), so it stays cheap however many finished rows the
table keeps. A task is ready since it was queued, or since its `run_after` for a retry
deferred by its backoff (portal/tasks.py): a retry that waited its turn is not late.

Only the database queue can be read so: on any other backend (the tests' immediate one, a
queue elsewhere) the state says so (`measured=False`, "không đo được") rather than "0".

Read by the admin home's warning (portal/queue_watch.py), the report "Tác vụ nền lỗi"
(portal/failed_tasks.py) and the monitor's probe `/healthz/queue` (portal/health.py), all
against one threshold, `PORTAL_QUEUE_STALE_MINUTES` (README, "Health probes")."""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

DEFAULT_STALE_MINUTES = 10


@dataclasses.dataclass(frozen=True)
class QueueState:
    measured: bool
    waiting: int = 0
    oldest_ready_at: datetime.datetime | None = None
    read_at: datetime.datetime | None = None

    @property
    def oldest_wait(self) -> datetime.timedelta | None:
        """How long the oldest waiting task has waited; None when none waits."""
        if self.oldest_ready_at is None or self.read_at is None:
            return None
        return max(self.read_at - self.oldest_ready_at, datetime.timedelta(0))

    @property
    def stale(self) -> bool:
        """Whether the oldest waiting task has waited longer than the threshold."""
        wait = self.oldest_wait
        return wait is not None and wait > stale_after()


NOT_MEASURED = QueueState(measured=False)


def stale_after() -> datetime.timedelta:
    minutes = getattr(settings, "PORTAL_QUEUE_STALE_MINUTES", DEFAULT_STALE_MINUTES)
    return datetime.timedelta(minutes=minutes)


def database_queue() -> bool:
    """Whether a task backend of `TASKS` is django-tasks' database queue."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return any(isinstance(backend, DatabaseBackend) for backend in task_backends.all())


def read_queue_state() -> QueueState:
    """The tasks the worker could take now: how many, and since when the oldest waits.
    One query on the database queue, none on another backend (`NOT_MEASURED`)."""
    if not database_queue():
        return NOT_MEASURED
    from django.db.models import Case, Count, Min, When
    from django.db.models.functions import Greatest
    from django_tasks_db.models import DBTaskResult, get_date_max

    not_deferred = get_date_max()  # the queue's `run_after` of a task not deferred
    ready_since = Case(
        When(run_after=not_deferred, then="enqueued_at"),
        default=Greatest("enqueued_at", "run_after"),
    )
    now = timezone.now()
    figures = (
        DBTaskResult.objects.ready()
        .order_by()
        .aggregate(waiting=Count("pk"), oldest=Min(ready_since))
    )
    return QueueState(
        measured=True, waiting=figures["waiting"], oldest_ready_at=figures["oldest"], read_at=now
    )


def last_finished_at() -> datetime.datetime | None:
    """When the worker last finished a task (succeeded or failed), or None. No index serves
    it (a scan of the table, which `prune_db_task_results` keeps short): for the report
    only, never the admin home or the probe."""
    if not database_queue():
        return None
    from django.db.models import Max
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.finished().order_by().aggregate(last=Max("finished_at"))["last"]


def duration_text(wait: datetime.timedelta) -> str:
    """A wait in plain Vietnamese: "12 phút", "3 giờ 5 phút", "2 ngày 4 giờ"."""
    minutes = int(wait.total_seconds() // 60)
    if minutes < 1:
        return gettext("dưới 1 phút")
    if minutes < 60:
        return gettext("%(minutes)d phút") % {"minutes": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return gettext("%(hours)d giờ %(minutes)d phút") % {"hours": hours, "minutes": minutes}
    days, hours = divmod(hours, 24)
    return gettext("%(days)d ngày %(hours)d giờ") % {"days": days, "hours": hours}
