"""Public pages: file a case (Gửi phản ánh), its receipt, look it up (Tra cứu hồ sơ),
rate it, and the facility search behind the form's search-as-you-type.

Views read input and show results; every rule is in the services they call."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from complaints import ratelimit
from complaints.forms import (
    SERVICE_TO_FORM_FIELD,
    InfoReplyForm,
    PinForm,
    PinResendForm,
    RatingForm,
    SubmissionForm,
    TrackingLookupForm,
    facilities_matching,
)
from complaints.kinds import CaseKind, Channel
from complaints.models import Reporter
from complaints.notifications.sms import sms_available
from complaints.rules.citizen_guidance import (
    next_steps_for_citizen,
    second_round_received_step,
    withdrawal_for_citizen,
)
from complaints.selectors.privacy import privacy_summary
from complaints.selectors.tracking import (
    case_citizen_files,
    case_for_citizen,
    case_lookup,
    case_public_view,
    not_found_message,
    press_case_tracking,
)
from complaints.services.attachments import attachment_limits
from complaints.services.citizen_reply import (
    ReplyInvalid,
    ReplyRefused,
    case_answer_info_request,
    open_info_request,
)
from complaints.services.intake import (
    KIND_REQUIREMENTS,
    IdempotencyConflict,
    SubmissionInvalid,
    accepted_limit_message,
    case_submit,
    submission_check,
    submission_fingerprint,
    submission_is_resend,
    submission_refused,
    submission_resend_marks,
    submission_warning,
)
from complaints.services.notice_consent import notice_channels, notices_stop
from complaints.services.pin_resend import pin_resend_request
from complaints.services.rating import RatingInvalid, RatingNotAllowed, case_rate
from complaints.services.second_round import (
    first_decision_reference,
    second_round_linkable,
    second_round_prefill,
)
from complaints.services.tracking import (
    TRACKING_CODE_RE,
    normalize_pin,
    normalize_tracking_code,
)
from portal.middleware import PortalLocaleMiddleware, follow_language

SUBMITTED_KEY = "complaints_submitted"  # {code: {"pin":…, "warnings": […]}} for the receipt
TRACKED_KEY = "complaints_tracked"  # {code: pin} opened with the PIN in this session


def _remember(request, key: str, code: str, value) -> None:
    stored = dict(request.session.get(key, {}))
    stored[code] = value
    # A shared computer: keep the last few cases only, and a citizen's session ends with
    # the browser (a signed-in officer's keeps its own length); "Đóng hồ sơ" ends it sooner.
    request.session[key] = dict(list(stored.items())[-5:])
    if not request.user.is_authenticated:
        request.session.set_expiry(0)


def _opened_case(request, code: str):
    """(case, PIN) of the case `code` this session opened with its PIN, else (None, None).
    What is answered about it reads in the language its citizen filed in
    (`Reporter.language`), unless the visitor chose one (`follow_language`): a citizen
    following their case's link in a browser that never saw the portal reads it as they
    chose when filing. Every answer naming the case is per session and never stored
    (`never_cache`, `_case_page`)."""
    pin = request.session.get(TRACKED_KEY, {}).get(code)
    case = case_for_citizen(tracking_code=code, pin=pin) if pin else None
    if case is None:
        return None, None
    reporter = Reporter.objects.filter(case=case).only("language").first()
    if reporter is not None:
        follow_language(request, reporter.language)
    return case, pin


def _forget(request, code: str) -> None:
    for key in (SUBMITTED_KEY, TRACKED_KEY):
        stored = dict(request.session.get(key, {}))
        if stored.pop(code, None) is not None:
            request.session[key] = stored


def _throttled_message(retry_after: int, reason: str = "") -> str:
    """The wait in whole minutes, in the plural of the reader's language ("about 1 minute",
    "about 5 minutes"); Vietnamese has one form, so singular and plural are the same text."""
    minutes = max(1, (retry_after + 59) // 60)
    if reason == "pin" and not sms_available():  # no SMS: a new PIN comes by e-mail only
        message = ngettext(
            "Mã PIN đã bị nhập sai nhiều lần. Để bảo vệ hồ sơ, hãy chờ khoảng %(minutes)d phút "
            "rồi thử lại, hoặc chọn “Quên mã PIN?” để nhận mã mới qua thư điện tử.",
            "Mã PIN đã bị nhập sai nhiều lần. Để bảo vệ hồ sơ, hãy chờ khoảng %(minutes)d phút "
            "rồi thử lại, hoặc chọn “Quên mã PIN?” để nhận mã mới qua thư điện tử.",
            minutes,
        )
    elif reason == "pin":
        message = ngettext(
            "Mã PIN đã bị nhập sai nhiều lần. Để bảo vệ hồ sơ, hãy chờ khoảng %(minutes)d phút "
            "rồi thử lại, hoặc chọn “Quên mã PIN?” để nhận mã mới qua thư điện tử hoặc tin nhắn.",
            "Mã PIN đã bị nhập sai nhiều lần. Để bảo vệ hồ sơ, hãy chờ khoảng %(minutes)d phút "
            "rồi thử lại, hoặc chọn “Quên mã PIN?” để nhận mã mới qua thư điện tử hoặc tin nhắn.",
            minutes,
        )
    elif reason == "refused":
        message = ngettext(
            "Hệ thống đã nhận quá nhiều biểu mẫu chưa hợp lệ từ địa chỉ này. Hãy thử lại sau "
            "khoảng %(minutes)d phút.",
            "Hệ thống đã nhận quá nhiều biểu mẫu chưa hợp lệ từ địa chỉ này. Hãy thử lại sau "
            "khoảng %(minutes)d phút.",
            minutes,
        )
    elif reason == "resend" and not sms_available():
        message = ngettext(
            "Mã PIN của hồ sơ này vừa được gửi lại nhiều lần. Hãy kiểm tra hộp thư "
            "và thử lại sau khoảng %(minutes)d phút.",
            "Mã PIN của hồ sơ này vừa được gửi lại nhiều lần. Hãy kiểm tra hộp thư "
            "và thử lại sau khoảng %(minutes)d phút.",
            minutes,
        )
    elif reason == "resend":
        message = ngettext(
            "Mã PIN của hồ sơ này vừa được gửi lại nhiều lần. Hãy kiểm tra hộp thư, tin nhắn "
            "và thử lại sau khoảng %(minutes)d phút.",
            "Mã PIN của hồ sơ này vừa được gửi lại nhiều lần. Hãy kiểm tra hộp thư, tin nhắn "
            "và thử lại sau khoảng %(minutes)d phút.",
            minutes,
        )
    else:
        message = ngettext(
            "Hệ thống đang nhận quá nhiều yêu cầu giống nhau trong thời gian ngắn. Hãy thử lại sau "
            "khoảng %(minutes)d phút.",
            "Hệ thống đang nhận quá nhiều yêu cầu giống nhau trong thời gian ngắn. Hãy thử lại sau "
            "khoảng %(minutes)d phút.",
            minutes,
        )
    return message % {"minutes": minutes}


def _kind_choices():
    return [
        {"code": rules.kind, "label": CaseKind(rules.kind).label,
         "explanation": rules.explanation, "requirements": rules.requirements,
         "legal_basis": rules.legal_basis}
        for rules in KIND_REQUIREMENTS.values()
    ]


def _required_markers() -> dict[str, dict[str, str]]:
    """Form field -> which kinds require it, from the service's table (shown beside
    the label; the script narrows it to the chosen kind)."""
    by_field: dict[str, list[str]] = {}
    for rules in KIND_REQUIREMENTS.values():
        fields = list(rules.required) + ["consent"]
        if rules.truth_declaration_required:
            fields.append("truth_declaration")
        for key in fields:
            name = SERVICE_TO_FORM_FIELD.get(key, key)
            by_field.setdefault(name, []).append(rules.kind)
    markers = {}
    for name, kinds in by_field.items():
        if len(kinds) == len(KIND_REQUIREMENTS):
            text = _("(bắt buộc)")
        else:
            text = _("(bắt buộc với %(kinds)s)") % {
                "kinds": ", ".join(str(CaseKind(k).label).lower() for k in kinds)
            }
        markers[name] = {"kinds": " ".join(kinds), "text": text}
    return markers


def _submit_page(request, form, *, status=200, late_warning=None, notice=None, headers=None):
    response = render(
        request,
        "complaints/public/submit.html",
        {
            "form": form,
            "kind_choices": _kind_choices(),
            "required": _required_markers(),
            "late_warning": late_warning,
            "notice": notice,
            "offer_anonymous_report": form.refused_anonymous_denunciation,
            "files_dropped": form.is_bound and bool(request.FILES),
            "second_round": _second_round_box(request),
            # The privacy notice is a Vietnamese page: its key points beside the consent for
            # a reader of another language (Điều 9 Luật Bảo vệ dữ liệu cá nhân).
            "privacy_summary": (
                privacy_summary()
                if translation.get_language() != settings.LANGUAGE_CODE else ()
            ),
        },
        status=status,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request):
    """Gửi phản ánh: GET the form, POST it. A double click (same form token) files
    one case; success redirects to the receipt."""
    if request.method == "GET":
        initial = {}
        if request.GET.get("loai") in KIND_REQUIREMENTS:
            initial["kind"] = request.GET["loai"]
        if request.GET.get("lan") == "2":  # from a concluded first complaint's page
            initial["second_time"] = "1"
            first = normalize_tracking_code(request.GET.get("ho_so", "")[:32])
            if request.GET.get("het_han") == "1":
                # From a first complaint whose time limit passed without a decision
                # (khoản 1 Điều 33 Luật Khiếu nại): no decision to name; the code is said
                # where the form asks what was sent before.
                initial["first_deadline_passed"] = True
                if TRACKING_CODE_RE.match(first):
                    initial["already_sent_elsewhere"] = _(
                        "Khiếu nại lần đầu, hồ sơ %(code)s: đã hết thời hạn giải quyết mà "
                        "chưa có quyết định"
                    ) % {"code": first}
            elif TRACKING_CODE_RE.match(first):
                # The citizen's own first case (opened with its PIN in this session): its
                # decision's number and date, as the second complaint cites it (Điều 40 Luật
                # Khiếu nại), the facility and their details; for anyone else the code only
                # (stored as it is: never a sentence in the filer's language).
                owned = _first_complaint_owned(request)
                initial.update(second_round_prefill(owned) if owned is not None else {})
                initial.setdefault("first_decision_ref", first)
        return _submit_page(request, SubmissionForm(initial=initial))

    if "first_case_pin" in request.POST:
        return _open_first_complaint(request)
    post = request.POST.copy()
    if "send_as_anonymous_report" in post:
        # The citizen accepts the offer made for an anonymous tố cáo (Luật TC Art 25).
        post["kind"] = CaseKind.PHAN_ANH
        post["anonymous"] = "on"
    form = SubmissionForm(post, request.FILES)
    client_ip = ratelimit.client_address(request)
    if not form.is_valid():
        # Every error at once: what the service finds in the fields that could be read
        # (and in the files, without decoding them) beside the form's own (a date).
        form.add_service_errors(
            submission_check(form.submission(), attachments=request.FILES.getlist("attachments")),
            keep=True,
        )
        try:
            submission_refused(client_ip)
        except ratelimit.Throttled as limit:
            return _submit_throttled(request, form, limit)
        return _submit_page(request, form)
    data = form.submission()

    already = _already_filed(request, data)
    if already is not None:
        return already

    late_warning = submission_warning(data)  # 90 days, or the second-time window
    if late_warning and not form.cleaned_data.get("confirm_late"):
        errors = submission_check(data, attachments=request.FILES.getlist("attachments"))
        form.add_service_errors(errors)
        if errors:  # refused as by the service: probing through here is not free either
            try:
                submission_refused(client_ip)
            except ratelimit.Throttled as limit:
                return _submit_throttled(request, form, limit)
        return _submit_page(request, form, late_warning=late_warning)

    try:
        result = case_submit(
            data=data,
            attachments=form.cleaned_data.get("attachments") or [],
            channel=Channel.WEB,
            idempotency_key=form.cleaned_data.get("form_token") or None,
            client_ip=client_ip,
            actor=request.user if request.user.is_authenticated else None,
            second_time_of=_first_complaint_owned(request),
        )
    except SubmissionInvalid as invalid:
        form.add_service_errors(invalid.errors)
        return _submit_page(request, form, late_warning=late_warning)
    except ratelimit.Throttled as limit:
        return _submit_throttled(request, form, limit)
    except IdempotencyConflict:
        post["form_token"] = uuid.uuid4().hex
        form = SubmissionForm(post)
        form.is_valid()
        return _submit_page(
            request,
            form,
            notice=_(
                "Biểu mẫu này đã được gửi trước đó. Nếu bạn muốn gửi thêm một hồ sơ mới, "
                "hãy kiểm tra lại nội dung và bấm Gửi."
            ),
        )

    code = result.case.tracking_code
    _remember(
        request,
        SUBMITTED_KEY,
        code,
        {
            "pin": result.pin,
            "warnings": list(result.warnings),
            # What was sent and when: the same content sent again from this session
            # (the browser's Back, then Gửi) gets this receipt, not a second case.
            "fingerprint": submission_fingerprint(data),
            # …even when the browser did not put every input back (`submission_is_resend`).
            "resend": submission_resend_marks(data),
            "at": result.case.received_at.isoformat(),
        },
    )
    _remember(request, TRACKED_KEY, code, result.pin)
    return HttpResponseRedirect(reverse("complaints:receipt", kwargs={"tracking_code": code}))


def _second_round_code(request) -> str:
    """The first case the form's "Gửi khiếu nại lần hai" link names (`?lan=2&ho_so=`, a
    first decision to complain of), or ""."""
    if request.GET.get("lan") != "2" or request.GET.get("het_han") == "1":
        return ""
    code = normalize_tracking_code(request.GET.get("ho_so", "")[:32])
    return code if TRACKING_CODE_RE.match(code) else ""


def _second_round_box(request) -> dict | None:
    """What the form says of the first case a second complaint continues: its code, and
    once this session proved it with its PIN, its decision and any second complaint
    already received about it (then no form: it is not filed twice)."""
    code = _second_round_code(request)
    if not code:
        return None
    first = _first_complaint_owned(request)
    return {
        "code": code,
        "first": first,
        "reference": first_decision_reference(first) if first is not None else "",
        "received": second_round_received_step(first) if first is not None else None,
    }


def _open_first_complaint(request):
    """The first case's PIN typed on the second complaint's form: the same check and the
    same wrong-PIN guard as the tracking page (`case_lookup`); the form then comes back
    linked and prefilled (PRG). The first case's details are shown only after this."""
    code = _second_round_code(request)
    if not code:
        raise Http404
    form = PinForm({"pin": request.POST.get("first_case_pin", "")})
    if form.is_valid():
        pin = normalize_pin(form.cleaned_data["pin"])
        try:
            case = case_lookup(
                tracking_code=code, pin=pin, client_ip=ratelimit.client_address(request)
            )
        except ratelimit.Throttled as limit:
            return _submit_page(
                request, SubmissionForm(initial=_second_round_initial(code)), status=429,
                notice=_throttled_message(limit.retry_after, limit.reason),
                headers={"Retry-After": str(limit.retry_after)},
            )
        if case is not None:
            _remember(request, TRACKED_KEY, case.tracking_code, pin)
            return HttpResponseRedirect(request.get_full_path())
    return _submit_page(
        request, SubmissionForm(initial=_second_round_initial(code)), notice=not_found_message()
    )


