"""The production channel layer (Redis pub/sub, `portal.settings.env.channel_layers`): one
change published once reaches the followers and dashboards of every server process."""

from __future__ import annotations

import asyncio

import pytest
from channels.db import database_sync_to_async
from channels_redis.pubsub import RedisPubSubChannelLayer

from complaints import broadcasts
from complaints.kinds import CaseStatus
from tests.factories import UserFactory

from .helpers import communicator
from .test_dashboard_consumer import STAFF, receive_until
from .test_submission_consumer import PIN, make_case, record_event

pytestmark = pytest.mark.django_db(transaction=True)


async def test_one_publish_reaches_followers_and_dashboards_of_two_processes(pubsub):
    url, prefix = pubsub
    case = await database_sync_to_async(make_case)()
    officer = await database_sync_to_async(UserFactory)(
        perms=[*STAFF, "complaints.view_all_cases"], admin_access=True
    )
    # This process: a citizen and a dashboard through the real ASGI application.
    follower = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={PIN}")
    assert (await follower.connect())[0]
    dashboard = await communicator("/ws/dashboard/", user=officer)
    assert (await dashboard.connect())[0]
    await receive_until(dashboard, "dashboard.counters")
    # Another server process: a layer of its own on the same Redis, with one member per group.
    other = RedisPubSubChannelLayer(hosts=[url], prefix=prefix)
    other_follower, other_dashboard = await other.new_channel(), await other.new_channel()
    await other.group_add(broadcasts.group_for_case(case.tracking_code), other_follower)
    await other.group_add(broadcasts.group_province(), other_dashboard)
    try:
        await database_sync_to_async(record_event)(
            case,
            action="accept",
            to_status=CaseStatus.ACCEPTED,
            public=True,
            message="Hồ sơ đã được thụ lý.",
        )
        message = await follower.receive_json_from(timeout=10)
        assert (message["type"], message["action"]) == ("case.event", "accept")
        change = await receive_until(dashboard, "dashboard.case", timeout=5)
        assert change["tracking_code"] == case.tracking_code
        there = await asyncio.wait_for(other.receive(other_follower), 5)
        assert there["type"] == broadcasts.CASE_EVENT and there["payload"]["action"] == "accept"
        there = await asyncio.wait_for(other.receive(other_dashboard), 5)
        assert there["payload"]["tracking_code"] == case.tracking_code
    finally:
        await follower.disconnect()
        await dashboard.disconnect()
        await other.flush()


async def test_a_page_that_left_receives_nothing_more(pubsub):
    """`group_discard` on disconnect: the process stops delivering to the closed page."""
    url, prefix = pubsub
    case = await database_sync_to_async(make_case)()
    staying = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={PIN}")
    leaving = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={PIN}")
    assert (await staying.connect())[0] and (await leaving.connect())[0]
    await leaving.disconnect()
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    members = [
        channels
        for group, channels in layer._get_layer().groups.items()
        if group.endswith(broadcasts.group_for_case(case.tracking_code))
    ]
    assert [len(channels) for channels in members] == [1]
    await database_sync_to_async(record_event)(
        case, action="accept", to_status=CaseStatus.ACCEPTED, public=True
    )
    assert (await staying.receive_json_from(timeout=10))["action"] == "accept"
    await staying.disconnect()
