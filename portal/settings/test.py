"""Settings for the test suite. Services follow the same variables as production,
so `DATABASE_URL=postgres://… REDIS_URL=redis://… make test` runs on them."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-private-"))
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DASHBOARD_COUNTERS_INTERVAL = 0.05
if not REDIS_URL:  # noqa: F405  (the purge task runs in the test's process)
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",  # noqa: F405
                       "LOCATION": "pages"}
if not REDIS_URL:  # noqa: F405  (files, as on one machine, but this run's own)
    CACHES["markers"] = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",  # noqa: F405
                        "LOCATION": tempfile.mkdtemp(prefix="portal-test-marker-cache-")}
# Background tasks run when the transaction that queued them commits.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
SMS_BACKEND = "complaints.notifications.sms.LocmemBackend"  # citizen: sms.outbox
