"""Partner API keys: `X-API-Key: yp_…` on /api/v1, `api_key` on Open311.

A key is looked up by its SHA-256 (shown once when issued, stored hashed), must not be
revoked nor expired (`expires_at`), and its partner must be active; each scope is a flag
on the partner."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja.security import APIKeyHeader

from complaints.models import PartnerKey
from complaints.models.tokens import api_key_hash

FILE = "file"  # file cases
READ_OWN = "read_own"  # read the cases it filed
SCOPES = {FILE: "can_file", READ_OWN: "can_read_own"}

_TOUCH_EVERY = datetime.timedelta(minutes=1)


class KeyRefused(Exception):
    """A partner's key refused; `key` is the key sent when it names one (revoked, its
    partner deactivated, a scope missing), so the refusal is logged against it."""

    def __init__(self, message: str, *, key: PartnerKey | None = None):
        super().__init__(message)
        self.key = key


class KeyInvalid(KeyRefused):
    pass


class KeyExpired(KeyInvalid):
    """The key's period is over (401 on the API and on Open311 alike): the partner needs
    a new key, not another try."""


class ScopeMissing(KeyRefused):
    pass


def expired_message(key: PartnerKey) -> str:
    """The refusal of an expired key, with its day (Vietnam time), in the active language."""
    return _("Khóa API đã hết hạn ngày %(day)s; đề nghị Sở Y tế cấp khóa mới.") % {
        "day": key.expires_on.strftime("%d/%m/%Y")
    }


def partner_key_check(raw: str, *, scope: str) -> PartnerKey:
    """The usable key `raw` allowing `scope`; KeyInvalid (KeyExpired for a key past its
    `expires_at`) or ScopeMissing otherwise."""
    raw = (raw or "").strip()
    if not raw:
        raise KeyInvalid(_("Thiếu khóa API của đối tác."))
    found = (
        PartnerKey.objects.select_related("partner").filter(key_hash=api_key_hash(raw)).first()
    )
    usable = found is not None and PartnerKey.objects.usable().filter(pk=found.pk).exists()
    if not usable:
        raise KeyInvalid(_("Khóa API của đối tác không hợp lệ hoặc đã bị thu hồi."), key=found)
    key = found
    now = timezone.now()
    if key.is_expired(now):
        raise KeyExpired(expired_message(key), key=key)
    if not getattr(key.partner, SCOPES[scope]):
        raise ScopeMissing(
            _("Khóa API của đối tác không được phép thực hiện thao tác này."), key=key
        )
    if key.last_used_at is None or now - key.last_used_at > _TOUCH_EVERY:
        PartnerKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


class PartnerAuth(APIKeyHeader):
    """A partner's key in `X-API-Key` with the scope the operation needs.

    `optional=True`: a call without the header goes on as anyone's (the public
    submission); with a header, the key must be good."""

    param_name = "X-API-Key"
    # What the OpenAPI document says of the scheme (a msgid, read in the reader's language).
    openapi_description = gettext_noop(
        "Khóa API của đối tác (yp_…) trong tiêu đề X-API-Key, do quản trị hệ thống của Sở Y "
        "tế cấp cho từng đối tác kết nối và chỉ hiển thị một lần khi cấp. Gửi hồ sơ: không "
        "bắt buộc (có khóa thì hồ sơ được ghi là do đối tác gửi); xem hồ sơ đã gửi: bắt "
        "buộc. Khóa sai, đã thu hồi hoặc đã hết hạn: 401; đối tác không có quyền thao tác: "
        "403. Mọi lần gọi kèm khóa đều được ghi nhật ký."
    )

    def __init__(self, scope: str, *, optional: bool = False):
        super().__init__()
        self.scope, self.optional = scope, optional

    def __call__(self, request):
        from complaints.api.auth import Forbidden, Unauthorized

        raw = request.headers.get(self.param_name)
        if raw is None and self.optional:
            request.partner_key = None
            return _ANYONE
        try:
            key = partner_key_check(raw or "", scope=self.scope)
        except KeyRefused as error:
            request.partner_key = None
            request.partner_key_refused = error.key  # logged with the answer (calls.py)
            if isinstance(error, ScopeMissing):
                raise Forbidden(str(error)) from None
            raise Unauthorized(str(error), scheme="ApiKey") from None
        request.partner_key = key
        return key

    def authenticate(self, request, key):  # pragma: no cover - __call__ decides
        return None


class _Anyone:
    """The truthy `request.auth` of a public call without a partner key."""

    def __bool__(self) -> bool:
        return True


_ANYONE = _Anyone()
