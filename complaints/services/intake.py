"""Intake: a citizen's submission becomes a case (one write path for the public
form, the public API and staff who log a call or a letter).

What each kind of case requires is decided here and nowhere else (DOMAIN.md §2):
the form and the API only turn their input into `SubmissionData` and show the
errors this module returns.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from complaints import ratelimit
from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import Case, CaseEvent, Category, Facility, Reporter, RoutingRule
from complaints.notifications.sms import sms_available
from complaints.services import attachments as attachment_service
from complaints.services import deadlines as deadline_service
from complaints.services import routing, tracking
from complaints.services.reference import reference
from complaints.signals import case_created
from complaints.validation import phone_problem, text_problem
from portal.tasks import tasks_batched

# Kinds a citizen files; the press office logs `bao_chi` through its own service.
CITIZEN_KINDS = (CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.KHIEU_NAI, CaseKind.TO_CAO)
DUPLICATE_WINDOW_DAYS = 30
DUPLICATE_SIMILARITY = 0.6
REPORTER_CASES_READ = 500
MIN_CONTENT_LENGTH = 20
MAX_CONTENT_LENGTH = 20_000
IDEMPOTENCY_KEY_RE = re.compile(r"^[\x21-\x7e]{1,100}$")
# Số định danh cá nhân / CCCD (12 digits), old CMND (9 digits), or a passport number.
# A số định danh cá nhân/CCCD (12 digits), an old CMND (9), or a passport number, a foreign
# resident's (6 to 9 letters and digits, with a letter: an all-digit number stays 9 or 12).
ID_NUMBER_RE = re.compile(r"^(\d{12}|\d{9}|(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,9})$")


@dataclass(frozen=True)
class ReporterData:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    id_number: str = ""


# What a citizen may ask to be told, each a consent of its own (Luật Bảo vệ dữ liệu cá nhân
# 91/2025/QH15, Điều 9; `complaints.notifications.notifier.PURPOSE_FLAGS`).
NOTIFY_PURPOSES = ("receipt", "info_request", "decision", "reminder")


@dataclass(frozen=True)
class SubmissionData:
    """What a citizen sends, already parsed into Python types (strings trimmed by
    the service). Field names are those of the API (CONTRACT.md); errors use them
    too, with `reporter.<field>` for the reporter's."""

    kind: str
    title: str = ""
    content: str = ""
    facility: str = ""  # Facility.code
    category: str = ""  # Category.code
    incident_date: datetime.date | None = None
    reporter: ReporterData = field(default_factory=ReporterData)
    anonymous: bool = False
    consent: bool = False  # processing the data to handle the case (Luật BVDLCN Art 9)
    consent_contact: bool = False  # a separate purpose: e-mail notices
    # citizen: the SMS channel and the purposes the citizen wants news for (Art 9)
    consent_sms: bool = False
    # Absent (a client that never asked, Open311): every purpose, sent only by a channel
    # consented to above; the web form and an API call that lists them say which.
    notify_purposes: tuple[str, ...] = NOTIFY_PURPOSES
    truth_declaration: bool = False  # stands in for the signature online (DOMAIN.md §2)
    already_sent_elsewhere: str = ""
    # khiếu nại (Luật KN Arts 8, 9)
    second_time: bool = False
    decision_complained: str = ""
    decision_maker: str = ""
    decision_date: datetime.date | None = None
    first_decision_ref: str = ""
    # notices: second time (Luật KN Art 33(1)): when the first decision was received, or
    # that the first-time deadline passed with no decision and when it was accepted.
    first_decision_received_on: datetime.date | None = None
    first_deadline_passed: bool = False
    first_accepted_on: datetime.date | None = None
    # tố cáo (Luật TC Art 12(1): the accused's position decides competence)
    accused_name: str = ""
    accused_position: str = ""
    accused_is_head: bool = False


@dataclass(frozen=True)
class SubmissionResult:
    case: Case
    pin: str
    created: bool  # False when an idempotent retry returned the existing case
    warnings: tuple[str, ...] = ()


