"""Wagtail admin of partners (issue 15), menu "Kết nối hệ thống": partners and their
scopes and webhook, their keys (issued once, revoked, never shown again), the log of
their calls, webhook deliveries, and the national export runs. Model permissions
decide who sees them (the demo administrator only)."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import CreateView, DeleteView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from complaints.models import NationalExportRun, Partner, PartnerCall, PartnerKey, WebhookDelivery
from complaints.partners.expiry import expiry_moved_to
from complaints.partners.key_state import KeyState, expiry_text, keys_in_state
from complaints.partners.webhook_admin import WebhookDeliveryViewSet


class PartnerForm(WagtailAdminModelForm):
    webhook_url = forms.URLField(
        label=_("Địa chỉ webhook"), required=False, assume_scheme="https", max_length=200,
        help_text=_(
            "Địa chỉ (https) mà hệ thống của đối tác nhận thông báo: mỗi khi hồ sơ do đối tác "
            "gửi đổi trạng thái công khai, Cổng gửi một thông báo tới địa chỉ này. Để trống "
            "nếu đối tác không nhận thông báo."
        ),
    )  # fmt: skip

    class Meta:
        model = Partner
        fields = [
            "code", "name", "is_active", "can_file", "can_read_own", "contact_email",
            "webhook_url", "webhook_secret",
        ]  # fmt: skip
        help_texts = {
            "code": _(
                "Tên ngắn của đối tác, ví dụ cong-dvc: dùng khi cấp khóa API bằng lệnh "
                "issue_partner_key và để nhận ra đối tác trong nhật ký."
            ),
            "name": _("Tên đầy đủ của hệ thống đối tác, hiện trong các danh sách và nhật ký."),
            "is_active": _(
                "Bỏ chọn để ngừng kết nối: mọi khóa API của đối tác bị từ chối và Cổng không "
                "gửi thông báo webhook nữa; hồ sơ và nhật ký gọi API vẫn được giữ."
            ),
            "can_file": _("Khóa của đối tác được gửi hồ sơ mới (API và Open311)."),
            "contact_email": _(
                "Địa chỉ thư của người phụ trách kết nối bên đối tác: Cổng báo trước 30 ngày "
                "và 7 ngày khi một khóa API của đối tác sắp hết hạn. Để trống thì không gửi."
            ),
            "can_read_own": _(
                "Khóa của đối tác được xem tình trạng các hồ sơ chính đối tác đã gửi (không "
                "bao giờ thấy danh tính người gửi)."
            ),
            "webhook_secret": _(
                "Khóa bí mật để ký các thông báo webhook (HMAC-SHA256). Hãy trao khóa này cho "
                "đối tác qua kênh an toàn để họ kiểm tra chữ ký; đổi khóa thì báo cho đối tác."
            ),
        }
        error_messages = {
            "code": {
                "invalid": _(
                    "Mã đối tác chỉ gồm chữ cái không dấu, chữ số, dấu gạch ngang (-) và "
                    "gạch dưới (_), không có khoảng trắng; ví dụ cong-dvc."
                ),
            },
        }


class PartnerDeleteView(DeleteView):
    """A partner that filed cases or called the API is never deleted: its cases keep who
    filed them (PROTECT) and its call log is a record of what happened. The page says so and
    points to "Đang hoạt động" instead of answering a ProtectedError (a 500)."""

    template_name = "complaints/partners/partner_delete.html"
    refusal_message = _(
        "Đối tác này đã gửi hồ sơ hoặc đã gọi API nên không xóa được: hồ sơ và nhật ký gọi "
        "API phải giữ đúng đối tác. Để ngừng kết nối, hãy mở trang sửa đối tác và bỏ chọn "
        "“Đang hoạt động”: mọi khóa API của đối tác bị từ chối ngay."
    )

    @cached_property
    def in_use(self) -> bool:
        return self.object.cases.exists() or self.object.calls.exists()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.in_use:
            context["refusal"] = self.refusal_message
            context["is_protected"] = True  # Wagtail's page: no "Đúng, xoá đi"
        return context

    def form_valid(self, form):
        if not self.in_use:
            try:
                return super().form_valid(form)
            except ProtectedError:  # a case filed since the page was read
                pass
        messages.error(self.request, self.refusal_message)
        return HttpResponseRedirect(reverse("partners:delete", args=[self.object.pk]))


class YesNoColumn(BooleanColumn):
    """Wagtail's tick or cross, read "Có"/"Không" (its own reads "True"/"False")."""

    cell_template_name = "complaints/partners/yes_no_cell.html"