def _second_round_initial(code: str) -> dict:
    return {"kind": CaseKind.KHIEU_NAI, "second_time": "1", "first_decision_ref": code}


def _first_complaint_owned(request):
    """The first complaint named by the form's "Gửi khiếu nại lần hai" link (`?lan=2&ho_so=`),
    only when this session opened it with its PIN (TRACKED_KEY) and it was concluded with
    its decision; else None: a code typed by someone else links and shows nothing."""
    code = _second_round_code(request)
    pin = request.session.get(TRACKED_KEY, {}).get(code) if code else None
    first = case_for_citizen(tracking_code=code, pin=pin) if pin else None
    return first if second_round_linkable(first) else None


def _submit_throttled(request, form, limit):
    if limit.reason == "submission":  # the accepted allowance: a valid form, told why
        notice = accepted_limit_message(limit)
    else:
        notice = _throttled_message(limit.retry_after, limit.reason)
    return _submit_page(
        request,
        form,
        status=429,
        notice=notice,
        headers={"Retry-After": str(limit.retry_after)},
    )


# The same content sent again from the same session within this time is the case
# already filed (the browser's Back after the receipt brings the filled form back, with
# a new form token).
RESEND_WINDOW = datetime.timedelta(days=1)


def _already_filed(request, data):
    """The receipt of the case this session already filed with the same content in the
    last RESEND_WINDOW (the inputs the browser did not restore after Back aside), with a
    notice saying so; None when there is none."""
    fingerprint = submission_fingerprint(data)
    now = timezone.now()
    for code, submitted in reversed(list(request.session.get(SUBMITTED_KEY, {}).items())):
        if not isinstance(submitted, dict):
            continue
        if submitted.get("fingerprint") != fingerprint and not submission_is_resend(
            data, submitted.get("resend")
        ):
            continue
        try:
            at = datetime.datetime.fromisoformat(submitted["at"])
        except (KeyError, TypeError, ValueError):
            continue
        if now - at > RESEND_WINDOW:
            continue
        if case_for_citizen(tracking_code=code, pin=submitted["pin"]) is None:
            continue  # no longer opens with its PIN (a new one was issued)
        messages.info(
            request,
            _("Hồ sơ này đã được gửi lúc %(time)s, mã %(code)s. Không có hồ sơ mới nào được tạo.")
            % {"time": date_format(timezone.localtime(at), "H:i d/m/Y"), "code": code},
        )
        return HttpResponseRedirect(reverse("complaints:receipt", kwargs={"tracking_code": code}))
    return None


