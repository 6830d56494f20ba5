"""The staff API of CONTRACT.md: list, read and act on the cases in the caller's scope.

- `GET /api/v1/cases?…` — the cases in scope, filtered and paginated (a bounded
  number of queries whatever the page size);
- `GET /api/v1/cases/{tracking_code}` — one case; 404 outside the scope;
- `POST /api/v1/cases/{tracking_code}/actions/{action}` — one workflow action through
  `case_transition`: 200 with the case, 400 `{"errors": …}`, 403 when the case is
  outside the caller's scope or the role may not take the action, 404 for an action
  that does not exist, 409 when the workflow forbids it now.

The reporter appears only through `reporter_for` (redacted unless allowed; a
denouncer's view is logged)."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Body, Field, Header, Query, Router, Schema, Status
from pydantic import field_validator

from complaints.api.auth import staff_auth
from complaints.api.json import BadRequest
from complaints.api.pagination import paginate
from complaints.api.schemas import DetailOut, ErrorsOut, _error, described, page_of
from complaints.case_search import case_facets, staff_case_search
from complaints.citations import citation_read
from complaints.documents.services import signed_required
from complaints.kinds import CaseKind, CaseStatus, public_status
from complaints.models import Case, CaseDeadline, CaseEvent, Category, Facility
from complaints.rules.verification_team import team_members
from complaints.selectors.dashboard import due_soon_horizon
from complaints.selectors.identity import API, reporter_for
from complaints.selectors.related import case_links
from complaints.services.calendar import working_calendar
from complaints.services.confidential_text import redacted, text_reader
from complaints.services.intake import IdempotencyConflict
from complaints.services.tracking import normalize_tracking_code
from complaints.services.workflow import (
    TransitionInvalid,
    TransitionNotAllowed,
    UnknownAction,
    case_id_of_retry,
    case_transition,
)
from complaints.transitions import allowed_actions
from portal.timestamps import instants_as_rfc3339, iso_value

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
TRUE = {"1", "true", "yes", "on"}

router = Router(tags=["cases"], auth=staff_auth)


# A date-time as RFC 3339 in UTC to the second, a day as YYYY-MM-DD (docs/api.md).
_iso = iso_value


def _unit(facility: Facility | None):
    return {"code": facility.code, "name": facility.name} if facility else None


def case_summary(case: Case) -> dict:
    """The fields of a case in lists (no content, no reporter); a tố cáo's title with the
    denouncer's identity redacted, as in the workspace's list (`admin.rows.list_rows`)."""
    return {
        "tracking_code": case.tracking_code,
        "url": reverse("api:case_detail", kwargs={"tracking_code": case.tracking_code}),
        "kind": case.kind,
        "kind_label": case.get_kind_display(),
        "channel": case.channel,
        "status": case.status,
        "status_label": case.get_status_display(),
        "public_status": public_status(case.status),
        "title": redacted(case.title, case=case),
        "facility": _unit(case.facility),
        "category": (
            {"code": case.category.code, "name": case.category.name} if case.category else None
        ),
        "assigned_unit": _unit(case.assigned_unit),
        "assigned_user": case.assigned_user.get_username() if case.assigned_user else None,
        "received_at": _iso(case.received_at),
        "accept_by": _iso(case.accept_by),
        "resolve_by": _iso(case.resolve_by),
    }


def case_body(case: Case, *, user) -> dict:
    """Everything staff in scope may read about one case; a denunciation's title and
    content with the denouncer's identity redacted unless the caller may see it, and
    what staff wrote of its dialogues read the same way."""
    read = text_reader(case, user=user)  # the case page's rule (`readable_text`)
    body = case_summary(case)
    body.update(
        title=read(case.title),
        content=read(case.content),
        incident_date=_iso(case.incident_date),
        anonymous=case.anonymous,
        # The citizen's other texts and where staff forwarded it, read as its content.
        already_sent_elsewhere=read(case.already_sent_elsewhere),
        forwarded_to=read(case.forwarded_to),
        second_time=case.second_time,
        decision_complained=case.decision_complained,
        decision_maker=case.decision_maker,
        decision_date=_iso(case.decision_date),
        first_decision_ref=case.first_decision_ref,
        accused_name=case.accused_name,
        accused_position=case.accused_position,
        accused_is_head=case.accused_is_head,
        press_outlet=case.press_outlet,
        press_article_title=case.press_article_title,
        press_article_url=case.press_article_url,
        press_published_on=_iso(case.press_published_on),
        press_finding=case.press_finding,
        # A complaint's or denunciation's finding (complaints/rules/decision.py)
        finding=case.finding,
        finding_label=case.finding_label(),
        is_complex=case.is_complex,
        is_very_complex=case.is_very_complex,
        is_remote=case.is_remote,
        extensions_used=case.extensions_used,
        # The verification period the step set (complaints/rules/verification.py).
        verification_days=case.verification_days,
        verification_until=_iso(case.verification_until),
        # The team the step formed, the leader first (complaints/rules/verification_team.py).
        verification_team=[
            {"name": m.name, "position": m.position, "leader": m.leader}
            for m in team_members(case.verification_team)
        ],
        # The day its result was reported (complaints/rules/verification_report.py).
        verification_reported_on=_iso(case.verification_reported_on),
        accepted_at=_iso(case.accepted_at),
        concluded_at=_iso(case.concluded_at),
        closed_at=_iso(case.closed_at),
        # What staff wrote, read as the title and content are (`text_reader`).
        conclusion=read(case.conclusion),
        public_answer=read(case.public_answer),
        rejection_reason=read(case.rejection_reason),
        rejection_legal_ground=case.rejection_legal_ground,
        # Links through the reporter: never from a denunciation to an identity.
        **case_links(case=case, user=user)._asdict(),
        reporter=reporter_for(case=case, user=user, purpose=API).as_dict(),
        deadlines=[
            {
                "step": row.step,
                "due": _iso(row.due),
                "due_at": _iso(row.due_at),
                "counted_in": row.counted_in,
                "amount": row.amount,
                "counted_from": _iso(row.counted_from),
                # Read as the client's language writes it ("khoản 1 Điều 16 Nghị định
                # 124/2020/NĐ-CP"; "Article 16(1) of Decree 124/2020/ND-CP" in English), as on
                # every page, not the table's compact form.
                "legal_basis": citation_read(row.legal_basis),
                "rule_version": row.rule_version,
                "unconfirmed": row.unconfirmed,
                "settled_at": _iso(row.settled_at),
            }
            for row in CaseDeadline.objects.filter(case=case, superseded_at__isnull=True)
        ],
        events=[
            {
                "action": event.action,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "at": _iso(event.at),
                "actor": event.actor.get_username() if event.actor else None,
                "public": event.is_public,
                "message": read(event.public_message),
                "note": read(event.note),
            }
            for event in CaseEvent.objects.filter(case=case).select_related("actor")
        ],
        dialogues=[_dialogue(meeting, read) for meeting in case.dialogues.all()],
        allowed_actions=[
            {
                "action": t.action,
                "label": str(t.label),
                "required_fields": list(t.required_fields),
                "optional_fields": list(t.optional_fields),
                "public": t.public_for(case.kind),
                "legal_basis": t.basis_of(case),
            }
            for t in allowed_actions(case=case, user=user)
        ],
    )
    return body


def _dialogue(meeting, read) -> dict:
    """A dialogue meeting (đối thoại: khoản 1, 4 Điều 30, Điều 39 Luật Khiếu nại; Điều 28
    Nghị định 124/2020/NĐ-CP, sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP). The texts
    staff wrote (place, participants, who led it, the minutes, the result) pass through
    `read`: a complaint's unchanged, a denunciation's without the denouncer's identity
    unless the caller may see it (Điều 47 Luật Tố cáo), as its title and content."""
    return {
        "id": meeting.pk,  # what the events' `data.dialogue` and `data.replaces.dialogue` name
        "status": meeting.status,
        "status_label": meeting.get_status_display(),
        "scheduled_at": _iso(meeting.scheduled_at),
        "place": read(meeting.place),
        "participants": read(meeting.participants),
        "notified_on": _iso(meeting.notified_on),
        "led_by": read(meeting.led_by),
        "minutes": read(meeting.minutes),
        "result": read(meeting.result),
        # when a meeting held began (null: at `scheduled_at`) and ended (Mẫu số 14)
        "started_at": _iso(meeting.started_at),
        "ended_at": _iso(meeting.ended_at),
        "recorded_at": _iso(meeting.recorded_at),
    }


def _scoped(user):
    return Case.objects.in_scope_of(user).select_related(
        "facility", "category", "assigned_unit", "assigned_user", "parent_case",
        "possible_duplicate_of", "reporter",  # reporter: a tố cáo's title redacted
    )  # fmt: skip


def _detailed(user):
    """The caller's cases (`_scoped`, the one scope) with what `case_body` reads of their
    rows: the dialogues in one query, however many meetings a case has."""
    return _scoped(user).prefetch_related("dialogues")


# -- Shapes ---------------------------------------------------------------------------


class UnitOut(Schema):
    code: str
    name: str


class CaseSummaryOut(Schema):
    tracking_code: str
    url: str
    kind: str
    kind_label: str
    channel: str
    status: str
    status_label: str
    public_status: str
    title: str
    facility: UnitOut | None
    category: UnitOut | None
    assigned_unit: UnitOut | None
    assigned_user: str | None
    received_at: datetime.datetime | None
    accept_by: datetime.date | None
    resolve_by: datetime.date | None


class ReporterOut(Schema):
    # The reporter as the caller may see them: redacted unless allowed (a denouncer's
    # identity needs its own permission, and each view is logged).
    model_config = described(gettext_noop(
        "Người gửi như cán bộ được xem: bị ẩn nếu không có quyền (danh tính người tố cáo cần "
        "quyền riêng và mỗi lần xem đều được ghi nhật ký)."
    ))  # fmt: skip

    visible: bool
    anonymous: bool
    name: str
    phone: str
    email: str
    address: str
    id_number: str
    consent_contact: bool
    truth_declaration: bool


class StaffDeadlineOut(Schema):
    step: str
    due: datetime.date | None
    due_at: datetime.datetime | None
    counted_in: str
    amount: int | None
    counted_from: datetime.date | None
    legal_basis: str
    rule_version: str
    unconfirmed: bool
    # Done (a notice sent to every party it must reach, a press case's answer given by its
    # conclusion): no longer pending, kept for the record.
    settled_at: datetime.datetime | None = None


class StaffEventOut(Schema):
    action: str
    from_status: str | None
    to_status: str | None
    at: datetime.datetime
    actor: str | None
    public: bool
    message: str
    note: str


class DialogueOut(Schema):
    # A dialogue meeting; `status`: scheduled, held, complainant_absent or replaced.
    model_config = described(gettext_noop(
        "Một buổi đối thoại; status: scheduled (đã hẹn), held (đã tổ chức), "
        "complainant_absent (người khiếu nại vắng mặt) hoặc replaced (đã thay bằng buổi khác)."
    ))  # fmt: skip

    id: int
    status: str
    status_label: str
    scheduled_at: datetime.datetime
    place: str
    participants: str
    notified_on: datetime.date
    led_by: str
    minutes: str
    result: str
    started_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    recorded_at: datetime.datetime | None


class VerificationTeamMemberOut(Schema):
    name: str
    position: str
    leader: bool


class AllowedActionOut(Schema):
    action: str
    label: str
    required_fields: list[str]
    optional_fields: list[str]
    public: bool
    legal_basis: str


class CaseOut(CaseSummaryOut):
    content: str
    incident_date: datetime.date | None
    anonymous: bool
    already_sent_elsewhere: str
    forwarded_to: str
    second_time: bool
    decision_complained: str
    decision_maker: str
    decision_date: datetime.date | None
    first_decision_ref: str
    accused_name: str
    accused_position: str
    accused_is_head: bool
    press_outlet: str
    press_article_title: str
    press_article_url: str
    press_published_on: datetime.date | None
    press_finding: str
    finding: str
    finding_label: str
    is_complex: bool
    is_very_complex: bool
    is_remote: bool
    extensions_used: int
    verification_days: int | None
    verification_until: datetime.date | None
    verification_team: list[VerificationTeamMemberOut]
    verification_reported_on: datetime.date | None
    accepted_at: datetime.datetime | None
    concluded_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    conclusion: str
    public_answer: str
    rejection_reason: str
    rejection_legal_ground: str
    parent_case: str | None
    possible_duplicate_of: str | None
    reporter: ReporterOut
    deadlines: list[StaffDeadlineOut]
    events: list[StaffEventOut]
    dialogues: list[DialogueOut]
    allowed_actions: list[AllowedActionOut]


class ActionEventOut(Schema):
    action: str
    from_status: str | None
    to_status: str | None
    at: datetime.datetime
    public: bool
    message: str
    data: dict[str, Any] | None


class ActionOut(CaseOut):
    event: ActionEventOut


class MovedOut(Schema):
    # The action moved the case out of the caller's scope (e.g. assign elsewhere).
    model_config = described(gettext_noop(
        "Thao tác đã chuyển hồ sơ ra ngoài phạm vi của cán bộ (ví dụ giao cho đơn vị khác)."
    ))  # fmt: skip

    tracking_code: str
    event: ActionEventOut


class FacetCountOut(Schema):
    value: Any
    count: int


class CasePage(page_of(CaseSummaryOut, "CasePageBase")):
    # search: counts per kind, status, unit, category, channel, month, overdue, due soon;
    # present only when asked for (`facets=true`).
    facets: dict[str, list[FacetCountOut]] | None = None


# -- Filters --------------------------------------------------------------------------


ACTION_FIELDS = gettext_noop("Các trường của thao tác")


class CaseFilters(Schema):
    kind: CaseKind | None = Field(None, description=gettext_noop("Mã loại hồ sơ"))
    status: str | None = Field(None, description=gettext_noop(
        "Một hoặc nhiều trạng thái, cách nhau bằng dấu phẩy"
    ))  # fmt: skip
    facility: str | None = Field(None, description=gettext_noop(
        "Mã cơ sở: cơ sở bị phản ánh hoặc đơn vị xử lý hồ sơ"
    ))  # fmt: skip
    category: str | None = Field(None, description=gettext_noop("Mã lĩnh vực"))
    overdue: bool | None = None
    verification_overdue: bool | None = Field(
        None, description=gettext_noop(
            "true: đang xác minh, đã quá ngày cuối của thời hạn xác minh, chưa có báo cáo"
        ),
    )
    due_soon: str | None = Field(
        None, description=gettext_noop(
            "true (như bảng điều khiển) hoặc một số ngày làm việc (1–365)"
        ),
    )
    assigned_to: Literal["me"] | None = None
    unassigned: bool | None = None
    q: str | None = Field(None, description=gettext_noop(
        "Tìm theo mã hồ sơ (đủ hoặc một phần), tiêu đề, nội dung, cơ sở, lĩnh vực; và theo "
        "họ tên, số điện thoại hoặc e-mail của người gửi (hồ sơ tố cáo chỉ khi người gọi được "
        "xem danh tính người tố cáo, mỗi lần tìm thấy được ghi nhật ký)"
    ))  # fmt: skip
    facets: bool | None = Field(None, description=gettext_noop(
        "true: kèm số hồ sơ theo từng nhóm (loại, trạng thái, đơn vị…) của các hồ sơ đã lọc"
    ))  # fmt: skip
    page: int = Field(1, ge=1)
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    @field_validator("status")
    @classmethod
    def _statuses(cls, value):
        if value and not set(value.split(",")) <= set(CaseStatus.values):
            raise _error(_("Trạng thái không hợp lệ."))
        return value

    @field_validator("due_soon")
    @classmethod
    def _due_soon(cls, value):
        if value and value.lower() not in TRUE and not (value.isdigit() and 0 < int(value) <= 365):
            raise _error(_("Giá trị phải là true hoặc một số ngày làm việc."))
        return value


def _filtered(user, filters: CaseFilters):
    """The caller's cases filtered; BadRequest for a code that does not exist."""
    errors = {}
    cases = _scoped(user)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.status:
        cases = cases.filter(status__in=filters.status.split(","))
    if filters.facility:
        # The facility the case is about, or the unit handling it.
        found = Facility.objects.filter(code=filters.facility).values_list("pk", flat=True).first()
        if found is None:
            errors["facility"] = [_("Không tìm thấy cơ sở có mã này.")]
        cases = cases.filter(Q(facility_id=found) | Q(assigned_unit_id=found))
    if filters.category:
        found = Category.objects.filter(code=filters.category).values_list("pk", flat=True).first()
        if found is None:
            errors["category"] = [_("Không tìm thấy lĩnh vực có mã này.")]
        cases = cases.filter(category_id=found)
    if filters.overdue:
        cases = cases.overdue()
    if filters.verification_overdue:
        cases = cases.verification_overdue()
    if filters.due_soon:
        # Working days, as the workspace filter and the dashboard count them.
        today = timezone.localdate()
        if filters.due_soon.isdigit():
            horizon = working_calendar().add_working_days(today, int(filters.due_soon))
        else:
            horizon = due_soon_horizon(today=today)
        cases = cases.due_within(days=(horizon - today).days, at=today)
    if filters.assigned_to == "me":
        cases = cases.filter(assigned_user=user)
    if filters.unassigned:
        cases = cases.unassigned()
    # search: full text (code whole or partial, title, content, facility, category), and
    # the sender by name, phone or e-mail as the workspace's search box finds them
    query = (filters.q or "").strip()
    if len(query) > 200:
        errors["q"] = [_("Nội dung tìm kiếm quá dài (tối đa 200 ký tự).")]
    elif query:
        cases = staff_case_search(cases, query, user=user).cases
    if errors:
        raise BadRequest(errors)
    return cases


