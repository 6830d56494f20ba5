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
    assert "Tệp đính kèm quá lớn" in sent[1]["body"].decode()


FORM_HEADERS = [
    (b"host", b"testserver"),
    (b"accept", b"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    (b"content-type", b"multipart/form-data; boundary=x"),
    (b"content-length", str(30 * 1024 * 1024).encode()),
]


async def refused_page(*headers: tuple[bytes, bytes]) -> str:
    app = AsgiBodyLimit(get_asgi_application())
    sent, read = await call(app, path="/gui-phan-anh/", headers=[*FORM_HEADERS, *headers],
                            chunks=[b"--x\r\n"])
    assert read == []
    assert sent[0]["status"] == 413
    assert dict(sent[0]["headers"])[b"content-type"] == b"text/html; charset=utf-8"
    return sent[1]["body"].decode()


async def test_a_browser_gets_the_portals_page_with_the_forms_figure_and_the_way_back():
    """Without JavaScript the form cannot stop the upload: the page the citizen gets is the
    portal's, says in the form's own figure (its files together: 25 MB, not the 26 MB of the
    whole request) that nothing was saved, and leads back to the form."""
    page = await refused_page((b"referer", b"http://testserver/gui-phan-anh/?loai=phan_anh"))
    assert '<html lang="vi">' in page
    assert 'class="site-header"' in page and "portal/css/portal.css" in page
    assert "<h1>Tệp đính kèm quá lớn</h1>" in page
    assert "vượt quá 25,0\xa0MB, mức tối đa của biểu mẫu" in page
    assert "26,0" not in page
    assert "chưa có gì được lưu" in page
    assert "đính kèm ít tệp hơn hoặc tệp nhỏ hơn" in page
    assert '<a href="/gui-phan-anh/?loai=phan_anh">Quay lại biểu mẫu</a>' in page


async def test_the_way_back_never_leads_to_another_site():
    for referer in (b"https://elsewhere.example/gui-phan-anh/", b"http://testserver//evil.example/",
                    b"javascript:alert(1)"):
        page = await refused_page((b"referer", referer))
        assert '<a href="/">Về trang chủ</a>' in page, referer
        assert "elsewhere" not in page and "evil" not in page and "javascript" not in page
    assert '<a href="/">Về trang chủ</a>' in await refused_page()


async def test_the_page_is_in_english_for_a_visitor_who_chose_english():
    page = await refused_page((b"cookie", b"django_language=en"),
                              (b"referer", b"http://testserver/gui-phan-anh/"))
    assert '<html lang="en">' in page
    assert "Health feedback portal" in page  # the page's words from the English catalogue
    assert "25.0\xa0MB" in page


async def test_the_api_gets_json():
    app = AsgiBodyLimit(get_asgi_application())
    headers = [(b"host", b"testserver"), (b"content-type", b"application/json"),
               (b"content-length", str(30 * 1024 * 1024).encode())]
    sent, _read = await call(app, path="/api/v1/submissions", headers=headers, chunks=[b"{"])
    assert sent[0]["status"] == 413
    assert "quá lớn" in json.loads(sent[1]["body"])["detail"]
    headers.append((b"accept-language", b"en"))
    sent, _read = await call(app, path="/api/v1/submissions", headers=headers, chunks=[b"{"])
    assert "too large" in json.loads(sent[1]["body"])["detail"]


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


def test_the_page_is_served_for_a_reverse_proxy_that_caps_the_body_itself(client):
    """nginx's `error_page 413 /loi/413/` (README "Production") shows the portal's page, not
    its own English one: its redirect asks for it with the refused request's headers."""
    response = client.get("/loi/413/", HTTP_HOST="testserver",
                          HTTP_REFERER="http://testserver/gui-phan-anh/")
    assert response.status_code == 413
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Tệp đính kèm quá lớn" in page and "Lỗi 413" in page
    assert 'href="/gui-phan-anh/"' in page  # back to the form the files were sent from

    as_json = client.get("/loi/413/", HTTP_ACCEPT="application/json")
    assert as_json.status_code == 413
    assert "quá lớn" in as_json.json()["detail"]


def test_behind_nginx_an_api_caller_gets_the_json_413_whatever_it_accepts(client):
    """nginx's `error_page 413` asks for `/loi/413/` and passes the refused request's own
    address (`X-Original-URI: $request_uri`, README "Production"): a call to the API or
    Open311 that did not ask for JSON gets the API's JSON error (`{"detail": …}`, docs/api.md),
    in the language it asks (`Accept-Language`, as the API answers); a page's form the page."""
    for original in ("/api/v1/submissions", "/api/v1/cases/YT-2026-000001/attachments?x=1",
                     "/open311/v2/requests.json"):
        response = client.get("/loi/413/", HTTP_X_ORIGINAL_URI=original, HTTP_ACCEPT="*/*")
        assert response.status_code == 413, original
        assert response["Content-Type"] == "application/json", original
        assert "quá lớn" in response.json()["detail"]
        assert response["Cache-Control"] == "no-store"
    english = client.get("/loi/413/", HTTP_X_ORIGINAL_URI="/api/v1/submissions",
                         HTTP_ACCEPT_LANGUAGE="en")
    assert "too large" in english.json()["detail"].lower()

    for original in ("/gui-phan-anh/", "/apiary/", "//api/v1/submissions", ""):
        page = client.get("/loi/413/", HTTP_X_ORIGINAL_URI=original, HTTP_ACCEPT="text/html")
        assert page.status_code == 413
        assert page["Content-Type"].startswith("text/html"), original
