"""GeoReport v2 endpoints (http://wiki.open311.org/GeoReport_v2), each in `.json` and `.xml`.

`POST requests` files a `phan_anh` through `case_submit` (channel `api`, attributed to
the partner whose `api_key` it carries); everything else reads the public-safe view of
`complaints.open311.selectors`."""

from __future__ import annotations

import datetime
import functools

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from complaints import ratelimit
from complaints.kinds import CaseKind, Channel
from complaints.models import Category
from complaints.open311 import formats
from complaints.open311.filing import (
    TITLE_FROM_DESCRIPTION,
    FormInvalid,
    open311_errors,
    submission_from_form,
    when,
)
from complaints.open311.selectors import open311_cases, request_rows, status_filter
from complaints.partners.calls import partner_call_record
from complaints.partners.keys import FILE, KeyExpired, KeyRefused, partner_key_check
from complaints.services.intake import (
    MAX_LENGTHS,
    IdempotencyConflict,
    SubmissionInvalid,
    accepted_limit_message,
    case_submit,
)
from complaints.services.tracking import normalize_tracking_code

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-07-01T00:00:00+07:00"  # when this endpoint's contract last changed
DEFAULT_WINDOW = datetime.timedelta(days=90)  # GeoReport v2: "default … 90 days"
MAX_RECORDS = 1000  # GeoReport v2: "no more than 1000 records"


def allow(*methods: str):
    """The methods an endpoint answers; any other gets 405 with `Allow` in the
    specification's error list, in the format asked (never Django's CSRF page: the
    endpoints are exempt, a partner's call carries no cookie). HEAD is read as GET."""
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapped(request, *args, fmt, **kwargs):
            if request.method not in allowed:
                return formats.errors(
                    [(405, _("Phương thức không được hỗ trợ."))], fmt=fmt, status=405,
                    headers={"Allow": ", ".join(methods)},
                )  # fmt: skip
            return view(request, *args, fmt=fmt, **kwargs)

        return wrapped

    return decorate


def _base(request) -> str:
    return request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": "json"}))[
        : -len("discovery.json")
    ]