class SubmissionInvalid(Exception):
    """The submission breaks a rule; `errors` maps field names to Vietnamese messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class IdempotencyConflict(Exception):
    """The idempotency key was already used for a different submission."""


SubmissionThrottled = ratelimit.Throttled


@dataclass(frozen=True)
class KindRequirements:
    """What one kind of case asks of the citizen, with the article it comes from."""

    kind: str
    explanation: str
    requirements: str
    legal_basis: str
    anonymous_allowed: bool
    required: tuple[str, ...]
    contact_required: bool = False  # at least one of phone, e-mail, address
    truth_declaration_required: bool = False
    id_number_collected: bool = False  # data minimisation (Luật BVDLCN Art 3)


# One table, read by the service, the form and the API documentation.
KIND_REQUIREMENTS: dict[str, KindRequirements] = {
    CaseKind.PHAN_ANH: KindRequirements(
        kind=CaseKind.PHAN_ANH,
        explanation=gettext_lazy(
            "Báo cho cơ quan y tế biết một vấn đề bạn gặp hoặc thấy: chất lượng khám chữa "
            "bệnh, thái độ phục vụ, vệ sinh, thiếu thuốc, thu tiền sai…"
        ),
        requirements=gettext_lazy(
            "Có thể gửi ẩn danh. Nếu để lại thư điện tử, bạn sẽ nhận được thông báo kết quả."
        ),
        legal_basis="Luật Tiếp công dân 42/2013 Art 28(1); NĐ 154/2026",
        anonymous_allowed=True,
        required=("title", "content"),
    ),
    CaseKind.KIEN_NGHI: KindRequirements(
        kind=CaseKind.KIEN_NGHI,
        explanation=gettext_lazy(
            "Nêu một vấn đề và đề xuất cách giải quyết, cải tiến cho cơ sở y tế hoặc Sở Y tế."
        ),
        requirements=gettext_lazy(
            "Cần họ tên và ít nhất một cách liên hệ (điện thoại, thư điện tử hoặc địa chỉ) "
            "để cơ quan trả lời bạn."
        ),
        legal_basis="Luật Tiếp công dân 42/2013 Art 28(1); NĐ 154/2026",
        anonymous_allowed=False,
        required=("title", "content", "reporter.name"),
        contact_required=True,
    ),
    CaseKind.KHIEU_NAI: KindRequirements(
        kind=CaseKind.KHIEU_NAI,
        explanation=gettext_lazy(
            "Đề nghị xem xét lại một quyết định hoặc hành vi của cơ sở y tế, cán bộ y tế "
            "mà bạn cho là trái pháp luật và xâm phạm quyền, lợi ích của chính bạn."
        ),
        requirements=gettext_lazy(
            "Bắt buộc: họ tên, địa chỉ, số định danh cá nhân, quyết định hoặc hành vi bị khiếu "
            "nại, người ra quyết định, ngày quyết định (hoặc ngày bạn biết) và lời cam đoan. "
            "Thời hiệu khiếu nại là 90 ngày kể từ ngày đó. Để được thụ lý, đơn cần có chữ ký: "
            "sau khi gửi trực tuyến, hãy gửi bản đơn đã ký đến Sở hoặc đến Sở ký xác nhận."
        ),
        legal_basis="Luật Khiếu nại 02/2011/QH13 Arts 2, 8(2), 9, 11(5)",
        anonymous_allowed=False,
        required=(
            "title", "content", "facility", "reporter.name", "reporter.address",
            "reporter.id_number", "decision_complained", "decision_maker", "decision_date",
        ),
        truth_declaration_required=True,
        id_number_collected=True,
    ),
    CaseKind.TO_CAO: KindRequirements(
        kind=CaseKind.TO_CAO,
        explanation=gettext_lazy(
            "Báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của bất kỳ cán bộ, "
            "cơ sở y tế nào. Danh tính người tố cáo được giữ bí mật."
        ),
        requirements=gettext_lazy(
            "Bắt buộc: họ tên, địa chỉ, số định danh cá nhân, cách liên hệ, người bị tố cáo, "
            "chức vụ và cơ sở của họ, lời cam đoan. Để được thụ lý, đơn cần có chữ ký: sau khi "
            "gửi trực tuyến, hãy gửi bản đơn đã ký đến Sở hoặc đến Sở ký xác nhận. Không nhận tố "
            "cáo ẩn danh."
        ),
        legal_basis="Luật Tố cáo 25/2018/QH14 Arts 2, 8(3), 12(1), 23, 25",
        anonymous_allowed=False,
        required=(
            "title", "content", "facility", "reporter.name", "reporter.address",
            "reporter.id_number", "accused_name", "accused_position",
        ),
        contact_required=True,
        truth_declaration_required=True,
        id_number_collected=True,
    ),
}

_REQUIRED_MESSAGES = {
    "title": gettext_lazy("Hãy nhập tiêu đề ngắn gọn."),
    "content": gettext_lazy("Hãy mô tả nội dung sự việc."),
    "facility": gettext_lazy("Hãy chọn cơ sở y tế liên quan."),
    "reporter.name": gettext_lazy("Hãy nhập họ và tên."),
    "reporter.address": gettext_lazy("Hãy nhập địa chỉ."),
    "reporter.id_number": gettext_lazy(
        "Hãy nhập số CCCD, hoặc số hộ chiếu với người nước ngoài."
    ),
    "decision_complained": gettext_lazy("Hãy nêu quyết định hoặc hành vi bị khiếu nại."),
    "decision_maker": gettext_lazy("Hãy nêu người ra quyết định hoặc thực hiện hành vi."),
    "decision_date": gettext_lazy("Hãy nhập ngày ra quyết định hoặc ngày bạn biết về nó."),
    "first_decision_ref": gettext_lazy(
        "Khiếu nại lần hai cần số, ngày của quyết định giải quyết lần đầu."
    ),
    "first_accepted_on": gettext_lazy(
        "Hãy nhập ngày thụ lý khiếu nại lần đầu (ghi trên thông báo thụ lý; nếu không nhận "
        "được thông báo, ngày gửi đơn) để tính thời hạn giải quyết lần đầu."
    ),
    "accused_name": gettext_lazy("Hãy nêu họ tên người bị tố cáo."),
    "accused_position": gettext_lazy("Hãy nêu chức vụ, vị trí công tác của người bị tố cáo."),
}

# The longest text each field takes (read by the API schema and Open311's service definition).
MAX_LENGTHS = {
    "title": 255, "facility": 64, "category": 64, "already_sent_elsewhere": 255,
    "decision_complained": 500, "decision_maker": 255, "first_decision_ref": 255,
    "accused_name": 255, "accused_position": 255, "reporter.name": 255,
    "reporter.phone": 32, "reporter.email": 254, "reporter.address": 500,
    "reporter.id_number": 32,
}


def content_too_short_message() -> str:
    """Said by the service and, before sending, by the filing form's script."""
    return _("Nội dung quá ngắn: hãy mô tả sự việc (ít nhất %(min)d ký tự).") % {
        "min": MIN_CONTENT_LENGTH
    }


def email_invalid_message() -> str:
    """Said by the service and, before sending, by the filing form's script."""
    return _("Địa chỉ thư điện tử không hợp lệ.")


def anonymous_denunciation_message() -> str:
    """Why an anonymous tố cáo is refused, and what the citizen can do instead
    (Luật TC Art 25; DOMAIN.md §2)."""
    return _(
        "Không thể gửi tố cáo ẩn danh: theo Điều 25 Luật Tố cáo, đơn không rõ họ tên, địa chỉ "
        "người tố cáo không được xử lý như một tố cáo và không có thời hạn giải quyết theo luật. "
        "Bạn có thể gửi nội dung này dưới dạng phản ánh ẩn danh: nếu nêu rõ người vi phạm và có "
        "chứng cứ cụ thể, có thể kiểm tra được, Thanh tra Sở có thể xem xét thanh tra, kiểm tra "
        "hoặc chuyển cơ quan có thẩm quyền."
    )


def filing_period_warning(
    *, kind: str, decision_date: datetime.date | None, today: datetime.date | None = None
) -> str | None:
    """A warning when a complaint's 90-day filing period (Luật KN Art 9) looks expired.

    Not a refusal: time lost to illness, disaster or another objective obstacle is not
    counted (Art 9), and staff decide on acceptance (Art 11)."""
    if kind != CaseKind.KHIEU_NAI or decision_date is None:
        return None
    from complaints.deadlines import DeadlineError, step_due
    from complaints.services.calendar import working_calendar

    today = today or timezone.localdate()
    try:
        step = step_due(
            kind=kind, step="filing_period", start=decision_date, calendar=working_calendar()
        )
    except DeadlineError:
        return None
    if step.due_date >= today:
        return None
    return _(
        "Thời hiệu khiếu nại là 90 ngày kể từ ngày có quyết định hoặc ngày biết về hành vi "
        "(Điều 9 Luật Khiếu nại); tính từ ngày %(start)s thì đã hết vào ngày %(due)s. Nếu vì ốm "
        "đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa hoặc trở ngại khách quan khác "
        "mà bạn không khiếu nại đúng hạn, hãy nêu rõ lý do trong nội dung; nếu không, khiếu nại "
        "có thể không được thụ lý (Điều 11)."
    ) % {"start": decision_date.strftime("%d/%m/%Y"), "due": step.due_date.strftime("%d/%m/%Y")}


