"""Settings for the submissions benchmark only (bench/submissions.py).

The portal's own settings plus the bare insert-only endpoint of `bench.urls`, which
exists nowhere else. Everything lives under PORTAL_VAR_DIR (a temporary directory
the benchmark creates: SQLite in WAL mode, secret key, mail files). The submission
rate limit is off: the benchmark sends every request from 127.0.0.1. The
benchmark starts the server with PORTAL_MAX_IN_FLIGHT above its largest number of
clients (admission control would otherwise answer part of the 16- and 32-client
levels 503: that limit is measured in bench/overload.py, not here)."""

import os

from portal.settings import env
from portal.settings.base import *  # noqa: F403

# bench/live.py compares channels_redis' layers (`--layer pubsub|core`).
CHANNEL_LAYERS = env.channel_layers(
    REDIS_URL, os.environ.get("BENCH_CHANNEL_LAYER", "pubsub")  # noqa: F405
)

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
COMPLAINTS_RATE_LIMITS = {
    "submission": None,
    "submission_refused": None,
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

# PostgreSQL goes through Django's psycopg pool, as in production (`portal.settings.env`:
# `DATABASE_URL` gives the pool, CONN_MAX_AGE stays 0 as the pool requires): a request
# takes an open connection instead of opening one. SQLite opens its file per request.
assert DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or (  # noqa: F405
    DATABASES["default"]["OPTIONS"].get("pool")  # noqa: F405
), "the benchmark measures PostgreSQL through the pool (DATABASE_POOL must not be off)"