@allow("GET")
def discovery(request, fmt):
    base = _base(request)
    data = {
        "changeset": CHANGESET,
        "contact": str(getattr(settings, "OPEN311_CONTACT", "") or settings.PORTAL_NAME),
        "key_service": _("Khóa api_key do Sở Y tế cấp cho từng đối tác (quản trị hệ thống)."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base.rstrip("/"),
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return formats.render(data, root="discovery", fmt=fmt)


def _service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.label(),
        "description": category.description_label(),
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": str(CaseKind.PHAN_ANH.label),
    }


@allow("GET")
def services(request, fmt):
    categories = sorted(Category.objects.filter(is_active=True), key=lambda c: c.label())
    return formats.render([_service(c) for c in categories], root="services", fmt=fmt)


def attributes() -> list[dict]:
    """The questions a phản ánh asks beyond GeoReport's own fields, each with the datatype
    of the specification and the limits the intake service applies (`MAX_LENGTHS`)."""
    yes_no = [{"key": "true", "name": _("Có")}, {"key": "false", "name": _("Không")}]
    return [
        {
            "variable": True, "code": "facility", "datatype": "string", "required": False,
            "datatype_description": _(
                "Mã cơ sở y tế, một trong danh sách GET /api/v1/facilities (trường code)"
            ),
            "order": 1, "description": _("Cơ sở y tế liên quan"),
        },
        {
            "variable": True, "code": "title", "datatype": "string", "required": False,
            "datatype_description": _(
                "Tối đa %(limit)d ký tự; mặc định là %(start)d ký tự đầu của description"
            ) % {"limit": MAX_LENGTHS["title"], "start": TITLE_FROM_DESCRIPTION},
            "order": 2, "description": _("Tiêu đề ngắn gọn"),
        },
        {
            "variable": True, "code": "incident_date", "datatype": "datetime", "required": False,
            "datatype_description": _(
                "Ngày YYYY-MM-DD hoặc thời điểm W3C (2026-07-01T08:30:00+07:00); chỉ lưu ngày "
                "(giờ Việt Nam)"
            ),
            "order": 3, "description": _("Ngày xảy ra sự việc"),
        },
        {
            "variable": True, "code": "consent", "datatype": "singlevaluelist", "required": True,
            "datatype_description": _("Phải là true (Luật Bảo vệ dữ liệu cá nhân, Điều 9)"),
            "order": 4,
            "description": _("Người gửi đồng ý cho Sở Y tế xử lý dữ liệu để giải quyết hồ sơ"),
            "values": [{"key": "true", "name": _("Đồng ý")}],
        },
        {
            "variable": True, "code": "consent_contact", "datatype": "singlevaluelist",
            "required": False, "datatype_description": "true / false", "order": 5,
            "description": _(
                "Đồng ý nhận thông báo kết quả qua thư điện tử (email); với yêu cầu ẩn danh, "
                "email chỉ được lưu khi có đồng ý này"
            ),
            "values": yes_no,
        },
        {
            "variable": True, "code": "anonymous", "datatype": "singlevaluelist",
            "required": False, "datatype_description": "true / false", "order": 6,
            "description": _(
                "Gửi ẩn danh (không lưu họ tên, địa chỉ, điện thoại; không có first_name và "
                "last_name cũng là ẩn danh). Yêu cầu ẩn danh kèm phone bị từ chối"
            ),
            "values": yes_no,
        },
    ]  # fmt: skip


@allow("GET")
def service_definition(request, service_code, fmt):
    if not Category.objects.filter(code=service_code, is_active=True).exists():
        return formats.errors([(404, _("Không có dịch vụ này."))], fmt=fmt, status=404)
    data = {"service_code": service_code, "attributes": attributes()}
    return formats.render(data, root="service_definition", fmt=fmt)


@allow("GET", "POST")
def requests(request, fmt):
    if request.method == "POST":
        return _post_request(request, fmt)
    return _get_requests(request, fmt)


def _get_requests(request, fmt):
    params = request.GET
    cases = open311_cases()
    problems = []
    ids = [
        normalize_tracking_code(v)
        for v in params.get("service_request_id", "").split(",")
        if v.strip()
    ]
    if ids:
        # GeoReport v2: with service_request_id, every other parameter is ignored.
        cases = cases.filter(tracking_code__in=ids[:MAX_RECORDS])
        return formats.render(request_rows(cases), root="service_requests", fmt=fmt)
    codes = [v.strip() for v in params.get("service_code", "").split(",") if v.strip()]
    if codes:
        cases = cases.filter(category__code__in=codes)
    statuses = [v.strip() for v in params.get("status", "").split(",") if v.strip()]
    if statuses:
        if not set(statuses) <= {"open", "closed"}:
            problems.append((400, _("status: chỉ nhận open hoặc closed.")))
        cases = cases.filter(status_filter(statuses))
    start = end = None
    for name in ("start_date", "end_date"):
        value = params.get(name, "")
        if value:
            parsed = _in_utc(when(value))
            if parsed is None:
                problems.append(
                    (
                        400,
                        _("%(name)s: thời điểm không hợp lệ (W3C, ví dụ 2026-07-01T00:00:00Z).")
                        % {"name": name},
                    )
                )
            elif name == "start_date":
                start = parsed
            else:
                end = parsed
    # The specification's window: 90 days before end_date (or now) unless start_date says.
    end_bound = end or timezone.now()
    try:
        start_bound = start or (end_bound - DEFAULT_WINDOW)
    except OverflowError:  # the 90 days before an end_date in year 1
        problems.append((400, _(
            "end_date: không có đủ 90 ngày trước thời điểm này để làm khoảng mặc định; hãy "
            "gửi kèm start_date."
        )))
    if problems:
        return formats.errors(problems, fmt=fmt, status=400)
    cases = cases.filter(received_at__gte=start_bound)
    if end is not None:
        # The portal writes instants to the second (docs/api.md): an end_date to the second
        # takes in its whole second, so a `requested_datetime` read back keeps its request.
        # In UTC to the second, adding the fraction stays within the calendar (9999-12-31
        # 23:59:59 too).
        if end.microsecond == 0:
            end += datetime.timedelta(microseconds=999_999)
        cases = cases.filter(received_at__lte=end)
    cases = cases.order_by("-received_at", "-id")[:MAX_RECORDS]
    return formats.render(request_rows(cases), root="service_requests", fmt=fmt)


def _in_utc(moment: datetime.datetime | None) -> datetime.datetime | None:
    """`moment` in UTC, the zone the database compares in; None when it has no UTC instant
    within the calendar (9999-12-31T23:00:00-05:00 is in year 10000)."""
    if moment is None:
        return None
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        return None


@allow("GET")
def request_detail(request, service_request_id, fmt):
    cases = open311_cases().filter(tracking_code=normalize_tracking_code(service_request_id))
    rows = request_rows(cases)
    if not rows:
        return formats.errors([(404, _("Không tìm thấy yêu cầu."))], fmt=fmt, status=404)
    return formats.render(rows, root="service_requests", fmt=fmt)


@allow("GET")
def token(request, token, fmt):
    # Requests are filed at once: the token of a request is its tracking code.
    case = open311_cases().filter(tracking_code=normalize_tracking_code(token)).first()
    if case is None:
        return formats.errors([(404, _("Không tìm thấy mã này."))], fmt=fmt, status=404)
    data = [{"service_request_id": case.tracking_code, "token": case.tracking_code}]
    return formats.render(data, root="service_requests", fmt=fmt)


def _post_request(request, fmt):
    params = request.POST
    try:
        key = partner_key_check(params.get("api_key", ""), scope=FILE)
    except KeyRefused as error:
        request.partner_key_refused = error.key  # a revoked key's refusal is logged too
        # GeoReport v2 answers a bad api_key 403; an expired one is 401 as on /api/v1,
        # with the API's challenge, so a partner tells "ask for a new key" from "wrong key".
        if isinstance(error, KeyExpired):
            response = formats.errors([(401, str(error))], fmt=fmt, status=401,
                                      headers={"WWW-Authenticate": "ApiKey"})  # fmt: skip
        else:
            response = formats.errors([(403, str(error))], fmt=fmt, status=403)
        partner_call_record(request, response)
        return response
    request.partner_key = key
    response = _file(request, params, key, fmt)
    partner_call_record(request, response)
    return response


def _file(request, params, key, fmt):
    code = params.get("service_code", "").strip()
    if not code or not Category.objects.filter(code=code, is_active=True).exists():
        return formats.errors([(400, _("service_code không hợp lệ."))], fmt=fmt, status=400)
    try:
        data = submission_from_form(params)
    except FormInvalid as invalid:
        return _invalid(invalid.errors, fmt)
    try:
        result = case_submit(
            data=data,
            attachments=request.FILES.getlist("media"),
            channel=Channel.API,
            idempotency_key=request.headers.get("Idempotency-Key"),
            client_ip=ratelimit.client_address(request),
            partner=key.partner,
        )
    except SubmissionInvalid as invalid:
        return _invalid(open311_errors(invalid.errors, params), fmt)
    except IdempotencyConflict:
        return formats.errors([(409, _("Idempotency-Key này đã được dùng cho một nội dung khác."))],
                              fmt=fmt, status=409)  # fmt: skip
    except ratelimit.Throttled as limit:
        if limit.reason == "partner":  # the partner's own quota spent: say so
            detail = accepted_limit_message(limit)
        else:
            detail = _("Quá nhiều yêu cầu. Hãy thử lại sau %(seconds)d giây.") % {
                "seconds": limit.retry_after
            }
        return formats.errors(
            [(429, detail)],
            fmt=fmt, status=429, headers={"Retry-After": str(limit.retry_after)},
        )  # fmt: skip
    request.partner_tracking_code = result.case.tracking_code
    notice = _("Đã tiếp nhận. Mã tra cứu %(code)s, mã PIN %(pin)s: giữ kín mã PIN.") % {
        "code": result.case.tracking_code, "pin": result.pin,
    }  # fmt: skip
    data = [
        {
            "service_request_id": result.case.tracking_code,
            "token": result.case.tracking_code,
            "service_notice": notice,
            "account_id": None,
        }
    ]
    return formats.render(data, root="service_requests", fmt=fmt,
                          status=201 if result.created else 200)  # fmt: skip


def _invalid(errors: list[tuple[str, str]], fmt):
    items = [(400, f"{field}: {message}") for field, message in errors]
    return formats.errors(items, fmt=fmt, status=400)
