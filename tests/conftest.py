"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

import pytest

ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def service_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=1):
            return True
    except OSError:
        return False


def require_service(url: str, what: str) -> None:
    """Skip (locally) or fail (on CI) when a service the test needs does not answer."""
    if service_reachable(url):
        return
    message = f"{what} does not answer at {url}"
    if ON_CI:
        pytest.fail(message + " (CI must provide it)")
    pytest.skip(message)


POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(autouse=True)
def _clear_cache():
    """The caches outlive a rolled-back test: start each test clean."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def postgres_url() -> str:
    require_service(POSTGRES_URL, "PostgreSQL")
    return POSTGRES_URL


@pytest.fixture
def redis_url() -> str:
    require_service(REDIS_URL, "Redis")
    return REDIS_URL


@pytest.fixture
def demo_reference_data(db):
    """Facilities and categories of the demo province (demo/data)."""
    import io

    from complaints import demo

    demo.load(stdout=io.StringIO())
