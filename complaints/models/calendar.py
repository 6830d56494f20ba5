from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.history import HistoricalRecords


class CalendarOverride(models.Model):
    """A day the government moves each year (DOMAIN.md §4): a day off added or
    swapped (nghỉ bù, hoán đổi), or a Saturday worked in exchange. Applied on top
    of the statutory holidays of Bộ luật Lao động 2019 Art 112."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    date = models.DateField(pgettext_lazy("trường dữ liệu", "ngày"), unique=True)  # "date"
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    legal_basis = models.CharField(
        _("căn cứ"), max_length=255, blank=True, help_text=_("Ví dụ: Thông báo số …/TB-BNV")
    )

    history = HistoricalRecords(verbose_name=_("lịch sử ngày nghỉ, ngày làm bù"))

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"

    @classmethod
    def from_db(cls, db, field_names, values):
        # The day and kind as stored, so an edit that moves the override to another day
        # recounts the deadlines spanning both (`complaints.services.calendar_change`).
        instance = super().from_db(db, field_names, values)
        instance.stored = (instance.__dict__.get("date"), instance.__dict__.get("kind"))
        return instance
