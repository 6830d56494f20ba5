"""`POST /api/v1/submissions` and `GET /api/v1/submissions/{tracking_code}?pin=PIN`
(CONTRACT.md): the public intake for mobile apps and partner portals.

The body is JSON. To send attachments, post `multipart/form-data` with the same
JSON object in a `data` part and the files as `attachments` parts. The rules are
those of `complaints.services.intake`; this module only reads and answers. A
partner's key (`X-API-Key`) attributes the case to the partner (issue 15)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Body, Field, Header, Query, Router, Schema, Status
from pydantic import ConfigDict
from pydantic import ValidationError as PydanticValidationError

from complaints import ratelimit
from complaints.api.auth import Forbidden
from complaints.api.json import NON_FIELD, BadRequest
from complaints.api.schemas import (
    Codes,
    DetailOut,
    ErrorsOut,
    Flag,
    IsoDate,
    PublicCaseOut,
    Text,
    described,
    object_of,
    text_field,
)
from complaints.kinds import CITIZEN_KINDS, Channel, public_status
from complaints.partners.keys import FILE, PartnerAuth
from complaints.selectors.tracking import (
    case_lookup,
    case_public_view,
    not_found_message,
    press_case_tracking,
    status_label,
)
from complaints.services.citizen_reply import (
    ReplyInvalid,
    ReplyRefused,
    case_answer_info_request,
    open_info_request,
)
from complaints.services.intake import (
    MAX_CONTENT_LENGTH,
    MAX_LENGTHS,
    NOTIFY_PURPOSES,
    IdempotencyConflict,
    ReporterData,
    SubmissionData,
    SubmissionInvalid,
    SubmissionResult,
    case_submit,
    submission_check,
)

router = Router(tags=["submissions"])


class ReporterIn(Schema):
    model_config = described(gettext_noop(
        "Người gửi. Điều bắt buộc tùy loại hồ sơ (xem SubmissionIn); phản ánh ẩn danh không "
        "lưu họ tên, địa chỉ, số định danh."
    ))  # fmt: skip

    name: Text = text_field(gettext_noop("Họ và tên, họ trước tên (Nguyễn Thị Lan)"),
                            MAX_LENGTHS["reporter.name"])  # fmt: skip
    phone: Text = text_field(
        gettext_noop("Số điện thoại Việt Nam (kèm mã vùng) hoặc quốc tế (+…)"),
        MAX_LENGTHS["reporter.phone"],
    )
    email: Text = text_field(gettext_noop("Thư điện tử"), MAX_LENGTHS["reporter.email"])
    address: Text = text_field(gettext_noop("Địa chỉ"), MAX_LENGTHS["reporter.address"])
    id_number: Text = text_field(
        gettext_noop("Số định danh cá nhân/CCCD (12 chữ số), CMND (9 chữ số) hoặc hộ chiếu"),
        MAX_LENGTHS["reporter.id_number"],
    )


def _submission_schema(schema: dict) -> None:
    """The schema says what the intake service requires of every submission (`kind`, one
    of the citizens' kinds, `title`, `content`, `consent: true`); the fields keep their
    lenient types, so a missing one still answers the service's Vietnamese message."""
    schema["required"] = ["kind", "title", "content", "consent"]
    for name in schema["required"]:
        schema["properties"][name].pop("default", None)  # required: no default to show
    schema["properties"]["kind"]["enum"] = [str(kind) for kind in CITIZEN_KINDS]
    schema["properties"]["consent"]["const"] = True
    # What each kind requires beyond the common fields, as the intake service checks it.
    schema["description"] = gettext_noop(
        "Hồ sơ của người dân. Ngoài các trường chung, mỗi loại cần thêm: kien_nghi cần "
        "reporter.name và một cách liên hệ (reporter.phone, reporter.email hoặc "
        "reporter.address); khieu_nai cần facility, reporter.name, reporter.address, "
        "reporter.id_number, decision_complained, decision_maker, decision_date, "
        "truth_declaration (lần hai thêm first_decision_ref); to_cao cần facility, "
        "reporter.name, reporter.address, reporter.id_number, accused_name, "
        "accused_position, truth_declaration và không được ẩn danh. Mã cơ sở lấy từ GET "
        "/api/v1/facilities, mã lĩnh vực từ GET /open311/v2/services.json."
    )
    schema["properties"]["consent_sms"]["description"] = gettext_noop(
        "Đồng ý nhận tin nhắn SMS về hồ sơ (cần reporter.phone). Bị từ chối (400 ở "
        "consent_sms) khi Cổng chưa gửi tin nhắn SMS."
    )
    schema["properties"]["notify_purposes"] = {
        "type": "array",
        "items": {"type": "string", "enum": list(NOTIFY_PURPOSES)},
        "description": gettext_noop(
            "Những việc muốn được báo, qua các kênh đã đồng ý (consent_contact, consent_sms). "
            "Không gửi hoặc null: mọi việc; danh sách rỗng khi đã đồng ý một kênh bị từ chối."
        ),
    }


class SubmissionIn(Schema):
    # A citizen's submission; its description (what each kind requires) is written in
    # `_submission_schema`.
    model_config = ConfigDict(json_schema_extra=_submission_schema)

    kind: Text = text_field(gettext_noop("Loại hồ sơ"))
    title: Text = text_field(gettext_noop("Tiêu đề ngắn gọn"), MAX_LENGTHS["title"])
    content: Text = text_field(
        gettext_noop("Nội dung sự việc (ít nhất 20 ký tự)"), MAX_CONTENT_LENGTH
    )
    facility: Text = text_field(
        gettext_noop(
            "Mã cơ sở y tế liên quan: trường code của một dòng trong GET /api/v1/facilities"
        ),
        MAX_LENGTHS["facility"],
    )
    category: Text = text_field(
        gettext_noop(
            "Mã lĩnh vực: service_code của một dịch vụ trong GET /open311/v2/services.json; "
            "để trống nếu không rõ"
        ),
        MAX_LENGTHS["category"],
    )
    incident_date: IsoDate = None
    reporter: object_of(ReporterIn) = None
    anonymous: Flag = Field(False, description=gettext_noop("Gửi ẩn danh (chỉ với phản ánh)"))
    consent: Flag = Field(False, description=gettext_noop(
        "Đồng ý cho Sở Y tế xử lý dữ liệu cá nhân để giải quyết hồ sơ (Điều 9 Luật Bảo vệ dữ "
        "liệu cá nhân): phải là true"
    ))  # fmt: skip
    consent_contact: Flag = Field(False, description=gettext_noop(
        "Đồng ý nhận thông báo về hồ sơ qua thư điện tử (cần reporter.email)"
    ))  # fmt: skip
    consent_sms: Flag = False  # citizen: SMS about the case
    # What the citizen wants to be told, each a consent of its own (Luật BVDLCN 91/2025
    # Điều 9): absent, every purpose (the behaviour before it existed), and only by a
    # channel consented to; a listed code outside NOTIFY_PURPOSES is a field error.
    notify_purposes: Codes = None
    truth_declaration: Flag = False
    already_sent_elsewhere: Text = ""
    second_time: Flag = False
    decision_complained: Text = ""
    decision_maker: Text = ""
    decision_date: IsoDate = None
    first_decision_ref: Text = ""
    # notices: a second-time complaint (the first decision, or its missed deadline)
    first_decision_received_on: IsoDate = None
    first_deadline_passed: Flag = False
    first_accepted_on: IsoDate = None
    accused_name: Text = ""
    accused_position: Text = ""
    accused_is_head: Flag = False

    def as_submission(self) -> SubmissionData:
        reporter = self.reporter or ReporterIn()
        fields = self.model_dump(exclude={"reporter", "notify_purposes"})
        if self.notify_purposes is not None:
            fields["notify_purposes"] = tuple(self.notify_purposes)
        return SubmissionData(reporter=ReporterData(**reporter.model_dump()), **fields)


class SubmissionOut(Schema):
    tracking_code: str
    pin: str
    kind: str
    status: str
    status_label: str
    accept_by: datetime.date | None
    resolve_by: datetime.date | None
    received_at: datetime.datetime
    tracking_url: str
    warnings: list[str]


def submission_body(result: SubmissionResult, request) -> dict:
    """The answer, from the case the service returned (inserted already routed and
    scheduled, or read by an idempotent retry): nothing is read again."""
    case = result.case
    status = public_status(case.status)
    return {
        "tracking_code": case.tracking_code,
        "pin": result.pin,
        "kind": case.kind,
        "status": status,
        "status_label": status_label(status, case.kind),
        "accept_by": case.accept_by,
        "resolve_by": case.resolve_by,
        "received_at": case.received_at,
        "tracking_url": request.build_absolute_uri(
            reverse("complaints:track_detail", kwargs={"tracking_code": case.tracking_code})
        ),
        "warnings": [str(w) for w in result.warnings],
    }


def submission_errors_at_once(
    request, *, body: dict | None, errors: dict[str, list[str]]
) -> dict[str, list[str]]:
    """`errors`, the fields of `body` the schema could not read, with what the intake
    service finds in the others (`submission_check`: the rules, and the files without
    decoding them), as the web form reports them: a field keeps its own error only."""
    if not isinstance(body, dict) or NON_FIELD in errors:
        return errors
    readable = dict(body)
    for key in errors:
        field, _dot, inner = key.partition(".")
        if field == "reporter" and inner and isinstance(readable.get("reporter"), dict):
            readable["reporter"] = {k: v for k, v in readable["reporter"].items() if k != inner}
        else:
            readable.pop(field, None)
    try:
        payload = SubmissionIn.model_validate(readable)
    except PydanticValidationError:
        return errors
    found = submission_check(
        payload.as_submission(), attachments=request.FILES.getlist("attachments")
    )
    every = dict(errors)
    for key, messages in found.items():
        if not any(key == own or key.startswith(f"{own}.") for own in errors):
            every[key] = [str(message) for message in messages]
    return every


def submission_file(request, payload: SubmissionIn, *, channel: str = Channel.API, key=None):
    """File `payload` through the intake service: (status, body). Shared with Open311."""
    partner_key = getattr(request, "partner_key", None)
    try:
        result = case_submit(
            data=payload.as_submission(),
            attachments=request.FILES.getlist("attachments"),
            channel=channel,
            idempotency_key=key,
            client_ip=ratelimit.client_address(request),
            actor=request.user if request.user.is_authenticated else None,
            partner=partner_key.partner if partner_key else None,
        )
    except SubmissionInvalid as invalid:
        # Counted by the service already (not by the app's refusal counter).
        return Status(400, {"errors": {k: [str(m) for m in v] for k, v in invalid.errors.items()}})
    except IdempotencyConflict:
        conflict = _("Idempotency-Key này đã được dùng cho một nội dung khác.")
        return Status(409, {"detail": conflict})
    request.partner_tracking_code = result.case.tracking_code
    return Status((201 if result.created else 200), submission_body(result, request))


@router.post(
    "submissions",
    url_name="submissions",
    auth=[PartnerAuth(FILE, optional=True)],
    response={201: SubmissionOut, 200: SubmissionOut, 400: ErrorsOut, 401: DetailOut,
              403: DetailOut, 409: DetailOut, 413: DetailOut, 429: DetailOut},
    summary=gettext_noop("Gửi phản ánh, kiến nghị, khiếu nại, tố cáo"),
    description=gettext_noop(
        "Gửi một hồ sơ. 201 kèm mã tra cứu và mã PIN (chỉ trả một lần: người gửi cần giữ "
        "kín); 200 khi gửi lại cùng Idempotency-Key và cùng nội dung; 400 {\"errors\": …} "
        "với mọi lỗi cùng lúc; 409 khi Idempotency-Key đã dùng cho nội dung khác; 413 khi "
        "quá lớn; 429 kèm Retry-After. Ai cũng gửi được (không cần khóa); kèm X-API-Key, hồ "
        "sơ được ghi là do đối tác đó gửi. Tệp đính kèm: gửi multipart/form-data với phần "
        "data là đối tượng JSON này và các phần attachments."
    ),
    openapi_extra={
        # The key is optional: anyone may file; a partner's key attributes the case.
        "security": [{}],
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["data"],
                        "properties": {
                            "data": {"type": "string",
                                     "description": gettext_noop("SubmissionIn dạng JSON")},
                            "attachments": {
                                "type": "array", "items": {"type": "string", "format": "binary"},
                            },
                        },
                    }
                }
            }
        }
    },
)  # fmt: skip
def submissions(
    request,
    payload: SubmissionIn = Body(...),  # noqa: B008 (ninja's declaration)
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),  # noqa: B008
):
    """File a case (the operation's description says the answers)."""
    return submission_file(request, payload, key=idempotency_key)


