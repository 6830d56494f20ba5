"""Per-person "new" marker of a case (issue 11, item 2: alerts).

When a case reaches a unit (routed at intake or assigned), each of the unit's notified
staff, and the handler named, get a row here; the case shows as new ("Mới") in their
list until they open it. Opening it sets `seen_at`. A case routed again to them is new
again. Not a record of the case (no history): a reading aid."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseAlert(models.Model):
    case = models.ForeignKey("complaints.Case", on_delete=models.CASCADE, related_name="alerts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_alerts"
    )
    unit = models.ForeignKey(
        "complaints.Facility", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    alerted_at = models.DateTimeField(_("thời điểm thông báo"))
    seen_at = models.DateTimeField(_("thời điểm xem"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo hồ sơ mới")
        verbose_name_plural = _("thông báo hồ sơ mới")
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="case_alert_unique"),
        ]
        indexes = [models.Index(fields=["user", "seen_at"], name="case_alert_unseen")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.user_id}"