# -- Endpoints ------------------------------------------------------------------------


@router.get(
    "cases",
    url_name="cases",
    response={200: CasePage, 400: ErrorsOut, 401: DetailOut},
    summary=gettext_noop("Danh sách hồ sơ trong phạm vi của cán bộ"),
    description=gettext_noop(
        "Các hồ sơ trong phạm vi được giao của cán bộ, mới nhất trước, từng trang; lọc theo "
        "loại, trạng thái, cơ sở, lĩnh vực, quá hạn, sắp đến hạn; facets=1 kèm số lượng theo "
        "từng giá trị lọc. Cần mã truy cập của cán bộ hoặc phiên đăng nhập."
    ),
    exclude_unset=True,  # `facets` only when asked for
)
def cases(request, filters: Query[CaseFilters]):
    """The caller's cases, newest first, paginated (a bounded number of queries
    whatever the page size)."""
    queryset = _filtered(request.user, filters)
    page = paginate(
        request, queryset, page=filters.page, size=filters.page_size, serialize=case_summary
    )
    if filters.facets:
        page["facets"] = case_facets(queryset)
    return page


@router.get(
    "cases/{tracking_code}",
    url_name="case_detail",
    response={200: CaseOut, 401: DetailOut, 404: DetailOut},
    summary=gettext_noop("Chi tiết một hồ sơ"),
    description=gettext_noop(
        "Một hồ sơ trong phạm vi của cán bộ; mã của hồ sơ ngoài phạm vi trả 404 như mã không "
        "có. Danh tính người tố cáo chỉ hiện với người có quyền xem, và mỗi lần xem được ghi "
        "nhật ký."
    ),
)
def case_detail(request, tracking_code: str):
    """One case of the caller's scope; 404 for any other code."""
    code = normalize_tracking_code(tracking_code)
    case = _detailed(request.user).filter(tracking_code=code).first()
    if case is None:
        return Status(404, {"detail": _("Không tìm thấy hồ sơ.")})
    return Status(200, case_body(case, user=request.user))


