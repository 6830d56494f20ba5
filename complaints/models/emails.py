from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.history import HistoricalRecords


class EmailTemplate(models.Model):
    """An administrator's version of one e-mail. Without an active row the
    default in `complaints/templates/complaints/email/<code>.txt` is used."""

    code = models.SlugField(_("mã thư"), max_length=64, unique=True)
    subject = models.CharField(
        _("tiêu đề"),
        max_length=255,
        help_text=_("Cú pháp mẫu Django, ví dụ {{ case.tracking_code }}"),
    )
    body = models.TextField(
        _("nội dung"), help_text=_("Cú pháp mẫu Django; không đưa danh tính người tố cáo vào thư")
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    history = HistoricalRecords(verbose_name=_("lịch sử mẫu thư"))

    class Meta:
        verbose_name = _("mẫu thư điện tử")
        verbose_name_plural = _("mẫu thư điện tử")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code
