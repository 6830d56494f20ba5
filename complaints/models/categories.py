from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.history import HistoricalRecords


class Category(models.Model):
    """A field (lĩnh vực) a case is about, with the unit that handles it by default."""

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    default_unit = models.ForeignKey(
        "complaints.Facility",
        verbose_name=_("đơn vị xử lý mặc định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="default_for_categories",
    )
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    history = HistoricalRecords(verbose_name=_("lịch sử lĩnh vực"))

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
