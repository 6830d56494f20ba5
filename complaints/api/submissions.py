"""`POST /api/v1/submissions` and `GET /api/v1/submissions/{tracking_code}?pin=PIN`
(CONTRACT.md): the public intake for mobile apps and partner portals.

The body is JSON. To send attachments, post `multipart/form-data` with the same
JSON object in a `data` part and the files as `attachments` parts. The rules are
those of `complaints.services.intake`; this module only reads and answers."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from complaints import ratelimit
from complaints.api.json import (
    NON_FIELD,
    BadRequest,
    FieldReader,
    detail_response,
    errors_response,
    json_object,
    json_response,
    method_not_allowed,
    not_found,
    parse_json_object,
    throttled,
)
from complaints.kinds import Channel, public_status
from complaints.selectors.tracking import case_lookup, case_public_view, not_found_message
from complaints.services.intake import (
    IdempotencyConflict,
    ReporterData,
    SubmissionData,
    SubmissionInvalid,
    SubmissionResult,
    case_submit,
)


def submission_from_json(data: dict) -> tuple[SubmissionData, dict[str, list[str]]]:
    """Parse the JSON object of CONTRACT.md into SubmissionData (types only)."""
    read = FieldReader(data)
    reporter_read = FieldReader(read.obj("reporter"), prefix="reporter.")
    reporter = ReporterData(
        name=reporter_read.text("name"),
        phone=reporter_read.text("phone"),
        email=reporter_read.text("email"),
        address=reporter_read.text("address"),
        id_number=reporter_read.text("id_number"),
    )
    submission = SubmissionData(
        kind=read.text("kind"),
        title=read.text("title"),
        content=read.text("content"),
        facility=read.text("facility"),
        category=read.text("category"),
        incident_date=read.date("incident_date"),
        reporter=reporter,
        anonymous=read.boolean("anonymous"),
        consent=read.boolean("consent"),
        consent_contact=read.boolean("consent_contact"),
        consent_sms=read.boolean("consent_sms"),
        truth_declaration=read.boolean("truth_declaration"),
        already_sent_elsewhere=read.text("already_sent_elsewhere"),
        second_time=read.boolean("second_time"),
        decision_complained=read.text("decision_complained"),
        decision_maker=read.text("decision_maker"),
        decision_date=read.date("decision_date"),
        first_decision_ref=read.text("first_decision_ref"),
        first_decision_received_on=read.date("first_decision_received_on"),
        first_deadline_passed=read.boolean("first_deadline_passed"),
        first_accepted_on=read.date("first_accepted_on"),
        accused_name=read.text("accused_name"),
        accused_position=read.text("accused_position"),
        accused_is_head=read.boolean("accused_is_head"),
    )
    return submission, {**read.errors, **reporter_read.errors}


def submission_body(result: SubmissionResult, request) -> dict:
    case = result.case
    case.refresh_from_db(fields=["status", "accept_by", "resolve_by"])
    status = public_status(case.status)
    from complaints.selectors.tracking import status_label

    return {
        "tracking_code": case.tracking_code,
        "pin": result.pin,
        "kind": case.kind,
        "status": status,
        "status_label": status_label(status),
        "accept_by": case.accept_by.isoformat() if case.accept_by else None,
        "resolve_by": case.resolve_by.isoformat() if case.resolve_by else None,
        "received_at": case.received_at.isoformat(),
        "tracking_url": request.build_absolute_uri(
            reverse("complaints:track_detail", kwargs={"tracking_code": case.tracking_code})
        ),
        "warnings": list(result.warnings),
    }


def _read_request(request) -> tuple[dict, list]:
    if (request.content_type or "").startswith("multipart/form-data"):
        raw = request.POST.get("data", "")
        try:
            data = json_object(raw)
        except BadRequest as error:
            if set(error.errors) == {NON_FIELD}:
                raise BadRequest({"data": error.errors[NON_FIELD]}) from None
            raise
        return data, request.FILES.getlist("attachments")
    return parse_json_object(request), []


@csrf_exempt
def submissions(request):
    """POST: file a case. 201 with the tracking code and PIN; 200 for a retry with
    the same Idempotency-Key and body; 400, 409 or 429 otherwise."""
    if request.method != "POST":
        return method_not_allowed(["POST"])
    try:
        data, files = _read_request(request)
    except BadRequest as error:
        return _refused(request, errors_response(error.errors))
    except RequestDataTooBig:
        return _refused(request, detail_response(_("Yêu cầu quá lớn."), status=413))
    submission, errors = submission_from_json(data)
    if errors:
        return _refused(request, errors_response(errors))
    key = request.headers.get("Idempotency-Key")
    try:
        result = case_submit(
            data=submission,
            attachments=files,
            channel=Channel.API,
            idempotency_key=key,
            client_ip=ratelimit.client_address(request),
            actor=request.user if request.user.is_authenticated else None,
        )
    except SubmissionInvalid as invalid:
        return errors_response(invalid.errors)
    except ratelimit.Throttled as limit:
        return throttled(limit.retry_after)
    except IdempotencyConflict:
        return detail_response(
            _("Idempotency-Key này đã được dùng cho một nội dung khác."), status=409
        )
    return json_response(submission_body(result, request), status=201 if result.created else 200)


def _refused(request, response):
    """A submission refused before the service: it counts against the address's
    submission limit like any other (429 once the limit is spent)."""
    try:
        ratelimit.SUBMISSION.hit(ratelimit.client_address(request))
    except ratelimit.Throttled as limit:
        return throttled(limit.retry_after)
    return response


@csrf_exempt
def submission_detail(request, tracking_code: str):
    """GET ?pin=PIN: status, deadlines and public timeline; unknown code and wrong
    PIN answer the same 404."""
    if request.method != "GET":
        return method_not_allowed(["GET"])
    pin = request.GET.get("pin", "")
    if not pin:
        return errors_response({"pin": [_("Hãy gửi mã PIN (?pin=…).")]})
    try:
        case = case_lookup(
            tracking_code=tracking_code, pin=pin, client_ip=ratelimit.client_address(request)
        )
    except ratelimit.Throttled as limit:
        return throttled(limit.retry_after)
    if case is None:
        return not_found(not_found_message())
    from complaints.services.citizen_reply import open_info_request

    body = case_public_view(case=case).as_dict()
    info_request = open_info_request(case)  # citizen: what to answer, until when
    body["info_request"] = info_request.as_dict() if info_request else None
    return json_response(body)



@csrf_exempt
def submission_reply(request, tracking_code: str):
    """POST: the citizen answers a request for information (citizen side of
    `complete_info`). JSON `{"pin", "text"}`, or multipart with `data` (that JSON) and
    `attachments`. 201 with the case's public view; 400 field errors, 404 unknown code
    or wrong PIN, 409 when the case does not wait for an answer or the period is
    over, 429 throttled. The logic is `services.citizen_reply`; this view only reads."""
    from complaints.services.citizen_reply import (
        ReplyInvalid,
        ReplyRefused,
        case_answer_info_request,
    )

    if request.method != "POST":
        return method_not_allowed(["POST"])
    try:
        data, files = _read_request(request)
    except BadRequest as error:
        return errors_response(error.errors)
    except RequestDataTooBig:
        return detail_response(_("Yêu cầu quá lớn."), status=413)
    pin = data.get("pin") if isinstance(data.get("pin"), str) else ""
    text = data.get("text", "")
    if not pin:
        return errors_response({"pin": [_("Hãy gửi mã PIN.")]})
    if not isinstance(text, str):
        return errors_response({"text": [_("Nội dung bổ sung phải là chuỗi ký tự.")]})
    try:
        case = case_lookup(
            tracking_code=tracking_code, pin=pin, client_ip=ratelimit.client_address(request)
        )
    except ratelimit.Throttled as limit:
        return throttled(limit.retry_after)
    if case is None:
        return not_found(not_found_message())
    try:
        case_answer_info_request(case_id=case.pk, text=text, files=files)
    except ReplyInvalid as invalid:
        return errors_response(invalid.errors)
    except ReplyRefused as refused:
        return detail_response(refused.message, status=409)
    case.refresh_from_db()
    return json_response(case_public_view(case=case).as_dict(), status=201)
