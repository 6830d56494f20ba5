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

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.api.auth import staff_api
from complaints.api.json import (
    BadRequest,
    detail_response,
    errors_response,
    json_response,
    method_not_allowed,
    not_found,
    parse_json_object,
)
from complaints.case_search import case_facets, case_search
from complaints.kinds import CaseKind, CaseStatus, public_status
from complaints.models import Case, CaseDeadline, CaseEvent, Category, Facility
from complaints.selectors.dashboard import due_soon_horizon
from complaints.selectors.identity import API, reporter_for
from complaints.selectors.related import case_links
from complaints.services.calendar import working_calendar
from complaints.services.workflow import (
    TransitionInvalid,
    TransitionNotAllowed,
    UnknownAction,
    case_transition,
)
from complaints.transitions import allowed_actions

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
TRUE = {"1", "true", "yes", "on"}


def _iso(value):
    return value.isoformat() if value else None


def _unit(facility: Facility | None):
    return {"code": facility.code, "name": facility.name} if facility else None


def case_summary(case: Case) -> dict:
    """The fields of a case in lists (no content, no reporter)."""
    return {
        "tracking_code": case.tracking_code,
        "url": reverse("staff_api:case_detail", kwargs={"tracking_code": case.tracking_code}),
        "kind": case.kind,
        "kind_label": case.get_kind_display(),
        "channel": case.channel,
        "status": case.status,
        "status_label": case.get_status_display(),
        "public_status": public_status(case.status),
        "title": case.title,
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
    """Everything staff in scope may read about one case."""
    body = case_summary(case)
    body.update(
        content=case.content,
        incident_date=_iso(case.incident_date),
        anonymous=case.anonymous,
        already_sent_elsewhere=case.already_sent_elsewhere,
        forwarded_to=case.forwarded_to,
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
        is_complex=case.is_complex,
        is_very_complex=case.is_very_complex,
        is_remote=case.is_remote,
        extensions_used=case.extensions_used,
        accepted_at=_iso(case.accepted_at),
        concluded_at=_iso(case.concluded_at),
        closed_at=_iso(case.closed_at),
        conclusion=case.conclusion,
        public_answer=case.public_answer,
        rejection_reason=case.rejection_reason,
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
                "legal_basis": row.legal_basis,
                "rule_version": row.rule_version,
                "unconfirmed": row.unconfirmed,
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
                "message": event.public_message,
                "note": event.note,
            }
            for event in CaseEvent.objects.filter(case=case).select_related("actor")
        ],
        allowed_actions=[
            {
                "action": t.action,
                "label": str(t.label),
                "required_fields": list(t.required_fields),
                "optional_fields": list(t.optional_fields),
                "public": t.public,
                "legal_basis": t.legal_basis,
            }
            for t in allowed_actions(case=case, user=user)
        ],
    )
    return body


def _scoped(user):
    return Case.objects.in_scope_of(user).select_related(
        "facility", "category", "assigned_unit", "assigned_user", "parent_case",
        "possible_duplicate_of",
    )  # fmt: skip


def _filtered(request):
    """The caller's cases filtered by the query string; BadRequest for a bad filter."""
    params, errors = request.GET, {}
    cases = _scoped(request.user)
    kind = params.get("kind")
    if kind:
        if kind not in CaseKind.values:
            errors["kind"] = [_("Loại hồ sơ không hợp lệ.")]
        cases = cases.filter(kind=kind)
    status = params.get("status")
    if status:
        statuses = status.split(",")
        if not set(statuses) <= set(CaseStatus.values):
            errors["status"] = [_("Trạng thái không hợp lệ.")]
        cases = cases.filter(status__in=statuses)
    facility = params.get("facility")
    if facility:
        # The facility the case is about, or the unit handling it.
        found = Facility.objects.filter(code=facility).values_list("pk", flat=True).first()
        if found is None:
            errors["facility"] = [_("Không tìm thấy cơ sở có mã này.")]
        cases = cases.filter(Q(facility_id=found) | Q(assigned_unit_id=found))
    category = params.get("category")
    if category:
        found = Category.objects.filter(code=category).values_list("pk", flat=True).first()
        if found is None:
            errors["category"] = [_("Không tìm thấy lĩnh vực có mã này.")]
        cases = cases.filter(category_id=found)
    if params.get("overdue", "").lower() in TRUE:
        cases = cases.overdue()
    due_soon = params.get("due_soon", "").lower()
    if due_soon:
        # Working days, as the workspace filter and the dashboard count them.
        today = timezone.localdate()
        if due_soon.isdigit() and 0 < int(due_soon) <= 365:
            horizon = working_calendar().add_working_days(today, int(due_soon))
        else:
            if due_soon not in TRUE:
                errors["due_soon"] = [_("Giá trị phải là true hoặc một số ngày làm việc.")]
            horizon = due_soon_horizon(today=today)
        cases = cases.due_within(days=(horizon - today).days, at=today)
    assigned_to = params.get("assigned_to")
    if assigned_to:
        if assigned_to != "me":
            errors["assigned_to"] = [_("Chỉ hỗ trợ assigned_to=me.")]
        cases = cases.filter(assigned_user=request.user)
    if params.get("unassigned", "").lower() in TRUE:
        cases = cases.unassigned()
    # search: full text (code whole or partial, title, content, facility, category)
    query = params.get("q", "").strip()
    if len(query) > 200:
        errors["q"] = [_("Nội dung tìm kiếm quá dài (tối đa 200 ký tự).")]
    elif query:
        cases = case_search(cases, query)
    if errors:
        raise BadRequest(errors)
    return cases


