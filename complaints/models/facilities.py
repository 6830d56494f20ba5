from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.querysets import FacilityQuerySet
from portal.history import HistoricalRecords


class FacilityKind(models.TextChoices):
    DEPARTMENT = "department", _("Sở Y tế")
    INSPECTORATE = "inspectorate", _("Thanh tra Sở")
    OFFICE = "office", _("Văn phòng Sở")
    CDC = "cdc", _("Trung tâm Kiểm soát bệnh tật")
    FOOD_SAFETY = "food_safety", _("Chi cục An toàn vệ sinh thực phẩm")
    HOSPITAL = "hospital", _("Bệnh viện")
    HEALTH_CENTRE = "health_centre", _("Trung tâm y tế")
    INFIRMARY = "infirmary", _("Bệnh xá")
    COMMUNE_STATION = "commune_station", _("Trạm y tế xã, phường")
    PRIVATE_CLINIC = "private_clinic", _("Phòng khám tư nhân")
    EXTERNAL = "external", _("Cơ quan ngoài ngành Y tế")


class Facility(models.Model):
    """A unit of the provincial health sector. The tree is data (DOMAIN.md §1):
    the 2025 reform merged provinces and abolished districts, so nothing about
    the structure is code. Deactivate, never delete: cases keep their unit."""

    code = models.SlugField(_("mã"), max_length=64, unique=True, allow_unicode=False)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=32, choices=FacilityKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    area = models.CharField(_("địa bàn"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử nhận thông báo"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("lịch sử cơ sở y tế"))
    objects = FacilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ sở y tế")
        verbose_name_plural = _("cơ sở y tế")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="facility_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["Facility"]:
        """From the parent up to the root (a few queries; trees are shallow)."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain
