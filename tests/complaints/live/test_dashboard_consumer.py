"""The staff dashboard over WebSocket: /ws/dashboard/ through the real ASGI app."""

from __future__ import annotations

import asyncio
import time

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from complaints.signals import case_created, case_event_recorded
from portal.asgi import application
from tests.factories import CaseFactory, FacilityFactory, UserFactory, permission

from .helpers import ORIGIN, close_code, communicator, messages_until_quiet

pytestmark = pytest.mark.django_db(transaction=True)

STAFF = ["complaints.view_case", "complaints.act_on_case"]


def province_user():
    return UserFactory(perms=[*STAFF, "complaints.view_all_cases"], admin_access=True)


def file_case(**kwargs):
    """A new case as intake stores it, then `case_created` after commit."""
    case = CaseFactory(**kwargs)
    event = CaseEvent.objects.create(
        case=case, action="received", to_status=case.status, at=timezone.now(), is_public=True
    )
    case_created.send(sender=type(case), case=case, event=event)
    return case


def reassign(case, unit):
    """As the `assign` action records it (event data `previous_facility`: a code)."""
    previous = case.assigned_unit
    case.assigned_unit = unit
    case.save(update_fields=["assigned_unit"])
    event = CaseEvent.objects.create(
        case=case,
        action="assign",
        from_status=case.status,
        to_status=case.status,
        at=timezone.now(),
        data={"facility": unit.code, "previous_facility": previous.code if previous else None},
    )
    case_event_recorded.send(sender=type(case), case=case, event=event)


async def receive_until(comm, message_type, *, timeout=10):
    while True:
        message = await comm.receive_json_from(timeout=timeout)
        if message["type"] == message_type:
            return message


async def test_anonymous_visitors_are_refused():
    comm = await communicator("/ws/dashboard/")
    assert await close_code(comm) == 4401


async def test_a_user_without_case_permission_is_refused():
    user = await database_sync_to_async(UserFactory)(admin_access=True)
    comm = await communicator("/ws/dashboard/", user=user)
    assert await close_code(comm) == 4403


async def test_counters_on_connect_then_new_cases_with_counters():
    user = await database_sync_to_async(province_user)()
    await database_sync_to_async(CaseFactory)()
    comm = await communicator("/ws/dashboard/", user=user)
    connected, _ = await comm.connect()
    assert connected
    counters = await comm.receive_json_from(timeout=10)
    assert counters["type"] == "dashboard.counters"
    assert counters["total"] == 1 and counters["open"] == 1
    assert counters["by_status"]["received"] == 1

    case = await database_sync_to_async(file_case)(kind=CaseKind.KIEN_NGHI)
    message = await comm.receive_json_from(timeout=10)
    assert message["type"] == "dashboard.case"
    assert message["created"] is True
    assert message["tracking_code"] == case.tracking_code
    assert message["status"] == "received"
    assert message["status_label"] == "Đã tiếp nhận"
    assert "reporter" not in message and "Nguyễn Thị Dân" not in str(message)
    counters = await comm.receive_json_from(timeout=10)
    assert counters["type"] == "dashboard.counters"
    assert counters["total"] == 2 and counters["by_kind"]["kien_nghi"] == 1
    await comm.disconnect()


async def test_a_facility_handler_receives_only_cases_of_their_units():
    def setup():
        centre = FacilityFactory()
        station = FacilityFactory(parent=centre)
        elsewhere = FacilityFactory()
        user = UserFactory(perms=STAFF, admin_access=True, facility=centre)
        return centre, station, elsewhere, user

    centre, station, elsewhere, user = await database_sync_to_async(setup)()
    comm = await communicator("/ws/dashboard/", user=user)
    assert (await comm.connect())[0]
    assert (await comm.receive_json_from(timeout=10))["total"] == 0

    # A case of another unit: not shown, and nothing else sent to this user.
    await database_sync_to_async(file_case)(assigned_unit=elsewhere)
    assert await comm.receive_nothing(timeout=0.3)

    # A case of a station below the user's centre: shown.
    below = await database_sync_to_async(file_case)(assigned_unit=station)
    message = await comm.receive_json_from(timeout=10)
    assert message["type"] == "dashboard.case"
    assert message["tracking_code"] == below.tracking_code
    assert (await comm.receive_json_from(timeout=10))["total"] == 1

    # Reassigned away: no case message, but the counters drop.
    await database_sync_to_async(reassign)(below, elsewhere)
    counters = await comm.receive_json_from(timeout=10)
    assert counters["type"] == "dashboard.counters" and counters["total"] == 0
    await comm.disconnect()


