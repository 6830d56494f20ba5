"""A cap on a request's body in the ASGI application (`portal/asgi.py`), for the one machine that
runs `python -m portal.serve` without a reverse proxy: uvicorn and daphne cap nothing, so a
40 MB upload was read to its end before the form refused its file. Production's nginx caps
the body itself (`client_max_body_size`, README "Production").

A request announcing more than `max_request_body()` bytes (`Content-Length`) is answered 413
before a byte of its body is read; one sent in chunks without a length is cut off once it
passes the cap, and answered the same. The cap: `PORTAL_MAX_REQUEST_BODY` (bytes), by default
the largest upload the portal accepts (a citizen's files together, a CMS document or image)
and 1 MiB for the form's other fields. The same answer is a page of its own (`/loi/413/`,
`too_large_page`) for nginx's `error_page 413`, so that a body nginx refuses gets it too:
nginx passes the refused request's address (`X-Original-URI: $request_uri`), so a call to the
API or Open311 gets its JSON 413 there too, whatever it accepts."""

from __future__ import annotations

import io
import json
from urllib.parse import parse_qs, urlsplit, urlunsplit

from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
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


# The header nginx's `error_page 413` location sets to the refused request's own address
# (`proxy_set_header X-Original-URI $request_uri;`, README "Production"): by then the path
# Django reads is `/loi/413/`.
ORIGINAL_URI_HEADER = "X-Original-URI"


def proxied_address(request) -> tuple[str, str] | None:
    """(path, query) of the request nginx refused for its size, which it passes to
    `/loi/413/` (`ORIGINAL_URI_HEADER`, a path of this site only); None without it."""
    original = request.headers.get(ORIGINAL_URI_HEADER, "")
    if original.startswith("/") and not original.startswith("//"):
        parts = urlsplit(original)
        return parts.path, parts.query
    return None


def _language(request, *, path: str, query: str) -> str:
    """The language the refused request's answer would be in (`PortalLocaleMiddleware`),
    its own `?lang=` first."""
    from portal.middleware import LANGUAGE_CODES, PortalLocaleMiddleware

    asked = parse_qs(query).get("lang", [""])[0]
    if asked in LANGUAGE_CODES:
        return asked
    return PortalLocaleMiddleware._chosen_language(request, path=path)


def too_large_content(
    request, *, limit: int, address: tuple[str, str] | None = None
) -> tuple[str, bytes]:
    """(content type, body) of the 413 to the request refused at `address` ((path, query),
    the request's own by default), in the language its answer would be in: JSON for a call
    to the API or Open311 and any caller asking for JSON, the API's error shape (`{"detail":
    …}`, docs/api.md); for a browser the portal's error page (`413.html`), which says in the
    figure the filing form states (its files together, `attachment_limits`) that nothing was
    saved, and links back to the form the request came from."""
    from portal.middleware import MACHINE_API_PREFIXES

    path, query = address or (request.path, request.META.get("QUERY_STRING", ""))
    accept = request.headers.get("Accept", "")
    with translation.override(_language(request, path=path, query=query)):
        if path.startswith(MACHINE_API_PREFIXES) or "application/json" in accept:
            message = _(
                "Dữ liệu gửi lên quá lớn (quá %(size)s), nên chưa được nhận. Hãy bớt hoặc thu "
                "nhỏ tệp đính kèm rồi gửi lại."
            ) % {"size": filesizeformat(limit)}
            return "application/json", json.dumps({"detail": message}, ensure_ascii=False).encode()
        return "text/html; charset=utf-8", _page(request).encode()


def too_large_page(request):
    """citizen: the 413 as a page (`GET /loi/413/`), for a reverse proxy that caps the body
    itself: nginx's `error_page 413` asks for it with the refused request's headers (its
    cookies and `Referer`: the visitor's language, the way back to the form) and its address
    (`X-Original-URI`: an API call's answer is JSON)."""
    content_type, body = too_large_content(
        request, limit=max_request_body(), address=proxied_address(request)
    )
    response = HttpResponse(body, content_type=content_type, status=413)
    response["Cache-Control"] = "no-store"
    return response


def _page(request) -> str:
    from complaints.services.attachments import attachment_limits
    from portal.province import department_name

    return loader.render_to_string("413.html", {
        "LANGUAGE_CODE": translation.get_language(),
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_DEPARTMENT": department_name(),
        "PORTAL_HOTLINE": getattr(settings, "PORTAL_HOTLINE", ""),
        "files_limit": filesizeformat(attachment_limits()["max_total_size"]),
        "back_url": _back_url(request),
    })


def _back_url(request) -> str:
    """The page the form was sent from when it is this site's (the `Referer`'s path), else
    the home page: never a link to another site."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.scheme in ("http", "https") and referer.netloc == request.headers.get("Host"):
        back = urlunsplit(("", "", referer.path or "/", referer.query, ""))
        if url_has_allowed_host_and_scheme(back, allowed_hosts=None):  # not "//elsewhere"
            return back
    return "/"


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
        # The request's headers, cookies and query as Django reads them; its body never.
        request = ASGIRequest(scope, io.BytesIO())
        content_type, body = too_large_content(request, limit=limit)
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