# How long after filing the receipt page shows the PIN again (the redirect, a reload).
RECEIPT_SHOWS_PIN = datetime.timedelta(hours=1)


@require_http_methods(["POST"])
def forget(request, tracking_code: str):
    """Đóng hồ sơ trên thiết bị này: the session no longer opens the case (a shared phone
    or computer); the code and PIN open it again."""
    code = normalize_tracking_code(tracking_code)
    _forget(request, code)
    messages.success(
        request,
        _("Hồ sơ %(code)s đã được đóng trên thiết bị này; cần mã hồ sơ và mã PIN để mở lại.")
        % {"code": code},
    )
    return HttpResponseRedirect(reverse("complaints:track_lookup"))


@never_cache
@require_GET
def receipt(request, tracking_code: str):
    """The tracking code and PIN, once more after the redirect (kept in the session,
    never in the URL)."""
    code = normalize_tracking_code(tracking_code)
    submitted = request.session.get(SUBMITTED_KEY, {}).get(code)
    case = case_for_citizen(tracking_code=code, pin=submitted["pin"]) if submitted else None
    if case is None:
        return HttpResponseRedirect(reverse("complaints:track_lookup"))
    if timezone.now() - case.received_at > RECEIPT_SHOWS_PIN:
        # The PIN is not shown again from the browser's history on a shared device.
        return HttpResponseRedirect(case.get_absolute_url())
    return render(
        request,
        "complaints/public/receipt.html",
        {
            "case": case_public_view(case=case),
            "pin": submitted["pin"],
            "warnings": submitted.get("warnings", []),
        },
    )


