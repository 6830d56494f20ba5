from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderThreshold(models.TextChoices):
    BEFORE = "before", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")


class DeadlineReminder(models.Model):
    """A deadline reminder sent to the staff responsible for a case: at most one per
    case, step and threshold (the unique constraint makes `send_deadline_reminders`
    idempotent, also when two runs overlap)."""

    # No index of its own: `deadline_reminder_once` begins with the case (one index fewer
    # to maintain when a run records a province's reminders at once).
    case = models.ForeignKey(
        "complaints.Case", on_delete=models.CASCADE, related_name="deadline_reminders",
        db_index=False,
    )
    step = models.CharField(_("bước"), max_length=48)
    threshold = models.CharField(_("ngưỡng"), max_length=16, choices=ReminderThreshold.choices)
    due = models.DateField(_("hạn"))
    recipients = models.PositiveSmallIntegerField(_("số người nhận"), default=0)
    sent_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhắc hạn")
        verbose_name_plural = _("nhắc hạn")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "step", "threshold"], name="deadline_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step} {self.threshold}"