class PartnerViewSet(ModelViewSet):
    model = Partner
    icon = "site"
    menu_label = _("Đối tác")
    search_fields = ["name", "code"]
    search_backend_name = None
    copy_view_enabled = False
    delete_view_class = PartnerDeleteView

    @property
    def list_display(self):
        return [
            "name", "code", YesNoColumn("is_active", label=_("Đang hoạt động")),
            YesNoColumn("can_file", label=_("Được gửi hồ sơ")),
            YesNoColumn("can_read_own", label=_("Được xem hồ sơ mình đã gửi")),
            Column("webhook_url", label=_("Địa chỉ webhook")),
        ]  # fmt: skip

    def get_form_class(self, for_update=False):
        return PartnerForm


class KeyCreateForm(WagtailAdminModelForm):
    class Meta:
        model = PartnerKey
        fields = ["partner", "name"]


class KeyEditForm(WagtailAdminModelForm):
    expires_on = forms.DateField(
        label=_("Hết hạn ngày"),
        widget=AdminDateInput,
        required=False,  # left empty: unchanged
        help_text=_(
            "Chỉ rút ngắn được thời hạn, không gia hạn được: để đối tác dùng lâu hơn, hãy cấp "
            "khóa mới rồi thu hồi khóa này khi đối tác đã chuyển sang khóa mới."
        ),
    )
    revoke = forms.BooleanField(
        label=_("Thu hồi khóa này"),
        required=False,
        help_text=_("Khóa bị thu hồi không dùng được nữa; nhật ký gọi được giữ lại."),
    )

    class Meta:
        model = PartnerKey
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("expires_on", self.instance.expires_on)

    def clean_expires_on(self):
        """The instant the key expires after this edit: the day typed, at the time of day
        it was issued; never later than now set, never past."""
        day = self.cleaned_data["expires_on"]
        if day is None or day == self.instance.expires_on:
            return self.instance.expires_at
        moved = expiry_moved_to(self.instance, day)
        if moved <= timezone.now():
            raise forms.ValidationError(
                _("Ngày hết hạn đã qua; để dừng khóa ngay, hãy thu hồi khóa.")
            )
        if moved > self.instance.expires_at:
            raise forms.ValidationError(
                _(
                    "Không gia hạn được khóa quá ngày %(day)s; để đối tác dùng lâu hơn, hãy cấp "
                    "khóa mới."
                ),
                params={"day": self.instance.expires_on.strftime("%d/%m/%Y")},
            )
        return moved

    def save(self, commit=True):
        key = super().save(commit=False)
        if key.expires_at != self.cleaned_data["expires_on"]:
            key.expires_at = self.cleaned_data["expires_on"]
            key.expiry_warned_days = None  # warned again against the new day
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


class PartnerKeyFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=KeyState.choices, empty_label=_("Mọi khóa"),
        method="in_state",
    )  # fmt: skip

    class Meta:
        model = PartnerKey
        fields = ["partner", "state"]

    def in_state(self, queryset, name, value):
        return keys_in_state(queryset, value)


class PartnerKeyViewSet(ModelViewSet):
    model = PartnerKey
    icon = "key"
    menu_label = _("Khóa API đối tác")
    add_view_class = KeyCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = PartnerKeyFilterSet

    @property
    def list_display(self):
        return [
            "name",
            "partner",
            "prefix",
            DateColumn("created_at", label=_("Tạo lúc")),
            DateColumn("last_used_at", label=_("Dùng gần nhất")),
            # The day and the days left (Wagtail's own column reads a future instant "Vừa xong").
            Column("expires_at", label=_("Hết hạn"), accessor=expiry_text, sort_key="expires_at"),
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