@router.post(
    "cases/{tracking_code}/actions/{action}",
    url_name="case_action",
    response={200: ActionOut | MovedOut, 400: ErrorsOut, 401: DetailOut, 403: DetailOut,
              404: DetailOut, 409: DetailOut},
    summary=gettext_noop("Thao tác xử lý hồ sơ"),
    description=gettext_noop(
        "Thực hiện một thao tác xử lý với các trường trong nội dung gửi lên, theo đúng quy "
        "trình như trên trang quản trị: 400 khi thiếu hoặc sai trường; 403 khi hồ sơ ngoài "
        "phạm vi hoặc vai trò không được làm; 404 khi thao tác không có; 409 khi quy trình "
        "không cho phép lúc này. Gửi lại cùng Idempotency-Key (của chính cán bộ) trả 200 với "
        "sự kiện đã ghi lần đầu mà không làm lại; cùng khóa với hồ sơ, thao tác hoặc nội dung "
        "khác trả 409."
    ),
)  # fmt: skip
def case_action(
    request,
    tracking_code: str,
    action: str,
    payload: dict[str, Any] | None = Body(None, description=ACTION_FIELDS),  # noqa: B008
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),  # noqa: B008
):
    """Perform `action` with the body's fields through `case_transition` (CONTRACT.md,
    staff actions): 400 for missing or bad fields, 403 outside the caller's scope or
    when the role may not act, 404 for an action that does not exist, 409 when the
    workflow forbids it now. A retry with the same `Idempotency-Key` (the caller's own)
    answers 200 with the event the first call recorded, acting again on nothing; the same
    key with another case, action or body answers 409."""
    # Outside the scope, a code that exists and one that does not answer alike (403):
    # acting on a case needs it in scope, and guessing codes reveals nothing.
    forbidden = _("Bạn không có quyền thao tác trên hồ sơ này.")
    code = normalize_tracking_code(tracking_code)
    case_id = (
        Case.objects.in_scope_of(request.user)
        .filter(tracking_code=code)
        .values_list("pk", flat=True)
        .first()
    )
    if case_id is None:  # a retry of an action that moved the case out of scope (assign)?
        retried = case_id_of_retry(actor=request.user, idempotency_key=idempotency_key)
        if retried is None or not Case.objects.filter(pk=retried, tracking_code=code).exists():
            return Status(403, {"detail": forbidden})
        case_id = retried
    data = dict(payload or {})
    # Documents (issue 10): `document_id` names the step's draft, issued in the same act.
    document_id = data.pop("document_id", None)
    if document_id is not None and (
        isinstance(document_id, bool) or not isinstance(document_id, int)
    ):
        raise BadRequest({"document_id": [_("Mã văn bản phải là số nguyên.")]})
    # Issuing numbers, publishes and mails the document at once: the caller confirms it was
    # signed (`signed_confirmed: true`, as the page's tick; `document_issue`).
    signed = data.pop("signed_confirmed", None) is True
    if document_id is not None and not signed:
        raise BadRequest({"signed_confirmed": [signed_required()]})
    try:
        event = case_transition(
            case_id=case_id, action=action, actor=request.user, data=data, origin="api",
            document_id=document_id, idempotency_key=idempotency_key,
            signed_confirmed=signed,
        )
    except IdempotencyConflict:
        return Status(409, {"detail": _("Idempotency-Key này đã được dùng cho một nội dung khác.")})
    except Case.DoesNotExist:
        return Status(403, {"detail": forbidden})
    except PermissionDenied as denied:
        return Status(403, {"detail": str(denied.args[0]) if denied.args else ""})
    except UnknownAction as unknown:
        return Status(404, {"detail": unknown.read()})
    except TransitionNotAllowed as refused:
        # The service decided in Vietnamese; the caller reads it in the language asked.
        return Status(409, {"detail": refused.read()})
    except TransitionInvalid as invalid:
        raise BadRequest(invalid.errors) from None
    case = _detailed(request.user).filter(pk=case_id).first()
    if case is None:  # the action moved the case out of the caller's scope (assign)
        return Status(200, {"tracking_code": code, "event": _event(event)})
    body = case_body(case, user=request.user)
    body["event"] = _event(event)
    return Status(200, body)


def _event(event: CaseEvent) -> dict:
    return {
        "action": event.action,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "at": event.at,
        "public": event.is_public,
        "message": event.public_message,
        # The record as stored: an instant in it (a dialogue's `scheduled_at`, kept in Vietnam
        # time) in the interfaces' one form too.
        "data": instants_as_rfc3339(event.data),
    }
