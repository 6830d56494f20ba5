"""A WebSocket path no route serves is refused at the handshake (no 500, no traceback:
Channels' router raised "No route found"); the citizen's path is served with or without
its trailing slash. An unknown /api/ path answers a JSON 404, not an HTML redirect."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from .helpers import communicator
from .test_submission_consumer import PIN, _generous_address_limit, make_case  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("path", ["/ws/nothing/", "/ws/submissions/", "/ws/dashboard/x/", "/"])
async def test_an_unknown_websocket_path_is_refused(path):
    comm = await communicator(path)
    connected, _code = await comm.connect()
    assert connected is False


async def test_the_citizens_path_without_the_trailing_slash_is_served():
    case = await database_sync_to_async(make_case)()
    comm = await communicator(f"/ws/submissions/{case.tracking_code}?pin={PIN}")
    connected, _code = await comm.connect()
    assert connected is True
    await comm.disconnect()


@pytest.mark.parametrize("path", ["/api/v1/partner/nothing", "/api/v1/nothing/", "/api/v2/cases"])
def test_an_unknown_api_path_is_a_json_404(path):
    response = Client().get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Không tìm thấy."}