async def test_scope_is_checked_again_for_each_message():
    """A press officer joins the province group but sees press reports only."""
    user = await database_sync_to_async(UserFactory)(
        perms=[*STAFF, "complaints.view_press_cases"], admin_access=True
    )
    comm = await communicator("/ws/dashboard/", user=user)
    assert (await comm.connect())[0]
    await comm.receive_json_from(timeout=10)

    await database_sync_to_async(file_case)(kind=CaseKind.TO_CAO, accused_name="Trần Văn B")
    counters = await comm.receive_json_from(timeout=10)
    assert counters["type"] == "dashboard.counters"  # no dashboard.case before it
    assert counters["total"] == 0

    press = await database_sync_to_async(file_case)(bao_chi=True)
    message = await comm.receive_json_from(timeout=10)
    assert message["type"] == "dashboard.case"
    assert message["tracking_code"] == press.tracking_code
    await comm.disconnect()


async def test_permission_removed_after_connect_closes_at_the_next_message():
    user = await database_sync_to_async(province_user)()
    comm = await communicator("/ws/dashboard/", user=user)
    assert (await comm.connect())[0]
    await comm.receive_json_from(timeout=10)

    def revoke():
        user.user_permissions.remove(permission("complaints.view_case"))

    await database_sync_to_async(revoke)()
    await database_sync_to_async(file_case)()
    message = await comm.receive_output(timeout=2)
    assert message == {"type": "websocket.close", "code": 4403}


async def test_refresh_asks_for_the_counters_again():
    user = await database_sync_to_async(province_user)()
    comm = await communicator("/ws/dashboard/", user=user)
    assert (await comm.connect())[0]
    await comm.receive_json_from(timeout=10)
    await database_sync_to_async(file_case)(status=CaseStatus.ACCEPTED)
    await comm.send_json_to({"type": "dashboard.refresh"})
    counters = await receive_until(comm, "dashboard.counters")
    assert counters["by_status"]["accepted"] == 1
    await comm.disconnect()


async def test_a_membership_removed_after_connect_narrows_the_scope_at_the_next_message():
    def setup():
        centre = FacilityFactory()
        user = UserFactory(perms=STAFF, admin_access=True, facility=centre)
        return centre, user

    centre, user = await database_sync_to_async(setup)()
    comm = await communicator("/ws/dashboard/", user=user)
    assert (await comm.connect())[0]
    await comm.receive_json_from(timeout=10)
    await database_sync_to_async(lambda: user.facility_memberships.all().delete())()
    await database_sync_to_async(file_case)(assigned_unit=centre)
    # The scope was checked again (the access version moved): the case is not shown.
    counters = await comm.receive_json_from(timeout=10)
    assert counters["type"] == "dashboard.counters" and counters["total"] == 0
    await comm.disconnect()


async def test_a_burst_of_changes_gives_few_counter_updates(settings):
    interval = settings.DASHBOARD_COUNTERS_INTERVAL = 0.5
    user = await database_sync_to_async(province_user)()
    comm = await communicator("/ws/dashboard/", user=user)
    assert (await comm.connect())[0]
    await comm.receive_json_from(timeout=10)
    started = time.monotonic()
    for _ in range(6):
        await database_sync_to_async(file_case)()
    burst = time.monotonic() - started
    messages = await messages_until_quiet(comm, quiet=1.5)
    cases = [m for m in messages if m["type"] == "dashboard.case"]
    counters = [m for m in messages if m["type"] == "dashboard.counters"]
    assert len(cases) == 6  # every change is announced
    # The counters at most about once per interval (however long the burst took on a
    # loaded machine), and the last ones complete.
    assert 1 <= len(counters) <= 2 + int(burst / interval)
    assert counters[-1]["total"] == 6
    await comm.disconnect()


