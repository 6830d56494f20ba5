"""What the citizen's side keeps besides the case: failed PIN attempts (the
look-up guard's counters, in the database so junk look-ups cannot evict them from a
cache) and PINs re-sent to the contact on file (valid beside the old PIN until used).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PinFailure(models.Model):
    """One wrong PIN (or unknown code) typed on the tracking page, the API or the
    live feed. `address` is a digest of the client's address, never the address."""

    code = models.CharField(max_length=32, db_index=False)
    address = models.CharField(max_length=32)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("lần nhập sai mã PIN")
        verbose_name_plural = _("các lần nhập sai mã PIN")
        indexes = [
            models.Index(fields=["code", "at"], name="pinfail_code_at"),
            models.Index(fields=["address", "at"], name="pinfail_address_at"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.at:%Y-%m-%d %H:%M}"


class PinReissue(models.Model):
    """A new PIN sent to the citizen's contact on file. The old PIN keeps working
    until the new one (or the link sent with it) is used: a stranger who asks for a
    re-send cannot take the case away from its owner."""

    case = models.ForeignKey(
        "complaints.Case", on_delete=models.CASCADE, related_name="pin_reissues"
    )
    pin_hash = models.CharField(max_length=128)
    channels = models.CharField(_("gửi qua"), max_length=32)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    address = models.CharField(max_length=32)  # digest of who asked

    class Meta:
        verbose_name = _("mã PIN gửi lại")
        verbose_name_plural = _("mã PIN gửi lại")

    def __str__(self) -> str:
        return f"{self.case_id} {self.created_at:%Y-%m-%d %H:%M}"
