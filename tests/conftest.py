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


@pytest.fixture(autouse=True)
def _live_updates_drained():
    """After each test, before pytest-django empties or rolls back its database (its fixture
    is set up first, so torn down after this one): the live updates' fan-out thread has
    finished, with no dashboard count scheduled (`complaints.broadcasts.fan_out_drain`)."""
    yield
    from complaints.broadcasts import fan_out_drain

    fan_out_drain()


VERIFIED_DEVICE_NAME = "test: second factor done"


@pytest.fixture(autouse=True)
def _second_factor_done_on_force_login(request, monkeypatch):
    """`client.force_login` / `client.login` sign in as if the user had also entered their
    code: the session is verified by a device of the user (what `django_otp.login` keeps
    in the session), so tests of other areas pass with two-factor sign-in required
    (portal/twofactor). Tests marked `second_factor` get the bare password sign-in."""
    if request.node.get_closest_marker("second_factor"):
        return
    from django.test.client import ClientMixin
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    login, alogin = ClientMixin._login, ClientMixin._alogin

    def _login(self, user, backend=None):
        login(self, user, backend)
        device, _new = StaticDevice.objects.get_or_create(
            user=user, name=VERIFIED_DEVICE_NAME, defaults={"confirmed": True}
        )
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    async def _alogin(self, user, backend=None):
        await alogin(self, user, backend)
        device, _new = await StaticDevice.objects.aget_or_create(
            user=user, name=VERIFIED_DEVICE_NAME, defaults={"confirmed": True}
        )
        session = await self.asession()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        await session.asave()

    monkeypatch.setattr(ClientMixin, "_login", _login)
    monkeypatch.setattr(ClientMixin, "_alogin", _alogin)


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
