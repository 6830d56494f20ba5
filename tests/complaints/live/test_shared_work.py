"""Many dashboards of one process share the work one change causes (issue 16 §2): one access
check for all their users and one counters read per scope, whatever the number of open
dashboards."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from complaints import broadcast_counters, consumers
from complaints.selectors import dashboard
from tests.factories import UserFactory

from .helpers import communicator
from .test_dashboard_consumer import STAFF, file_case, receive_until

pytestmark = pytest.mark.django_db(transaction=True)

DASHBOARDS = 6


async def test_one_access_check_and_one_counters_read_per_change_for_many_dashboards(
    monkeypatch,
):
    calls = {"access": 0, "counters": 0}
    real_access, real_counters = consumers.access_versions, dashboard.scope_counters
    real_group = broadcast_counters.count_group

    def counting_access(user_ids):
        calls["access"] += 1
        return real_access(user_ids)

    def counting_counters(**kwargs):
        calls["counters"] += 1
        return real_counters(**kwargs)

    def counting_group(group):  # the publisher's count, through a network layer
        calls["counters"] += 1
        return real_group(group)

    monkeypatch.setattr(consumers, "access_versions", counting_access)
    monkeypatch.setattr(dashboard, "scope_counters", counting_counters)
    monkeypatch.setattr(broadcast_counters, "count_group", counting_group)

    def province_users():
        perms = [*STAFF, "complaints.view_all_cases"]
        return [UserFactory(perms=perms, admin_access=True) for _ in range(2)]

    users = await database_sync_to_async(province_users)()
    comms = []
    for n in range(DASHBOARDS):
        comm = await communicator("/ws/dashboard/", user=users[n % 2])
        assert (await comm.connect())[0]
        assert (await comm.receive_json_from(timeout=10))["type"] == "dashboard.counters"
        comms.append(comm)
    calls.update(access=0, counters=0)

    case = await database_sync_to_async(file_case)()
    for comm in comms:
        message = await receive_until(comm, "dashboard.case")
        assert message["tracking_code"] == case.tracking_code
        counters = await receive_until(comm, "dashboard.counters")
        assert counters["total"] == 1
    # Without sharing: one of each per dashboard (or an access check per user). The one
    # counters read is the dashboards' (in-memory layer) or the publisher's (Redis).
    assert calls == {"access": 1, "counters": 1}
    for comm in comms:
        await comm.disconnect()


async def test_a_later_change_is_checked_again():
    """Results are kept per change: the next change reads the access version afresh."""
    once = consumers.SharedWork()
    runs = []

    async def compute():
        runs.append(1)
        return len(runs)

    assert await once.get(("access", 1, "change-a"), compute) == 1
    assert await once.get(("access", 1, "change-a"), compute) == 1
    assert await once.get(("access", 1, "change-b"), compute) == 2


async def test_a_public_event_is_encoded_once_per_language_for_all_followers(monkeypatch):
    """Three followers reading Vietnamese and one reading English: two encodings, not four."""
    from .test_submission_consumer import PIN, make_case, record_event

    encoded = []
    real_encode = consumers.encode

    def counting_encode(content):
        encoded.append(content["type"])
        return real_encode(content)

    monkeypatch.setattr(consumers, "encode", counting_encode)
    monkeypatch.setattr(consumers, "once", consumers.SharedWork())
    case = await database_sync_to_async(make_case)()
    path = f"/ws/submissions/{case.tracking_code}/?pin={PIN}"
    comms = [await communicator(path) for _ in range(3)]
    comms.append(await communicator(path, headers=[(b"cookie", b"django_language=en")]))
    for comm in comms:
        assert (await comm.connect())[0]

    await database_sync_to_async(record_event)(
        case, action="accept", to_status="accepted", public=True, message="Đã thụ lý."
    )
    labels = [(await comm.receive_json_from(timeout=10))["status_label"] for comm in comms]
    # A phản ánh's words (Nghị định 154/2026/NĐ-CP), then the English reader's.
    assert labels[:3] == ["Đang xử lý"] * 3 and labels[3] != "Đang xử lý"
    assert encoded == ["case.event", "case.event"]
    for comm in comms:
        await comm.disconnect()


async def test_a_change_and_its_counters_are_encoded_once_for_many_dashboards(monkeypatch):
    user = await database_sync_to_async(UserFactory)(
        perms=[*STAFF, "complaints.view_all_cases"], admin_access=True
    )
    monkeypatch.setattr(consumers, "once", consumers.SharedWork())
    comms = []
    for _ in range(DASHBOARDS):
        comm = await communicator("/ws/dashboard/", user=user)
        assert (await comm.connect())[0]
        await receive_until(comm, "dashboard.counters")
        comms.append(comm)
    encoded = []
    real_encode = consumers.encode

    def counting_encode(content):
        encoded.append(content["type"])
        return real_encode(content)

    monkeypatch.setattr(consumers, "encode", counting_encode)

    case = await database_sync_to_async(file_case)()
    for comm in comms:
        assert (await receive_until(comm, "dashboard.case"))["tracking_code"] == case.tracking_code
        assert (await receive_until(comm, "dashboard.counters"))["total"] == 1
    assert sorted(encoded) == ["dashboard.case", "dashboard.counters"]
    for comm in comms:
        await comm.disconnect()
