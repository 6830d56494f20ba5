"""Wagtail registration of the case workspace: the "Hồ sơ" menu (the list, the
forms staff record cases with, the identity access log), the URLs under
/admin/ho-so/, the choosers its forms use, and the admin home page's panel."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from complaints.admin import urls as workspace_urls
from complaints.admin.choosers import category_chooser_viewset, facility_chooser_viewset
from complaints.admin.identity_log import MENU_HOOK, identity_log_viewset
from complaints.admin.views import VIEW_PERMISSION, can_log_press, can_record_intake


class CaseMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


class IntakeMenuItem(CaseMenuItem):
    def is_shown(self, request):
        return super().is_shown(request) and can_record_intake(request.user)


class PressMenuItem(CaseMenuItem):
    def is_shown(self, request):
        return super().is_shown(request) and can_log_press(request.user)


@hooks.register("register_admin_urls")
def register_case_workspace_urls():
    return [path("ho-so/", include(workspace_urls, namespace="complaints_admin"))]


@hooks.register("register_admin_viewset")
def register_case_workspace_viewsets():
    return [facility_chooser_viewset, category_chooser_viewset, identity_log_viewset]


@hooks.register(MENU_HOOK)
def register_dashboard_menu_items():
    return CaseMenuItem(
        _("Bảng điều hành"), reverse("complaints_admin:dashboard"), name="case-dashboard",
        icon_name="view", order=50,
    )


@hooks.register(MENU_HOOK)
def register_report_menu_item():
    return CaseMenuItem(
        _("Báo cáo định kỳ"), reverse("complaints_admin:report"), name="case-report",
        icon_name="table", order=60,
    )


@hooks.register(MENU_HOOK)
def register_case_list_menu_item():
    return CaseMenuItem(
        _("Danh sách hồ sơ"), reverse("complaints_admin:index"), name="case-list",
        icon_name="folder-open-inverse", order=100,
    )


@hooks.register(MENU_HOOK)
def register_staff_intake_menu_item():
    return IntakeMenuItem(
        _("Ghi nhận cuộc gọi, đơn thư"), reverse("complaints_admin:staff_intake"),
        name="case-intake", icon_name="mail", order=200,
    )


@hooks.register(MENU_HOOK)
def register_press_report_menu_item():
    return PressMenuItem(
        _("Ghi nhận bài báo"), reverse("complaints_admin:press_report"),
        name="case-press", icon_name="doc-full", order=300,
    )


@hooks.register("register_permissions")
def register_case_permissions():
    """The case permissions, grantable to a group in the group editor (/admin/groups/) under
    the heading "Hồ sơ" with their Vietnamese names: seeing the case list (`view_case`) and
    the permissions of `Case.Meta.permissions` (scope, acting, approving, withdrawals, the
    denouncer's identity). Cases change only through the workflow: no add/change/delete."""
    from django.contrib.auth.models import Permission

    from complaints.models import Case

    codenames = ["view_case", *(codename for codename, _label in Case._meta.permissions)]
    return Permission.objects.filter(
        content_type__app_label="complaints", content_type__model="case", codename__in=codenames
    )


@hooks.register("register_admin_menu_item")
def register_case_menu_item():
    # A submenu: shown when one of its items is (the list needs `view_case`).
    return SubmenuMenuItem(
        pgettext_lazy("danh sách", "Hồ sơ"),  # the list: "Cases", not one "Case"
        Menu(register_hook_name=MENU_HOOK),
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
        from complaints.reports.figures import steering_figures
        from complaints.selectors.dashboard import dashboard_counters

        figures = steering_figures(user=self.request.user)
        return {
            "counters": dashboard_counters(user=self.request.user),
            # Where to act first: the units with the most overdue cases.
            "worst_units": [row for row in figures.by_unit if row.overdue][:5],
            # The verifications past their period (the dashboard's figure, no query more).
            "verification_overdue": figures.totals.get("verification_overdue", 0),
            "index_url": reverse("complaints_admin:index"),
            "dashboard_url": reverse("complaints_admin:dashboard"),
            "report_url": reverse("complaints_admin:report"),
        }


class FacilityGapsPanel(Component):
    """The admin home page's warning, for whoever keeps the reference data: the facilities
    the public form offers that no leader leads, or whose address a letter does not reach
    (`complaints.selectors.facility_gaps`). Not shown when there is none."""

    name = "facility_gaps"
    order = 60
    template_name = "complaints/admin/facility_gaps_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from complaints.selectors.facility_gaps import (
            facilities_without_leader,
            facilities_without_postal_address,
        )

        return {
            "leaderless": facilities_without_leader(),
            "without_address": facilities_without_postal_address(),
            "facilities_url": reverse("reference_facilities:index"),
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not (context["leaderless"] or context["without_address"]):
            return ""
        from django.template.loader import render_to_string

        return render_to_string(self.template_name, context, request=self.request)


FACILITY_PERMISSION = "complaints.change_facility"


# Wagtail's panels of a page editor's own work: the pages they edited, locked, or sent to
# moderation. Empty for whoever may edit no page (most case staff), yet each runs its
# queries on every visit of the admin home.
PAGE_EDITOR_PANELS = frozenset(
    {"recent_edits", "locked_pages", "user_objects_in_workflow_moderation"}
)


def edits_pages(user) -> bool:
    """Whether `user` holds any page permission (read from the permissions Wagtail keeps on
    the user for the request: the sidebar's explorer reads them too)."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(Page).user_has_any_permission(
        user, {"add", "change", "publish", "lock", "unlock"}
    )


@hooks.register("construct_homepage_panels")
def add_case_counters_panel(request, panels):
    if request.user.has_perm(VIEW_PERMISSION):
        panels.insert(0, CaseCountersPanel(request))
    if request.user.has_perm(FACILITY_PERMISSION):
        panels.append(FacilityGapsPanel(request))
    if not edits_pages(request.user):
        panels[:] = [panel for panel in panels if panel.name not in PAGE_EDITOR_PANELS]


@hooks.register("insert_global_admin_js")
def form_drafts_script():
    # The case forms keep what is typed across a sign-in (a session that ended meanwhile):
    # complaints/static/complaints/admin/form_drafts.js. On every admin page, so a page
    # reached after the form was received forgets it.
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html(
        '<script src="{}" defer></script>', static("complaints/admin/form_drafts.js")
    )
