"""The portal's API (`/api/v1/…`) as one django-ninja application.

Each resource is a router in its own module (`submissions`, `staff`, `partner`); a new
resource is one more module and one `add_router` line below. The OpenAPI 3 schema is
generated from the code that serves the API (`/api/v1/openapi.json`), and the browsable
docs (`/api/v1/docs`, Vietnamese; `?lang=en` for English) load Swagger UI from the app's
own static files, never from a CDN (`ninja` is in INSTALLED_APPS for that).

Error shapes are those of CONTRACT.md: `400 {"errors": {field: [message]}}`,
`401/403/404/409/413/429 {"detail": message}`, `429` with `Retry-After`."""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Callable
from http import HTTPStatus

from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from complaints import ratelimit
from complaints.api import auth
from complaints.api.json import (
    NON_FIELD,
    BadRequest,
    json_object,
    missing_body_message,
    parse_json_object,
)
from complaints.api.schemas import storable
from complaints.partners.calls import partner_call_record
from complaints.services.intake import accepted_limit_message, submission_refused
from portal.timestamps import rfc3339


class PortalParser(Parser):
    """JSON bodies with the portal's checks (content type, an object, valid UTF-8);
    multipart bodies carry the same JSON object in their `data` part."""

    def parse_body(self, request):
        if (request.content_type or "").startswith("multipart/form-data"):
            # The one JSON reader (depth, NUL, surrogates, control characters refused).
            try:
                return json_object(request.POST.get("data", "") or "null")
            except BadRequest as error:
                if set(error.errors) == {NON_FIELD}:
                    message = _("Phần `data` phải là một đối tượng JSON.")
                    raise BadRequest({"data": [message]}) from None
                raise
        return parse_json_object(request)


class PortalJSONEncoder(NinjaJSONEncoder):
    """Every date-time in the one form of the portal's interfaces, RFC 3339 in UTC to the
    second (`portal.timestamps`; Django's encoder wrote milliseconds when there were any,
    and an aware value in its own offset); a day stays `YYYY-MM-DD`."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return rfc3339(o)
        return super().default(o)


class PortalRenderer(JSONRenderer):
    """UTF-8 JSON, Vietnamese readable as such (as the API always answered)."""

    encoder_class = PortalJSONEncoder
    json_dumps_params = {"ensure_ascii": False}


class PortalDocs(Swagger):
    """Swagger UI in the visitor's language: the schema it loads carries `?lang=`."""

    def get_openapi_url(self, api, path_params):
        return f"{super().get_openapi_url(api, path_params)}?lang={translation.get_language()}"

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "openapi_url": self.settings["url"],
            "api": api,
        }
        return render(request, "ninja/swagger.html", context)


# Endpoints under /api/v1/ served by other apps' views (the public search, search/urls.py):
# each app adds a function giving its OpenAPI path item, so the document lists them too.
EXTRA_PATHS: dict[str, Callable[[], dict]] = {}


_TEXT_KEYS = frozenset({"summary", "description"})

# What each answer means, in place of the HTTP reason phrase ninja writes ("Bad Request").
_ANSWERS = {
    200: gettext_noop("Thành công"),
    201: gettext_noop("Đã tạo"),
    400: gettext_noop("Dữ liệu gửi lên không hợp lệ: các lỗi theo từng trường"),
    401: gettext_noop("Chưa xác thực: thiếu khóa API hoặc khóa không còn hiệu lực"),
    403: gettext_noop("Không có quyền thực hiện"),
    404: gettext_noop("Không tìm thấy"),
    405: gettext_noop("Phương thức không được hỗ trợ"),
    409: gettext_noop("Xung đột với trạng thái hiện tại của hồ sơ hoặc một lần gửi trước"),
    413: gettext_noop("Nội dung gửi lên quá lớn"),
    429: gettext_noop("Gửi quá nhiều yêu cầu: thử lại sau số giây trong tiêu đề Retry-After"),
}


def _answers_described(schema: dict) -> dict:
    """Each operation's answers described in words where ninja wrote the reason phrase."""
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            for code, answer in (operation.get("responses") or {}).items():
                status = int(code) if str(code).isdigit() else None
                if status in _ANSWERS and answer.get("description") == HTTPStatus(status).phrase:
                    answer["description"] = _ANSWERS[status]
    return schema


