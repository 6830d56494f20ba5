"""Wagtail registration of the drafts' screens: the URLs under /admin/phe-duyet/, the menu
item "Chờ phê duyệt" (with the number waiting for the person: "Chờ phê duyệt (3)") in the
"Hồ sơ" menu, and the admin home's panel of drafts (the number waiting, the nearest
deadline, one's own drafts returned). The figures: complaints/approvals/counts.py, kept
per person until a draft changes (no query on most pages)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem

from complaints.admin.identity_log import MENU_HOOK
from complaints.admin.views import VIEW_PERMISSION
from complaints.approvals import urls as approval_urls
from complaints.approvals.counts import waiting_for
from complaints.approvals.services import APPROVE_PERMISSION, PROPOSE_PERMISSION


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION) and request.user.has_perm(
            PROPOSE_PERMISSION
        )

    def render_component(self, request):
        """The label with the number of drafts waiting for this leader, when there are some
        (the queue's own count, `counts.waiting_for`)."""
        label = self.label
        if request.user.has_perm(APPROVE_PERMISSION):
            waiting = waiting_for(request.user).waiting
            if waiting:
                label = f"{label} ({waiting})"
        return LinkMenuItem(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname,
            attrs=self.attrs,
        )  # fmt: skip


@hooks.register("register_admin_urls")
def register_approval_urls():
    return [path("phe-duyet/", include(approval_urls, namespace="approvals_admin"))]


@hooks.register(MENU_HOOK)
def register_queue_menu_item():
    return QueueMenuItem(
        _("Chờ phê duyệt"), reverse("approvals_admin:queue"), name="approvals",
        icon_name="tasks", order=150,
    )  # fmt: skip


class DraftsPanel(Component):
    """The admin home's panel "Dự thảo trình phê duyệt": for a leader, the drafts waiting
    for them and the nearest deadline among them (a complaint's acceptance: 7 working days,
    khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP, được sửa đổi bởi Nghị định 155/2026/NĐ-CP);
    for whoever proposes, their drafts returned to be corrected. Before the case counters."""

    name = "approvals"
    order = 40
    template_name = "complaints/approvals/home_panel.html"

    def __init__(self, request, figures):
        self.request = request
        self.figures = figures

    def get_context_data(self, parent_context=None):
        from complaints.admin.rows import due_info

        figures = self.figures
        return {
            "can_approve": self.request.user.has_perm(APPROVE_PERMISSION),
            "waiting": figures.waiting,
            "returned": figures.returned,
            "nearest": due_info(figures.nearest, timezone.localdate()) if figures.nearest else None,
            "queue_url": reverse("approvals_admin:queue"),
        }


@hooks.register("construct_homepage_panels")
def add_drafts_panel(request, panels):
    user = request.user
    if not (user.has_perm(VIEW_PERMISSION) and user.has_perm(PROPOSE_PERMISSION)):
        return
    figures = waiting_for(user)
    if user.has_perm(APPROVE_PERMISSION) or figures.returned:
        panels.append(DraftsPanel(request, figures))