def _clean_text(value) -> str:
    return " ".join(str(value or "").split())


def _normalized(data: SubmissionData) -> SubmissionData:
    """Trim every text (collapse whitespace, except inside the content, whose line breaks
    are kept as one character each: a browser sends a textarea's as CR LF but counts them,
    in its `maxlength`, as one, so the 20,000 the form allows are the 20,000 accepted)."""
    reporter = ReporterData(
        name=_clean_text(data.reporter.name),
        phone=_clean_text(data.reporter.phone),
        email=_clean_text(data.reporter.email).lower(),
        address=_clean_text(data.reporter.address),
        id_number=_clean_text(data.reporter.id_number).replace(" ", "").upper(),
    )
    text_fields = {
        f.name: _clean_text(getattr(data, f.name))
        for f in dataclasses.fields(data)
        if f.type == "str" and f.name not in ("content", "kind")
    }
    return dataclasses.replace(
        data,
        kind=_clean_text(data.kind),
        content=str(data.content or "").replace("\r\n", "\n").replace("\r", "\n").strip(),
        reporter=reporter,
        notify_purposes=tuple(dict.fromkeys(data.notify_purposes)),  # once each
        **text_fields,
    )


def submission_check(data: SubmissionData, *, attachments=()) -> dict[str, list[str]]:
    """The errors `case_submit` would report for `data` (for a form that shows every
    error at once before asking to confirm a warning, or beside its own errors); of
    `attachments`, only what is found without decoding them (`attachments_precheck`)."""
    errors = submission_errors(_normalized(data))
    files = attachment_service.attachments_precheck(files=attachments)
    if files:
        errors.setdefault("attachments", []).extend(files)
    return errors


def _get(data: SubmissionData, key: str):
    if key.startswith("reporter."):
        return getattr(data.reporter, key.split(".", 1)[1])
    return getattr(data, key)


@dataclass(frozen=True)
class _References:
    """The facility and category a submission names, read once (None when not named
    or not found), and the active routing rules of the same copy."""

    facility: Facility | None
    category: Category | None
    rules: tuple[RoutingRule, ...]


def _references(data: SubmissionData) -> _References:
    """Read from the process's copy of the reference data (no query while it is current:
    `complaints.services.reference`)."""
    current = reference()
    return _References(
        facility=current.facility(data.facility) if data.facility else None,
        category=current.category(data.category) if data.category else None,
        rules=current.rules,
    )


def _required_by_every_kind() -> list[str]:
    """The fields every citizen kind requires (`KIND_REQUIREMENTS`), in the table's order."""
    kinds = [KIND_REQUIREMENTS[kind] for kind in CITIZEN_KINDS if kind in KIND_REQUIREMENTS]
    if not kinds:
        return []
    return [key for key in kinds[0].required if all(key in rules.required for rules in kinds)]


def _consent_message() -> str:
    return _(
        "Cần sự đồng ý của bạn để xử lý dữ liệu cá nhân nhằm giải quyết hồ sơ "
        "(Luật Bảo vệ dữ liệu cá nhân, Điều 9)."
    )


