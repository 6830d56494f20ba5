"""Settings for the submissions benchmark only (bench/submissions.py).

The portal's own settings plus the bare insert-only endpoint of `bench.urls`, which
exists nowhere else. Everything lives under PORTAL_VAR_DIR (a temporary directory
the benchmark creates: SQLite in WAL mode, secret key, mail files). The submission
rate limit is off: the benchmark sends every request from 127.0.0.1."""

from portal.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
COMPLAINTS_RATE_LIMITS = {
    "submission": None,
    "lookup_address": None,
    "pin_code_address": None,
    "pin_address": None,
    "pin_code": None,
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Under ASGI every request runs in its own thread, so persistent connections
# (env.database's conn_max_age=60) pile up one per request thread until PostgreSQL
# refuses clients ("too many clients already"). Close them after each request.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
