from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.history import HistoricalRecords


class Category(models.Model):
    """A field (lĩnh vực) a case is about, with the unit that handles it by default."""

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    # What an English reader sees (the filing form's list, Open311's services); empty: the
    # Vietnamese name, marked lang="vi" where it is shown.
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    description_en = models.TextField(_("mô tả tiếng Anh"), blank=True)
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

    def translated(self, language: str | None = None) -> bool:
        """Whether the name reads in `language` (the active one by default)."""
        language = language or get_language() or "vi"
        return not language.startswith("vi") and bool(self.name_en)

    def label(self, language: str | None = None) -> str:
        """The name in the reader's language where the administrator gave one."""
        return self.name_en if self.translated(language) else self.name

    def description_label(self, language: str | None = None) -> str:
        if self.translated(language) and self.description_en:
            return self.description_en
        return self.description
