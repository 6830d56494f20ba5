"""WebSocket tests run database work in asgiref's executor thread; close its
connections after each test, or PostgreSQL refuses to drop the test database."""

import pytest
from asgiref.sync import sync_to_async
from django.db import connections


@pytest.fixture(autouse=True)
async def _close_executor_connections():
    yield
    await sync_to_async(connections.close_all, thread_sensitive=True)()
