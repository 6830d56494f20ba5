"""The Wagtail report "Tác vụ nền lỗi" (menu "Báo cáo"): every attempt of a background task
that ended FAILED in django-tasks' database queue, newest first, with whether it is retried
or given up, its attempt number and its error.

A `background_task` attempt that fails with a retry queued ends FAILED with
`portal.tasks.RetryQueued` (its message carries the error); the last attempt ends FAILED
with the error itself. Finished rows are kept until `prune_db_task_results` (README,
"Background work"). Opened by superusers and by whoever holds the task table's view
permission (`django_tasks_database.view_dbtaskresult`): give it to the IT operators' group
in the group editor (Cài đặt → Nhóm: row "Tác vụ nền", "Được xem"), where
`register_task_table_permission` lists it and portal/templatetags/permission_labels.py
names its row in Vietnamese (django-tasks names its model "Task Result", in English, in its
own migrations). The list's footer counts the rows as "2 tác vụ" (`FailedAttemptsPaginator`),
not by that English name.

Above the list, how the queue stands (portal/queue_state.py): the tasks waiting for the
worker, how long the oldest has waited, and when the worker last finished a task; "không
đo được" when the queue is not django-tasks' database queue."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from portal.queue_state import duration_text, last_finished_at, read_queue_state

RETRY_QUEUED = "portal.tasks.RetryQueued"
_RETRY_PREFIX = "retry queued: "
policy = ModelPermissionPolicy(DBTaskResult)


@dataclass(frozen=True)
class FailedAttempt:
    """One FAILED row of the queue, as the report shows it."""

    task: str
    retried: bool
    attempt: str
    error: str
    finished_at: object

    @property
    def outcome(self) -> str:
        return _("Đã hẹn thử lại") if self.retried else _("Đã dừng, không thử lại")


def _max_attempts(row: DBTaskResult) -> int | None:
    try:
        return getattr(import_string(row.task_path).func, "max_attempts", None)
    except ImportError:
        return None


def _error(row: DBTaskResult) -> str:
    """The error on one line: the traceback's last line (the raised exception), and for a
    retried attempt the error `RetryQueued` carries."""
    lines = [line for line in row.traceback.splitlines() if line.strip()]
    last = lines[-1].strip() if lines else row.exception_class_path
    if row.exception_class_path == RETRY_QUEUED and _RETRY_PREFIX in last:
        last = last.split(_RETRY_PREFIX, 1)[1]
    return last[:300]


def failed_attempt(row: DBTaskResult) -> FailedAttempt:
    attempt = (row.args_kwargs.get("kwargs") or {}).get("_attempt", 1)
    most = _max_attempts(row)
    return FailedAttempt(
        task=row.task_path.rsplit(".", 1)[-1],
        retried=row.exception_class_path == RETRY_QUEUED,
        attempt=f"{attempt}/{most}" if most else str(attempt),
        error=_error(row),
        finished_at=row.finished_at,
    )


class FailedAttemptsPaginator(WagtailPaginator):
    @cached_property
    def items_count_label(self):
        return ngettext("%(count)d tác vụ", "%(count)d tác vụ", self.count) % {
            "count": self.count
        }


class FailedTasksReport(ReportView):
    page_title = _("Tác vụ nền lỗi")
    header_icon = "warning"
    index_url_name = "portal_failed_tasks"
    index_results_url_name = "portal_failed_tasks_results"
    permission_policy = policy
    permission_required = "view"
    template_name = "portal/admin/failed_tasks_report.html"
    paginator_class = FailedAttemptsPaginator
    columns = [
        Column("task", label=_("Tác vụ")),
        Column("outcome", label=_("Kết quả")),
        Column("attempt", label=_("Lần thử")),
        Column("error", label=_("Lỗi")),
        DateColumn("finished_at", label=_("Thời điểm")),
    ]

    def get_queryset(self):
        return DBTaskResult.objects.failed().order_by("-finished_at")

    def get_table(self, object_list):
        return super().get_table([failed_attempt(row) for row in object_list])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            context["queue"] = queue_figures()
        return context


def queue_figures() -> dict:
    """What the report's "Hàng đợi tác vụ nền" says: the tasks waiting, the oldest's wait in
    words, when the last task finished, and whether the wait is over the threshold."""
    state = read_queue_state()
    if not state.measured:
        return {"measured": False}
    wait = state.oldest_wait
    return {
        "measured": True,
        "waiting": state.waiting,
        "oldest_wait": duration_text(wait) if wait is not None else None,
        "stale": state.stale,
        "last_finished_at": last_finished_at(),
    }


class FailedTasksMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_failed_tasks_urls():
    view = FailedTasksReport.as_view()
    results = FailedTasksReport.as_view(results_only=True)
    return [
        path("bao-cao/tac-vu-nen-loi/", view, name="portal_failed_tasks"),
        path("bao-cao/tac-vu-nen-loi/ket-qua/", results, name="portal_failed_tasks_results"),
    ]


@hooks.register("register_permissions")
def register_task_table_permission():
    """The report's permission, grantable in the group editor (Cài đặt → Nhóm)."""
    return Permission.objects.filter(
        content_type__app_label=DBTaskResult._meta.app_label,
        content_type__model=DBTaskResult._meta.model_name,
        codename=get_permission_codename("view", DBTaskResult._meta),
    )


@hooks.register("register_reports_menu_item")
def register_failed_tasks_menu_item():
    return FailedTasksMenuItem(
        _("Tác vụ nền lỗi"),
        reverse("portal_failed_tasks"),
        name="failed-tasks",
        icon_name="warning",
        order=1100,
    )