def _lookup_throttled(request, template, context, form, limit: ratelimit.Throttled):
    """The wait as `form`'s error: in the error summary every refusal of these pages gets
    (focused, the title saying "Lỗi:"), not a message a screen reader may pass over."""
    form.add_error(None, _throttled_message(limit.retry_after, limit.reason))
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(limit.retry_after)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def track_lookup(request):
    """Tra cứu hồ sơ: the code and PIN open the case's page for this session."""
    template = "complaints/public/track_lookup.html"
    if request.method == "GET":
        return render(request, template, {"form": TrackingLookupForm()})
    form = TrackingLookupForm(request.POST)
    if not form.is_valid():
        return render(request, template, {"form": form})
    code = normalize_tracking_code(form.cleaned_data["tracking_code"])
    if press_case_tracking(code) is not None:  # no PIN opens it: its own page says why
        return HttpResponseRedirect(reverse("complaints:track_detail", args=[code]))
    pin = normalize_pin(form.cleaned_data["pin"])
    try:
        case = case_lookup(tracking_code=code, pin=pin, client_ip=ratelimit.client_address(request))
    except ratelimit.Throttled as limit:
        return _lookup_throttled(request, template, {"form": form}, form, limit)
    if case is None:
        form.add_error(None, not_found_message())
        return render(request, template, {"form": form})
    _remember(request, TRACKED_KEY, case.tracking_code, pin)
    return HttpResponseRedirect(case.get_absolute_url())


