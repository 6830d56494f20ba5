"""Many dashboards of one process share the work one change causes (issue 16 §2): one access
check per user and one counters read per scope, whatever the number of open dashboards."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from complaints import consumers
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
    real_access, real_counters = consumers.access_version, dashboard.scope_counters

    def counting_access(user_id):
        calls["access"] += 1
        return real_access(user_id)

    def counting_counters(**kwargs):
        calls["counters"] += 1
        return real_counters(**kwargs)

    monkeypatch.setattr(consumers, "access_version", counting_access)
    monkeypatch.setattr(dashboard, "scope_counters", counting_counters)
    user = await database_sync_to_async(UserFactory)(
        perms=[*STAFF, "complaints.view_all_cases"], admin_access=True
    )
    comms = []
    for _ in range(DASHBOARDS):
        comm = await communicator("/ws/dashboard/", user=user)
        assert (await comm.connect())[0]
        assert (await comm.receive_json_from(timeout=2))["type"] == "dashboard.counters"
        comms.append(comm)
    calls.update(access=0, counters=0)

    case = await database_sync_to_async(file_case)()
    for comm in comms:
        message = await receive_until(comm, "dashboard.case")
        assert message["tracking_code"] == case.tracking_code
        counters = await receive_until(comm, "dashboard.counters")
        assert counters["total"] == 1
    # Without sharing: one of each per dashboard.
    assert calls == {"access": 1, "counters": 1}
    for comm in comms:
        await comm.disconnect()


async def test_a_later_change_is_checked_again():
    """Results are kept per change: the next change reads the access version afresh."""
    shared = consumers.SharedWork()
    runs = []

    async def compute():
        runs.append(1)
        return len(runs)

    assert await shared.get(("access", 1, "change-a"), compute) == 1
    assert await shared.get(("access", 1, "change-a"), compute) == 1
    assert await shared.get(("access", 1, "change-b"), compute) == 2
