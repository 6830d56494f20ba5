"""Wagtail admin of partners (issue 15), menu "Kết nối hệ thống": partners and their
scopes and webhook, their keys (issued once, revoked, never shown again), the log of
their calls, webhook deliveries, and the national export runs. Model permissions
decide who sees them (the demo administrator only)."""

from __future__ import annotations

from django import forms
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from complaints.models import NationalExportRun, Partner, PartnerCall, PartnerKey, WebhookDelivery


class PartnerForm(WagtailAdminModelForm):
    webhook_url = forms.URLField(
        label=_("địa chỉ webhook"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Partner
        fields = [
            "code", "name", "is_active", "can_file", "can_read_own", "webhook_url",
            "webhook_secret",
        ]  # fmt: skip


class PartnerViewSet(ModelViewSet):
    model = Partner
    icon = "site"
    menu_label = _("Đối tác")
    list_display = ["name", "code", "is_active", "can_file", "can_read_own", "webhook_url"]
    search_fields = ["name", "code"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return PartnerForm


class KeyCreateForm(WagtailAdminModelForm):
    class Meta:
        model = PartnerKey
        fields = ["partner", "name"]


class KeyEditForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Thu hồi khóa này"),
        required=False,
        help_text=_("Khóa bị thu hồi không dùng được nữa; nhật ký gọi được giữ lại."),
    )

    class Meta:
        model = PartnerKey
        fields = ["name"]

    def save(self, commit=True):
        key = super().save(commit=False)
        if self.cleaned_data.get("revoke") and key.revoked_at is None:
            key.revoked_at = timezone.now()
        if commit:
            key.save()
        return key


class KeyCreateView(CreateView):
    """Issue the key and show it on this answer only (never stored, never a message)."""

    def form_valid(self, form):
        key, raw = PartnerKey.issue(
            partner=form.cleaned_data["partner"], name=form.cleaned_data["name"]
        )
        return TemplateResponse(
            self.request,
            "complaints/partners/key_issued.html",
            {"key": key, "raw_key": raw, "index_url": self.get_success_url()},
        )


class PartnerKeyViewSet(ModelViewSet):
    model = PartnerKey
    icon = "key"
    menu_label = _("Khóa API đối tác")
    add_view_class = KeyCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["partner"]

    @property
    def list_display(self):
        return [
            "name",
            "partner",
            "prefix",
            DateColumn("created_at", label=_("Tạo lúc")),
            DateColumn("last_used_at", label=_("Dùng gần nhất")),
            DateColumn("revoked_at", label=_("Thu hồi lúc")),
        ]

    def get_form_class(self, for_update=False):
        return KeyEditForm if for_update else KeyCreateForm


class RecordsOnlyPolicy(ModelPermissionPolicy):
    """The model's view permission; nobody adds, edits or deletes a record of what happened."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


for _model in (PartnerCall, WebhookDelivery, NationalExportRun):
    register_permission_policy(_model, RecordsOnlyPolicy(_model))


class ReadOnlyViewSet(ModelViewSet):
    """A list only: no add, edit or delete (records of what happened)."""

    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = []

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


class PartnerCallViewSet(ReadOnlyViewSet):
    model = PartnerCall
    icon = "list-ul"
    menu_label = _("Nhật ký gọi API")
    ordering = ["-at", "-id"]
    list_filter = ["partner", "status_code"]

    @property
    def list_display(self):
        return [
            DateColumn("at", label=_("Thời điểm")),
            "partner",
            Column("key", label=_("Khóa"), accessor=lambda call: call.key.prefix + "…"),
            "method",
            "path",
            "status_code",
            "tracking_code",
        ]


class WebhookDeliveryViewSet(ReadOnlyViewSet):
    model = WebhookDelivery
    icon = "mail"
    menu_label = _("Thông báo webhook")
    ordering = ["-created_at", "-id"]
    list_filter = ["partner", "status"]
    list_display = ["partner", "case", "status", "attempts", "last_status_code", "created_at"]


class NationalExportRunViewSet(ReadOnlyViewSet):
    model = NationalExportRun
    icon = "download"
    menu_label = _("Xuất CSDL quốc gia")
    ordering = ["-started_at", "-id"]
    list_filter = ["status"]
    list_display = [
        "started_at", "status", "error", "trigger", "format_version", "file_name", "examined",
        "new", "changed", "unchanged", "resent", "identity_withheld",
    ]  # fmt: skip


class InteroperabilityGroup(ViewSetGroup):
    menu_label = _("Kết nối hệ thống")
    menu_icon = "link"
    menu_order = 850
    items = (
        PartnerViewSet("partners", url_prefix="ket-noi/doi-tac"),
        PartnerKeyViewSet("partner_keys", url_prefix="ket-noi/khoa-api"),
        PartnerCallViewSet("partner_calls", url_prefix="ket-noi/nhat-ky-goi"),
        WebhookDeliveryViewSet("partner_webhooks", url_prefix="ket-noi/webhook"),
        NationalExportRunViewSet("national_exports", url_prefix="ket-noi/xuat-csdl-quoc-gia"),
    )


@hooks.register("register_admin_viewset")
def register_interoperability_admin():
    return InteroperabilityGroup()
