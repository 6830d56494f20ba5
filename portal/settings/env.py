"""Reading the environment variables of CONTRACT.md into Django settings.

Each production service switches on when its variable is present; with none set
the portal runs on embedded defaults (SQLite, in-memory channel layer,
local-memory cache, database search, e-mail into files).
"""

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


def database(var_dir: Path) -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        # No persistent connections: under ASGI each request may run in another
        # thread, and kept connections pile up (measured in bench/: PostgreSQL's
        # "too many clients" at 16 concurrent submitters). Put a pooler such as
        # PgBouncer in front of PostgreSQL for many workers.
        config = dj_database_url.parse(url, conn_max_age=0)
    else:
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": var_dir / "portal.sqlite3",
            # WAL + a busy timeout so the one-machine default copes with
            # concurrent writers (the ASGI server runs requests in threads).
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    return config


def cache(redis_url: str | None) -> dict:
    if redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "portal",
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def channel_layers(redis_url: str | None) -> dict:
    if redis_url:
        return {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [redis_url], "prefix": "portal"},
            }
        }
    return {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def email(var_dir: Path) -> dict:
    """EMAIL_URL: `smtp://user:pass@host:port` (`smtps://` for implicit TLS,
    `?tls=1` for STARTTLS); none means files under var/mail/."""
    url = os.environ.get("EMAIL_URL")
    if not url:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(var_dir / "mail"),
        }
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ValueError(f"EMAIL_URL: unsupported scheme {parts.scheme!r}")
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
