"""Reading the environment variables of CONTRACT.md into Django settings.

Each production service switches on when its variable is present; with none set
the portal runs on embedded defaults (SQLite, in-memory channel layer,
local-memory cache, database search, e-mail into files).
"""

import os
import re
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
ENV_FILE = "/etc/health-portal.env"


class SettingsError(ImproperlyConfigured):
    """A setting missing or wrong in the environment: manage.py prints its one line
    (Vietnamese, then English) instead of a traceback."""


def require(name: str, example: str, *, alternative: str = "", alternative_en: str = "") -> None:
    """Stop with one line naming the variable and an example when it is not set."""
    if os.environ.get(name):
        return
    raise SettingsError(
        f"{name} chưa được đặt (bắt buộc với portal.settings.production), ví dụ "
        f"{name}={example} trong {ENV_FILE}{alternative} — "
        f"{name} must be set in production, e.g. {name}={example}{alternative_en}"
    )


def sender_domain(address: str) -> str:
    """The domain of DEFAULT_FROM_EMAIL (`Tên <no-reply@syt.example.vn>` or the bare address):
    production refuses none and `localhost`, which no SMTP relay sends for."""
    from email.utils import parseaddr

    _name, mailbox = parseaddr(address)
    domain = mailbox.rpartition("@")[2].strip().lower() if "@" in mailbox else ""
    if not domain or domain == "localhost" or domain.endswith((".localhost", ".localdomain")):
        raise SettingsError(
            f"DEFAULT_FROM_EMAIL={address!r}: cần một địa chỉ thư thuộc tên miền mà máy chủ "
            f"SMTP được phép gửi thay, ví dụ DEFAULT_FROM_EMAIL=\"Cổng phản ánh Sở Y tế "
            f"<no-reply@syt.example.vn>\" trong {ENV_FILE} — DEFAULT_FROM_EMAIL={address!r}: "
            f"needs an address of a domain your SMTP server may send for, e.g. "
            f"\"Cổng phản ánh Sở Y tế <no-reply@syt.example.vn>\""
        )
    return domain


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    value = (os.environ.get(name) or "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if maximum is not None and not minimum <= number <= maximum:
        raise SettingsError(
            f"{name}={value!r}: cần một số nguyên từ {minimum} đến {maximum} — "
            f"{name} must be a whole number from {minimum} to {maximum}"
        )
    if number < minimum:
        raise SettingsError(
            f"{name}={value!r}: cần một số nguyên từ {minimum} trở lên — "
            f"{name} must be a whole number of at least {minimum}"
        )
    return number


def env_figures(names: dict[str, int]) -> dict[str, int]:
    """The figures of `names` (name: its least value) that the environment sets, each a
    whole number checked like `env_int`; a name not set is left out, so the module that
    reads it keeps its own default ("Configurable figures" in the README)."""
    return {
        name: env_int(name, 0, minimum=minimum)
        for name, minimum in names.items()
        if (os.environ.get(name) or "").strip()
    }


def env_rate_limits(name: str) -> dict[str, tuple[int, int] | None]:
    """`submission=5/600, partner_submission=300/3600, lookup_address=off` as
    {"submission": (5, 600), …, "lookup_address": None}: requests per seconds of each named
    limit of `complaints.ratelimit.DEFAULT_LIMITS` (the limits not named keep their figures);
    `off` turns one off. A name that is no limit, or a wrong form, stops the start."""
    from complaints.ratelimit import DEFAULT_LIMITS

    limits: dict[str, tuple[int, int] | None] = {}
    for item in env_list(name, []):
        key, _equals, rule = (part.strip() for part in item.partition("="))
        requests, _slash, seconds = rule.partition("/")
        try:
            figures = (int(requests), int(seconds))
        except ValueError:
            figures = (0, 0)
        if key in DEFAULT_LIMITS and rule.lower() == "off":
            limits[key] = None
        elif key in DEFAULT_LIMITS and min(figures) >= 1:
            limits[key] = figures
        else:
            raise SettingsError(
                f"{name}: {item!r} không đúng dạng tên=số lần/số giây (tên là một trong "
                f"{', '.join(DEFAULT_LIMITS)}), ví dụ {name}=submission=5/600 — {name}: "
                f"{item!r} is not name=requests/seconds or name=off (name one of "
                f"{', '.join(DEFAULT_LIMITS)}), e.g. {name}=submission=5/600"
            )
    return limits


def env_deadline_policy(name: str) -> dict[tuple[str, str], int]:
    """`phan_anh:resolve=20, kien_nghi:resolve=20` as {("phan_anh", "resolve"): 20, …}:
    the policy rows of the deadline table an administrator changes without code (which
    rows may change is checked when the portal starts, `complaints.deadlines`)."""
    policy: dict[tuple[str, str], int] = {}
    for item in env_list(name, []):
        key, _equals, amount = item.partition("=")
        kind, _colon, step = key.strip().partition(":")
        try:
            number = int(amount)
        except ValueError:
            number = 0
        if not kind or not step or number < 1:
            raise SettingsError(
                f"{name}: {item!r} không đúng dạng loại:bước=số, ví dụ "
                f"{name}=phan_anh:resolve=20 — {name}: {item!r} is not kind:step=number, "
                f"e.g. {name}=phan_anh:resolve=20"
            )
        policy[(kind.strip(), step.strip())] = number
    return policy


def env_retention_policy(name: str) -> dict[str, int]:
    """`khieu_nai=120, to_cao=120` as {"khieu_nai": 120, "to_cao": 120}: months a closed
    case of each kind keeps its citizen's personal data (complaints/retention/policy.py,
    whose table gives the kinds not named here and cites the law). A kind that does not
    exist, or a number of months below 1, stops the start."""
    from complaints.kinds import CaseKind

    policy: dict[str, int] = {}
    for item in env_list(name, []):
        kind, _equals, amount = (part.strip() for part in item.partition("="))
        try:
            months = int(amount)
        except ValueError:
            months = 0
        if kind not in CaseKind.values or months < 1:
            raise SettingsError(
                f"{name}: {item!r} không đúng dạng loại=số tháng (loại là một trong "
                f"{', '.join(CaseKind.values)}), ví dụ {name}=khieu_nai=120 — {name}: "
                f"{item!r} is not kind=months (kind one of {', '.join(CaseKind.values)}), "
                f"e.g. {name}=khieu_nai=120"
            )
        policy[kind] = months
    return policy


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


# A system check's id as Django and the apps write it: `models.W040`, `portal.W001`.
CHECK_ID = re.compile(r"^[A-Za-z_]\w*(\.\w+)*\.[CEWID]\d+$")


def env_check_ids(name: str, defaults: list[str]) -> list[str]:
    """`defaults` and the check ids of `name` (`portal.W001, security.W004`), each once: the
    checks `manage.py check` keeps quiet (SILENCED_SYSTEM_CHECKS). Added to the defaults,
    never replacing them. An id not written as one (`portal.w001`, `W001`) would silence
    nothing without a word: it stops the start."""
    ids = env_list(name, [])
    for item in ids:
        if not CHECK_ID.match(item):
            raise SettingsError(
                f"{name}: {item!r} không phải mã kiểm tra (ví dụ portal.W001, phân biệt chữ "
                f"hoa), ví dụ {name}=portal.W001 — {name}: {item!r} is no check id (e.g. "
                f"portal.W001, case sensitive), e.g. {name}=portal.W001"
            )
    return list(dict.fromkeys([*defaults, *ids]))


def database(var_dir: Path) -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        # No persistent connections: under ASGI each request may run in another
        # thread, and kept connections pile up (measured in bench/: PostgreSQL's
        # "too many clients" at 16 concurrent submitters). PostgreSQL goes through
        # Django's psycopg pool instead (`postgres_pool`).
        try:
            config = dj_database_url.parse(url, conn_max_age=0)
        except (dj_database_url.UnknownSchemeError, ValueError):
            scheme = urlsplit(url).scheme
            raise SettingsError(
                f"DATABASE_URL: kiểu {scheme!r} không được hỗ trợ, ví dụ "
                f"DATABASE_URL=postgres://portal:mật-khẩu@db:5432/portal — "
                f"DATABASE_URL: unsupported scheme {scheme!r}, e.g. "
                f"postgres://portal:password@db:5432/portal"
            ) from None
        if config["ENGINE"] == "django.db.backends.postgresql":
            # No JIT compilation: the portal's queries are short, and PostgreSQL's JIT
            # (on above a plan cost, not a duration) added 0.2-4 s to case searches that
            # run in under 0.1 s without it (bench/search_bench.py, docs/benchmarks.md).
            config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
            pool = postgres_pool()
            if pool:
                config.setdefault("OPTIONS", {})["pool"] = pool
                # Each connection is checked when taken from the pool (Django passes
                # psycopg_pool's check_connection): after a PostgreSQL restart the
                # dead ones are replaced instead of failing a request.
                config["CONN_HEALTH_CHECKS"] = True
        elif config["ENGINE"] == "django.db.backends.sqlite3":
            # A file named by URL is the one-machine default all the same: without these,
            # two officers' steps at once failed "database is locked" at once.
            config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    else:
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": var_dir / "portal.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    return config


# WAL + a busy timeout + writes that take the lock when their transaction begins, so the
# one-machine default copes with concurrent writers (the ASGI server runs requests in
# threads): a second writer waits for the first instead of failing "database is locked".
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


# reliability: requests in flight per process (portal.middleware.AdmissionControl) and
# the PostgreSQL pool sized to them: every admitted request can hold one connection,
# none waits for one. Workers × PORTAL_MAX_IN_FLIGHT (+ the task workers) stays under
# PostgreSQL's max_connections (100 by default): 4 workers × 16 = 64. docs/reliability.md.
def max_in_flight() -> int:
    return int(os.environ.get("PORTAL_MAX_IN_FLIGHT", "16"))


def postgres_pool() -> dict | None:
    """Options of Django's psycopg pool (Django 5.1+), or None with DATABASE_POOL=off."""
    if not env_bool("DATABASE_POOL", True):
        return None
    return {
        "min_size": int(os.environ.get("DATABASE_POOL_MIN_SIZE", "2")),
        "max_size": int(os.environ.get("DATABASE_POOL_MAX_SIZE", str(max_in_flight()))),
        # Seconds a request waits for a connection before 503 (never a hang).
        "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "5")),
        "max_lifetime": 600,
    }


def cache(redis_url: str | None) -> dict:
    if redis_url:
        return {
            "default": {
                # Falls back to process memory while Redis is away (portal/cache.py).
                "BACKEND": "portal.cache.FallbackRedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "portal",
                # A stopped or stuck Redis answers within half a second, never hangs.
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def shared_cache(redis_url: str | None, var_dir: Path) -> dict:
    """The cache of the markers every process must see at once (`portal.process_cache`:
    the page tree's, the reference data's and the select options' generations; the
    calendar's overrides): Redis (the default cache's own keys), else files under var/,
    which every process of the machine reads (the server, the task worker, the cron's
    `publish_scheduled`). `ProcessCopy.get()` measured 12 µs on files against 5 µs in
    process memory (20,000 reads, this machine): a few markers a request."""
    if redis_url:
        return cache(redis_url)["default"]
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(var_dir / "marker-cache"),
        # A few markers; never culled.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }


def page_cache(redis_url: str | None, var_dir: Path) -> dict:
    """The public pages' cache (cms/page_cache.py): one every process sees."""
    if redis_url:
        return {**cache(redis_url)["default"], "KEY_PREFIX": "portal-pages"}
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(var_dir / "page-cache"),
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }


# The Redis channel layers of channels_redis. `pubsub` publishes one message per group and each
# server process hands it to its own members in memory: a change seen by 5,000 open pages costs
# one PUBLISH, not 5,000 queue pushes popped one by one (`core`), the difference measured in
# docs/benchmarks.md, "Live updates at scale". Its delivery is at most once (a process not
# subscribed when the message is published never gets it): enough for live updates (a dashboard
# gets its counters afresh at each connect; the tracking page lists every event).
REDIS_CHANNEL_LAYERS = {
    "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
    "core": "channels_redis.core.RedisChannelLayer",
}


def channel_layers(redis_url: str | None, kind: str = "pubsub") -> dict:
    """Redis pub/sub with REDIS_URL (`kind="core"`: channels_redis' list-based layer, kept for
    the benchmark's comparison); else the in-memory layer of the one-process default."""
    if redis_url:
        return {
            "default": {
                "BACKEND": REDIS_CHANNEL_LAYERS[kind],
                "CONFIG": {"hosts": [redis_url], "prefix": "portal"},
            }
        }
    return {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def email(var_dir: Path) -> dict:
    """EMAIL_URL: `smtp://user:pass@host:port` (`smtps://` for implicit TLS,
    `?tls=1` for STARTTLS), or `file:///path` (each message a file there: a machine with no
    mail server yet, chosen on purpose); none means files under var/mail/ (production
    refuses none: `portal.settings.production`)."""
    url = os.environ.get("EMAIL_URL")
    if not url:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(var_dir / "mail"),
        }
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.path:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.path),
        }
    if parts.scheme not in {"smtp", "smtps"}:
        raise SettingsError(
            f"EMAIL_URL: kiểu {parts.scheme!r} không được hỗ trợ, ví dụ "
            f"EMAIL_URL=smtp://user:pass@smtp.example.vn:587?tls=1 — "
            f"EMAIL_URL: unsupported scheme {parts.scheme!r}, e.g. smtp://…, smtps://… or "
            f"file:///path"
        )
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": "tls=1" in (parts.query or ""),
    }


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else a development key kept in var/."""
    value = os.environ.get("SECRET_KEY")
    if value:
        return value
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()