def submission_errors(
    data: SubmissionData,
    *,
    today: datetime.date | None = None,
    references: _References | None = None,
) -> dict[str, list[str]]:
    """Every rule the submission breaks, by field (empty when it is acceptable).
    Expects normalized data (see `case_submit`); `references`, when given, are the
    facility and category already read for it."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(key: str, message) -> None:
        errors.setdefault(key, []).append(str(message))

    for key, value in _texts(data):
        problem = text_problem(value)
        if problem:
            add(key, problem)

    if data.kind not in CITIZEN_KINDS:
        if data.kind == CaseKind.BAO_CHI:
            add(
                "kind",
                _("Thông tin báo chí do Văn phòng Sở ghi nhận, không gửi qua biểu mẫu này."),
            )
        else:
            add("kind", _("Hãy chọn loại: phản ánh, kiến nghị, khiếu nại hoặc tố cáo."))
        # What every kind requires is missing whichever kind is chosen: said at once too.
        for key in _required_by_every_kind():
            if not _get(data, key):
                add(key, _REQUIRED_MESSAGES[key])
        if not data.consent:
            add("consent", _consent_message())
        return errors
    rules = KIND_REQUIREMENTS[data.kind]
    kind_label = CaseKind(data.kind).label

    if data.anonymous and not rules.anonymous_allowed:
        if data.kind == CaseKind.TO_CAO:
            add("anonymous", anonymous_denunciation_message())
        else:
            add(
                "anonymous",
                _("Không thể gửi %(kind)s ẩn danh: hãy cho biết họ tên và cách liên hệ.")
                % {"kind": str(kind_label).lower()},
            )

    required = list(rules.required)
    if data.kind == CaseKind.KHIEU_NAI and data.second_time:
        # Without a first decision, once the first-time deadline passed (Luật KN Art 33(1)),
        # the first complaint's acceptance date stands in for the decision's reference.
        if data.first_deadline_passed and not data.first_decision_ref:
            required.append("first_accepted_on")
        else:
            required.append("first_decision_ref")
    for key in required:
        if not _get(data, key):
            add(key, _REQUIRED_MESSAGES[key])

    for key, limit in MAX_LENGTHS.items():
        value = _get(data, key)
        if value and len(value) > limit:
            add(key, _("Tối đa %(limit)d ký tự.") % {"limit": limit})
    if data.content and len(data.content) < MIN_CONTENT_LENGTH:
        add("content", content_too_short_message())
    if len(data.content) > MAX_CONTENT_LENGTH:
        add("content", _("Tối đa %(limit)d ký tự.") % {"limit": MAX_CONTENT_LENGTH})

    for key in ("incident_date", "decision_date", "first_decision_received_on",
                "first_accepted_on"):
        value = getattr(data, key)
        if value is not None and value > today:
            add(key, _("Ngày này chưa đến."))

    if data.facility or data.category:
        references = references or _references(data)
        if data.facility and references.facility is None:
            add("facility", _("Không tìm thấy cơ sở y tế này."))
        if data.category and references.category is None:
            add("category", _("Không tìm thấy lĩnh vực này."))

    reporter = data.reporter
    if reporter.email:
        try:
            validate_email(reporter.email)
        except ValidationError:
            add("reporter.email", email_invalid_message())
    if reporter.phone and (problem := phone_problem(reporter.phone)):
        add("reporter.phone", problem)
    if rules.id_number_collected and reporter.id_number and not ID_NUMBER_RE.match(
        reporter.id_number
    ):
        add(
            "reporter.id_number",
            _(
                "Số CCCD gồm 12 chữ số (số CMND cũ 9 chữ số); số hộ chiếu gồm 6 đến 9 chữ "
                "cái và chữ số."
            ),
        )
    if rules.contact_required and not (reporter.phone or reporter.email or reporter.address):
        add(
            "reporter.phone",
            _("Hãy để lại ít nhất một cách liên hệ: điện thoại, thư điện tử hoặc địa chỉ."),
        )
    if data.consent_contact and not reporter.email:
        add("reporter.email", _("Hãy nhập thư điện tử để nhận thông báo, hoặc bỏ chọn mục đó."))
    if data.consent_sms and not sms_available():
        # No gateway (SMS_BACKEND DisabledBackend): a consent to nothing is refused, not kept.
        add(
            "consent_sms",
            _(
                "Cổng hiện không gửi tin nhắn SMS: hãy bỏ chọn nhận thông báo qua tin nhắn "
                "SMS, hoặc chọn nhận qua thư điện tử."
            ),
        )
    elif data.consent_sms and not reporter.phone:
        add("reporter.phone", _("Hãy nhập số điện thoại để nhận tin nhắn, hoặc bỏ chọn mục đó."))
    unknown = [code for code in data.notify_purposes if code not in NOTIFY_PURPOSES]
    if unknown:
        add(
            "notify_purposes",
            _("Mục đích thông báo không hợp lệ: %(codes)s (chỉ dùng %(allowed)s).")
            % {"codes": ", ".join(unknown), "allowed": ", ".join(NOTIFY_PURPOSES)},
        )
    elif (data.consent_contact or data.consent_sms) and not data.notify_purposes:
        # A channel with nothing to say on it: ask rather than guess what they want.
        add(
            "notify_purposes",
            _(
                "Hãy chọn ít nhất một việc muốn được báo, hoặc bỏ chọn nhận thông báo qua "
                "thư điện tử và tin nhắn SMS."
            )
            if sms_available()
            else _(
                "Hãy chọn ít nhất một việc muốn được báo, hoặc bỏ chọn nhận thông báo qua "
                "thư điện tử."
            ),
        )

    if not data.consent:
        add("consent", _consent_message())
    if rules.truth_declaration_required and not data.truth_declaration:
        from complaints.rules.signature import signature_article

        add(
            "truth_declaration",
            _(
                "Đơn %(kind)s phải có chữ ký (%(article)s): khi gửi trực tuyến, hãy đánh dấu lời "
                "cam đoan để hồ sơ được tiếp nhận; để thụ lý, Sở sẽ cần bản đơn có chữ ký của bạn."
            )
            % {"kind": str(kind_label).lower(), "article": signature_article(data.kind)},
        )
    return errors


def _texts(data: SubmissionData):
    """(field, text) of every text of a submission, reporter's as `reporter.<field>`."""
    for item in dataclasses.fields(data):
        value = getattr(data, item.name)
        if isinstance(value, str):
            yield item.name, value
    for item in dataclasses.fields(data.reporter):
        yield f"reporter.{item.name}", getattr(data.reporter, item.name)


