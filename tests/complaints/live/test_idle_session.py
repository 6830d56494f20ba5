"""A staff dashboard's socket ends with its session's idle sign-out (PORTAL_STAFF_IDLE_MINUTES,
portal/staff_idle.py): at its next event the socket of a session left idle past the limit
closes with 4440, without waiting for the page's next request; a session in use keeps its
socket; and while the session is fresh the check reads nothing (docs/benchmarks.md "Live
updates at scale")."""

from __future__ import annotations

import asyncio
import time

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from complaints import consumers
from portal.asgi import application
from portal.staff_idle import SEEN_KEY
from tests.factories import FacilityFactory

from .helpers import ORIGIN
from .test_dashboard_consumer import (
    dashboard,
    file_case,
    province_user,
    receive_until,
    signed_in,
)

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT_MINUTES = 30
IDLE_CLOSE = {"type": "websocket.close", "code": 4440}


def last_seen(browser, seconds_ago: int) -> int:
    """The session's idle clock set `seconds_ago` back, as its last request would have."""
    session = browser.session
    session[SEEN_KEY] = int(time.time()) - seconds_ago
    session.save()
    return session[SEEN_KEY]


async def about_to_idle(settings):
    """A province inspector's browser whose session turns idle within two seconds, and its
    dashboard, opened before that."""
    settings.PORTAL_STAFF_IDLE_MINUTES = LIMIT_MINUTES
    user = await database_sync_to_async(province_user)()
    browser, cookie = await database_sync_to_async(signed_in)(user)
    seen = await database_sync_to_async(last_seen)(browser, LIMIT_MINUTES * 60 - 1)
    return browser, seen, await dashboard(cookie)


async def past_the_limit():
    await asyncio.sleep(2.5)


async def closed_with(page) -> dict:
    """How the socket closed, after what it still had to send from before (the counters of
    an earlier change, sent at the end of their interval): no case reaches an idle session."""
    while True:
        message = await page.receive_output(timeout=5)
        if message["type"] == "websocket.close":
            return message
        assert '"dashboard.counters"' in message["text"]


async def test_an_idle_sessions_dashboard_closes_at_the_next_event(settings):
    _browser, _seen, page = await about_to_idle(settings)
    await past_the_limit()
    await database_sync_to_async(file_case)()
    assert await page.receive_output(timeout=5) == IDLE_CLOSE


async def test_a_session_in_use_keeps_its_dashboard(settings):
    browser, _seen, page = await about_to_idle(settings)
    # The person works in another tab of the same browser: that request restarts the clock.
    assert (await database_sync_to_async(browser.get)("/admin/")).status_code == 200
    await past_the_limit()
    case = await database_sync_to_async(file_case)()
    message = await receive_until(page, "dashboard.case")
    assert message["tracking_code"] == case.tracking_code
    await page.disconnect()


async def test_an_idle_session_cannot_open_the_dashboard(settings):
    settings.PORTAL_STAFF_IDLE_MINUTES = LIMIT_MINUTES
    user = await database_sync_to_async(province_user)()
    browser, cookie = await database_sync_to_async(signed_in)(user)
    await database_sync_to_async(last_seen)(browser, LIMIT_MINUTES * 60 + 5)
    page = WebsocketCommunicator(
        application, "/ws/dashboard/", headers=[ORIGIN, (b"cookie", cookie)]
    )
    assert (await page.connect())[0]  # accepted, then closed: the browser sees the code
    assert await page.receive_output(timeout=5) == IDLE_CLOSE


def counting_session_reads(monkeypatch) -> list[str]:
    """Every SQL statement on the session table, from any thread, and every reload of the
    session by a dashboard (`session_signs_in`)."""
    from django.db.backends import utils

    reads: list[str] = []
    execute = utils.CursorWrapper._execute

    def recording(self, sql, *args, **kwargs):
        if "django_session" in sql:
            reads.append(sql)
        return execute(self, sql, *args, **kwargs)

    signs_in = consumers.session_signs_in

    def reloading(*args, **kwargs):
        reads.append("session_signs_in")
        return signs_in(*args, **kwargs)

    monkeypatch.setattr(utils.CursorWrapper, "_execute", recording)
    monkeypatch.setattr(consumers, "session_signs_in", reloading)
    return reads


async def test_a_fresh_session_costs_no_read_per_event_and_the_idle_one_a_single_read(
    settings, monkeypatch
):
    # The cases' unit exists before: a new unit would make every dashboard check afresh.
    unit = await database_sync_to_async(FacilityFactory)()
    browser, seen, page = await about_to_idle(settings)
    reads = counting_session_reads(monkeypatch)
    for _ in range(3):
        await database_sync_to_async(file_case)(facility=unit, assigned_unit=unit)
        await receive_until(page, "dashboard.case")
    assert reads == []  # the clock was kept from the connection: nothing read per event

    await past_the_limit()
    await database_sync_to_async(file_case)(facility=unit, assigned_unit=unit)
    assert await closed_with(page) == IDLE_CLOSE
    assert reads.count("session_signs_in") == 1
    assert len([sql for sql in reads if sql != "session_signs_in"]) == 1
    # Watching the screen was no activity: the socket never moved the session's clock.
    session = await database_sync_to_async(lambda: browser.session)()
    assert await session.aget(SEEN_KEY) == seen
