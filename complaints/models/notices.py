from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.history import HistoricalRecords


class NoticeMethod(models.TextChoices):
    """How a notice went out (recorded with it, Luật TC Art 29(3), Luật KN Art 32...)."""

    POST = "post", _("Gửi qua bưu điện")
    HAND = "hand", _("Giao trực tiếp")
    EMAIL = "email", _("Thư điện tử")
    ELECTRONIC = "electronic", _("Văn bản điện tử, hệ thống quản lý văn bản")
    POSTING = "posting", _("Niêm yết tại trụ sở, nơi tiếp công dân")
    PORTAL = "portal", _("Đăng trên cổng thông tin điện tử")
    MEETING = "meeting", _("Công bố tại cuộc họp")
    MEDIA = "media", _("Thông báo trên phương tiện thông tin đại chúng")


class CaseNotice(models.Model):
    """A notice the law requires, recorded as sent: when, how, to whom, for which step
    (`complaints.rules.notices`). Written once by `record_notice`
    (`complaints.services.notices`); its step (`CaseDeadline.settled_at`) is settled once
    every party the law names has one."""

    case = models.ForeignKey(
        "complaints.Case", on_delete=models.CASCADE, related_name="notices_sent"
    )
    deadline = models.ForeignKey(
        "complaints.CaseDeadline",
        verbose_name=_("thời hạn"),
        on_delete=models.CASCADE,  # deadline rows are superseded, never deleted but with the case
        related_name="notices_sent",
    )
    step = models.CharField(_("thông báo"), max_length=48)
    sent_on = models.DateField(_("ngày gửi"))
    method = models.CharField(_("hình thức gửi"), max_length=16, choices=NoticeMethod.choices)
    recipients = models.JSONField(_("người nhận"), default=list)
    reference = models.CharField(_("số văn bản"), max_length=255, blank=True)
    late = models.BooleanField(_("gửi quá hạn"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"))

    history = HistoricalRecords(verbose_name=_("lịch sử thông báo đã gửi"))

    class Meta:
        verbose_name = _("thông báo đã gửi")
        verbose_name_plural = _("thông báo đã gửi")
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step} {self.sent_on:%d/%m/%Y}"
