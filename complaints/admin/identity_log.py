"""Who viewed a denouncer's identity, and when (DOMAIN.md §5; Luật TC Art 47;
NĐ 31/2019 Art 22): the `IdentityAccessLog` rows `reporter_for` writes, read-only,
in the "Hồ sơ" menu.

Seen by superusers and by users who both approve cases (`approve_case`) and may see
a denouncer's identity (`view_denouncer_identity`): those who answer for that
secret. No model permission of its own (that would need a migration): a permission
policy decides. Nobody adds, edits or deletes a row here."""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from complaints.models import IdentityAccessLog
from complaints.selectors.history import staff_name

MENU_HOOK = "register_case_workspace_menu_item"
AUDITOR_PERMISSIONS = ("complaints.approve_case", "complaints.view_denouncer_identity")

PURPOSE_LABELS = {
    "screen": _("Xem trên trang hồ sơ"),
    "api": _("Qua API nội bộ"),
    "timeline": _("Xem trong lịch sử hồ sơ"),
    "download": _("Tải tệp hoặc văn bản về máy"),
    "lookup": _("Tìm hồ sơ theo người gửi"),
}


def can_read_identity_log(user) -> bool:
    return bool(
        user.is_active
        and (user.is_superuser or all(user.has_perm(name) for name in AUDITOR_PERMISSIONS))
    )


class IdentityLogPermissionPolicy(BasePermissionPolicy):
    """Viewing only, and only by the auditors above."""

    def user_has_permission(self, user, action):
        return action == "view" and can_read_identity_log(user)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(is_active=True, is_superuser=True)


register_permission_policy(IdentityAccessLog, IdentityLogPermissionPolicy(IdentityAccessLog))


class UserChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{staff_name(obj)} ({obj.get_username()})"


class UserFilter(django_filters.ModelChoiceFilter):
    field_class = UserChoiceField


def _users_in_log(request):
    return (
        get_user_model()
        .objects.filter(pk__in=IdentityAccessLog.objects.values("user"))
        .order_by("last_name", "first_name", "username")
    )


class IdentityLogFilterSet(WagtailFilterSet):
    user = UserFilter(label=_("Người xem"), queryset=_users_in_log, empty_label=_("Mọi người"))
    at = django_filters.DateFromToRangeFilter(
        label=_("Ngày xem"), widget=DateRangePickerWidget
    )

    class Meta:
        model = IdentityAccessLog
        fields = ["user", "at"]


class CaseColumn(Column):
    def get_value(self, instance):
        case = instance.case
        return format_html(
            '<a href="{}">{}</a>',
            reverse("complaints_admin:detail", args=[case.tracking_code]),
            case.tracking_code,
        )


class IdentityLogIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "case")


class IdentityLogViewSet(ModelViewSet):
    model = IdentityAccessLog
    icon = "view"
    menu_label = _("Nhật ký xem danh tính")
    menu_hook = MENU_HOOK
    menu_order = 900
    index_view_class = IdentityLogIndexView
    filterset_class = IdentityLogFilterSet
    ordering = ["-at", "-id"]
    copy_view_enabled = False
    inspect_view_enabled = False
    list_export = []
    form_fields = []

    @property
    def list_display(self):
        return [
            DateColumn("at", label=_("Thời điểm"), sort_key="at"),
            Column(
                "user", label=_("Người xem"),
                accessor=lambda log: f"{staff_name(log.user)} ({log.user.get_username()})",
            ),
            CaseColumn("case", label=_("Hồ sơ")),
            Column(
                "purpose", label=_("Mục đích"),
                accessor=lambda log: PURPOSE_LABELS.get(log.purpose, log.purpose),
            ),
        ]

    def get_urlpatterns(self):
        # The list only: no add, edit, delete, history or usage pages.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


identity_log_viewset = IdentityLogViewSet(
    "complaints_identity_log", url_prefix="nhat-ky-xem-danh-tinh"
)