@never_cache
@require_http_methods(["GET", "POST"])
def track_detail(request, tracking_code: str):
    """The case's status, deadlines and public timeline, live over the WebSocket.
    Opened by the PIN kept in the session, or by posting it here."""
    code = normalize_tracking_code(tracking_code)
    if not TRACKING_CODE_RE.match(code):
        raise Http404  # no case has such a code: no PIN form for it
    template = "complaints/public/track_detail.html"
    if request.method == "POST":
        press = _press_page(request, code)
        if press is not None:
            return press
        form = PinForm(request.POST)
        if not form.is_valid():
            return render(request, template, {"pin_form": form, "tracking_code": code})
        pin = normalize_pin(form.cleaned_data["pin"])
        try:
            case = case_lookup(
                tracking_code=code, pin=pin, client_ip=ratelimit.client_address(request)
            )
        except ratelimit.Throttled as limit:
            context = {"pin_form": form, "tracking_code": code}
            return _lookup_throttled(request, template, context, form, limit)
        if case is None:
            form.add_error(None, not_found_message())
            return render(request, template, {"pin_form": form, "tracking_code": code})
        _remember(request, TRACKED_KEY, case.tracking_code, pin)
        return HttpResponseRedirect(case.get_absolute_url())

    if request.GET.get("khoa"):
        return _open_by_link(request, code, request.GET["khoa"].strip()[:64])
    case, pin = _opened_case(request, code)
    if case is None:
        return _press_page(request, code) or render(
            request, template, {"pin_form": PinForm(), "tracking_code": code}
        )
    return _case_page(request, case, pin)