class InfoRequestOut(Schema):
    # citizen: the open request for information, what to answer and until when.
    model_config = described(gettext_noop(
        "Yêu cầu bổ sung thông tin đang chờ người gửi trả lời: nội dung và hạn trả lời."
    ))  # fmt: skip

    message: str
    asked_at: datetime.datetime
    reply_by: datetime.date  # the last day to answer, inclusive
    legal_basis: str
    unconfirmed: bool


class TrackedCaseOut(PublicCaseOut):
    info_request: InfoRequestOut | None


class PinQuery(Schema):
    pin: Text = ""


@router.get(
    "submissions/{tracking_code}",
    url_name="submission_detail",
    response={200: TrackedCaseOut, 400: ErrorsOut, 404: DetailOut, 429: DetailOut},
    summary=gettext_noop("Tra cứu hồ sơ bằng mã và PIN"),
    description=gettext_noop(
        "Trạng thái, thời hạn và diễn biến công khai của hồ sơ; không bao giờ có thông tin "
        "người gửi. Mã không có và PIN sai đều trả cùng một 404; thử sai nhiều lần bị chặn "
        "(429). Mã của hồ sơ thông tin báo chí (không có mã PIN) trả 404 kèm lời giải thích "
        "và đường dẫn phản hồi đã đăng."
    ),
)
def submission_detail(request, tracking_code: str, query: Query[PinQuery]):
    """A case by its code and PIN (the operation's description says the answers)."""
    press = press_case_tracking(tracking_code)
    if press is not None:  # no PIN opens it: say what it is, where the response is
        return Status(404, {"detail": press.detail(request.build_absolute_uri("/")[:-1])})
    if not query.pin:
        raise BadRequest({"pin": [_("Hãy gửi mã PIN (?pin=…).")]})
    case = case_lookup(
        tracking_code=tracking_code, pin=query.pin, client_ip=ratelimit.client_address(request)
    )
    if case is None:
        return Status(404, {"detail": not_found_message()})
    body = case_public_view(case=case).as_dict()
    info_request = open_info_request(case)  # citizen: what to answer, until when
    body["info_request"] = info_request.as_dict() if info_request else None
    return Status(200, body)


