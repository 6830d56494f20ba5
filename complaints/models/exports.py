"""The national database export: a log of every run and what each case last sent
(NĐ 155/2026 Art 13, NĐ 156/2026 Art 4; DOMAIN.md §5). See complaints/exports/national.py."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NationalExportRun(models.Model):
    class Trigger(models.TextChoices):
        COMMAND = "command", _("Lệnh quản trị")
        TASK = "task", _("Tác vụ định kỳ")

    class Status(models.TextChoices):
        RUNNING = "running", _("Đang chạy")
        SUCCEEDED = "succeeded", _("Hoàn tất")
        # Nothing of this run counts as exported: the next run writes its cases again.
        FAILED = "failed", _("Không thành công")

    started_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    trigger = models.CharField(_("khởi chạy bởi"), max_length=10, choices=Trigger.choices)
    format_version = models.CharField(_("phiên bản định dạng"), max_length=40)
    file_name = models.CharField(_("tệp"), max_length=255, blank=True)
    examined = models.PositiveIntegerField(_("số hồ sơ đã xét"), default=0)
    new = models.PositiveIntegerField(_("mới"), default=0)
    changed = models.PositiveIntegerField(_("đã thay đổi"), default=0)
    unchanged = models.PositiveIntegerField(_("không đổi (không gửi lại)"), default=0)
    identity_withheld = models.PositiveIntegerField(_("đã lược bỏ danh tính"), default=0)
    # Written again on request (`export_national --since/--all`): a file lost before it
    # reached the national database.
    resent = models.PositiveIntegerField(_("ghi lại theo yêu cầu"), default=0)
    status = models.CharField(
        _("kết quả"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần xuất dữ liệu quốc gia")
        verbose_name_plural = _("nhật ký xuất Cơ sở dữ liệu quốc gia")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} — {self.new + self.changed}"

    @property
    def exported(self) -> int:
        return self.new + self.changed + self.resent


class NationalExportState(models.Model):
    """What the national database last received for one case: a digest of the record."""

    case = models.OneToOneField(
        "complaints.Case", on_delete=models.CASCADE, related_name="national_export"
    )
    digest = models.CharField(max_length=64)
    exported_at = models.DateTimeField()
    run = models.ForeignKey(NationalExportRun, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("trạng thái xuất của hồ sơ")
        verbose_name_plural = _("trạng thái xuất của hồ sơ")

    def __str__(self) -> str:
        return f"{self.case_id} @ {self.exported_at:%Y-%m-%d %H:%M}"
