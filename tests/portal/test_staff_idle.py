"""Signed-in staff are signed out after PORTAL_STAFF_IDLE_MINUTES without a request; the
sign-in page says why; citizens' sessions are not touched (portal/staff_idle.py)."""

import time

import pytest
from django.test import AsyncClient

from portal.staff_idle import SEEN_KEY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def age_session(client, seconds: int) -> None:
    session = client.session
    session[SEEN_KEY] = int(time.time()) - seconds
    session.save()


@pytest.fixture
def officer(client):
    user = UserFactory(username="canbo", admin_access=True)
    client.force_login(user)
    return user


def test_a_session_idle_past_the_limit_is_signed_out(client, officer, settings):
    settings.PORTAL_STAFF_IDLE_MINUTES = 30
    assert client.get(HOME).status_code == 200
    age_session(client, 31 * 60)
    response = client.get(HOME, follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    page = response.content.decode()
    assert "Bạn đã được đăng xuất vì không thao tác trong 30 phút" in page
    # Signed out for good: the next page asks for the password again.
    assert client.get(HOME).status_code == 302


def test_a_session_in_use_stays_signed_in(client, officer, settings):
    settings.PORTAL_STAFF_IDLE_MINUTES = 30
    age_session(client, 29 * 60)
    assert client.get(HOME).status_code == 200
    # That request counted as activity: the clock starts again.
    assert int(time.time()) - client.session[SEEN_KEY] < 5


def test_the_editors_background_pings_are_no_activity(client, officer, settings):
    settings.PORTAL_STAFF_IDLE_MINUTES = 30
    age_session(client, 10 * 60)
    before = client.session[SEEN_KEY]
    client.post("/admin/editing-sessions/release/999/")
    assert client.session[SEEN_KEY] == before


def test_the_staff_api_answers_401_once_idle(client, officer, settings):
    settings.PORTAL_STAFF_IDLE_MINUTES = 30
    age_session(client, 31 * 60)
    assert client.get("/api/v1/cases").status_code == 401


def test_citizens_sessions_are_not_touched(client):
    session = client.session
    session["ma_da_tra"] = {"YT-2026-000001": "x"}
    session.save()
    client.get("/")
    assert SEEN_KEY not in client.session
    assert client.session["ma_da_tra"] == {"YT-2026-000001": "x"}


@pytest.mark.django_db(transaction=True)
async def test_the_asgi_chain_signs_out_an_idle_session_too(client, officer, settings):
    from asgiref.sync import sync_to_async

    settings.PORTAL_STAFF_IDLE_MINUTES = 30
    await sync_to_async(age_session)(client, 31 * 60)
    async_client = AsyncClient()
    async_client.cookies = client.cookies
    response = await async_client.get(HOME)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_idle_minutes_are_read_and_checked_from_the_environment(monkeypatch):
    from portal.settings import env

    monkeypatch.setenv("PORTAL_STAFF_IDLE_MINUTES", "60")
    assert env.env_int("PORTAL_STAFF_IDLE_MINUTES", 240, minimum=1) == 60
    monkeypatch.setenv("PORTAL_STAFF_IDLE_MINUTES", "0")
    with pytest.raises(env.SettingsError, match="PORTAL_STAFF_IDLE_MINUTES"):
        env.env_int("PORTAL_STAFF_IDLE_MINUTES", 240, minimum=1)
