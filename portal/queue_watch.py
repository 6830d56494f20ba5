"""The admin home's warning when background work waits too long: the worker
(`manage.py db_worker`) is stopped or falls behind, and the mails, SMS, search updates and
partners' webhooks pile up (portal/queue_state.py).

Shown only to who may open the report "Tác vụ nền lỗi" (superusers and the task table's
viewers, `portal.failed_tasks.policy`), and only while the oldest task ready to run has
waited longer than `PORTAL_QUEUE_STALE_MINUTES`: nothing when the queue keeps up. It costs
that user one indexed query on the admin home, and every other user none (the permission
is read from what the request already holds)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext, ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

from portal.failed_tasks import policy
from portal.queue_state import QueueState, duration_text, read_queue_state


def stale_queue_message(state: QueueState) -> str:
    waiting = ngettext(
        "%(count)d việc đang chờ", "%(count)d việc đang chờ", state.waiting
    ) % {"count": state.waiting}
    return gettext(
        "Tác vụ nền đang bị chậm: %(waiting)s, lâu nhất %(wait)s. "
        "Kiểm tra tiến trình xử lý nền (db_worker)."
    ) % {"waiting": waiting, "wait": duration_text(state.oldest_wait)}


class StaleQueuePanel(Component):
    name = "stale_queue"
    order = 0  # above every other panel
    template_name = "portal/admin/stale_queue_panel.html"

    def __init__(self, state: QueueState):
        self.state = state

    def get_context_data(self, parent_context=None):
        return {
            "message": stale_queue_message(self.state),
            "report_url": reverse("portal_failed_tasks") + "#hang-doi",
        }


@hooks.register("construct_homepage_panels")
def add_stale_queue_panel(request, panels):
    if not policy.user_has_permission(request.user, "view"):
        return
    state = read_queue_state()
    if state.stale:
        panels.append(StaleQueuePanel(state))
