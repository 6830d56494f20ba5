"""WebSocket tests run database work in asgiref's executor thread; close its
connections after each test, or PostgreSQL refuses to drop the test database."""

import asyncio
import os
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.db import connections

from portal.settings import env


@pytest.fixture(autouse=True)
async def _close_executor_connections():
    yield
    await sync_to_async(connections.close_all, thread_sensitive=True)()
    # The publisher's fan-out thread (it counts the dashboards' counters through a network
    # layer): wait for what it still has to do, then let it hold no connection.
    from complaints import broadcasts

    await asyncio.wrap_future(broadcasts._fan_out.submit(connections.close_all))


@pytest.fixture
def pubsub(settings, redis_url):
    """The production layer on the test's Redis, under a prefix of its own: pub/sub channels
    are shared by every database of a Redis server."""
    url = os.environ.get("REDIS_URL") or redis_url
    prefix = f"test{uuid.uuid4().hex[:12]}"
    layer = env.channel_layers(url)["default"]
    assert layer["BACKEND"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    layer["CONFIG"]["prefix"] = prefix
    settings.CHANNEL_LAYERS = {"default": layer}
    settings.COMPLAINTS_RATE_LIMITS = {"lookup_address": (10_000, 600)}
    return url, prefix


@pytest.fixture(autouse=True)
def _fresh_group_counters():
    """The publisher's counting starts afresh (`complaints.broadcast_counters`): no interval
    and no promised counters left over from another test."""
    from complaints import broadcasts
    from complaints.broadcast_counters import GroupCounters

    previous = broadcasts._group_counters
    broadcasts._group_counters = GroupCounters(broadcasts._submit_due_counters)
    yield broadcasts._group_counters
    broadcasts._group_counters = previous