def _translated(node):
    """A copy of `node` whose non-empty `summary` and `description` strings are translated.
    A copy, never in place: parts of ninja's document (the security schemes, an operation's
    `openapi_extra`) are the same objects from one request to the next, and an English
    reader's schema must not stay English for the next reader."""
    if isinstance(node, dict):
        return {
            key: _(value) if key in _TEXT_KEYS and isinstance(value, str) and value
            else _translated(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_translated(item) for item in node]
    return node


class PortalAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """The schema in the reader's language (`?lang=en`): every summary and description
        (of an operation, a schema, a field, a parameter, the security schemes) is a
        Vietnamese msgid (`gettext_noop`) read through the catalogue; and the paths of
        `EXTRA_PATHS`."""
        schema = _translated(_answers_described(super().get_openapi_schema(**kwargs)))
        for path, item in EXTRA_PATHS.items():
            schema["paths"][path] = item()
        return schema

    def create_response(self, request, data, *args, **kwargs):
        response = super().create_response(request, data, *args, **kwargs)
        # Every answer to a partner's key is logged, errors included (issue 15).
        partner_call_record(request, response)
        return response


api = PortalAPI(
    title=gettext_lazy("API Cổng tiếp nhận phản ánh, kiến nghị ngành Y tế"),
    version="1",
    description=gettext_lazy(
        "API công khai (gửi hồ sơ, tra cứu bằng mã và PIN), API cho đối tác (khóa API "
        "theo đối tác: gửi hồ sơ, xem hồ sơ mình đã gửi) và API cho cán bộ (danh sách, "
        'chi tiết, thao tác xử lý trong phạm vi được giao). Lỗi: 400 {"errors": {trường: '
        '[thông báo]}}, 404 {"detail": …}, 409 khi quy trình không cho phép, 429 kèm '
        "Retry-After. Thêm ?lang=en để đọc tài liệu bằng tiếng Anh."
    ),
    urls_namespace="api",
    parser=PortalParser(),
    renderer=PortalRenderer(),
    docs=PortalDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


# -- Errors in the shapes of CONTRACT.md ------------------------------------------------

_SECTIONS = {"body", "query", "path", "header", "cookie", "form", "file", "payload", "filters"}


def _message(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "portal":
        return error["msg"]
    if kind == "missing" and all(str(part) in _SECTIONS for part in error.get("loc", ())):
        return missing_body_message()  # no body at all (ninja reads none from an empty one)
    if kind == "missing":
        return _("Trường này là bắt buộc.")
    if kind in {"int_parsing", "int_type"}:
        return _("Phải là số nguyên.")
    if kind in {"bool_parsing", "bool_type"}:
        return _("Phải là true hoặc false.")
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return _("Giá trị ngoài khoảng cho phép.")
    if kind == "enum" or kind == "literal_error":
        return _("Giá trị không hợp lệ; chọn một trong: %(expected)s.") % {
            "expected": _expected(error)
        }
    if kind in {"string_type", "string_too_long"}:
        return _("Phải là chuỗi ký tự (độ dài cho phép).")
    if kind.startswith("datetime") or kind == "timezone_aware":
        return _(
            "Phải là một thời điểm theo RFC 3339, có múi giờ, ví dụ 2026-12-07T03:00:00Z "
            "hoặc 2026-12-07T10:00:00+07:00."
        )
    return _("Giá trị không hợp lệ.")


def _expected(error: dict) -> str:
    """The values allowed, listed with commas only: pydantic writes "'a', 'b' or 'c'", an
    English "or" inside a sentence of any language."""
    expected = str(error.get("ctx", {}).get("expected", ""))
    values = re.findall(r"'([^']*)'", expected)
    return ", ".join(f"'{value}'" for value in values) if values else expected


def validation_errors(errors: list[dict]) -> dict[str, list[str]]:
    """Pydantic's errors as `{field: [message]}` (nested fields joined with dots)."""
    result: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if str(part) not in _SECTIONS]
        result.setdefault(".".join(loc) or NON_FIELD, []).append(_message(error))
    return result


def _submission_post(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return request.method == "POST" and match is not None and match.url_name == "submissions"


def _refusal_counted(request):
    """reliability: a submission refused before the intake service (bad JSON, bad field
    types, too big) counts against the address's limit of refused submissions
    ("submission_refused"), never against the accepted ones; once it is spent the answer
    is 429. The service counts those it refuses itself."""
    if not _submission_post(request):
        return None
    try:
        partner_key = getattr(request, "partner_key", None)
        submission_refused(
            ratelimit.client_address(request),
            partner=partner_key.partner if partner_key else None,
        )
    except ratelimit.Throttled as limit:
        return on_throttled(request, limit)
    return None


def _errors(request, errors, status=400, *, more=None):
    """The 400 (or 429 once the refusals are spent); `more(errors)`, when given, adds to
    the errors of a request still answered 400."""
    throttled = _refusal_counted(request)
    if throttled is not None:
        return throttled
    if more is not None:
        errors = more(errors)
    return api.create_response(
        request, {"errors": {k: [str(m) for m in v] for k, v in errors.items()}}, status=status
    )


def _detail(request, detail, status, headers=None):
    if status == 413:
        throttled = _refusal_counted(request)
        if throttled is not None:
            return throttled
    response = api.create_response(request, {"detail": str(detail)}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    more = functools.partial(_every_error, request) if _submission_post(request) else None
    return _errors(request, validation_errors(exc.errors), more=more)


def _every_error(request, errors):
    """Every error of a submission in one answer, as the web form gives them: a field the
    schema could not read (a date 31/02/2026) does not hide what the intake service finds
    in the others (a phone, an e-mail)."""
    try:
        body = api.parser.parse_body(request)
    except BadRequest:
        return errors
    return submissions.submission_errors_at_once(request, body=body, errors=errors)


@api.exception_handler(BadRequest)
def on_bad_request(request, exc):
    return _errors(request, exc.errors)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    # The parser's BadRequest reaches here wrapped by ninja ("Cannot parse request body").
    cause = exc.__cause__
    if isinstance(cause, BadRequest):
        return _errors(request, cause.errors)
    if isinstance(cause, RequestDataTooBig):
        return _detail(request, _("Yêu cầu quá lớn."), 413)
    if exc.status_code == 400:
        return _errors(request, {NON_FIELD: [_("Nội dung JSON không hợp lệ.")]})
    return _detail(request, exc.message, exc.status_code)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    return _detail(request, _("Yêu cầu quá lớn."), 413)


@api.exception_handler(auth.Unauthorized)
def on_unauthorized(request, exc):
    return _detail(request, exc.detail, 401, {"WWW-Authenticate": exc.scheme})


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return _detail(request, _("Cần đăng nhập hoặc khóa API."), 401, {"WWW-Authenticate": "Token"})


@api.exception_handler(auth.Forbidden)
def on_forbidden(request, exc):
    return _detail(request, exc.detail, 403)


@api.exception_handler(ratelimit.Throttled)
def on_throttled(request, exc):
    if exc.reason in ("submission", "partner"):  # an accepted allowance spent: say whose
        detail = accepted_limit_message(exc)
    else:
        detail = _("Bạn đã gửi quá nhiều yêu cầu. Hãy thử lại sau %(seconds)d giây.") % {
            "seconds": exc.retry_after
        }
    return _detail(request, detail, 429, {"Retry-After": str(exc.retry_after)})


# -- The routers, one module per resource ------------------------------------------------

from complaints.api import approvals, facilities, partner, staff, submissions  # noqa: E402

api.add_router("/", submissions.router)
api.add_router("/", staff.router)
api.add_router("/", approvals.router)  # approvals (issue 11): drafts for the leaders
api.add_router("/", partner.router)
api.add_router("/", facilities.router)  # the facility codes a submission names


def _json_not_allowed(view):
    """Ninja answers a wrong method in plain text: answer it as JSON, like every error.
    A path or query that no database can store (a NUL) is refused here, before any query."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        values = [request.path, *(v for vs in request.GET.lists() for v in vs[1])]
        if not all(storable(value) for value in values):
            return _errors(request, {NON_FIELD: [_("Chứa ký tự không hợp lệ.")]})
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            response = _detail(request, _("Phương thức không được hỗ trợ."), 405)
            response["Allow"] = allowed
        return response

    return wrapped


def api_not_found(request, *_args, **_kwargs):
    """Any other path under /api/: a JSON 404 like the API's own (not Wagtail's page, nor
    the HTML redirect APPEND_SLASH answers when the path plus a slash is a page's)."""
    return api.create_response(request, {"detail": _("Không tìm thấy.")}, status=404)


def api_urls():
    """The URL configuration of the API for `path("api/v1/", api_urls())`."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if hasattr(pattern, "callback"):
            pattern.callback = _json_not_allowed(pattern.callback)
    return patterns, app_name, namespace
