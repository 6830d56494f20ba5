"""A request's body is capped in the ASGI application (portal/body_limit.py): 413 in Vietnamese
before the body is read, for `python -m portal.serve` without a reverse proxy. Over real HTTP:
tests/portal/test_serving.py."""

import asyncio
import json

import pytest
from django.core.asgi import get_asgi_application

from portal.body_limit import AsgiBodyLimit, max_request_body

pytestmark = pytest.mark.django_db(transaction=True)


async def call(app, *, path, headers, chunks):
    """Run `app` on one request whose body arrives in `chunks`; the messages it sent and how
    many chunks it read."""
    sent, read = [], []
    pending = list(chunks)

    async def receive():
        if not pending:  # the client waits for the answer
            await asyncio.Event().wait()
        body = pending.pop(0)
        read.append(body)
        return {"type": "http.request", "body": body, "more_body": bool(pending)}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "headers": headers, "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000),
    }
    await app(scope, receive, send)
    return sent, read


def test_the_default_cap_is_the_largest_upload_and_a_margin(settings):
    settings.PORTAL_MAX_REQUEST_BODY = None
    settings.COMPLAINTS_ATTACHMENT_MAX_TOTAL_SIZE = 25 * 1024 * 1024
    assert max_request_body() == 26 * 1024 * 1024
    settings.COMPLAINTS_ATTACHMENT_MAX_TOTAL_SIZE = 50 * 1024 * 1024
    assert max_request_body() == 51 * 1024 * 1024
    settings.PORTAL_MAX_REQUEST_BODY = 1000
    assert max_request_body() == 1000


async def test_a_body_announced_too_large_is_refused_before_it_is_read():
    app = AsgiBodyLimit(get_asgi_application())
    headers = [(b"host", b"testserver"), (b"content-type", b"multipart/form-data; boundary=x"),
               (b"content-length", str(40 * 1024 * 1024).encode())]
    sent, read = await call(app, path="/gui-phan-anh/", headers=headers, chunks=[b"x" * 1024])
    assert read == []  # not one byte of the body
    assert sent[0]["status"] == 413
    page = sent[1]["body"].decode()
    assert "Dữ liệu gửi lên quá lớn (quá 26,0\xa0MB), nên chưa được nhận" in page


async def test_the_api_gets_json():
    app = AsgiBodyLimit(get_asgi_application())
    headers = [(b"host", b"testserver"), (b"content-type", b"application/json"),
               (b"content-length", str(30 * 1024 * 1024).encode())]
    sent, _read = await call(app, path="/api/v1/submissions", headers=headers, chunks=[b"{"])
    assert sent[0]["status"] == 413
    assert "quá lớn" in json.loads(sent[1]["body"])["detail"]


async def test_a_body_in_chunks_without_a_length_is_cut_off_at_the_cap(settings):
    settings.PORTAL_MAX_REQUEST_BODY = 64 * 1024
    app = AsgiBodyLimit(get_asgi_application())
    headers = [(b"host", b"testserver"), (b"content-type", b"application/json"),
               (b"transfer-encoding", b"chunked")]
    chunks = [b"x" * 16 * 1024] * 40  # 640 KiB
    sent, read = await call(app, path="/api/v1/submissions", headers=headers, chunks=chunks)
    assert sent[0]["status"] == 413
    assert len(read) <= 5  # stopped just past the cap, not read to the end


async def test_a_body_within_the_cap_reaches_the_portal():
    app = AsgiBodyLimit(get_asgi_application())
    body = json.dumps({"x": 1}).encode()
    headers = [(b"host", b"testserver"), (b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())]
    sent, _read = await call(app, path="/api/v1/submissions", headers=headers, chunks=[body])
    assert sent[0]["status"] not in (413, 500)


def test_the_served_application_has_the_cap():
    from portal.asgi import application

    assert isinstance(application.application_mapping["http"], AsgiBodyLimit)
