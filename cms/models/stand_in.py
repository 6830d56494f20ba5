"""A stand-in approver for the press office's review (issue 11, item 5).

When the head of the press office is away, an administrator (or whoever may add these)
names another approver for the review task, for a period. The stand-in approves like
the task's groups do, and like them never approves their own work
(`NoSelfApprovalTask`); nobody names themselves."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StandInApproverQuerySet(models.QuerySet):
    def current(self, *, on=None):
        day = on or timezone.localdate()
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class StandInApprover(models.Model):
    task = models.ForeignKey(
        "wagtailcore.Task",
        verbose_name=_("bước duyệt"),
        on_delete=models.CASCADE,
        related_name="stand_ins",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt thay"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do"), max_length=255)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chỉ định"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    named_at = models.DateTimeField(_("thời điểm chỉ định"), default=timezone.now, editable=False)

    objects = StandInApproverQuerySet.as_manager()

    class Meta:
        verbose_name = _("người duyệt thay")
        verbose_name_plural = _("người duyệt thay")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="stand_in_period_in_order",
            ),
            # Nobody names themselves to approve.
            models.CheckConstraint(
                condition=~models.Q(approver=models.F("named_by")),
                name="stand_in_not_self_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.approver} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})
        if self.named_by_id and self.approver_id == self.named_by_id:
            raise ValidationError({"approver": _("Không được tự chỉ định mình duyệt thay.")})