def _press_page(request, code: str):
    """A press case's code: what it is and where the Sở's response is published, instead of
    a PIN form no one can answer (`press_case_tracking`); None for any other code."""
    press = press_case_tracking(code)
    if press is None:
        return None
    return render(
        request,
        "complaints/public/track_detail.html",
        {"press": press, "tracking_code": code},
    )


def _live_paths(tracking_code: str, pin: str) -> dict[str, str]:
    """The tracking page's live sources: the case's WebSocket, and its API answer, which the
    page reads on each (re)connection for what happened while it had no socket
    (`tracking.js`). Both are asked in the page's language, which may be the case's and no
    cookie's (`_opened_case`); the API would otherwise follow the browser's Accept-Language."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    asked = "" if language == settings.LANGUAGE_CODE else f"&lang={language}"
    api = reverse("api:submission_detail", args=[tracking_code])
    return {
        "ws_path": f"/ws/submissions/{tracking_code}/?pin={pin}{asked}",
        "api_path": f"{api}?pin={pin}&lang={language}",
    }


def _case_page(request, case, pin, *, reply_form=None, rating_form=None, status=200):
    """The case page; with a refused reply or rating form, that form with its errors, summed
    up first in the page (track_detail.html), answered 400."""
    view = case_public_view(case=case)
    guidance = {
        "next_step": next_steps_for_citizen(case),
        "withdrawal": withdrawal_for_citizen(case),
    }
    info_request = open_info_request(case)
    if info_request is not None and reply_form is None:
        reply_form = InfoReplyForm()
    response = render(
        request,
        "complaints/public/track_detail.html",
        {
            "case": view,
            "rating_form": (rating_form or RatingForm()) if view.can_rate else None,
            "info_request": info_request,
            "reply_form": reply_form if info_request is not None else None,
            "attachment_limits": attachment_limits(),
            "notice_channels": notice_channels(case),
            "citizen_files": case_citizen_files(case=case),
            # A refused answer's files are not kept by the browser: say so in the summary.
            "files_dropped": reply_form is not None and reply_form.is_bound
            and bool(request.FILES),
            **guidance,
            **_live_paths(case.tracking_code, pin),
        },
        status=status,
    )
    add_never_cache_headers(response)  # the PIN in its live paths, the case's language
    return response


def _open_by_link(request, code: str, token: str):
    """The link sent with a re-sent PIN (`?khoa=` 128-bit secret): open the case for
    this session, then drop the secret from the address bar."""
    template = "complaints/public/track_detail.html"
    try:
        case = case_lookup(
            tracking_code=code, pin=token, client_ip=ratelimit.client_address(request)
        )
    except ratelimit.Throttled as limit:
        # Nothing typed: a form bound empty and valid, to carry the wait as its error.
        form = PinForm(data={}, empty_permitted=True, use_required_attribute=False)
        context = {"pin_form": form, "tracking_code": code}
        return _lookup_throttled(request, template, context, form, limit)
    if case is None:
        notice = _(
            "Đường liên kết này không còn dùng được (đã hết hạn hoặc đã có mã PIN mới hơn). "
            "Hãy nhập mã PIN, hoặc yêu cầu gửi lại mã PIN."
        )
        context = {"pin_form": PinForm(), "tracking_code": code, "notice": notice}
        return render(request, template, context, status=404)
    _remember(request, TRACKED_KEY, case.tracking_code, token)
    return HttpResponseRedirect(case.get_absolute_url())


@require_http_methods(["GET", "POST"])
def reply(request, tracking_code: str):
    """The citizen's answer to a request for information (text and files). A GET (the
    language switch, a reload of the page a refused answer showed) goes to the case."""
    code = normalize_tracking_code(tracking_code)
    if request.method == "GET":
        return HttpResponseRedirect(reverse("complaints:track_detail", args=[code]))
    case, pin = _opened_case(request, code)
    if case is None:
        return HttpResponseRedirect(reverse("complaints:track_detail", args=[code]))
    form = InfoReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _case_page(request, case, pin, reply_form=form, status=400)
    try:
        case_answer_info_request(
            case_id=case.pk,
            text=form.cleaned_data["text"],
            files=form.cleaned_data.get("attachments") or [],
        )
    except ReplyInvalid as invalid:
        for field, field_errors in invalid.errors.items():
            for message in field_errors:
                form.add_error(field if field in form.fields else None, message)
        return _case_page(request, case, pin, reply_form=form, status=400)
    except ReplyRefused as refused:
        messages.error(request, refused.message)
        return HttpResponseRedirect(case.get_absolute_url())
    messages.success(
        request, _("Đã gửi thông tin bổ sung. Cơ quan tiếp nhận sẽ tiếp tục xem xét hồ sơ.")
    )
    return HttpResponseRedirect(case.get_absolute_url())


@never_cache
@require_http_methods(["GET", "POST"])
def pin_resend(request):
    """Quên mã PIN: a new PIN goes to the contact on file (e-mail, SMS), never to the
    screen. The answer is the same whether the code exists or has a contact."""
    template = "complaints/public/pin_resend.html"
    initial = {"tracking_code": request.GET.get("ma", "")[:32]}
    by_sms = sms_available()  # the page promises a text message only when one can go
    if request.method == "GET":
        return render(
            request, template, {"form": PinResendForm(initial=initial), "by_sms": by_sms}
        )
    form = PinResendForm(request.POST)
    if not form.is_valid():
        return render(request, template, {"form": form, "by_sms": by_sms}, status=400)
    try:
        pin_resend_request(
            tracking_code=form.cleaned_data["tracking_code"],
            client_ip=ratelimit.client_address(request),
        )
    except ratelimit.Throttled as limit:
        return _lookup_throttled(request, template, {"form": form, "by_sms": by_sms}, form, limit)
    # No language chosen: the answer in English too, whatever the code (F19 of the English
    # walk: the page may not follow the case's language, that would tell the code exists).
    also = request.LANGUAGE_CODE == settings.LANGUAGE_CODE and not (
        PortalLocaleMiddleware.visitors_choice(request)
    )
    return render(
        request, template,
        {"form": form, "sent": True, "by_sms": by_sms, "also_in_english": also},
    )


@require_http_methods(["GET", "POST"])
def rate(request, tracking_code: str):
    """The citizen's rating of a closed case; a GET goes to the case, like `reply`."""
    code = normalize_tracking_code(tracking_code)
    if request.method == "GET":
        return HttpResponseRedirect(reverse("complaints:track_detail", args=[code]))
    case, pin = _opened_case(request, code)
    if case is None:
        return HttpResponseRedirect(reverse("complaints:track_detail", args=[code]))
    form = RatingForm(request.POST)
    if not form.is_valid():
        # The form again, its errors summed up first in the page (as a refused answer).
        return _case_page(request, case, pin, rating_form=form, status=400)
    try:
        case_rate(
            case=case,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
            actor=request.user if request.user.is_authenticated else None,
            origin="web",
        )
    except RatingInvalid as invalid:
        for field, message_list in invalid.errors.items():
            for message in message_list:
                form.add_error(field if field in form.fields else None, message)
        return _case_page(request, case, pin, rating_form=form, status=400)
    except RatingNotAllowed as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Cảm ơn bạn đã đánh giá việc giải quyết hồ sơ."))
    return HttpResponseRedirect(case.get_absolute_url())


