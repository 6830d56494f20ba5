from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind
from portal.history import HistoricalRecords


class RoutingTarget(models.TextChoices):
    """Where a matching rule sends the case (DOMAIN.md §3a)."""

    FACILITY = "facility", _("Cơ sở bị phản ánh (người đứng đầu)")
    UNIT_ABOVE = "unit_above", _("Đơn vị cấp trên trực tiếp của cơ sở")
    FIXED_UNIT = "fixed_unit", _("Một đơn vị xác định")
    CATEGORY_DEFAULT = "category_default", _("Đơn vị mặc định của lĩnh vực")
    FORWARD_OUTSIDE = "forward_outside", _("Chuyển cơ quan ngoài ngành")
    MANUAL = "manual", _("Cán bộ tiếp nhận quyết định")


class RoutingRule(models.Model):
    """One ordered rule of competence. The first active rule whose conditions all
    match decides; empty conditions match anything."""

    position = models.PositiveIntegerField(_("thứ tự"), default=100)
    name = models.CharField(_("tên quy tắc"), max_length=255)
    kind = models.CharField(_("loại hồ sơ"), max_length=16, choices=CaseKind.choices, blank=True)
    second_time = models.BooleanField(
        _("khiếu nại lần 2"), null=True, blank=True, help_text=_("Để trống: mọi lần")
    )
    against_head = models.BooleanField(
        _("tố cáo người đứng đầu/cấp phó"),
        null=True,
        blank=True,
        help_text=_("Để trống: mọi người"),
    )
    anonymous_tip = models.BooleanField(
        _("thông tin tố cáo ẩn danh"),
        null=True,
        blank=True,
        help_text=_(
            "Có: phản ánh ẩn danh nêu tên người vi phạm (thông tin có nội dung tố cáo, khoản 2 "
            "Điều 25 Luật Tố cáo). Để trống: mọi hồ sơ"
        ),
    )
    category = models.ForeignKey(
        "complaints.Category",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    facility_kind = models.CharField(_("loại cơ sở"), max_length=32, blank=True)
    target = models.CharField(_("chuyển đến"), max_length=32, choices=RoutingTarget.choices)
    target_unit = models.ForeignKey(
        "complaints.Facility",
        verbose_name=_("đơn vị nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forward_to = models.CharField(_("cơ quan ngoài ngành nhận"), max_length=255, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    reason = models.TextField(_("giải thích"), blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    history = HistoricalRecords(verbose_name=_("lịch sử quy tắc phân công"))

    class Meta:
        verbose_name = _("quy tắc phân công thẩm quyền")
        verbose_name_plural = _("quy tắc phân công thẩm quyền")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class RoutingDecision(models.Model):
    """Why a case went where it went: the rule that matched, or the officer who decided."""

    case = models.ForeignKey("complaints.Case", on_delete=models.CASCADE, related_name="routings")
    rule = models.ForeignKey(RoutingRule, null=True, blank=True, on_delete=models.SET_NULL)
    rule_snapshot = models.JSONField(_("quy tắc tại thời điểm quyết định"), default=dict)
    unit = models.ForeignKey(
        "complaints.Facility", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    forwarded_to = models.CharField(_("chuyển đến cơ quan"), max_length=255, blank=True)
    reason = models.TextField(_("lý do"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định phân công")
        verbose_name_plural = _("quyết định phân công")
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return self.reason
