"""Health probes: `/healthz` (the process answers; no I/O) and `/readyz` (the database, the
cache's Redis and Elasticsearch when configured, each within a short time; 503 naming the
part that failed). Both answered before the HTTPS redirect, the host check, the page cache,
the session, the language and the rate limits: a monitor gets the portal's health, not the
answer of something in front of it."""

from __future__ import annotations

import socket

import pytest
from django.test import Client, RequestFactory

from portal.middleware import AdmissionControlMiddleware

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # free, and nothing listens once closed


def test_liveness_is_ok_without_any_query(django_assert_num_queries, settings):
    settings.SECURE_SSL_REDIRECT = True  # production: a plain-HTTP probe is not redirected
    with django_assert_num_queries(0):
        response = Client(HTTP_HOST="10.0.0.7").get("/healthz")  # a host not allowed
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response and "Content-Language" not in response


def test_readiness_checks_the_database_and_the_cache():
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert response["Cache-Control"] == "no-store"


def test_readiness_names_the_search_engine_when_it_is_away_without_its_address(settings):
    from search import backends

    port = closed_port()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    backends.get_backend.cache_clear()
    try:
        response = Client().get("/readyz")
    finally:
        backends.get_backend.cache_clear()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {"database": "ok", "cache": "ok", "search": "unavailable"}
    assert str(port) not in response.content.decode()


def test_readiness_names_the_cache_when_redis_is_away(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "unavailable"}


def test_a_check_that_hangs_is_reported_as_a_timeout(settings, monkeypatch):
    import time

    from portal import health

    settings.PORTAL_READYZ_TIMEOUT = 0.2
    monkeypatch.setitem(health.CHECKS, "cache", lambda: time.sleep(2))
    started = time.monotonic()
    response = Client().get("/readyz")
    assert time.monotonic() - started < 1.5
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "timeout"


def test_liveness_passes_admission_control_when_the_process_is_full(settings):
    settings.PORTAL_MAX_IN_FLIGHT = 1
    from django.http import HttpResponse

    middleware = AdmissionControlMiddleware(lambda request: HttpResponse(b"answered"))
    middleware.in_flight = 1  # full
    factory = RequestFactory()
    assert middleware(factory.get("/healthz")).content == b"answered"
    assert middleware(factory.get("/readyz")).status_code == 503  # full: not ready


async def test_both_probes_answer_under_asgi():
    from django.test import AsyncClient

    client = AsyncClient()
    assert (await client.get("/healthz")).content == b"ok"
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["database"] == "ok"
