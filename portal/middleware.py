import asyncio
import json
import logging
import sys
import threading

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.signals import got_request_exception
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape
from django.utils.translation import gettext as _
from whitenoise.middleware import WhiteNoiseMiddleware

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class SyncAndAsyncMiddleware:
    """A middleware that runs in the mode of the handler it wraps (Django's
    `sync_and_async_middleware`): under ASGI the request stays on the event loop through
    it, instead of crossing to a thread and back.

    Subclasses define `before(request)` (a response to answer at once, or None) and
    `after(request, response)`; under ASGI `abefore` and `aafter` run instead, and by default
    call those two on the event loop, which is right only when they are cheap and do no I/O.
    A middleware whose hooks do I/O (the session store, the database, the cache) defines
    `abefore`/`aafter` too, doing it the async way: the session's `aget`/`aset`/`aflush`,
    `auser()`, `alogout`, or `sync_to_async` for what has no async form
    (`portal.staff_idle.StaffIdleTimeoutMiddleware`). The sync hooks keep their I/O: under
    WSGI they run on the request's thread."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def before(self, request):
        return None

    async def abefore(self, request):
        return self.before(request)

    def after(self, request, response):
        return response

    async def aafter(self, request, response):
        return self.after(request, response)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        answer = self.before(request)
        if answer is not None:
            return answer
        return self.after(request, self.get_response(request))

    async def __acall__(self, request):
        answer = await self.abefore(request)
        if answer is not None:
            return answer
        return await self.aafter(request, await self.get_response(request))


# The machine interfaces (the portal's API, Open311): their clients may ask for a language
# by Accept-Language, as a page's visitor cannot.
MACHINE_API_PREFIXES = ("/api/", "/open311/")


class PortalLocaleMiddleware(SyncAndAsyncMiddleware):
    """Vietnamese unless the visitor chose otherwise.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which
    turns the portal English on most phones; here the language is Vietnamese
    unless the visitor picked one (the language cookie set by `set_language`,
    or `?lang=`, which sets that cookie on a page: `_remember_choice`). API clients may
    still ask by Accept-Language.
    Sync and async (`SyncAndAsyncMiddleware`): the activated language is a context variable,
    seen by the view whichever side it runs on.
    """

    def before(self, request):
        language = self._chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return None

    def after(self, request, response):
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if request.path.startswith(MACHINE_API_PREFIXES):  # localised by Accept-Language too
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        else:
            response.headers.setdefault("Vary", "Cookie")
            self._remember_choice(request, response)
        translation.deactivate()
        return response

    @staticmethod
    def _remember_choice(request, response) -> None:
        """A page opened with `?lang=` keeps that language for the visitor: the language
        cookie is set as Django's `set_language` sets it, so the form's receipt and every
        link followed are in the language chosen. A response setting it is private (no
        shared cache keeps it) and the page cache never stores it (`cms.page_cache`).
        The API stays stateless: `?lang=` there is for that request."""
        asked = request.GET.get("lang")
        if asked not in LANGUAGE_CODES:
            return
        if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) == asked:
            return
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            asked,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        patch_cache_control(response, private=True)

    @staticmethod
    def visitors_choice(request) -> str | None:
        """The language the visitor chose (`?lang=`, or the language switch's cookie), None
        when they chose none."""
        asked = request.GET.get("lang") or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        return asked if asked in LANGUAGE_CODES else None

    @classmethod
    def _chosen_language(cls, request, *, path: str | None = None) -> str:
        """The visitor's choice, else for a call to `path` (the request's own by default)
        of the API or Open311 its `Accept-Language`, else Vietnamese."""
        asked = cls.visitors_choice(request)
        if asked:
            return asked
        if (path if path is not None else request.path).startswith(MACHINE_API_PREFIXES):
            from_header = translation.get_language_from_request(request)
            if from_header in LANGUAGE_CODES:
                return from_header
        return settings.LANGUAGE_CODE


def follow_language(request, language: str) -> None:
    """This response in `language` (a case's, for its citizen: `complaints.views.public`)
    unless the visitor chose one; nothing is remembered for the next page. Only for a
    response no cache keeps (`never_cache`): the language follows what the request opened,
    not what a cache key holds."""
    if PortalLocaleMiddleware.visitors_choice(request) or language not in LANGUAGE_CODES:
        return
    translation.activate(language)  # deactivated by the middleware's `after`
    request.LANGUAGE_CODE = language


# ---- reliability: admission control, faults as 503, no-store, query guard ---------------
#
# Under overload and faults the portal answers at once and clearly: 503 with Retry-After
# (the page says nothing was sent and nothing is lost), never a 500 and never a hang.
# Figures and how each limit was sized: docs/reliability.md.

logger = logging.getLogger("portal.reliability")

DEFAULT_MAX_IN_FLIGHT = 16
DEFAULT_RETRY_AFTER = 5
# Paths that cost nothing or must answer even under load (the liveness probe, portal/health.py;
# not `/healthz/queue`, a database query like `/readyz`).
_EXEMPT_PREFIXES = ("/static/", "/favicon")
_EXEMPT_PATHS = frozenset({"/healthz"})


def _exempt(path: str) -> bool:
    return path in _EXEMPT_PATHS or path.startswith(_EXEMPT_PREFIXES)


def _setting(name: str, default):
    return getattr(settings, name, default)


def transient_fault(error: BaseException | None) -> bool:
    """A fault that passes: the database busy, restarting or out of connections, the
    connection pool exhausted, Redis or the search engine away, every decoding slot
    busy. Answered 503."""
    if error is None:
        return False
    from django.db import DatabaseError, InterfaceError, OperationalError

    from complaints.services.attachments import AttachmentsBusy

    transient: tuple = (OperationalError, InterfaceError, AttachmentsBusy)
    try:
        from psycopg_pool import PoolTimeout, TooManyRequests

        transient += (PoolTimeout, TooManyRequests)
    except ImportError:  # pragma: no cover - the pool is a dependency
        pass
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeout

        transient += (RedisConnectionError, RedisTimeout)
    except ImportError:  # pragma: no cover
        pass
    try:  # the search engine stopped or unreachable (ELASTICSEARCH_URL)
        from elastic_transport import ConnectionError as SearchConnectionError
        from elastic_transport import ConnectionTimeout as SearchTimeout

        transient += (SearchConnectionError, SearchTimeout)
    except ImportError:  # pragma: no cover
        pass
    if isinstance(error, transient):
        return True
    # psycopg reports a dropped connection as a DatabaseError subclass with no
    # SQLSTATE of a bad query (admin shutdown, connection failure).
    cause = getattr(error, "__cause__", None)
    return isinstance(error, DatabaseError) and cause is not None and transient_fault(cause)


@receiver(got_request_exception, dispatch_uid="portal.middleware.remember_exception")
def _remember_exception(sender, request=None, **kwargs) -> None:
    """Keep the exception on the request: the outermost middleware turns a transient
    fault's 500 into a 503 (Django turns exceptions into responses at every layer)."""
    if request is not None:
        request._portal_exception = sys.exc_info()[1]


def unavailable_content(
    *, path: str, accept: str, retry_after: int, reason: str = "overload"
) -> tuple[str, bytes]:
    """(content type, body) of a 503: JSON for the API, a short page otherwise; says that
    nothing was sent and nothing is lost, so the citizen simply tries again."""
    message = _(
        "Hệ thống đang bận. Yêu cầu của bạn chưa được xử lý và không có dữ liệu nào bị mất: "
        "hãy thử lại sau %(seconds)d giây."
    ) % {"seconds": retry_after}
    if path.startswith("/api/") or "application/json" in accept:
        payload = {"detail": message, "reason": reason}
        return "application/json", json.dumps(payload, ensure_ascii=False).encode()
    title = escape(_("Hệ thống đang bận"))
    page = (
        "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{title}</title><main><h1>{title}</h1><p>{escape(message)}</p></main></html>"
    )
    return "text/html; charset=utf-8", page.encode()


def unavailable(request, *, retry_after: int | None = None, reason: str = "overload"):
    """503 with Retry-After and `Cache-Control: no-store` (`unavailable_content`)."""
    retry_after = int(retry_after or _setting("PORTAL_RETRY_AFTER", DEFAULT_RETRY_AFTER))
    content_type, body = unavailable_content(
        path=request.path, accept=request.headers.get("Accept", ""), retry_after=retry_after,
        reason=reason,
    )
    response = HttpResponse(body, status=503, content_type=content_type)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class AdmissionControlMiddleware:
    """A bounded number of requests in flight per process (`PORTAL_MAX_IN_FLIGHT`,
    sized to the database pool); the rest are answered 503 with Retry-After at once,
    instead of queueing until the database runs out of connections or locks. A
    transient fault (see `transient_fault`) that escaped a view becomes a 503 too.

    First in MIDDLEWARE: a refused request costs no session, no query."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.in_flight = 0
        self.lock = threading.Lock()
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def _admit(self, request) -> bool:
        if _exempt(request.path):
            return True
        limit = _setting("PORTAL_MAX_IN_FLIGHT", DEFAULT_MAX_IN_FLIGHT)
        with self.lock:
            if limit and self.in_flight >= limit:
                return False
            self.in_flight += 1
        request._portal_admitted = True
        return True

    def _release(self, request) -> None:
        if getattr(request, "_portal_admitted", False):
            with self.lock:
                self.in_flight -= 1

    def _finish(self, request, response):
        error = getattr(request, "_portal_exception", None)
        if response.status_code == 500 and transient_fault(error):
            logger.warning("transient fault answered 503: %r", error)
            return unavailable(
                request, retry_after=getattr(error, "retry_after", None), reason="fault"
            )
        return response

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        if not self._admit(request):
            return unavailable(request)
        try:
            response = self.get_response(request)
        finally:
            self._release(request)
        return self._finish(request, response)

    async def __acall__(self, request):
        if not self._admit(request):
            return unavailable(request)
        try:
            response = await self.get_response(request)
        except asyncio.CancelledError:
            raise
        finally:
            self._release(request)
        return self._finish(request, response)


# Where a response may carry a reporter's identity, a PIN or a case: never cached by a
# browser, a proxy or a shared computer's history (Luật TC Art 47; DOMAIN.md §5).
_NO_STORE_PREFIXES = ("/admin/", "/api/v1/cases", "/api/v1/submissions")


class NoStoreMiddleware(SyncAndAsyncMiddleware):
    """`Cache-Control: no-store, private` on every response to a signed-in user and on
    the API answers that carry cases, identities or PINs."""

    def after(self, request, response, *, signed_in: bool | None = None):
        if signed_in is None:
            user = getattr(request, "user", None)
            signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or request.path.startswith(_NO_STORE_PREFIXES):
            response["Cache-Control"] = "no-store, private"
            response.headers.pop("Expires", None)
        return response

    async def aafter(self, request, response):
        # On the event loop the lazy `request.user` may not be read (it queries the
        # session store): the user the view already loaded, else `auser()`.
        from django.utils.functional import empty

        user = getattr(request, "user", None)
        if user is not None and getattr(user, "_wrapped", None) is empty:
            user = await request.auser() if hasattr(request, "auser") else None
        return self.after(
            request, response, signed_in=bool(user is not None and user.is_authenticated)
        )


class QueryGuardMiddleware(SyncAndAsyncMiddleware):
    """A query string carrying NUL, lone surrogates or control characters is answered
    400 in the reader's language (after the locale middleware) before any view passes it
    to the database: a JSON error on the API, GeoReport's error list on Open311 (JSON or
    XML as the path's extension says), the site's page elsewhere."""

    @staticmethod
    def _problem(request):
        from complaints.validation import query_problem

        return query_problem(request.GET)

    def before(self, request):
        problem = self._problem(request)
        if problem and request.path.startswith("/api/"):
            return JsonResponse(
                {"errors": {"__all__": [problem]}}, status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        if problem and request.path.startswith("/open311/"):
            from complaints.open311 import formats

            fmt = "xml" if request.path.endswith(".xml") else "json"
            return formats.errors([(400, problem)], fmt=fmt, status=400)
        if problem:
            from portal.errors import bad_query

            return bad_query(request, problem)
        return None

    async def abefore(self, request):
        if self._problem(request) and not request.path.startswith(MACHINE_API_PREFIXES):
            return await sync_to_async(self.before)(request)  # a template read from disk
        return self.before(request)


class PortalWhiteNoiseMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise's static files, sync and async: WhiteNoise 6 is sync-only, so under
    ASGI every request crossed to a thread and back for it. A request that is not for a
    static file passes straight to the next middleware on the event loop; a static file
    is looked up (a dict read; a stat of the file with WHITENOISE_AUTOREFRESH, in a
    thread) and served as WhiteNoise serves it."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response=None, settings=settings):
        super().__init__(get_response, settings=settings)
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        return super().__call__(request)

    async def __acall__(self, request):
        if self.autorefresh:
            static_file = await sync_to_async(self.find_file)(request.path_info)
        else:
            static_file = self.files.get(request.path_info)
        if static_file is not None:
            return self.serve(static_file, request)
        return await self.get_response(request)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: `CONTENT_SECURITY_POLICY` (strict:
    scripts from the portal only) on every public page, `PORTAL_CSP_ADMIN` on the
    Wagtail admin, whose own pages need inline scripts and styles."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path.startswith("/admin/")
        ):
            parts.config = settings.PORTAL_CSP_ADMIN["DIRECTIVES"]
        return parts


def sign_in_address(request) -> str | None:
    """The address django-axes counts sign-in attempts by: the client's, as the portal's
    own limits read it (`complaints.ratelimit.client_address`: an IPv6 client by its /64,
    written as the network's first address), or None when the request
    has none (a sign-in made in code): axes stores it in an address column, and PostgreSQL
    refuses anything that is not an address."""
    import ipaddress

    from complaints.ratelimit import client_address

    address = client_address(request) if request is not None else ""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def sign_in_locked_out(request, credentials=None, *args, **kwargs):
    """django-axes' answer once an account has too many wrong passwords from this address, or
    the address itself for any account (`portal.sign_in`): 429 with Retry-After, in Vietnamese
    (English through the language switch), saying which and for how long."""
    from django.conf import settings as conf

    seconds = int(conf.AXES_COOLOFF_TIME * 3600)
    if getattr(request, "portal_address_locked", False):
        message = _(
            "Đăng nhập sai quá nhiều lần từ địa chỉ này: mọi tài khoản tạm bị khóa đăng nhập "
            "từ địa chỉ này trong %(minutes)d phút. Nếu quên mật khẩu, hãy liên hệ quản trị "
            "hệ thống."
        ) % {"minutes": seconds // 60}
    else:
        message = _(
            "Đăng nhập sai quá nhiều lần: tài khoản này tạm bị khóa đăng nhập từ địa chỉ này "
            "trong %(minutes)d phút. Nếu quên mật khẩu, hãy liên hệ quản trị hệ thống."
        ) % {"minutes": seconds // 60}
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429,
                                json_dumps_params={"ensure_ascii": False})
    else:
        title = escape(_("Tạm khóa đăng nhập"))
        response = HttpResponse(
            "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{title}</title><main><h1>{title}</h1><p>{escape(message)}</p></main></html>",
            status=429,
            content_type="text/html; charset=utf-8",
        )
    response["Retry-After"] = str(seconds)
    return response


class AsgiAdmissionControl:
    """The same bound as `AdmissionControlMiddleware`, in front of Django in the ASGI
    application (`portal/asgi.py`): a refused request is answered 503 before Django
    builds a request, reads the body or takes a thread, so a flood costs the server
    almost nothing. WebSockets and static files pass."""

    def __init__(self, app):
        self.app = app
        self.in_flight = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or _exempt(scope["path"]):
            return await self.app(scope, receive, send)
        limit = _setting("PORTAL_MAX_IN_FLIGHT", DEFAULT_MAX_IN_FLIGHT)
        if limit and self.in_flight >= limit:
            return await self._refuse(scope, send)
        self.in_flight += 1
        try:
            return await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1

    async def _refuse(self, scope, send):
        retry_after = int(_setting("PORTAL_RETRY_AFTER", DEFAULT_RETRY_AFTER))
        accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1")
        with translation.override(settings.LANGUAGE_CODE):
            content_type, body = unavailable_content(
                path=scope["path"], accept=accept, retry_after=retry_after
            )
        headers = [
            (b"content-type", content_type.encode()),
            (b"retry-after", str(retry_after).encode()),
            (b"cache-control", b"no-store"),
        ]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})
