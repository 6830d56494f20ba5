"""What a message costs a consumer: no crossing into the database thread of its own.

Channels (4.2 and later) sweeps the database connections before every message it hands to a
handler (`channels.consumer.aclose_old_connections`, a crossing into the one thread that runs
sync work). A change followed by thousands of pages of one process paid that crossing once per
page, in a row: most of the time it took to reach them (`bench/live.py`). The portal's
consumers reach the database only through `database_sync_to_async`, which sweeps the
connections itself, and leave the per-message sweep out (`complaints.consumers.PortalConsumer`).
"""

from __future__ import annotations

import ast
import inspect
import threading

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from complaints import consumers
from complaints.models import CaseEvent
from complaints.selectors.staff_access import access_version, access_versions
from complaints.signals import case_event_recorded
from tests.factories import CaseFactory, UserFactory

from .helpers import communicator
from .test_submission_consumer import PIN, make_case

pytestmark = pytest.mark.django_db(transaction=True)

STAFF = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases"]


@pytest.fixture
def sweeps(monkeypatch):
    """How many times Channels' per-message sweep ran."""
    import channels.consumer

    calls = []
    original = channels.consumer.aclose_old_connections

    async def counted():
        calls.append(1)
        return await original()

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", counted)
    return calls


def public_event(case):
    event = CaseEvent.objects.create(
        case=case, action="request_info", from_status=case.status, to_status=case.status,
        at=timezone.now(), is_public=True, public_message="Xin bổ sung",
    )  # fmt: skip
    case_event_recorded.send(sender=type(case), case=case, event=event)


async def test_a_follower_receives_events_without_the_per_message_sweep(sweeps):
    case = await database_sync_to_async(make_case)()
    comm = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={PIN}")
    assert (await comm.connect())[0]
    for _ in range(3):
        await database_sync_to_async(public_event)(case)
        message = await comm.receive_json_from(timeout=10)
        assert message["type"] == "case.event" and message["message"] == "Xin bổ sung"
    await comm.disconnect()
    assert sweeps == []


async def test_a_dashboard_receives_changes_without_the_per_message_sweep(sweeps):
    user = await database_sync_to_async(UserFactory)(perms=STAFF, admin_access=True)
    comm = await communicator("/ws/dashboard/", user=user)
    assert (await comm.connect())[0]
    assert (await comm.receive_json_from(timeout=10))["type"] == "dashboard.counters"
    case = await database_sync_to_async(CaseFactory)()
    await database_sync_to_async(public_event)(case)
    message = await comm.receive_json_from(timeout=10)
    assert message["type"] == "dashboard.case" and message["tracking_code"] == case.tracking_code
    await comm.disconnect()
    assert sweeps == []


def test_the_consumers_reach_the_database_only_through_database_sync_to_async():
    """Without the sweep per message, a plain `sync_to_async` reading the database would keep
    a connection past its age: none may appear in the consumers."""
    tree = ast.parse(inspect.getsource(consumers))
    names = {
        node.id if isinstance(node, ast.Name) else node.attr
        for node in ast.walk(tree)
        if isinstance(node, (ast.Name, ast.Attribute))
    }
    assert "sync_to_async" not in names and "async_to_sync" not in names
    assert "database_sync_to_async" in names
    for consumer in (consumers.SubmissionConsumer, consumers.DashboardConsumer):
        assert consumer.dispatch is consumers.PortalConsumer.dispatch


def test_access_versions_reads_every_user_at_once():
    from django.core.cache import cache

    users = [UserFactory() for _ in range(3)]
    expected = {user.pk: access_version(user.pk) for user in users}
    reads = []
    original = cache.get_many

    def counted(keys, *args, **kwargs):
        reads.append(list(keys))
        return original(keys, *args, **kwargs)

    cache.get_many = counted
    try:
        assert access_versions([u.pk for u in users]) == expected
    finally:
        del cache.get_many
    assert len(reads) == 1
    # A user deactivated: that user's version moves, the others' stay.
    users[1].is_active = False
    users[1].save()
    moved = access_versions([u.pk for u in users])
    assert moved[users[0].pk] == expected[users[0].pk]
    assert moved[users[1].pk] != expected[users[1].pk]


async def test_counting_beside_the_database_thread_gives_its_connection_back():
    """The counters are counted on threads beside the one sync work shares; asgiref runs that
    work in a copy of the consumer's context, where Django's sweep around the call cannot see
    the connection it opened. Without closing its own, each dashboard left a connection checked
    out of the PostgreSQL pool for good (the pool runs dry under load)."""
    from django.db.backends.signals import connection_created

    from .test_dashboard_consumer import province_user, receive_until

    user = await database_sync_to_async(province_user)()
    opened = []

    def remember(sender, connection, **kwargs):
        if threading.current_thread().name.startswith("asyncio_"):  # beside the sync thread
            opened.append(connection)

    connection_created.connect(remember)
    try:
        for _ in range(3):
            page = await communicator("/ws/dashboard/", user=user)
            assert (await page.connect())[0]
            await receive_until(page, "dashboard.counters")
            await page.disconnect()
    finally:
        connection_created.disconnect(remember)
    assert opened
    # SQLite's in-memory test database ignores close() (closing would drop it).
    assert all(c.connection is None or c.is_in_memory_db() for c in opened)
