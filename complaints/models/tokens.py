import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "yt_"


def api_key_hash(key: str) -> str:
    """What is stored for a key: its SHA-256 (hex). The key is random, so no salt is needed."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A staff member's key for the staff API (`Authorization: Token <key>`).

    Only the hash is stored; the key is shown once, by `create_api_token`. The token
    acts with its user's permissions and scope, nothing more."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="staff_api_tokens",
    )
    name = models.CharField(_("tên"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} — {self.name}"

    @classmethod
    def issue(cls, *, user, name: str) -> tuple["ApiToken", str]:
        """A new token for `user` and its key (returned once, never stored)."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_hash=api_key_hash(key)), key