async def test_a_dashboard_gone_while_it_connected_leaves_its_groups(monkeypatch):
    """Uvicorn's websockets-sansio raises from `send` to a client already gone and never
    delivers `websocket.disconnect`: the consumer leaves its groups (and the process's count
    of open dashboards) all the same (`PortalConsumer.__call__`)."""
    from channels.layers import get_channel_layer

    from complaints import consumers

    class ClientDisconnected(OSError):
        pass

    async def gone(self, *args, **kwargs):
        raise ClientDisconnected

    left = []
    layer = get_channel_layer()
    group_discard = layer.group_discard

    async def discard(group, channel):
        left.append(group)
        await group_discard(group, channel)

    monkeypatch.setattr(layer, "group_discard", discard)
    monkeypatch.setattr(consumers.DashboardConsumer, "_send_counters", gone)
    before = dict(consumers._dashboard_groups)
    page = await communicator("/ws/dashboard/", user=await database_sync_to_async(province_user)())
    assert (await page.connect(timeout=5))[0]  # accepted; gone before its first counters
    with pytest.raises(ClientDisconnected):
        await page.wait(timeout=5)
    assert "province" in left
    assert dict(consumers._dashboard_groups) == before


def signed_in(user, *, expiry=None):
    """A browser signed in as `user` (its `Client`) and the `Cookie` header of its session."""
    browser = Client()
    browser.force_login(user)
    if expiry is not None:
        session = browser.session
        session.set_expiry(expiry)
        session.save()
    return browser, f"sessionid={browser.cookies['sessionid'].value}".encode()


async def dashboard(cookie):
    comm = WebsocketCommunicator(
        application, "/ws/dashboard/", headers=[ORIGIN, (b"cookie", cookie)]
    )
    assert (await comm.connect())[0]
    assert (await comm.receive_json_from(timeout=10))["type"] == "dashboard.counters"
    return comm


async def test_signing_out_closes_that_sessions_dashboard_at_the_next_message():
    user = await database_sync_to_async(province_user)()
    browser, cookie = await database_sync_to_async(signed_in)(user)
    _other_browser, other_cookie = await database_sync_to_async(signed_in)(user)
    signed_out, still_in = await dashboard(cookie), await dashboard(other_cookie)

    answer = await database_sync_to_async(browser.post)("/admin/logout/")
    assert answer.status_code == 302
    case = await database_sync_to_async(file_case)()
    assert await signed_out.receive_output(timeout=5) == {"type": "websocket.close", "code": 4401}
    # The same user's dashboard in another browser, still signed in, goes on.
    message = await receive_until(still_in, "dashboard.case")
    assert message["tracking_code"] == case.tracking_code
    await still_in.disconnect()


async def test_an_expired_session_closes_the_dashboard_at_the_next_message():
    user = await database_sync_to_async(province_user)()
    _browser, cookie = await database_sync_to_async(signed_in)(user, expiry=2)
    comm = await dashboard(cookie)
    await asyncio.sleep(2.5)
    await database_sync_to_async(file_case)()
    assert await comm.receive_output(timeout=5) == {"type": "websocket.close", "code": 4401}


async def test_signing_in_as_someone_else_closes_the_first_persons_dashboard():
    """Django's `login` ends the first person's session in that browser without a
    sign-out; their dashboard there closes at its next message all the same."""
    first = await database_sync_to_async(province_user)()
    second = await database_sync_to_async(province_user)()

    def set_password():
        second.set_password("mat-khau-thu-2026")
        second.save()

    await database_sync_to_async(set_password)()
    # The case's unit exists before: a new unit alone would make every dashboard re-check.
    unit = await database_sync_to_async(FacilityFactory)()
    browser, cookie = await database_sync_to_async(signed_in)(first)
    page = await dashboard(cookie)
    answer = await database_sync_to_async(browser.post)(
        "/admin/login/", {"username": second.username, "password": "mat-khau-thu-2026"}
    )
    assert answer.status_code == 302
    await database_sync_to_async(file_case)(facility=unit, assigned_unit=unit)
    assert await page.receive_output(timeout=5) == {"type": "websocket.close", "code": 4401}
