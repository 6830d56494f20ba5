"""Production: DEBUG off, every secret and host from the environment."""

import os

from .base import *  # noqa: F403
from .env import env_bool, require, sender_domain

DEBUG = env_bool("DEBUG", False)
PORTAL_PRODUCTION = True

require("SECRET_KEY", "<python3 -c 'import secrets; print(secrets.token_urlsafe(50))'>")
require("ALLOWED_HOSTS", "phananh.syt.example.vn")
# The citizens' links in e-mails, the sitemap and the feeds; never http://127.0.0.1:8000.
require("PORTAL_BASE_URL", "https://phananh.syt.example.vn")
# PostgreSQL, unless one-machine SQLite is chosen on purpose (var/portal.sqlite3 otherwise
# appears silently, and `check --deploy` says nothing).
if not env_bool("PORTAL_SQLITE_PRODUCTION", False):
    require(
        "DATABASE_URL",
        "postgres://portal:…@db:5432/portal",
        alternative=", hoặc PORTAL_SQLITE_PRODUCTION=1 để dùng SQLite trên một máy",
        alternative_en=", or PORTAL_SQLITE_PRODUCTION=1 for SQLite on one machine",
    )

# Citizens' receipts and PINs, staff alerts: without EMAIL_URL they would be written to
# var/mail/ and never sent, and `check --deploy` says nothing. Files only when chosen.
require(
    "EMAIL_URL",
    "smtp://portal:…@smtp.syt.example.vn:587?tls=1",
    alternative=", hoặc EMAIL_URL=file:///srv/portal/mail để ghi thư ra tệp",
    alternative_en=", or EMAIL_URL=file:///srv/portal/mail to write mail to files",
)

# The sender of every e-mail: without it `no-reply@localhost`, which an SMTP relay refuses
# or files as spam (SPF, DMARC), and citizens lose their receipts and PINs.
require(
    "DEFAULT_FROM_EMAIL",
    '"Cổng phản ánh Sở Y tế <no-reply@syt.example.vn>"',
)
sender_domain(DEFAULT_FROM_EMAIL)  # noqa: F405

# The channel layer and the cache every process shares: the documented layout (gunicorn for
# HTTP, uvicorn for /ws/, the task worker, several workers each) needs Redis, or a staff
# action taken on gunicorn never reaches a WebSocket on uvicorn, and every per-address limit
# and sign-in counter is kept per process. Without Redis only when chosen on purpose.
if not env_bool("PORTAL_WITHOUT_REDIS", False):
    require(
        "REDIS_URL",
        "redis://127.0.0.1:6379/0",
        alternative=(
            ", hoặc PORTAL_WITHOUT_REDIS=1 để chạy một tiến trình máy chủ duy nhất trên một máy "
            "(cập nhật trực tiếp chỉ từ tiến trình đó, giới hạn đếm riêng từng tiến trình)"
        ),
        alternative_en=(
            ", or PORTAL_WITHOUT_REDIS=1 for one server process on one machine (live updates "
            "only from that process, limits counted per process)"
        ),
    )

# Text messages to citizens who consented to SMS: without SMS_GATEWAY_URL they would be
# written to var/sms/ and never sent, while every form still offered them. A gateway, or
# an SMS_BACKEND chosen on purpose: DisabledBackend (no SMS: not offered anywhere,
# complaints.notifications.sms.sms_available) or FileBackend (files in SMS_FILE_PATH).
if not os.environ.get("SMS_BACKEND") or SMS_BACKEND.endswith(".HttpGatewayBackend"):  # noqa: F405
    require(
        "SMS_GATEWAY_URL",
        "https://sms.syt.example.vn/api/send",
        alternative=(
            ", hoặc SMS_BACKEND=complaints.notifications.sms.DisabledBackend để không gửi "
            "tin nhắn SMS (không hỏi người dân đồng ý nhận SMS)"
        ),
        alternative_en=(
            ", or SMS_BACKEND=complaints.notifications.sms.DisabledBackend to send no SMS "
            "(citizens are not offered SMS)"
        ),
    )

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": MANIFEST_STATIC_STORAGE,  # noqa: F405
}
WHITENOISE_USE_FINDERS = False

# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
