"""Settings select embedded defaults or production services from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "channels": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "es": settings.ELASTICSEARCH_URL,
    "email": settings.EMAIL_BACKEND,
    "email_host": getattr(settings, "EMAIL_HOST", None),
    "debug": settings.DEBUG,
    "language": settings.LANGUAGE_CODE,
    "tz": settings.TIME_ZONE,
}))
"""

SERVICE_VARS = (
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "EMAIL_URL",
    "DEBUG",
    "SECRET_KEY",
)


def run_settings(module: str, tmp_path: Path, **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    clean.update(DJANGO_SETTINGS_MODULE=module, PORTAL_VAR_DIR=str(tmp_path), **env)
    script = "import django; django.setup();" + PRINT_SETTINGS
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_no_environment_gives_embedded_defaults(tmp_path):
    found = run_settings("portal.settings.dev", tmp_path)
    assert found["db"] == "django.db.backends.sqlite3"
    assert found["db_name"] == str(tmp_path / "portal.sqlite3")
    assert found["cache"].endswith("LocMemCache")
    assert found["channels"] == "channels.layers.InMemoryChannelLayer"
    assert found["es"] is None
    assert found["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert found["debug"] is True
    assert (found["language"], found["tz"]) == ("vi", "Asia/Ho_Chi_Minh")
    # The development secret key is generated once and kept.
    assert (tmp_path / "secret_key").exists()


def test_service_variables_switch_on_postgres_redis_elasticsearch_smtp(tmp_path):
    found = run_settings(
        "portal.settings.dev",
        tmp_path,
        DATABASE_URL="postgres://portal:secret@db.internal:5432/portal",
        REDIS_URL="redis://cache.internal:6379/1",
        ELASTICSEARCH_URL="http://search.internal:9200",
        EMAIL_URL="smtp://mailer:pw@smtp.internal:587?tls=1",
    )
    assert found["db"] == "django.db.backends.postgresql"
    # Django's RedisCache, falling back to process memory while Redis is away.
    assert found["cache"] == "portal.cache.FallbackRedisCache"
    assert found["channels"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    assert found["es"] == "http://search.internal:9200"
    assert found["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["email_host"] == "smtp.internal"


def test_production_refuses_to_start_without_secret_key(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings.production", PORTAL_VAR_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0
    assert "SECRET_KEY must be set" in out.stderr


@pytest.mark.parametrize("debug", ["0", "false"])
def test_check_deploy_is_clean_with_production_variables(tmp_path, debug):
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        PORTAL_VAR_DIR=str(tmp_path),
        SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
        ALLOWED_HOSTS="phananh.syt.example.vn",
        DEBUG=debug,
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "System check identified no issues" in out.stdout
