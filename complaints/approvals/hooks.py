"""Wagtail registration of the drafts' screens: the URLs under /admin/phe-duyet/ and
the menu item "Chờ phê duyệt" (with the number waiting) in the "Hồ sơ" menu."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from complaints.admin.identity_log import MENU_HOOK
from complaints.admin.views import VIEW_PERMISSION
from complaints.approvals import urls as approval_urls


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION) and request.user.has_perm(
            "complaints.act_on_case"
        )


@hooks.register("register_admin_urls")
def register_approval_urls():
    return [path("phe-duyet/", include(approval_urls, namespace="approvals_admin"))]


@hooks.register(MENU_HOOK)
def register_queue_menu_item():
    return QueueMenuItem(
        _("Chờ phê duyệt"), reverse("approvals_admin:queue"), name="approvals",
        icon_name="tasks", order=150,
    )  # fmt: skip