def _page_numbers(request) -> tuple[int, int]:
    errors = {}
    page, size = request.GET.get("page", "1"), request.GET.get("page_size", str(PAGE_SIZE))
    if not page.isdigit() or int(page) < 1:
        errors["page"] = [_("Số trang không hợp lệ.")]
    if not size.isdigit() or not 1 <= int(size) <= MAX_PAGE_SIZE:
        errors["page_size"] = [_("Cỡ trang từ 1 đến %(max)s.") % {"max": MAX_PAGE_SIZE}]
    if errors:
        raise BadRequest(errors)
    return int(page), int(size)


@staff_api
def cases(request):
    """GET: the caller's cases. Filters: kind, status (comma separated), facility,
    category, overdue=true, due_soon=true|WORKING_DAYS (true: as the dashboard),
    assigned_to=me, unassigned=true; q (full text), facets=true (counts);
    page, page_size (≤ 100)."""
    if request.method != "GET":
        return method_not_allowed(["GET"])
    errors = {}
    try:
        queryset = _filtered(request)
    except BadRequest as error:
        errors.update(error.errors)
    try:
        number, size = _page_numbers(request)
    except BadRequest as error:
        errors.update(error.errors)
    if errors:
        return errors_response(errors)
    paginator = Paginator(queryset, size)
    try:
        page = paginator.page(number)
    except EmptyPage:
        page = None
    base = request.GET.copy()

    def link(n):
        base["page"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{base.urlencode()}")

    return json_response(
        {
            "count": paginator.count,
            "page": number,
            "page_size": size,
            "num_pages": paginator.num_pages,
            "next": link(number + 1) if page is not None and page.has_next() else None,
            "previous": link(number - 1) if page is not None and page.has_previous() else None,
            "results": [case_summary(case) for case in (page.object_list if page else [])],
            # search: counts per kind, status, unit, category, channel, month, overdue, due soon
            **({"facets": case_facets(queryset)} if request.GET.get("facets") in TRUE else {}),
        }
    )


@staff_api
def case_detail(request, tracking_code: str):
    """GET: one case of the caller's scope; 404 for any other code."""
    if request.method != "GET":
        return method_not_allowed(["GET"])
    case = _scoped(request.user).filter(tracking_code=tracking_code.strip().upper()).first()
    if case is None:
        return not_found(_("Không tìm thấy hồ sơ."))
    return json_response(case_body(case, user=request.user))


@staff_api
def case_action(request, tracking_code: str, action: str):
    """POST: perform `action` with the JSON body's fields (CONTRACT.md, staff actions)."""
    if request.method != "POST":
        return method_not_allowed(["POST"])
    # Outside the scope, a code that exists and one that does not answer alike (403):
    # acting on a case needs it in scope, and guessing codes reveals nothing.
    case_id = (
        Case.objects.in_scope_of(request.user)
        .filter(tracking_code=tracking_code.strip().upper())
        .values_list("pk", flat=True)
        .first()
    )
    if case_id is None:
        return detail_response(_("Bạn không có quyền thao tác trên hồ sơ này."), status=403)
    try:
        data = parse_json_object(request) if request.body.strip() else {}
    except BadRequest as error:
        return errors_response(error.errors)
    # Documents (issue 10): `document_id` names the step's draft, issued in the same act.
    document_id = data.pop("document_id", None)
    if document_id is not None and (isinstance(document_id, bool) or not isinstance(
        document_id, int
    )):
        return errors_response({"document_id": [_("Mã văn bản phải là số nguyên.")]})
    try:
        event = case_transition(
            case_id=case_id, action=action, actor=request.user, data=data, origin="api",
            document_id=document_id,
        )
    except Case.DoesNotExist:
        return detail_response(_("Bạn không có quyền thao tác trên hồ sơ này."), status=403)
    except PermissionDenied as denied:
        return detail_response(denied.args[0] if denied.args else "", status=403)
    except UnknownAction as unknown:
        return not_found(unknown.message)
    except TransitionNotAllowed as refused:
        return detail_response(refused.message, status=409)
    except TransitionInvalid as invalid:
        return errors_response(invalid.errors)
    case = _scoped(request.user).filter(pk=case_id).first()
    if case is None:  # the action moved the case out of the caller's scope (assign)
        return json_response({"tracking_code": tracking_code, "event": _event(event)})
    body = case_body(case, user=request.user)
    body["event"] = _event(event)
    return json_response(body)


def _event(event: CaseEvent) -> dict:
    return {
        "action": event.action,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "at": _iso(event.at),
        "public": event.is_public,
        "message": event.public_message,
        "data": event.data,
    }