@require_http_methods(["GET", "POST"])
def stop_notices(request, tracking_code: str):
    """"Ngừng nhận thông báo": the citizen withdraws the consent to e-mail and/or SMS
    notices of the case (Điều 10 Luật Bảo vệ dữ liệu cá nhân); opened by the PIN, like
    `rate`. A GET goes to the case."""
    code = normalize_tracking_code(tracking_code)
    page = reverse("complaints:track_detail", args=[code])
    if request.method == "GET":
        return HttpResponseRedirect(page)
    case, pin = _opened_case(request, code)
    if case is None:
        return HttpResponseRedirect(page)
    asked = request.POST.getlist("channels")
    if not asked:
        messages.error(request, _("Hãy chọn kênh bạn muốn ngừng nhận thông báo."))
        return HttpResponseRedirect(f"{page}#ngung-thong-bao")
    stopped = notices_stop(
        case=case, channels=asked, actor=request.user if request.user.is_authenticated else None
    )
    if stopped:
        names = {"email": _("thư điện tử"), "sms": _("tin nhắn SMS")}
        messages.success(
            request,
            _("Đã ngừng gửi thông báo về hồ sơ %(code)s qua %(channels)s.")
            % {
                "code": code,
                "channels": _("%(first)s và %(second)s")
                % {"first": names[stopped[0]], "second": names[stopped[1]]}
                if len(stopped) == 2
                else names[stopped[0]],
            },
        )
    return HttpResponseRedirect(case.get_absolute_url())


@require_GET
def facility_search(request):
    """`/co-so/tim/?q=` — the form's search-as-you-type: an HTML fragment, or JSON
    (`?format=json` or `Accept: application/json`)."""
    query = request.GET.get("q", "")[:100]
    facilities = facilities_matching(query)
    wants_json = request.GET.get("format") == "json" or "application/json" in request.headers.get(
        "Accept", ""
    )
    if wants_json:
        return JsonResponse(
            {
                "results": [
                    {"code": f.code, "name": f.name, "area": f.area} for f in facilities
                ]
            },
            json_dumps_params={"ensure_ascii": False},
        )
    return render(
        request,
        "complaints/public/_facility_results.html",
        {"facilities": facilities, "query": query},
    )
