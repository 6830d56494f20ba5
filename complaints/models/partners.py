"""Partners: other systems that file cases and read their own (issue 15).

A partner (the national public-service portal, a provincial smart-city app, the
Ministry's hotline) holds one or more API keys. Keys are shown once and stored as
their SHA-256, like staff tokens; a key is revoked, never deleted, so the call log
keeps pointing at it. A partner may also receive signed webhooks about the cases it
filed (public status changes only)."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.partners.key_term import PARTNER_KEY_MAX_DAYS

from .tokens import api_key_hash

PARTNER_KEY_PREFIX = "yp_"
# The warnings before a key expires, in days (the shorter first: a key first seen within
# 7 days gets that warning only). complaints/partners/expiry.py sends them.
EXPIRY_WARNING_DAYS = (7, 30)


def partner_key_days() -> int:
    """How long a key is issued for by default (`PORTAL_PARTNER_KEY_DAYS`, 365)."""
    return getattr(settings, "PORTAL_PARTNER_KEY_DAYS", 365)


def _webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class Partner(models.Model):
    code = models.SlugField(_("mã đối tác"), max_length=50, unique=True)
    name = models.CharField(_("tên đối tác"), max_length=200)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # Scopes: what the partner's keys may do.
    can_file = models.BooleanField(_("được gửi hồ sơ"), default=True)
    can_read_own = models.BooleanField(_("được xem hồ sơ mình đã gửi"), default=True)
    # Optional webhook: public status changes of the cases it filed, signed with HMAC.
    webhook_url = models.URLField(_("địa chỉ webhook"), blank=True)
    webhook_secret = models.CharField(
        _("khóa ký webhook (HMAC-SHA256)"), max_length=100, default=_webhook_secret
    )
    # Who at the partner hears that a key is about to expire (complaints/partners/expiry.py).
    contact_email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("đối tác kết nối")
        verbose_name_plural = _("đối tác kết nối")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerKeyQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, partner__is_active=True)

    def expiring_within(self, days: int, *, now: datetime.datetime | None = None):
        """The usable keys not yet expired that expire within `days` days, soonest first."""
        now = now or timezone.now()
        return self.usable().filter(
            expires_at__gt=now, expires_at__lte=now + datetime.timedelta(days=days)
        ).order_by("expires_at", "pk")

    def around_expiry(self, days: int, *, now: datetime.datetime | None = None):
        """The usable keys that expired within the last `days` days (their partner is cut
        off) or expire within the next `days` days, by their expiry: the expired first."""
        now = now or timezone.now()
        span = datetime.timedelta(days=days)
        return self.usable().filter(
            expires_at__gt=now - span, expires_at__lte=now + span
        ).order_by("expires_at", "pk")


class PartnerKey(models.Model):
    partner = models.ForeignKey(
        Partner, verbose_name=_("đối tác"), on_delete=models.CASCADE, related_name="keys"
    )
    name = models.CharField(_("tên khóa"), max_length=100)
    # The first characters, so an administrator can tell keys apart (never enough to use).
    prefix = models.CharField(_("đầu khóa"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)
    # Set when issued (`issue`), shortened in the admin, never extended: a key used longer
    # is a new key. Refused from this instant on (complaints/partners/keys.py).
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    # The last warning mailed before the expiry, in days (30, then 7; None: none yet).
    expiry_warned_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("khóa API đối tác")
        verbose_name_plural = _("khóa API đối tác")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.partner} — {self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def expires_on(self) -> datetime.date:
        """The day the key expires, in Vietnam time (what every message and page shows)."""
        return timezone.localtime(self.expires_at, timezone.get_default_timezone()).date()

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @classmethod
    def issue(
        cls, *, partner: Partner, name: str, days: int | None = None
    ) -> tuple[PartnerKey, str]:
        """A new key for `partner`, valid `days` days (`PORTAL_PARTNER_KEY_DAYS` by
        default), and the key itself (returned once, never stored)."""
        days = days or partner_key_days()
        if not 1 <= days <= PARTNER_KEY_MAX_DAYS:
            raise ValueError(f"a key is issued for 1 to {PARTNER_KEY_MAX_DAYS} days, not {days}")
        key = PARTNER_KEY_PREFIX + secrets.token_urlsafe(32)
        expires_at = timezone.now() + datetime.timedelta(days=days)
        row = cls.objects.create(
            partner=partner, name=name, prefix=key[:10], key_hash=api_key_hash(key),
            expires_at=expires_at,
        )  # fmt: skip
        return row, key

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class PartnerCall(models.Model):
    """One call of a partner: who, when, what, with which answer (issue 15)."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("đối tác"), on_delete=models.CASCADE, related_name="calls"
    )
    key = models.ForeignKey(
        PartnerKey, verbose_name=_("khóa"), on_delete=models.PROTECT, related_name="calls"
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    method = models.CharField(_("phương thức"), max_length=10)
    path = models.CharField(_("đường dẫn"), max_length=300)
    status_code = models.PositiveSmallIntegerField(_("mã trả lời"))
    tracking_code = models.CharField(_("mã hồ sơ"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("lượt gọi của đối tác")
        verbose_name_plural = _("nhật ký gọi API của đối tác")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.partner} {self.method} {self.path} → {self.status_code}"


class WebhookDelivery(models.Model):
    """One notice to a partner's webhook, kept with its attempts (sent by a task)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ gửi")
        DELIVERED = "delivered", _("Đã gửi")
        FAILED = "failed", _("Gửi không thành công")

    partner = models.ForeignKey(
        Partner, verbose_name=_("đối tác"), on_delete=models.CASCADE,
        related_name="webhook_deliveries",
    )  # fmt: skip
    case = models.ForeignKey(
        "complaints.Case", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "complaints.CaseEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    payload = models.JSONField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("thời điểm gửi được"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo webhook")
        verbose_name_plural = _("thông báo webhook")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One notice per partner and case event: a retried signal sends nothing twice.
            models.UniqueConstraint(fields=["partner", "event"], name="webhook_once_per_event"),
        ]

    def __str__(self) -> str:
        return _("Thông báo #%(id)s tới %(partner)s") % {"id": self.pk, "partner": self.partner}
