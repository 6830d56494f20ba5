"""The partners' webhook deliveries in the admin ("Kết nối hệ thống → Thông báo webhook"):
the list, each notice's detail (its attempts, last answer and error, who resent it) and
"Gửi lại" for a notice that failed.

A case is named by its code and kind only, never its title: a partner administrator may
hold no case permission, and a tố cáo's title may name its denouncer (khoản 3 Điều 8,
Điều 47 Luật Tố cáo). The code links to the case page for a reader who may open it
(`complaints.view_case` and the case in `Case.objects.in_scope_of`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import ModelLogEntry

from complaints.kinds import CaseKind
from complaints.models import Case, WebhookDelivery
from complaints.partners.webhooks import RESEND_ACTION, webhook_resend

RESEND_PERMISSION = "complaints.change_partner"  # who manages the partners resends


def openable_case_ids(user, case_ids) -> set[int]:
    """Which of `case_ids` `user` may open on the case page (one query)."""
    from complaints.admin.views import VIEW_PERMISSION

    if not user.has_perm(VIEW_PERMISSION):
        return set()
    return set(
        Case.objects.in_scope_of(user).filter(pk__in=case_ids).values_list("pk", flat=True)
    )


def case_code(case, *, openable: bool) -> str:
    """The case as a partner administrator reads it: its code, linked when `openable`,
    and its kind."""
    kind = CaseKind(case.kind).label
    if openable:
        url = reverse("complaints_admin:detail", args=[case.tracking_code])
        return format_html('<a href="{}">{}</a> ({})', url, case.tracking_code, kind)
    return format_html("{} ({})", case.tracking_code, kind)


class CaseCodeColumn(Column):
    def get_value(self, instance):
        return case_code(instance.case, openable=instance.case_openable)


class WebhookIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partner", "case")

    def get_table(self, object_list):
        deliveries = list(object_list)
        openable = openable_case_ids(self.request.user, {d.case_id for d in deliveries})
        for delivery in deliveries:
            delivery.case_openable = delivery.case_id in openable
        return super().get_table(deliveries)


class WebhookInspectView(InspectView):
    template_name = "complaints/partners/webhook_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            WebhookDelivery.objects.select_related("partner", "case"), pk=self.pk
        )

    def get_field_label(self, field_name, field):
        if field_name == "resent":
            return _("Đã gửi lại")
        if field_name == "last_status_code":
            return _("Mã trả lời lần gần nhất")
        if field_name == "last_error":
            return _("Lỗi lần gần nhất")
        return super().get_field_label(field_name, field)

    def get_case_display_value(self):
        case = self.object.case
        openable = bool(openable_case_ids(self.request.user, [case.pk]))
        return case_code(case, openable=openable)

    def get_last_error_display_value(self):
        return self.object.last_error or "—"

    def get_last_status_code_display_value(self):
        return self.object.last_status_code or "—"

    def get_resent_display_value(self):
        entries = ModelLogEntry.objects.filter(
            action=RESEND_ACTION, object_id=str(self.object.pk),
            content_type__model="webhookdelivery",
        ).select_related("user").order_by("timestamp")  # fmt: skip
        lines = [
            _("%(when)s, bởi %(who)s") % {
                "when": entry.timestamp.astimezone().strftime("%H:%M %d/%m/%Y"),
                "who": entry.user.get_username() if entry.user else "—",
            }
            for entry in entries
        ]
        return "; ".join(lines) or "—"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status == WebhookDelivery.Status.FAILED and (
            self.request.user.has_perm(RESEND_PERMISSION)
        ):
            context["resend_url"] = reverse("partner_webhooks:resend", args=[self.object.pk])
        return context


@require_POST
def resend_view(request, pk):
    if not request.user.has_perm(RESEND_PERMISSION):
        raise PermissionDenied
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    if webhook_resend(delivery.pk, user=request.user):
        messages.success(request, _("Đã đưa thông báo vào hàng đợi để gửi lại."))
    else:
        messages.warning(
            request, _("Thông báo này không ở trạng thái gửi không thành công: không gửi lại.")
        )
    return HttpResponseRedirect(reverse("partner_webhooks:inspect", args=[pk]))


class WebhookDeliveryViewSet(ModelViewSet):
    """The list and each notice's detail; nothing added, edited or deleted (records of what
    happened, `RecordsOnlyPolicy`); a failed notice resent (`webhook_resend`)."""

    model = WebhookDelivery
    icon = "mail"
    menu_label = gettext_lazy("Thông báo webhook")
    ordering = ["-created_at", "-id"]
    list_filter = ["partner", "status"]
    index_view_class = WebhookIndexView
    inspect_view_class = WebhookInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "partner", "case", "status", "attempts", "last_status_code", "last_error",
        "created_at", "delivered_at", "resent", "payload",
    ]  # fmt: skip
    copy_view_enabled = False
    form_fields = []

    @property
    def list_display(self):
        return [
            "partner",
            CaseCodeColumn("case", label=gettext_lazy("Hồ sơ")),
            "status",
            "attempts",
            Column("last_status_code", label=gettext_lazy("Mã trả lời lần gần nhất")),
            DateColumn("created_at", label=gettext_lazy("Thời điểm tạo")),
        ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("resend/<int:pk>/", resend_view, name="resend"),
        ]


@hooks.register("register_log_actions")
def register_webhook_log_actions(actions):
    label = gettext_lazy("Gửi lại thông báo webhook")
    actions.register_action(RESEND_ACTION, label, label)
