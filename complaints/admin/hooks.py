"""Wagtail registration of the case workspace: the "Hồ sơ" menu item, the URLs
under /admin/ho-so/, and the dashboard panel of the admin home page."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from complaints.admin import urls as workspace_urls
from complaints.admin.views import VIEW_PERMISSION


class CaseMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_case_workspace_urls():
    return [path("ho-so/", include(workspace_urls, namespace="complaints_admin"))]


@hooks.register("register_admin_menu_item")
def register_case_menu_item():
    return CaseMenuItem(
        _("Hồ sơ"),
        reverse("complaints_admin:index"),
        name="cases",
        icon_name="folder-open-inverse",
        order=150,
    )


class CaseCountersPanel(Component):
    """The admin home page's panel: the user's dashboard counters, each a link to
    the workspace list filtered the same way."""

    name = "case_counters"
    order = 50
    template_name = "complaints/admin/home_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from complaints.selectors.dashboard import dashboard_counters

        return {
            "counters": dashboard_counters(user=self.request.user),
            "index_url": reverse("complaints_admin:index"),
        }


@hooks.register("construct_homepage_panels")
def add_case_counters_panel(request, panels):
    if request.user.has_perm(VIEW_PERMISSION):
        panels.insert(0, CaseCountersPanel(request))
