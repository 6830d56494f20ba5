"""Settings shared by every environment. Runs with no environment variables at all."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from complaints.partners.key_term import PARTNER_KEY_MAX_DAYS

from . import env

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))
# The demo data and seed documents shipped with the repository (demo/README.md).
DEMO_DIR = BASE_DIR / "demo"

DEBUG = env.env_bool("DEBUG", True)
# True in portal.settings.production: `load_demo_data` refuses to run there.
PORTAL_PRODUCTION = False
SECRET_KEY = env.secret_key(VAR_DIR)
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",  # first: its runserver serves HTTP and WebSocket
    "portal",
    "complaints",
    "cms",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",  # purges the public pages' cache (cms/page_cache.py)
    "wagtail.embeds",
    "wagtail.sites",
    # wagtail.users, its user forms with the units a person works for (complaints/admin/users.py)
    "complaints.admin.users_app.StaffUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "simple_history",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # the API's docs page uses ninja's bundled Swagger UI, not a CDN
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",  # staff sign-in throttled by account and by address (reliability)
    # Two-factor sign-in for staff (portal/twofactor, docs/reliability.md): django-otp's
    # TOTP (an authenticator app) and static backup codes.
    "portal.twofactor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # reliability: first, so a refused request costs nothing (docs/reliability.md).
    "portal.middleware.AdmissionControlMiddleware",
    # /healthz and /readyz before the HTTPS redirect, the host check, the rest (portal/health.py)
    "portal.health.HealthProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PortalWhiteNoiseMiddleware",  # WhiteNoise, sync and async
    "portal.middleware.NoStoreMiddleware",
    # Public pages answered from the cache before session, locale, CSRF, user (cms/page_cache.py).
    "cms.page_cache.PageCacheMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    # After the locale: a refused query string's page is in the reader's language.
    "portal.middleware.QueryGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "portal.twofactor.middleware.SecondFactorMiddleware",  # the admin only once verified
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff signed out after PORTAL_STAFF_IDLE_MINUTES without a request (portal/staff_idle.py).
    "portal.staff_idle.StaffIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

# Staff sign-in (the Wagtail admin's login form) throttled with django-axes (portal/sign_in.py):
# after AXES_FAILURE_LIMIT wrong passwords for one account from one address, that account is
# refused from that address; after PORTAL_SIGN_IN_ADDRESS_LIMIT from one address (any
# accounts, made-up ones too), that address is refused; for AXES_COOLOFF_TIME, with a 429 in
# Vietnamese. No count by account alone: a stranger elsewhere cannot lock an officer out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "portal.sign_in.SignInHandler"
AXES_FAILURE_LIMIT = env.env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
PORTAL_SIGN_IN_ADDRESS_LIMIT = env.env_int("PORTAL_SIGN_IN_ADDRESS_LIMIT", 30, minimum=1)
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # the pair; the address: the handler
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.middleware.sign_in_address"  # proxy-aware, one rule
AXES_LOCKOUT_CALLABLE = "portal.middleware.sign_in_locked_out"
AXES_VERBOSE = False
# Every per-address limit (submissions, PIN guard, PIN re-sends, sign-in above) counts an
# IPv6 client by its network of this many bits: one IPv6 host holds a whole /64
# (`complaints.ratelimit.address_key`). IPv4 addresses are counted one by one.
PORTAL_RATELIMIT_IPV6_PREFIX = int(os.environ.get("PORTAL_RATELIMIT_IPV6_PREFIX", "64"))
# The reverse proxies in front of the portal that append to X-Forwarded-For (nginx: 1):
# every per-address limit then counts the address the last of them wrote, not the proxy's
# own (`complaints.ratelimit.client_address`). 0: the connection's own address.
COMPLAINTS_TRUSTED_PROXY_COUNT = env.env_int("COMPLAINTS_TRUSTED_PROXY_COUNT", 0)
# The figures README "Configurable figures" lets an administrator set in the environment
# file; unset, the module that applies each keeps its own default. A figure that is not a
# whole number of at least its minimum stops the start with one line naming it.
globals().update(env.env_figures({
    # complaints/notifications/staff.py: working days before a deadline that reminders go.
    "PORTAL_REMINDER_WORKING_DAYS": 1,
    # complaints/services/attachments.py: a citizen's files (count, bytes, bytes, pixels).
    "COMPLAINTS_ATTACHMENT_MAX_COUNT": 1,
    "COMPLAINTS_ATTACHMENT_MAX_FILE_SIZE": 1,
    "COMPLAINTS_ATTACHMENT_MAX_TOTAL_SIZE": 1,
    "COMPLAINTS_ATTACHMENT_MAX_PIXELS": 1,
}))
# `submission=5/600, tracking=off`: the limits of complaints/ratelimit.py named here (requests
# per seconds, or off); the others keep their figures.
COMPLAINTS_RATE_LIMITS = env.env_rate_limits("COMPLAINTS_RATE_LIMITS")
# Password-reset e-mails throttled per target address and per client address
# (COMPLAINTS_RATE_LIMITS "password_reset_email", "password_reset_address").
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "portal.password_reset.ThrottledPasswordResetForm"
WAGTAILADMIN_USER_LOGIN_FORM = "portal.login.StaffLoginForm"  # Vietnamese labels

# Two-factor sign-in (portal/twofactor): offered to every staff user, required (when this
# switch is on) for administrators and holders of the denouncer-identity permission
# (Luật Tố cáo Điều 47; portal/twofactor/policy.py). On by default everywhere; the test
# suite keeps it on (tests/conftest.py marks force_login sessions as verified).
PORTAL_REQUIRE_2FA = env.env_bool("PORTAL_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Cổng phản ánh y tế"
# django-otp's own throttling per device: after n wrong codes, 2^(n-1) seconds to wait.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.database(VAR_DIR)}
# Some indexes carry extra columns (INCLUDE) so PostgreSQL answers from the index alone
# (complaints/models/cases.py); SQLite builds them without those columns, as intended.
# An administrator adds their own from the environment, never removing that one:
# `PORTAL_SILENCED_CHECKS=portal.W001` where a unit's leaders take the head's steps
# themselves (complaints/checks.py).
SILENCED_SYSTEM_CHECKS = env.env_check_ids("PORTAL_SILENCED_CHECKS", ["models.W040"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL") or None
CACHES = env.cache(REDIS_URL)
# The public pages' cache, shared by the server's processes and the task worker that
# purges it: Redis, else files under var/ (cms/page_cache.py). Seconds a page is kept
# at most (purges do the real work): the home page's figures are as old as this plus
# PORTAL_PUBLIC_FIGURES_SECONDS at most.
CACHES["pages"] = env.page_cache(REDIS_URL, VAR_DIR)
# What every process must see at once (portal/process_cache.py: the page tree's and the
# reference data's generations, the calendar's overrides): Redis, else files under var/.
CACHES["markers"] = env.shared_cache(REDIS_URL, VAR_DIR)
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "300"))
PORTAL_PUBLIC_FIGURES_SECONDS = int(os.environ.get("PORTAL_PUBLIC_FIGURES_SECONDS", "300"))
# The listings' fragments (cms/fragments.py), kept until the tree changes and at most
# this long; 0 renders them every time (the page cache's seconds by default).
PORTAL_FRAGMENT_SECONDS = int(
    os.environ.get("PORTAL_FRAGMENT_SECONDS", str(PORTAL_PAGE_CACHE_SECONDS))
)
WAGTAILFRONTENDCACHE = {"pages": {"BACKEND": "cms.page_cache.DjangoCacheBackend"}}
CHANNEL_LAYERS = env.channel_layers(REDIS_URL)

# Search: Elasticsearch 8 when ELASTICSEARCH_URL is set, else the database.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL") or None
# The CA file that signed the cluster's certificate (an https:// URL to Elasticsearch 8 with
# its security on, which signs with a CA of its own): README, Production, "Search server".
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS") or None
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "portal")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The inspectors' case search, called by `complaints` without importing `search`:
# callables (queryset, q) -> queryset and (queryset) -> facet counts: Elasticsearch
# (search/cases_es.py) when ELASTICSEARCH_URL is set, else the database (search/cases.py).
_CASE_SEARCH = "search.cases_es" if ELASTICSEARCH_URL else "search.cases"
COMPLAINTS_CASE_SEARCH = f"{_CASE_SEARCH}.case_search"
COMPLAINTS_CASE_FACETS = f"{_CASE_SEARCH}.case_facets"

globals().update(env.email(VAR_DIR))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Cổng phản ánh Sở Y tế <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first; English second. Interface strings are written in Vietnamese
# (the msgid) and translated to English in locale/en.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The visitor's choice of language outlives the browser session: a resident who closes the
# phone's browser comes back the next day in the language chosen (switch or `?lang=`).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Dates in the editors as Vietnamese write them, dd/mm/yyyy (Wagtail's date pickers showed
# "2026-11-29"); ISO stays accepted (the workspace's date inputs, imports). No month-first
# form: Django's default list read "05/06/2026" as 6 May.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
FORMAT_MODULE_PATH = ["portal.formats"]  # the input formats, in both languages
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Citizens' attachments: never under MEDIA_ROOT, never served as public files.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Production's static files (portal/settings/production.py): hashed names and a manifest,
# compressed by WhiteNoise. Its `collectstatic` refuses a file that refers to a missing one
# (a source map); tests/portal/test_collectstatic_production.py runs it.
MANIFEST_STATIC_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
# Served by the app itself (WhiteNoise); no CDN, nothing fetched at run time.
WHITENOISE_USE_FINDERS = DEBUG

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest request body the ASGI application reads (bytes), 413 above it before reading
# (portal/body_limit.py): for `python -m portal.serve` without nginx. Unset: the largest
# upload accepted (a citizen's files together, a CMS document or image) + 1 MiB.
PORTAL_MAX_REQUEST_BODY = env.env_int("PORTAL_MAX_REQUEST_BODY", 0, minimum=1) or None
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGIN_URL = "wagtailadmin_login"
WAGTAIL_SITE_NAME = "Cổng phản ánh y tế"
# The port `make run` serves (`PORT=8080 make run`): the links of a command run beside it.
PORT = env.env_int("PORT", 8000, minimum=1)
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", f"http://127.0.0.1:{PORT}")
WAGTAIL_I18N_ENABLED = False
# Documents are always served by Wagtail's view (`/documents/<id>/<name>`), never as a file
# under /media/ (portal/urls.py): it checks the collection's view restrictions, and the
# portal's hook serves a document only while a live page shows it (cms/document_access.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# A document's content must match its extension (cms/media.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.media.DocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_FINDERS = []  # no internet at run time
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Staff work in Vietnamese (issue 11, item 5): no avatar fetched from a third-party site
# (Gravatar would send a hash of each staff e-mail abroad); page slugs in plain letters
# (tin-tuc/tap-huan-…), Wagtail transliterating the title; the project's catalogue
# (locale/vi) completes Wagtail's; names in Vietnamese order (portal.names).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# A stand-in approver named while the head of the press office is away publishes on approval.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflow_actions.publish_workflow_state"

# Background work (portal/tasks.py): a queue kept in the database, in production too, its
# worker started by `make run` (`manage.py db_worker`) or run as services (README,
# Production, "Background work").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The oldest task ready to run waiting longer than this many minutes means the worker is
# stopped or behind: the admin home warns, `/healthz/queue` answers 503 (portal/queue_state.py).
PORTAL_QUEUE_STALE_MINUTES = env.env_int("PORTAL_QUEUE_STALE_MINUTES", 10, minimum=1)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True  # history is a record, not an undo button

SESSION_COOKIE_HTTPONLY = True
# A signed-in officer's session ends after this many minutes without a request, whatever
# SESSION_COOKIE_AGE says (portal/staff_idle.py); citizens' sessions are not touched.
PORTAL_STAFF_IDLE_MINUTES = env.env_int("PORTAL_STAFF_IDLE_MINUTES", 240, minimum=1)
CSRF_COOKIE_HTTPONLY = False  # the staff API reads it to send X-CSRFToken
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views same-origin

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Secrets in URLs (?pin=, ?khoa=, …) never reach a log line (portal.logs).
    # A retried task attempt is one line, not a traceback (portal.logs.BriefRetryFilter).
    "filters": {
        "redact_secrets": {"()": "portal.logs.RedactSecretsFilter"},
        "brief_retries": {"()": "portal.logs.BriefRetryFilter"},
    },
    # Each line with its time (TIME_ZONE, with the offset), level and logger: what the task
    # worker and the web server print to the journal (README, Production, "Background work").
    "formatters": {
        "timed": {
            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact_secrets", "brief_retries"],
            "formatter": "timed",
        },
    },
    # Other libraries' INFO stays out (pikepdf's "logger bridge initialized" on every
    # command, which cron would mail); the portal's own loggers keep theirs. LOG_LEVEL
    # sets both.
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        **{
            app: {"level": os.environ.get("LOG_LEVEL", "INFO")}
            for app in ("portal", "complaints", "cms", "search")
        },
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# The staff dashboard sends its counters at most once per this many seconds (a burst of
# changes gives one update at its end): complaints.consumers.DashboardConsumer.
DASHBOARD_COUNTERS_INTERVAL = 1.0
# Content-Security-Policy on every page (django-csp; portal.middleware.PortalCSPMiddleware).
# Public pages: scripts from the portal only (intake.js, tracking.js), no plug-ins, no
# framing by others, forms posted only here; inline style attributes are allowed
# (templates use a few). The admin's policy adds what Wagtail's own pages need.
_CSP_COMMON = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],  # the WebSocket of the same host ('self' covers ws/wss)
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
    }
}
PORTAL_CSP_ADMIN = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'"],  # page previews
        "worker-src": ["'self'", "blob:"],
    }
}

# reliability (docs/reliability.md): requests in flight per process, Retry-After of a 503.
PORTAL_MAX_IN_FLIGHT = env.max_in_flight()
PORTAL_RETRY_AFTER = int(os.environ.get("PORTAL_RETRY_AFTER", "5"))

PORTAL_NAME = _("Cổng tiếp nhận phản ánh, kiến nghị ngành Y tế")

# ---- the province's own rules, without code ------------------------------------------
# The policy and unconfirmed rows of the deadline table (complaints/deadlines.py; a
# statutory row is refused at start): `phan_anh:resolve=20,kien_nghi:resolve=20`.
PORTAL_DEADLINE_POLICY = env.env_deadline_policy("PORTAL_DEADLINE_POLICY")
# How long a closed case keeps its citizen's personal data, in months per kind
# (complaints/retention/policy.py: the defaults and their articles; khiếu nại and tố cáo
# follow archive rules, a period UNCONFIRMED here): `khieu_nai=120,to_cao=120`.
PORTAL_RETENTION_POLICY = env.env_retention_policy("PORTAL_RETENTION_POLICY")
# Days the message and export files under var/ are kept (SMS_FILE_PATH, the e-mail files,
# NATIONAL_EXPORT_DIR), by `destroy_expired_personal_data` (the portal's choice).
PORTAL_RETENTION_FILE_DAYS = env.env_int("PORTAL_RETENTION_FILE_DAYS", 90, minimum=1)
# Days a partner's API key is valid when issued (`issue_partner_key --days N` for another
# period); warned 30 and 7 days ahead by `warn_partner_key_expiry` (the portal's choice).
# Never longer than a key may live (complaints/partners/key_term.py: 3 years).
PORTAL_PARTNER_KEY_DAYS = env.env_int(
    "PORTAL_PARTNER_KEY_DAYS", 365, minimum=1, maximum=PARTNER_KEY_MAX_DAYS
)
# Which steps a handler proposes for the head's approval (complaints/approvals/rules.py;
# a unit's working rules): unset = the table, `conclude,reject,file` = those, `none` = no
# step goes through a draft.
if os.environ.get("PORTAL_APPROVAL_ACTIONS", "").strip():
    PORTAL_APPROVAL_ACTIONS = [
        action for action in env.env_list("PORTAL_APPROVAL_ACTIONS", [])
        if action.lower() != "none"
    ]

# ---- citizen: the province the portal speaks for, and text messages (SMS) ----------
# The Sở Y tế named on every page and message (the demo's facilities are Quảng Ngãi's).
PORTAL_PROVINCE = os.environ.get("PORTAL_PROVINCE", "Quảng Ngãi")
# "tỉnh" or "thành phố" (a centrally run city's Sở: "Sở Y tế thành phố Huế"); by default
# "thành phố" for the six centrally run cities, else "tỉnh" (portal/province.py).
PORTAL_PROVINCE_KIND = os.environ.get("PORTAL_PROVINCE_KIND", "")
PORTAL_HOTLINE = os.environ.get("PORTAL_HOTLINE", "1900 9095")
# Where citizens reach the Sở in person or by post (complaints/selectors/contact.py: the
# signature notice, the withdrawal note, /lien-he/): its postal address ("" = its department
# unit's, `import_facilities`, else the province), and its office hours, a phrase read after
# "nộp trực tiếp …" ("" = "trong giờ hành chính, từ thứ Hai đến thứ Sáu (trừ ngày lễ)").
PORTAL_DEPARTMENT_ADDRESS = os.environ.get("PORTAL_DEPARTMENT_ADDRESS", "")
PORTAL_OFFICE_HOURS = os.environ.get("PORTAL_OFFICE_HOURS", "")
# The Ủy ban nhân dân tỉnh's postal address: where the letter of a tố cáo of the Sở itself
# goes, to its Chủ tịch (khoản 4 Điều 13 Luật Tố cáo); "" = "trụ sở Ủy ban nhân dân tỉnh …".
PORTAL_PROVINCE_COMMITTEE_ADDRESS = os.environ.get("PORTAL_PROVINCE_COMMITTEE_ADDRESS", "")
# SMS backend (complaints/notifications/sms.py): files in var/sms/ by default, like
# e-mail; SMS_GATEWAY_URL switches to the operator's HTTP API (README, "SMS");
# SMS_BACKEND=complaints.notifications.sms.DisabledBackend sends none and offers none.
# Production starts only with a gateway or an SMS_BACKEND chosen (production.py).
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", str(VAR_DIR / "sms"))
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")
SMS_SENDER = os.environ.get("SMS_SENDER", "SYT")
SMS_BACKEND = os.environ.get(
    "SMS_BACKEND",
    "complaints.notifications.sms.HttpGatewayBackend"
    if SMS_GATEWAY_URL
    else "complaints.notifications.sms.FileBackend",
)
