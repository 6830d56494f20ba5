"""Plain helpers for the WebSocket tests: a communicator on the real ASGI app."""

from __future__ import annotations

import asyncio

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from portal.asgi import application

ORIGIN = (b"origin", b"http://testserver")


def session_cookie(user) -> bytes:
    """The `Cookie` header of a logged-in session for `user` (as /admin/login/ gives)."""
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def communicator(path: str, *, user=None, headers=()) -> WebsocketCommunicator:
    all_headers = [ORIGIN, *headers]
    if user is not None:
        cookie = await database_sync_to_async(session_cookie)(user)
        all_headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, path, headers=all_headers)


async def close_code(comm: WebsocketCommunicator) -> int | None:
    """Connect and return the code the server closed with (None if it stayed open)."""
    connected, code = await comm.connect()
    if not connected:
        return code
    message = await comm.receive_output(timeout=2)
    if message["type"] == "websocket.close":
        return message.get("code")
    await comm.disconnect()
    return None


async def fan_out_done() -> None:
    """Wait until the publisher's fan-out thread has done what it was given. Through a network
    layer it counts the dashboards' counters (`complaints.broadcast_counters`); on SQLite's
    in-memory test database (shared cache, table locks) a count in flight makes a test's next
    insert fail with "table is locked", which a file database in WAL mode never does."""
    from complaints import broadcasts

    await asyncio.wrap_future(broadcasts._fan_out.submit(lambda: None))


async def messages_until_quiet(comm: WebsocketCommunicator, *, quiet: float) -> list[dict]:
    """Every message the page receives until none comes for `quiet` seconds."""
    messages = []
    while not await comm.receive_nothing(timeout=quiet):
        messages.append(await comm.receive_json_from())
    return messages
