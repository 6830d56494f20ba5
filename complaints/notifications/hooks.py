"""Wagtail registration of staff alerts: the screen "Người nhận thông báo" (shown to
those who manage a unit's list) and the script of the "Giao xử lý" staff select."""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from complaints.admin.identity_log import MENU_HOOK
from complaints.notifications.unit_settings import units_managed_by
from complaints.notifications.views import UnitNotificationsView


class UnitNotificationsMenuItem(MenuItem):
    def is_shown(self, request):
        return units_managed_by(request.user).exists()


@hooks.register("register_admin_urls")
def register_unit_notification_urls():
    view = UnitNotificationsView.as_view()
    return [
        path("thong-bao-don-vi/", view, name="unit_notifications_home"),
        path("thong-bao-don-vi/<slug:code>/", view, name="unit_notifications"),
    ]


@hooks.register(MENU_HOOK)
def register_unit_notifications_menu_item():
    return UnitNotificationsMenuItem(
        _("Người nhận thông báo"), reverse("unit_notifications_home"),
        name="unit-notifications", icon_name="mail", order=900,
    )  # fmt: skip


@hooks.register("insert_global_admin_js")
def unit_staff_script():
    # "Giao xử lý" shows only the chosen unit's people (issue 11, item 2).
    return format_html('<script src="{}" defer></script>', static("complaints/admin/unit_staff.js"))