def _fingerprint(data: SubmissionData) -> str:
    payload = json.dumps(dataclasses.asdict(data), sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", stripped))


def find_possible_duplicate(
    *, data: SubmissionData, facility: Facility | None, at: datetime.datetime
) -> Case | None:
    """The most similar recent case by the same reporter about the same facility.

    Same reporter: same e-mail, phone or ID number. Flagged for staff, never
    refused: only staff may file a duplicate (NĐ 154/2026 Art 4(1)(h))."""
    reporter = data.reporter
    identities = {}
    if reporter.email:
        identities["email__iexact"] = reporter.email
    if reporter.phone:
        identities["phone"] = reporter.phone
    if reporter.id_number:
        identities["id_number"] = reporter.id_number
    if facility is None or not identities:
        return None
    from django.db.models import Q

    same_reporter = Q()
    for lookup, value in identities.items():
        same_reporter |= Q(**{lookup: value})
    # The reporter's cases first, then the recent ones about the facility among them: two
    # short statements, and only the first for a citizen's first case. The join of cases and
    # reporters it replaces cost PostgreSQL 0.3–0.5 ms of CPU on every submission, mostly to
    # plan it (the case table has 30 indexes to weigh), against 0.07–0.09 ms now, and this
    # function's Python 0.9–1.1 ms against 0.5 (docs/benchmarks.md, "Public intake", eleventh
    # round). Only the reporter's newest REPORTER_CASES_READ cases are read: a duplicate goes
    # unflagged only for a filer with more cases than that since it was filed.
    case_ids = list(
        Reporter.objects.filter(same_reporter)
        .order_by("-case_id")
        .values_list("case_id", flat=True)[:REPORTER_CASES_READ]
    )
    if not case_ids:
        return None
    candidates = (
        Case.objects.filter(pk__in=case_ids, facility=facility)
        .filter(received_at__gte=at - datetime.timedelta(days=DUPLICATE_WINDOW_DAYS))
        .only("id", "title", "content", "tracking_code")
        .order_by("-received_at")[:20]
    )
    text = _plain(f"{data.title} {data.content}")
    best, best_ratio = None, DUPLICATE_SIMILARITY
    for candidate in candidates:
        matcher = difflib.SequenceMatcher(
            None, text, _plain(f"{candidate.title} {candidate.content}"), autojunk=False
        )
        if matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best


def submission_warning(data: SubmissionData, *, today: datetime.date | None = None) -> str | None:
    """The filing-period warning for a submission: the 90 days of Luật KN Art 9 for a first
    complaint; for a second one, its 30-day window or that it comes too early (Art 33(1),
    `complaints.services.second_time`)."""
    if data.kind == CaseKind.KHIEU_NAI and data.second_time:
        from complaints.services.second_time import second_time_check

        return second_time_check(
            first_decision_ref=data.first_decision_ref,
            first_decision_received_on=data.first_decision_received_on,
            first_deadline_passed=data.first_deadline_passed,
            first_accepted_on=data.first_accepted_on,
            today=today,
        ).message
    return filing_period_warning(kind=data.kind, decision_date=data.decision_date, today=today)


def _warnings(
    data: SubmissionData, *, received_at: datetime.datetime | None = None
) -> tuple[str, ...]:
    """The submission's warnings, counted to the day the Sở received it: a letter recorded
    later was filed in time if it arrived within the period (Điều 9 Luật Khiếu nại: the
    complaint is made within 90 days; the day it reaches the agency counts, not the day staff
    type it in)."""
    received_on = timezone.localdate(received_at) if received_at else None
    warning = submission_warning(data, today=received_on)
    return (warning,) if warning else ()


def _origin(channel: str) -> str:
    return channel if channel in (Channel.WEB, Channel.API) else "staff"


def submission_refused(client_ip: str | None, *, partner=None) -> None:
    """Count one refused submission against the "submission_refused" limit
    (`SubmissionThrottled` past it); never against the accepted "submission" one.
    `case_submit` counts those it refuses; a caller that refuses a submission before
    the service (a form's unreadable date, an API body that does not parse) calls this.
    A partner system's refusals count against the partner, not its address: its
    mistakes do not close the address to the citizens behind it, nor theirs to it."""
    counted = refused_counted_by(client_ip, partner=partner)
    if counted:
        ratelimit.SUBMISSION_REFUSED.hit(counted)


def refused_counted_by(client_ip: str | None, *, partner=None) -> str | None:
    """What the "submission_refused" limit counts: the partner whose key filed, or the
    client's address."""
    return f"partner:{partner.pk}" if partner is not None else client_ip


def _accepted_limit(*, client_ip: str | None, partner) -> tuple[ratelimit.RateLimit, str | None]:
    """The limit an accepted submission counts against, and what it counts: a partner
    system's own quota ("partner_submission", by partner: it forwards many citizens'
    cases from one address), anyone else's address ("submission")."""
    if partner is not None:
        return ratelimit.PARTNER_SUBMISSION, f"partner:{partner.pk}"
    return ratelimit.SUBMISSION, client_ip


def _accepted_limit_check(*, limit, counted: str, attachments, client_ip, partner) -> None:
    """`Throttled` when `counted` has spent its accepted allowance; checked once the
    fields are acceptable, and before the files are decoded, so a spent address costs
    no decoding. A file refused without decoding it (type, size, count) is still the
    citizen's to correct: `SubmissionInvalid`, as for an address within its allowance."""
    try:
        limit.check(counted)
    except ratelimit.Throttled:
        files = attachment_service.attachments_precheck(files=attachments)
        if files:
            submission_refused(client_ip, partner=partner)
            raise SubmissionInvalid({"attachments": files}) from None
        raise


def accepted_limit_message(limit: ratelimit.Throttled) -> str:
    """What an address that spent its accepted allowance ("submission") is told, the form
    and the API alike: how many cases it sent in how long, when to send the next, and
    what a commune health station or a one-stop desk filing for many people can do; a
    partner system past its own quota ("partner") is told that quota, not an address's."""
    count = limit.allowed or 0
    minutes = max(1, ((limit.period or 0) + 59) // 60)
    wait = max(1, (limit.retry_after + 59) // 60)
    if limit.reason == "partner":  # a partner system's own quota, counted by its key
        return ngettext(
            "Hệ thống đối tác này đã gửi %(count)d hồ sơ trong %(minutes)d phút vừa qua, hết "
            "hạn mức của mình. Hãy gửi hồ sơ tiếp theo sau khoảng %(wait)d phút; nếu cần hạn "
            "mức lớn hơn, hãy đề nghị Sở Y tế điều chỉnh.",
            "Hệ thống đối tác này đã gửi %(count)d hồ sơ trong %(minutes)d phút vừa qua, hết "
            "hạn mức của mình. Hãy gửi hồ sơ tiếp theo sau khoảng %(wait)d phút; nếu cần hạn "
            "mức lớn hơn, hãy đề nghị Sở Y tế điều chỉnh.",
            wait,
        ) % {"count": count, "minutes": minutes, "wait": wait}
    hotline = (getattr(settings, "PORTAL_HOTLINE", "") or "").strip()
    wait_sentence = ngettext(
        "Địa chỉ mạng này đã gửi %(count)d hồ sơ trong %(minutes)d phút vừa qua. Để chống "
        "gửi tràn, hãy gửi hồ sơ tiếp theo sau khoảng %(wait)d phút.",
        "Địa chỉ mạng này đã gửi %(count)d hồ sơ trong %(minutes)d phút vừa qua. Để chống "
        "gửi tràn, hãy gửi hồ sơ tiếp theo sau khoảng %(wait)d phút.",
        wait,
    ) % {"count": count, "minutes": minutes, "wait": wait}
    if hotline:
        helper_sentence = _(
            "Nếu bạn gửi giúp nhiều người (trạm y tế, bộ phận một cửa), hãy gọi đường dây "
            "nóng %(hotline)s để cán bộ ghi nhận hồ sơ qua điện thoại."
        ) % {"hotline": hotline}
    else:
        helper_sentence = _(
            "Nếu bạn gửi giúp nhiều người (trạm y tế, bộ phận một cửa), hãy liên hệ Sở Y tế "
            "để cán bộ ghi nhận hồ sơ."
        )
    return f"{wait_sentence} {helper_sentence}"


def submission_fingerprint(data: SubmissionData) -> str:
    """What identifies a submission's content (its attachments aside), as stored with the
    case for its idempotency key: the same content sent again has the same fingerprint."""
    return _fingerprint(_normalized(data))


# Inputs a browser may not put back when the citizen goes Back to a form already sent: it
# restores no input marked autocomplete="off" (the CCCD: no autofill of an identity number
# on a shared computer). A form sent again after Back may lack them and still be the
# submission already filed (`submission_is_resend`).
BROWSER_UNRESTORED = (
    "incident_date", "decision_date", "first_decision_received_on", "first_accepted_on",
    "reporter.id_number",
)


def _unrestored_value(data: SubmissionData, name: str):
    holder, _dot, attribute = name.rpartition(".")
    return getattr(data.reporter if holder else data, attribute)


def submission_resend_marks(data: SubmissionData) -> dict:
    """What the form's session keeps of a filed submission to know it again after the
    browser's Back (`submission_is_resend`): the fingerprint of everything but the
    `BROWSER_UNRESTORED` inputs, and a keyed digest of each of those that was filled in
    (never the values: the CCCD stays out of the session)."""
    from django.utils.crypto import salted_hmac

    normalized = _normalized(data)
    blank = dataclasses.replace(
        normalized,
        reporter=dataclasses.replace(normalized.reporter, id_number=""),
        **{name: None for name in BROWSER_UNRESTORED if "." not in name},
    )
    kept = {}
    for name in BROWSER_UNRESTORED:
        value = _unrestored_value(normalized, name)
        if value:
            kept[name] = salted_hmac("complaints.intake.resend", f"{name}={value}").hexdigest()
    return {"core": _fingerprint(blank), "kept": kept}


def submission_is_resend(data: SubmissionData, marks: dict) -> bool:
    """Whether `data` is the submission `marks` describe sent again from a form the browser
    restored: every other field the same, and each `BROWSER_UNRESTORED` input either the
    same or left empty (lost by the browser, not changed by the citizen)."""
    if not isinstance(marks, dict) or not isinstance(marks.get("kept"), dict):
        return False
    again = submission_resend_marks(data)
    if again["core"] != marks.get("core"):
        return False
    return all(
        name not in again["kept"] or again["kept"][name] == marks["kept"].get(name)
        for name in BROWSER_UNRESTORED
    )


def case_submit(
    *,
    data: SubmissionData,
    attachments=(),
    channel: str,
    idempotency_key: str | None = None,
    client_ip: str | None = None,
    actor=None,
    received_at: datetime.datetime | None = None,
    partner=None,
    second_time_of: Case | None = None,
) -> SubmissionResult:
    """File a case from a submission, or return the case a retry already filed.

    `second_time_of` is the first complaint a second-time complaint is about, only when
    the caller proved the filer owns it (the tracking page's PIN in their session): a
    second-time khiếu nại is then linked to it when it was concluded with its decision
    (complaints/services/second_round.py), and flagged as a possible duplicate of the
    second-time complaint it already has, if any. The check that none stands is made again
    in the write transaction with the first case's row locked (`_second_round_lock`): two
    filings at once link one, the other is refused.

    `partner` (a Partner, channel `api`) is the partner system whose key filed it: the
    case is attributed to it, and its idempotency keys are its own (issue 15).

    `received_at` is when the Sở received a letter, a call or a visit that staff
    record later (channels hotline, in_person, mail only): the deadlines count from
    it (BLDS Art 147: from the day after the event), not from the day it was typed in.

    Guarantees:
    - validation of every kind's requirements (DOMAIN.md §2) and of every attachment
      happens before anything is written; on any error nothing is saved and
      `SubmissionInvalid` lists the messages by field;
    - one transaction stores the case, its reporter (consent per purpose recorded),
      its attachments, the public "received" event, its routing decision and its
      deadlines; the case is inserted once, already routed and scheduled (one history
      row); its number comes from `TrackingSequence` just before (a failed submission
      leaves a gap, never a duplicate; a returned code is always committed);
    - the same `idempotency_key` on the same channel returns the same case and PIN
      (`created=False`); with a different submission it raises `IdempotencyConflict`;
    - `client_ip` is held to two rate limits (raising `SubmissionThrottled`): "submission"
      (for a `partner`, its own "partner_submission" quota instead, counted by partner)
      counts accepted submissions only, atomically after every check passed and just
      before the write (40 concurrent valid posts get 5 through, not 40; a submission
      refused by validation costs nothing against it, and is told its errors even from
      an address past the limit); it is checked (without counting) once the fields and
      the files' cheap checks pass, before any file is decoded. "submission_refused",
      much looser, counts the refused ones, so probing the rules is not free; it is
      checked (without counting) before any work;
    - texts carrying NUL, lone surrogates, control or bidi-override characters, or only
      invisible characters, are refused by field (`complaints.validation`);
    - a likely duplicate is flagged in `possible_duplicate_of`, not refused;
    - `case_created` is sent in the transaction; what its receivers queue is one task,
      queued with the case (`portal.tasks.tasks_batched`: on the database queue, its row is
      written in the same transaction); the live update and counters follow the commit.
    """
    data = _normalized(data)
    key = None
    if idempotency_key is not None:
        if not IDEMPOTENCY_KEY_RE.match(idempotency_key):
            submission_refused(client_ip, partner=partner)
            raise SubmissionInvalid(
                {"idempotency_key": [_("Idempotency-Key: 1–100 ký tự ASCII in được.")]}
            )
        key = f"{channel}:{idempotency_key}"
        if partner is not None:
            key = f"{channel}:p{partner.pk}:{idempotency_key}"
    fingerprint = _fingerprint(data)

    if key is not None:
        replay = _replay(key=key, fingerprint=fingerprint, idempotency_key=idempotency_key)
        if replay is not None:
            warnings = _warnings(data, received_at=received_at)
            return dataclasses.replace(replay, warnings=warnings)

    # An address that spent its allowance of refused submissions is answered before any
    # work (a retry with the same key returned above and costs nothing); checking counts
    # nothing. The accepted allowance is met only by a submission that would be accepted.
    accepted_limit, accepted_by = _accepted_limit(client_ip=client_ip, partner=partner)
    refused_by = refused_counted_by(client_ip, partner=partner)
    if refused_by:
        ratelimit.SUBMISSION_REFUSED.check(refused_by)

    # The cheap fields first: attachments (decoding images, parsing PDFs) are
    # processed only for a submission that is otherwise acceptable. A refused
    # submission counts against the looser "submission_refused" limit only.
    references = _references(data)
    errors = submission_errors(data, references=references)
    received_error = _received_at_error(received_at, channel=channel, actor=actor)
    if received_error:
        errors.setdefault("received_at", []).append(received_error)
    standing = _second_round_standing(data, second_time_of)
    if standing:
        errors.setdefault("second_time", []).append(standing)
    if errors:
        # What is wrong with the files too, when it shows without decoding them: the
        # citizen corrects everything in one round.
        files = attachment_service.attachments_precheck(files=attachments)
        if files:
            errors["attachments"] = files
        submission_refused(client_ip, partner=partner)
        raise SubmissionInvalid(errors)
    if accepted_by:
        _accepted_limit_check(
            limit=accepted_limit, counted=accepted_by, attachments=attachments,
            client_ip=client_ip, partner=partner,
        )
    try:
        cleaned = attachment_service.attachments_clean(files=attachments)
    except attachment_service.AttachmentsInvalid as invalid:
        submission_refused(client_ip, partner=partner)
        raise SubmissionInvalid({"attachments": list(invalid.messages)}) from None

    # Accepted: counted atomically now, just before the write, so concurrent posts
    # cannot exceed the limit (40 concurrent valid posts get 5 through, not 40).
    if accepted_by:
        accepted_limit.hit(accepted_by)

    # Reads and decisions happen before the write transaction, which holds the
    # database's write lock on SQLite (IMMEDIATE): the duplicate check, the routing
    # (rules and units), the deadlines (calendar), and the tracking number, allocated
    # in its own statement so no submission waits on another's commit for it (a failed
    # submission leaves a gap in the numbering, never a duplicate code).
    now = received_at or timezone.now()
    duplicate = find_possible_duplicate(data=data, facility=references.facility, at=now)
    case = _new_case(
        data=data, channel=channel, key=key, fingerprint=fingerprint, actor=actor,
        facility=references.facility, category=references.category, duplicate=duplicate,
        now=now,
    )
    case.partner = partner
    if second_time_of is not None:
        _link_second_time(case, second_time_of)
    route = routing.route_plan(case=case, rules=references.rules)
    routing.route_plan_apply(case=case, plan=route)
    schedule = deadline_service.case_schedule(case=case)
    deadline_service.schedule_apply(case=case, schedule=schedule)
    code = tracking.tracking_code_allocate(at=timezone.now())  # numbered when registered
    pin = tracking.pin_generate(tracking_code=code, idempotency_key=idempotency_key)
    case.tracking_code = code
    case.pin_hash = tracking.pin_hash(tracking_code=code, pin=pin)

    stored = []
    try:
        with transaction.atomic():
            if second_time_of is not None:
                _second_round_lock(case, data, second_time_of)
            stored = _create(
                case=case, data=data, cleaned=cleaned, channel=channel, actor=actor,
                route=route, schedule=schedule,
            )
    except (IntegrityError, SubmissionInvalid):
        # A concurrent request with the same key won the race: its unique key (IntegrityError),
        # or, for a second-time complaint, the first case's lock (`_second_round_lock`), whose
        # check then finds that request's case standing. The same request gets its case back.
        attachment_service.attachments_discard(stored)
        if key is not None:
            replay = _replay(key=key, fingerprint=fingerprint, idempotency_key=idempotency_key)
            if replay is not None:
                warnings = _warnings(data, received_at=received_at)
                return dataclasses.replace(replay, warnings=warnings)
        raise
    except BaseException:
        attachment_service.attachments_discard(stored)
        raise

    warnings = _warnings(data, received_at=received_at)
    return SubmissionResult(case=case, pin=pin, created=True, warnings=warnings)


# A letter, call or visit recorded by staff may have reached the Sở earlier.
STAFF_CHANNELS = frozenset({Channel.HOTLINE, Channel.IN_PERSON, Channel.MAIL})
MAX_RECORDING_DELAY = datetime.timedelta(days=365)


def _received_at_error(received_at, *, channel: str, actor) -> str | None:
    if received_at is None:
        return None
    if channel not in STAFF_CHANNELS or not getattr(actor, "is_authenticated", False):
        return _("Chỉ cán bộ ghi nhận đơn thư, cuộc gọi mới được nhập ngày tiếp nhận.")
    now = timezone.now()
    if received_at > now:
        return _("Ngày tiếp nhận không được ở tương lai.")
    if received_at < now - MAX_RECORDING_DELAY:
        return _("Ngày tiếp nhận quá một năm trước: kiểm tra lại.")
    return None


def _replay(*, key: str, fingerprint: str, idempotency_key: str) -> SubmissionResult | None:
    # Nearly every key is new: two columns off the key's unique index (no ORDER BY, as
    # `unique_or_none`), and the whole case only for a retry.
    found = (
        Case.objects.filter(idempotency_key=key)
        .order_by()
        .values_list("pk", "request_fingerprint")[:1]
    )
    if not found:
        return None
    pk, stored_fingerprint = found[0]
    if stored_fingerprint != fingerprint:
        raise IdempotencyConflict(key)
    existing = Case.objects.get(pk=pk)
    pin = tracking.pin_generate(
        tracking_code=existing.tracking_code, idempotency_key=idempotency_key
    )
    return SubmissionResult(case=existing, pin=pin, created=False)


def _new_case(
    *, data, channel, key, fingerprint, actor, facility, category, duplicate, now
) -> Case:
    """The case to insert, not yet numbered, routed or scheduled."""
    rules = KIND_REQUIREMENTS[data.kind]
    case = Case(
        kind=data.kind,
        channel=channel,
        status=CaseStatus.RECEIVED,
        title=data.title,
        content=data.content,
        incident_date=data.incident_date,
        facility=facility,
        category=category,
        anonymous=bool(data.anonymous and rules.anonymous_allowed),
        already_sent_elsewhere=data.already_sent_elsewhere,
        received_at=now,
        idempotency_key=key,
        request_fingerprint=fingerprint,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        possible_duplicate_of=duplicate,
    )
    if data.kind == CaseKind.KHIEU_NAI:
        case.second_time = data.second_time
        case.decision_complained = data.decision_complained
        case.decision_maker = data.decision_maker
        case.decision_date = data.decision_date
        case.first_decision_ref = data.first_decision_ref if data.second_time else ""
        if data.second_time:  # notices: Luật KN Art 33(1)
            case.first_decision_received_on = data.first_decision_received_on
            case.first_deadline_passed = data.first_deadline_passed
            case.first_accepted_on = data.first_accepted_on
    if data.kind in (CaseKind.TO_CAO, CaseKind.PHAN_ANH):
        # An anonymous phản ánh naming a violator may become a tip for inspection
        # (Luật TC Art 25): keep whom it names.
        case.accused_name = data.accused_name
        case.accused_position = data.accused_position
    if data.kind == CaseKind.TO_CAO:
        case.accused_is_head = data.accused_is_head
    return case


def _second_round_standing(data: SubmissionData, first: Case | None) -> str:
    """Why a second-time complaint about its filer's own `first` case is not filed: one is
    already received and stands (being resolved, or decided: khoản 7 Điều 11 Luật Khiếu
    nại), named by its code and day; "" otherwise. One refused or withdrawn gives the right
    back (khoản 7, 8 Điều 11): `second_round_received` passes over it."""
    from complaints.rules.citizen_guidance import second_round_received_step
    from complaints.services.second_round import second_round_linkable

    if first is None or not data.second_time or data.kind != CaseKind.KHIEU_NAI:
        return ""
    if not second_round_linkable(first):
        return ""
    step = second_round_received_step(first)
    return step.text if step is not None else ""


def _second_round_lock(case: Case, data: SubmissionData, first: Case) -> None:
    """Inside the write transaction: lock `first`'s row (`select_for_update`, as a staff
    transition on it does: `escalate` waits too) and check again that no second-time
    complaint stands for it, so two filings at once (a double click, two tabs, an API
    retry with a new key) are not both linked: the second waits for the first's commit and
    is refused with the message `_second_round_standing` gives. On SQLite the transaction
    already holds the database's write lock (IMMEDIATE), so the check reads what committed."""
    from complaints.services.second_round import second_round_linkable, second_round_of

    if not (data.kind == CaseKind.KHIEU_NAI and data.second_time):
        return
    locked = Case.objects.select_for_update().get(pk=first.pk)
    standing = _second_round_standing(data, locked)
    if standing:
        raise SubmissionInvalid({"second_time": [standing]})
    if case.parent_case_id == first.pk and second_round_linkable(locked):
        # One that ended undecided meanwhile (refused, withdrawn): flagged as before.
        case.possible_duplicate_of = second_round_of(locked) or case.possible_duplicate_of


def _link_second_time(case: Case, first: Case) -> None:
    """A second-time khiếu nại linked to the first case its filer owns (DOMAIN.md §3), by
    the one linking code staff's escalation uses; another second-time complaint on the same
    first case is refused while it stands (`_second_round_standing`), flagged for staff once
    it ended undecided."""
    from complaints.services.second_round import (
        second_round_link,
        second_round_linkable,
        second_round_of,
    )

    if not (case.kind == CaseKind.KHIEU_NAI and case.second_time):
        return
    if not second_round_linkable(first):
        return
    second_round_link(case, first)
    case.possible_duplicate_of = second_round_of(first) or case.possible_duplicate_of


def filing_language(channel: str) -> str:
    """The language the citizen is written to: the one they filed in on the portal or
    through the API (the request's: the language switch, `?lang=`, or the API call's
    Accept-Language); Vietnamese for what staff record from a letter, a call or a visit."""
    if channel not in (Channel.WEB, Channel.API):
        return settings.LANGUAGE_CODE
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def _create(*, case, data, cleaned, channel, actor, route, schedule) -> list:
    """Write a numbered, routed and scheduled case with everything that goes with it
    (inside the caller's transaction); return the stored attachment files."""
    now = case.received_at
    origin = _origin(channel)
    rules = KIND_REQUIREMENTS[data.kind]
    anonymous = case.anonymous

    _with_history(case, actor=actor, origin=origin)
    case.save()  # one insert and one history row, already routed and scheduled

    reporter = data.reporter
    by_email = bool(data.consent_contact and reporter.email)
    by_sms = bool(data.consent_sms and reporter.phone)
    # A purpose is agreed to only with a channel to tell it by: none without one.
    purposes = data.notify_purposes if by_email or by_sms else ()
    reporter_row = Reporter(
        case=case,
        # An anonymous phản ánh keeps no identity: only the e-mail of a citizen who
        # asked for news of the case stays (collect only what the purpose needs,
        # Luật BVDLCN 91/2025 Art 3).
        name="" if anonymous else reporter.name,
        address="" if anonymous else reporter.address,
        id_number=reporter.id_number if rules.id_number_collected and not anonymous else "",
        phone=reporter.phone if not anonymous or data.consent_sms else "",
        email=reporter.email if not anonymous or data.consent_contact else "",
        consent_processing=data.consent,
        consent_contact=by_email,
        consent_sms=by_sms,
        notify_receipt="receipt" in purposes,
        notify_info_request="info_request" in purposes,
        notify_decision="decision" in purposes,
        notify_reminders="reminder" in purposes,
        consent_recorded_at=now,
        truth_declaration=data.truth_declaration,
        language=filing_language(channel),
    )
    _with_history(reporter_row, actor=actor, origin=origin)
    reporter_row.save()

    stored = attachment_service.attachments_store(case=case, cleaned=cleaned)
    try:
        with translation.override("vi"):
            message = _("Hồ sơ đã được tiếp nhận, mã hồ sơ %(code)s.") % {
                "code": case.tracking_code
            }
        event = CaseEvent.objects.create(
            case=case,
            action="received",
            from_status="",
            to_status=CaseStatus.RECEIVED,
            actor=case.created_by,
            at=now,
            is_public=True,
            public_message=message,
            # notices: the filing-period warning staff see with the received event
            # (a premature second complaint is recognised here, Luật KN Art 33(1)).
            data={
                "channel": channel,
                "origin": origin,
                "warnings": list(_warnings(data, received_at=now)),
            },
        )
        routing.route_plan_record(case=case, plan=route, actor=actor)
        deadline_service.case_deadlines_create(
            case=case, schedule=schedule, actor=actor, origin=origin
        )
        # `case_created`, in the transaction: the background work its receivers queue (the
        # citizen's receipt, the unit's alert and e-mail, a partner's webhook) is ONE queued
        # task, whose row on the database queue commits with the case (portal.tasks); the
        # live update and the dashboard counters wait for the commit.
        with tasks_batched():
            case_created.send(sender=Case, case=case, event=event)
    except BaseException:
        attachment_service.attachments_discard(stored)
        raise
    return stored


def _with_history(instance, *, actor, origin: str) -> None:
    instance._history_user = actor if getattr(actor, "is_authenticated", False) else None
    instance._change_reason = f"origin={origin} action=case_submit"