class ReplyIn(Schema):
    # The citizen's answer to a request for information (citizen side of `complete_info`).
    model_config = described(gettext_noop(
        "Trả lời yêu cầu bổ sung thông tin: mã PIN của hồ sơ và nội dung; tệp gửi kèm là các "
        "phần attachments của nội dung multipart có phần data là đối tượng này."
    ))  # fmt: skip

    pin: Text = ""
    text: Text = ""


@router.post(
    "submissions/{tracking_code}/reply",
    url_name="submission_reply",
    response={201: PublicCaseOut, 400: ErrorsOut, 404: DetailOut, 409: DetailOut,
              413: DetailOut, 429: DetailOut},
    summary=gettext_noop("Bổ sung thông tin theo yêu cầu của cơ quan"),
    description=gettext_noop(
        "201 kèm hồ sơ như người gửi thấy; 400 lỗi theo trường; 404 khi mã không có hoặc PIN "
        "sai (như nhau); 409 khi hồ sơ không chờ bổ sung hoặc đã hết hạn bổ sung; 429 khi "
        "thử quá nhiều lần."
    ),
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["data"],
                        "properties": {
                            "data": {"type": "string",
                                     "description": gettext_noop("ReplyIn dạng JSON")},
                            "attachments": {
                                "type": "array", "items": {"type": "string", "format": "binary"},
                            },
                        },
                    }
                }
            }
        }
    },
)  # fmt: skip
def submission_reply(request, tracking_code: str, payload: ReplyIn = Body(...)):  # noqa: B008
    """201 with the case's public view; 400 field errors, 404 unknown code or wrong PIN
    (alike), 409 when the case does not wait for an answer or the period is over, 429
    throttled. The logic is `services.citizen_reply`; this endpoint only reads."""
    if not payload.pin:
        raise BadRequest({"pin": [_("Hãy gửi mã PIN.")]})
    case = case_lookup(
        tracking_code=tracking_code, pin=payload.pin, client_ip=ratelimit.client_address(request)
    )
    if case is None:
        return Status(404, {"detail": not_found_message()})
    try:
        case_answer_info_request(
            case_id=case.pk, text=payload.text, files=request.FILES.getlist("attachments")
        )
    except ReplyInvalid as invalid:
        raise BadRequest(invalid.errors) from None
    except ReplyRefused as refused:
        return Status(409, {"detail": str(refused.message)})
    case.refresh_from_db()
    return Status(201, case_public_view(case=case).as_dict())


__all__ = ["Forbidden", "router", "submission_file", "SubmissionIn"]
