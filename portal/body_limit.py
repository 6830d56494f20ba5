"""A cap on a request's body in the ASGI application (`portal/asgi.py`), for the one machine that
runs `python -m portal.serve` without a reverse proxy: uvicorn and daphne cap nothing, so a
40 MB upload was read to its end before the form refused its file. Production's nginx caps
the body itself (`client_max_body_size`, README "Production").

A request announcing more than `max_request_body()` bytes (`Content-Length`) is answered 413
before a byte of its body is read; one sent in chunks without a length is cut off once it
passes the cap, and answered the same. The cap: `PORTAL_MAX_REQUEST_BODY` (bytes), by default
the largest upload the portal accepts (a citizen's files together, a CMS document or image)
and 1 MiB for the form's other fields."""

from __future__ import annotations

import json

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

# The form's other fields and the multipart framing, beyond its files.
FORM_MARGIN = 1024 * 1024
WAGTAILIMAGES_DEFAULT_MAX_UPLOAD_SIZE = 10 * 1024 * 1024


def max_request_body() -> int:
    configured = getattr(settings, "PORTAL_MAX_REQUEST_BODY", None)
    if configured:
        return configured
    from complaints.services.attachments import attachment_limits

    largest = max(
        attachment_limits()["max_total_size"],
        getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or 0,
        getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", WAGTAILIMAGES_DEFAULT_MAX_UPLOAD_SIZE)
        or 0,
    )
    return largest + FORM_MARGIN


def too_large_content(*, path: str, accept: str, limit: int) -> tuple[str, bytes]:
    """(content type, body) of the 413: JSON for the API, a short page otherwise."""
    message = _(
        "Dữ liệu gửi lên quá lớn (quá %(size)s), nên chưa được nhận. Hãy bớt hoặc thu nhỏ tệp "
        "đính kèm rồi gửi lại."
    ) % {"size": filesizeformat(limit)}
    if path.startswith(("/api/", "/open311/")) or "application/json" in accept:
        return "application/json", json.dumps({"detail": message}, ensure_ascii=False).encode()
    title = escape(_("Dữ liệu gửi lên quá lớn"))
    page = (
        "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{title}</title><main><h1>{title}</h1><p>{escape(message)}</p></main></html>"
    )
    return "text/html; charset=utf-8", page.encode()


class AsgiBodyLimit:
    """The cap, outermost in the ASGI application: a refused request costs no slot of the
    admission control, no Django request, no read of its body."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = max_request_body()
        headers = dict(scope.get("headers") or [])
        try:
            announced = int(headers.get(b"content-length", b"0") or 0)
        except ValueError:
            announced = 0
        if announced > limit:
            return await self._refuse(scope, headers, send, limit)

        received = 0
        cut_off = False
        started = False

        async def counted_receive():
            nonlocal received, cut_off
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    cut_off = True  # Django stops reading at a disconnect, with no answer
                    return {"type": "http.disconnect"}
            return message

        async def watched_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counted_receive, watched_send)
        if cut_off and not started:
            await self._refuse(scope, headers, send, limit)

    @staticmethod
    async def _refuse(scope, headers, send, limit: int) -> None:
        accept = headers.get(b"accept", b"").decode("latin-1")
        with translation.override(settings.LANGUAGE_CODE):
            content_type, body = too_large_content(path=scope["path"], accept=accept, limit=limit)
        await send({
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", content_type.encode()),
                (b"cache-control", b"no-store"),
                (b"connection", b"close"),
            ],
        })
        await send({"type": "http.response.body", "body": body})
