"""A server process does its slow first-time work when it loads the application, not in its
first citizen's request (portal/warmup.py): the URLconf and its views imported, the cache
backends built, the public holidays computed — and nothing read from the database or the
cache, so a worker still boots while PostgreSQL or Redis is down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, json, sys
import {module}
from django.core.validators import EmailValidator
from django.utils.functional import empty
from complaints.calendar import vietnam_public_holidays
from django.urls import get_resolver
print(json.dumps({{
    "urlconf": "portal.urls" in sys.modules,
    "views": "complaints.api.submissions" in sys.modules,
    "reverse_filled": bool(get_resolver()._populated),
    "holidays_table": "holidays.countries" in sys.modules,
    "holiday_years": vietnam_public_holidays.cache_info().currsize,
    "cache_backend": "portal.cache" in sys.modules,
    "email_regex_compiled": EmailValidator.domain_regex._wrapped is not empty,
    "loaded_objects_frozen": gc.get_freeze_count() > 100_000,
    "young_generation_threshold": gc.get_threshold()[0],
}}))
"""


def _load(module: str, tmp_path: Path) -> dict:
    """Import the server's entry point in a fresh process whose database and Redis are
    unreachable (port 1 refuses at once)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "PORTAL_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT),
           "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nothing",
           "REDIS_URL": "redis://127.0.0.1:1/0"}
    env.pop("ELASTICSEARCH_URL", None)
    done = subprocess.run([sys.executable, "-c", PROBE.format(module=module)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", ["portal.wsgi", "portal.asgi"])
def test_loading_the_application_does_the_first_requests_work(module, tmp_path):
    loaded = _load(module, tmp_path)
    assert loaded == {
        "urlconf": True,
        "views": True,
        "reverse_filled": True,
        "holidays_table": True,
        "holiday_years": 2,  # this year's and next year's
        "cache_backend": True,
        "email_regex_compiled": True,  # by the intake's checks of a made-up submission
        # Kept out of the garbage collector's walks (portal/warmup.py `settle_memory`).
        "loaded_objects_frozen": True,
        "young_generation_threshold": 50_000,
    }


def test_without_the_warm_up_the_first_request_would_do_it(tmp_path):
    """The probe can fail: Django's own setup leaves all of it for the first request."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "PORTAL_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    probe = ("import django, gc, sys; django.setup(); "
             "from django.core.validators import EmailValidator as V; "
             "from django.utils.functional import empty; "
             "print('portal.urls' in sys.modules, 'holidays.countries' in sys.modules, "
             "V.domain_regex._wrapped is not empty, "
             "gc.get_freeze_count() > 0, gc.get_threshold()[0])")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "False", "False", "False", "700"]
