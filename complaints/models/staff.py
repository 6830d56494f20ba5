from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.history import HistoricalRecords


class FacilityMembership(models.Model):
    """A staff member works for a facility: as a facility handler they see the
    cases routed to it and to the facilities below it (CaseQuerySet.in_scope_of)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facility_memberships"
    )
    facility = models.ForeignKey(
        "complaints.Facility", on_delete=models.CASCADE, related_name="memberships"
    )
    receives_notifications = models.BooleanField(_("nhận thư thông báo"), default=True)

    # Who put whom in which unit, and when they left it (the user form of the admin).
    history = HistoricalRecords(verbose_name=_("lịch sử cán bộ của cơ sở"))

    class Meta:
        verbose_name = _("cán bộ của cơ sở")
        verbose_name_plural = _("cán bộ của cơ sở")
        constraints = [
            models.UniqueConstraint(fields=["user", "facility"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.facility}"
