"""Who is calling the API.

- Staff: `Authorization: Token <key>` or the admin session. A token acts as its user
  (same permissions, same scope). A session works as in the admin, and an unsafe
  request over a session needs the CSRF token like any form post (`X-CSRFToken`
  header); a token request carries no cookie, so it needs none.
- Partners: `X-API-Key: <key>` (complaints.partners.keys), scoped per partner."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import (
    REASON_BAD_ORIGIN,
    REASON_NO_CSRF_COOKIE,
    REASON_NO_REFERER,
    CsrfViewMiddleware,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja.security import APIKeyHeader

from complaints.models import ApiToken
from complaints.models.tokens import api_key_hash
from portal.twofactor import policy as second_factor

# last_used_at is written at most this often per token (not on every request).
_TOUCH_EVERY = datetime.timedelta(minutes=1)


class AuthenticationFailed(Exception):
    pass


class Unauthorized(Exception):
    """401 with `WWW-Authenticate: <scheme>`."""

    def __init__(self, detail: str, scheme: str = "Token"):
        super().__init__(detail)
        self.detail, self.scheme = detail, scheme


class Forbidden(Exception):
    """403 with a message."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def user_from_token(header: str):
    """The active user of a `Token <key>` header; AuthenticationFailed otherwise."""
    scheme, _space, key = header.strip().partition(" ")
    key = key.strip()
    if scheme.lower() != "token" or not key:
        raise AuthenticationFailed(_("Tiêu đề Authorization phải có dạng “Token <khóa>”."))
    token = ApiToken.objects.select_related("user").filter(key_hash=api_key_hash(key)).first()
    if token is None or not token.user.is_active:
        raise AuthenticationFailed(_("Khóa API không hợp lệ."))
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class _CsrfCheck(CsrfViewMiddleware):
    def _reject(self, request, reason):
        return reason


def _csrf_failure(request) -> str | None:
    """Django's reason for refusing the request (English, for logs), or None."""
    check = _CsrfCheck(lambda _request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {})


# Django's reasons that the request does not come from the site (`CsrfViewMiddleware`).
_FOREIGN_ORIGIN = tuple(r.partition(" - ")[0] for r in (REASON_BAD_ORIGIN, REASON_NO_REFERER))


def csrf_refusal(reason: str) -> str:
    """The refusal for Django's `reason`, one sentence in the active language (the reason
    itself is English and never translated: it is not shown)."""
    if reason == REASON_NO_CSRF_COOKIE:
        return _(
            "Yêu cầu bị từ chối vì chưa có cookie CSRF (csrftoken): hãy mở một trang quản trị "
            "(/admin/) để nhận cookie, rồi gửi lại với giá trị của nó trong tiêu đề X-CSRFToken."
        )
    if reason.startswith(_FOREIGN_ORIGIN):
        return _(
            "Yêu cầu bị từ chối vì không đến từ địa chỉ của cổng (tiêu đề Origin hoặc Referer "
            "không thuộc các địa chỉ được tin cậy)."
        )
    return _(
        "Yêu cầu bị từ chối vì thiếu hoặc sai mã CSRF: hãy gửi giá trị của cookie csrftoken "
        "trong tiêu đề X-CSRFToken."
    )


class StaffAuth(APIKeyHeader):
    """Token or session; 401 for anyone else, 403 on a CSRF failure (session only).

    Declared in the schema as an API key in the `Authorization` header
    (`Token <key>`); the session cookie of /admin/ works too."""

    param_name = "Authorization"
    # What the OpenAPI document says of the scheme (a msgid, read in the reader's language).
    openapi_description = gettext_noop(
        "Mã truy cập của cán bộ trong tiêu đề Authorization (Token <mã>), hoặc phiên đăng "
        "nhập trang quản trị (thao tác ghi cần mã CSRF). Thiếu hoặc sai: 401."
    )

    def __call__(self, request):
        header = request.headers.get("Authorization")
        if header:
            try:
                request.user = user_from_token(header)
            except AuthenticationFailed as error:
                request.user = AnonymousUser()
                raise Unauthorized(str(error)) from None
            request.api_auth = "token"
        else:
            if not request.user.is_authenticated:
                raise Unauthorized(_("Cần đăng nhập hoặc khóa API."))
            if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
                reason = _csrf_failure(request)
                if reason:
                    raise Forbidden(csrf_refusal(reason))
            # A session still lacking its second factor is no staff session yet
            # (portal/twofactor: administrators, the denouncer-identity permission).
            if second_factor.pending_step(request.user):
                raise Forbidden(
                    _("Cần hoàn tất xác thực hai bước trong trang quản trị (/admin/) trước.")
                )
            request.api_auth = "session"
        if not request.user.is_active:
            raise Unauthorized(_("Tài khoản đã bị khóa."))
        return request.user

    def authenticate(self, request, key):  # pragma: no cover - __call__ decides
        return None


staff_auth = StaffAuth()
