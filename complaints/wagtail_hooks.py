"""Wagtail admin of the complaints app, one clearly separated section per feature."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template import Template, TemplateSyntaxError
from django.urls import path
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from complaints import deadlines as deadline_engine
from complaints.admin.calendar_overrides import CalendarOverrideViewSet
from complaints.admin.columns import AlertRecipientsColumn, yes_no
from complaints.admin.history_changes import FieldChangesHistoryView
from complaints.kinds import CaseKind
from complaints.models import (
    Case,
    Category,
    EmailTemplate,
    Facility,
    FacilityKind,
    RoutingRule,
    RoutingTarget,
)
from complaints.services.routing_check import (
    ROUTING_FIELDS,
    conditions_text,
    duplicate_messages,
    effect_messages,
    rule_effects,
)
from complaints.step_labels import EVENT_LABELS, STEP_LABELS

# ======================================================================================
# Reference data and rules: menu "Danh mục & quy tắc" (issue 3).
#
# Facilities, categories, routing rules, calendar overrides, e-mail templates, and a
# read-only view of the deadline rule table. Only users holding the models' own
# permissions see them: the demo administrator (superuser); no demo role has them.
# Facilities and categories are never deleted (cases and history point at them):
# they are deactivated.
# ======================================================================================


class NoDeletePermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, except that nobody deletes: rows are deactivated."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "delete"])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class InUseDeleteView(DeleteView):
    """Nothing is deleted (`NoDeletePermissionPolicy`): whoever may edit the row is told
    why and what to do instead, on its edit page; anyone else is refused as before. Each
    model's view says how many cases use the row (`cases_using(obj)`) and what to do
    instead (`in_use_message(count)`)."""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        messages.error(request, self.in_use_message(self.cases_using(self.object)))
        return redirect(self.edit_url_name, self.object.pk)


class FacilityDeleteView(InUseDeleteView):
    def cases_using(self, obj) -> int:
        return Case.objects.filter(Q(facility=obj) | Q(assigned_unit=obj)).count()

    def in_use_message(self, count: int) -> str:
        if not count:
            return gettext(
                "Cơ sở y tế không xóa được, để giữ lịch sử; bỏ chọn “Đang hoạt động” để ngừng "
                "hoạt động."
            )
        return ngettext(
            "Cơ sở y tế đang được dùng cho %(count)s hồ sơ; bỏ chọn “Đang hoạt động” để "
            "ngừng hoạt động (hồ sơ và lịch sử được giữ nguyên).",
            "Cơ sở y tế đang được dùng cho %(count)s hồ sơ; bỏ chọn “Đang hoạt động” để "
            "ngừng hoạt động (hồ sơ và lịch sử được giữ nguyên).",
            count,
        ) % {"count": count}


class CategoryDeleteView(InUseDeleteView):
    def cases_using(self, obj) -> int:
        return Case.objects.filter(category=obj).count()

    def in_use_message(self, count: int) -> str:
        if not count:
            return gettext(
                "Lĩnh vực không xóa được, để giữ lịch sử; bỏ chọn “Đang sử dụng” để ngừng dùng."
            )
        return ngettext(
            "Lĩnh vực đang được dùng cho %(count)s hồ sơ; bỏ chọn “Đang sử dụng” để ngừng "
            "dùng.",
            "Lĩnh vực đang được dùng cho %(count)s hồ sơ; bỏ chọn “Đang sử dụng” để ngừng "
            "dùng.",
            count,
        ) % {"count": count}


# Registered before any viewset asks the registry for a fallback policy.
register_permission_policy(Facility, NoDeletePermissionPolicy(Facility))
register_permission_policy(Category, NoDeletePermissionPolicy(Category))


# -- Facilities -----------------------------------------------------------------------


# A unit with no parent is a second root beside the Sở: a new case of a deactivated unit
# goes to its nearest active unit above (`route_decide`), a denunciation of its head to
# the unit directly above (khoản 1 Điều 12, điểm a khoản 3 Điều 13 Luật Tố cáo), and the
# leaders above see its cases. Only the Sở and bodies outside the sector stand alone.
ROOT_KINDS = frozenset({FacilityKind.DEPARTMENT, FacilityKind.EXTERNAL})


class FacilityForm(WagtailAdminModelForm):
    def clean_code(self):
        """Upper case, as the imports keep them (`SYT-QNG`, `TTYT-DP`), and unique whatever
        the case: `import_facilities` matches codes without regard to case."""
        code = (self.cleaned_data.get("code") or "").strip().upper()
        other = (
            Facility.objects.filter(code__iexact=code).exclude(pk=self.instance.pk).first()
        )
        if other is not None:
            raise forms.ValidationError(
                _("Mã %(code)s đã dùng cho %(name)s."),
                code="duplicate_code",
                params={"code": other.code, "name": other.name},
            )
        return code

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        if parent is None and cleaned.get("kind") and cleaned["kind"] not in ROOT_KINDS:
            self.add_error(
                "parent",
                _(
                    "Chọn đơn vị cấp trên: khi đơn vị này ngừng hoạt động, hồ sơ mới chuyển "
                    "đơn vị cấp trên gần nhất còn hoạt động; tố cáo người đứng đầu đơn vị do "
                    "đơn vị cấp trên trực tiếp giải quyết (khoản 1 Điều 12 Luật Tố cáo); lãnh "
                    "đạo đơn vị cấp trên theo dõi hồ sơ của đơn vị. Chỉ Sở Y tế và cơ quan "
                    "ngoài ngành Y tế không có đơn vị cấp trên."
                ),
            )
        node, seen = parent, set()
        while node is not None and node.pk not in seen:
            if self.instance.pk and node.pk == self.instance.pk:
                self.add_error(
                    "parent", _("Đơn vị cấp trên tạo thành vòng lặp trong cây đơn vị.")
                )
                break
            seen.add(node.pk)
            node = node.parent
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("Ngày hết hiệu lực phải sau ngày có hiệu lực."))
        return cleaned


class FacilityIndexView(IndexView):
    def get_base_queryset(self):
        notified = Count(
            "memberships",
            filter=Q(memberships__receives_notifications=True, memberships__user__is_active=True),
        )
        return super().get_base_queryset().select_related("parent").annotate(
            notified_staff=notified
        )


class FacilityViewSet(ModelViewSet):
    model = Facility
    # Each "Đã sửa" names the fields it changed (complaints/admin/history_changes.py).
    history_view_class = FieldChangesHistoryView
    icon = "site"
    menu_label = _("Cơ sở y tế")
    add_to_admin_menu = False
    index_view_class = FacilityIndexView
    delete_view_class = FacilityDeleteView
    list_display = [
        "name", "code", "kind", "parent", "area", yes_no(Facility, "is_active"),
        AlertRecipientsColumn("alert_recipients", label=_("Người nhận thông báo")),
    ]
    list_filter = {"kind": ["exact"], "is_active": ["exact"], "area": ["icontains"]}
    search_fields = ["name", "code", "area"]
    search_backend_name = None
    ordering = ["code"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            # A plain text box: Wagtail's slug box lower-cases the code on leaving it.
            FieldRowPanel([FieldPanel("code", widget=forms.TextInput), FieldPanel("kind")]),
            FieldPanel("name"),
            FieldPanel("parent"),
            MultiFieldPanel(
                [FieldPanel("area"), FieldPanel("address"), FieldPanel("hotline"),
                 FieldPanel("email")],
                heading=_("Liên hệ"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel(
                        "is_active",
                        help_text=_(
                            "Bỏ chọn để ngừng hoạt động: hồ sơ và lịch sử được giữ nguyên, "
                            "hồ sơ mới chuyển đơn vị cấp trên gần nhất còn hoạt động."
                        ),
                    ),
                    FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                ],
                heading=_("Hoạt động"),
            ),
        ],
        base_form_class=FacilityForm,
    )


# -- Categories -----------------------------------------------------------------------


class CategoryViewSet(ModelViewSet):
    model = Category
    # Each "Đã sửa" names the fields it changed (complaints/admin/history_changes.py).
    history_view_class = FieldChangesHistoryView
    icon = "tag"
    menu_label = _("Lĩnh vực")
    add_to_admin_menu = False
    delete_view_class = CategoryDeleteView
    list_display = ["name", "code", "default_unit", yes_no(Category, "is_active")]
    list_filter = {"is_active": ["exact"]}
    search_fields = ["name", "code"]
    search_backend_name = None
    copy_view_enabled = False
    form_fields = ["code", "name", "description", "name_en", "description_en", "default_unit",
                   "is_active"]


# -- Routing rules --------------------------------------------------------------------


class RoutingRuleForm(WagtailAdminModelForm):
    facility_kind = forms.ChoiceField(
        label=_("Loại cơ sở"),
        choices=[("", _("Mọi loại"))] + list(FacilityKind.choices),
        required=False,
    )
    confirm_effects = forms.BooleanField(
        label=_("Đã xem các thay đổi nêu trên, vẫn lưu quy tắc"),
        required=False,
        help_text=_(
            "Chỉ cần khi biểu mẫu báo quy tắc này làm thay đổi việc phân công của quy tắc "
            "khác hoặc của cơ sở khác."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target == RoutingTarget.FIXED_UNIT and not cleaned.get("target_unit"):
            self.add_error("target_unit", _("Chọn đơn vị nhận cho quy tắc này."))
        if (
            target == RoutingTarget.FORWARD_OUTSIDE
            and not cleaned.get("forward_to")
            and cleaned.get("facility_kind") != FacilityKind.EXTERNAL
        ):
            self.add_error("forward_to", _("Ghi tên cơ quan ngoài ngành nhận đơn."))
        if not cleaned.get("legal_basis"):
            self.add_error("legal_basis", _("Ghi căn cứ pháp lý hoặc quy chế của quy tắc."))
        if not self.errors:
            self._check_effects(cleaned)
        return cleaned

    def _check_effects(self, cleaned):
        """Refuses a second active rule with the same position and conditions; asks for
        a confirmation when the rule takes cases from other rules or other facilities
        (`complaints.services.routing_check`). Only when what routes has changed."""
        if self.instance.pk and not set(self.changed_data) & set(ROUTING_FIELDS):
            return
        rule = RoutingRule(pk=self.instance.pk, **{
            name: cleaned.get(name) for name in ROUTING_FIELDS
        })
        rule.kind, rule.facility_kind = rule.kind or "", rule.facility_kind or ""
        rule.forward_to = rule.forward_to or ""
        effects = rule_effects(rule)
        for message in duplicate_messages(effects):
            self.add_error("position", message)
        if effects.duplicates or not effects.needs_confirmation:
            return
        if not cleaned.get("confirm_effects"):
            unit = cleaned.get("target_unit")
            for message in effect_messages(effects, unit_name=unit.name if unit else ""):
                self.add_error("confirm_effects", message)


class RuleConditionsColumn(Column):
    """The rule's conditions in one cell ("Phản ánh; loại cơ sở: Trung tâm y tế"): two
    rules with the same kind and target read apart (`RoutingRuleIndexView` joins the
    category)."""

    def get_value(self, instance):
        return conditions_text(instance)


class RoutingRuleIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("category", "target_unit")


TARGET_HELP = _(
    "“Cơ sở bị phản ánh”: giao chính cơ sở được nêu trong đơn. Không cần thêm quy tắc để hồ sơ "
    "về một cơ sở đến chính cơ sở đó: quy tắc mặc định “Cơ sở bị phản ánh tự giải quyết, đơn vị "
    "cấp trên theo dõi” (thứ tự 120) đã làm việc này. “Một đơn vị xác định” giao đơn vị đó mọi "
    "hồ sơ khớp điều kiện, kể cả hồ sơ về các cơ sở khác."
)


class RoutingRuleViewSet(ModelViewSet):
    model = RoutingRule
    # Each "Đã sửa" names the fields it changed (complaints/admin/history_changes.py).
    history_view_class = FieldChangesHistoryView
    icon = "resubmit"
    menu_label = _("Quy tắc phân công")
    add_to_admin_menu = False
    # Ordered by position (the first matching rule decides); no drag-and-drop reorder,
    # which would rewrite every position without history.
    sort_order_field = None
    ordering = ["position", "id"]
    index_view_class = RoutingRuleIndexView
    list_display = [
        "position", "name", RuleConditionsColumn("conditions", label=_("Điều kiện")),
        "target", "target_unit", "forward_to", yes_no(RoutingRule, "is_active"),
    ]
    list_filter = {"kind": ["exact"], "target": ["exact"], "is_active": ["exact"]}
    search_fields = ["name", "legal_basis", "forward_to"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("position"), FieldPanel("is_active")]),
            FieldPanel("name"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("facility_kind")]),
                    FieldRowPanel([FieldPanel("second_time"), FieldPanel("against_head")]),
                    FieldPanel("anonymous_tip"),
                    FieldPanel("category"),
                ],
                heading=_("Điều kiện (để trống: mọi hồ sơ)"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("target", help_text=TARGET_HELP),
                    FieldPanel("target_unit"),
                    FieldPanel("forward_to"),
                ],
                heading=_("Chuyển đến"),
            ),
            FieldPanel("legal_basis"),
            FieldPanel("reason"),
            FieldPanel("confirm_effects"),
        ],
        base_form_class=RoutingRuleForm,
    )


# -- E-mail templates -----------------------------------------------------------------


class EmailTemplateForm(WagtailAdminModelForm):
    def _check_syntax(self, name):
        value = self.cleaned_data.get(name, "")
        try:
            Template(value)
        except TemplateSyntaxError as error:
            raise forms.ValidationError(
                _("Cú pháp mẫu không hợp lệ: %(error)s"), params={"error": error}
            ) from error
        return value

    def clean_subject(self):
        return self._check_syntax("subject")

    def clean_body(self):
        return self._check_syntax("body")


class EmailTemplateViewSet(ModelViewSet):
    model = EmailTemplate
    # Each "Đã sửa" names the fields it changed (complaints/admin/history_changes.py).
    history_view_class = FieldChangesHistoryView
    icon = "mail"
    menu_label = _("Mẫu thư điện tử")
    add_to_admin_menu = False
    list_display = ["code", "subject", yes_no(EmailTemplate, "is_active")]
    list_filter = {"is_active": ["exact"]}
    search_fields = ["code", "subject"]
    search_backend_name = None
    edit_handler = ObjectList(
        [FieldPanel("code"), FieldPanel("subject"), FieldPanel("body"), FieldPanel("is_active")],
        base_form_class=EmailTemplateForm,
    )


# -- Deadline rule table (read-only) --------------------------------------------------


def can_manage_rules(user) -> bool:
    """Who sees the deadline rule table: whoever may manage the routing rules."""
    return policy_registry.get_by_type(RoutingRule).user_has_any_permission(
        user, ["add", "change", "delete"]
    )


_FLAG_LABELS = {
    "second": _("khiếu nại lần 2"),
    "complex": _("phức tạp"),
    "very_complex": _("đặc biệt phức tạp"),
    "remote": _("vùng sâu, vùng xa"),
    "from_press": _("do báo chí chuyển"),
}
_UNIT_LABELS = {
    deadline_engine.Unit.WORKING_DAYS: _("ngày làm việc"),
    deadline_engine.Unit.CALENDAR_DAYS: _("ngày"),
    deadline_engine.Unit.HOURS: _("giờ"),
}


# What a row's figure alone does not say (the 24-hour statement: owed only once the Sở so
# decides, counted from that decision under khoản 4: complaints/rules/press_statement.py).
_STEP_CONDITIONS = {
    ("press_initial_statement", deadline_engine.V2026): _(
        "chỉ khi Sở xác định cần phát ngôn (khoản 3: tính từ ngày tiếp nhận; khoản 4: tính từ "
        "lúc xác định)"
    ),
}


def deadline_rule_rows() -> list[dict]:
    """The rows of `complaints.deadlines.RULES` as the admin shows them, newest first."""
    policy = dict(getattr(settings, "PORTAL_DEADLINE_POLICY", {}) or {})
    versions = {v.code: v for v in deadline_engine.RULE_VERSIONS}
    rows = []
    for rule in deadline_engine.RULES:
        conditions = []
        for name, label in _FLAG_LABELS.items():
            value = getattr(rule, name)
            if value is True:
                conditions.append(label)
            elif value is False:
                conditions.append(_("không %(flag)s") % {"flag": label})
        if condition := _STEP_CONDITIONS.get((rule.step, rule.rule_version)):
            conditions.append(condition)
        rows.append(
            {
                "kind": CaseKind(rule.kind).label,
                "step": STEP_LABELS[rule.step],
                "amount": rule.amount,
                "policy_amount": policy.get((rule.kind, rule.step)),
                "unit": _UNIT_LABELS[rule.unit],
                "counts_from": EVENT_LABELS[rule.counts_from],
                "conditions": ", ".join(str(c) for c in conditions),
                "extensions": rule.extensions,
                "legal_basis": rule.legal_basis,
                "rule_version": rule.rule_version,
                "effective_from": versions[rule.rule_version].effective_from,
                "unconfirmed": rule.unconfirmed,
            }
        )
    rows.sort(key=lambda row: (row["effective_from"], str(row["kind"])), reverse=True)
    return rows


class DeadlineRulesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "complaints/admin/deadline_rules.html"
    page_title = _("Bảng thời hạn theo quy định")
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_rules(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = deadline_rule_rows()
        context["versions"] = deadline_engine.RULE_VERSIONS
        # notices: days the holidays package lists that BLLĐ Art 112(1) does not (24/11),
        # counted as working days: shown as unconfirmed.
        from django.utils import timezone

        from complaints.calendar import unconfirmed_package_days, unconfirmed_package_swaps

        year = timezone.localdate().year
        context["package_days"] = [
            *unconfirmed_package_days(year), *unconfirmed_package_days(year + 1)
        ]
        # and the package's day swaps applied without a confirmed notice (2026: 31/8 ↔ 22/8).
        context["package_swaps"] = [
            *unconfirmed_package_swaps(year), *unconfirmed_package_swaps(year + 1)
        ]
        return context


class RulesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_rules(request.user)


class DeadlineRulesViewSet(ViewSet):
    icon = "time"
    menu_label = _("Bảng thời hạn")
    add_to_admin_menu = False
    menu_item_class = RulesMenuItem

    def get_urlpatterns(self):
        return [path("", DeadlineRulesView.as_view(), name="index")]


class ReferenceDataGroup(ViewSetGroup):
    menu_label = _("Danh mục & quy tắc")
    menu_icon = "list-ul"
    menu_order = 800
    items = (
        FacilityViewSet("reference_facilities", url_prefix="danh-muc/co-so-y-te"),
        CategoryViewSet("reference_categories", url_prefix="danh-muc/linh-vuc"),
        RoutingRuleViewSet("reference_routing_rules", url_prefix="danh-muc/quy-tac-phan-cong"),
        CalendarOverrideViewSet("reference_calendar_overrides", url_prefix="danh-muc/lich-nghi"),
        EmailTemplateViewSet("reference_email_templates", url_prefix="danh-muc/mau-thu"),
        DeadlineRulesViewSet("reference_deadline_rules", url_prefix="danh-muc/bang-thoi-han"),
    )


@hooks.register("register_admin_viewset")
def register_reference_data_admin():
    return ReferenceDataGroup()


# ======================================================================================
# End of the reference data admin.
# ======================================================================================
from complaints.admin import hooks  # noqa: F401,E402
from complaints.approvals import hooks as approval_hooks  # noqa: F401,E402
from complaints.documents import wagtail_admin as _documents_admin  # noqa: F401,E402
from complaints.notifications import hooks as notification_hooks  # noqa: F401,E402
from complaints.partners import admin as partners_admin  # noqa: F401,E402  (issue 15)
from complaints.partners import expiry_panel  # noqa: F401,E402  (keys expiring soon)
