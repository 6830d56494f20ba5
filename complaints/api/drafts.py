"""The staff API of drafts (issue 11, item 1), through `complaints.approvals.services`.

- `GET  /api/v1/drafts` — the caller's queue "chờ phê duyệt" (`?mine=1`: their own
  open drafts);
- `POST /api/v1/cases/{tracking_code}/drafts/{action}` — propose `action` with the JSON
  body's fields (`note`: a comment for the leader): 201 with the draft;
- `GET  /api/v1/drafts/{id}` — one draft of the caller's scope;
- `POST /api/v1/drafts/{id}/approve` (`comment` optional) — performs the action: 200 with
  the draft and the transition's event; `.../return` (`comment` required);
  `.../edit` (`data`: the fields, `comment`); `.../withdraw` (the author).

Errors as the case actions': 400 `{"errors": …}`, 403 (self-approval, a role that may
not), 404 outside the scope, 409 when the draft or the workflow forbids it now."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
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
from complaints.approvals import selectors, services
from complaints.approvals.models import Draft
from complaints.approvals.rules import approval_reason
from complaints.models import Case
from complaints.selectors.history import staff_name
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed, UnknownAction
from complaints.transitions import TRANSITIONS


def _iso(value):
    return value.isoformat() if value else None


def draft_body(draft: Draft) -> dict:
    label = next((t.label for t in TRANSITIONS if t.action == draft.action), draft.action)
    return {
        "id": draft.pk,
        "tracking_code": draft.case.tracking_code,
        "action": draft.action,
        "action_label": str(label),
        "why_approval": approval_reason(draft.action),
        "status": draft.status,
        "status_label": draft.get_status_display(),
        "data": draft.data,
        "author": staff_name(draft.author) if draft.author else None,
        "unit": draft.unit.code if draft.unit else None,
        "proposed_at": _iso(draft.proposed_at),
        "due": _iso(selectors.draft_due(draft)),
        "decided_by": staff_name(draft.decided_by) if draft.decided_by else None,
        "decided_at": _iso(draft.decided_at),
        "comments": [
            {"author": staff_name(c.author) if c.author else None, "text": c.text, "at": _iso(c.at)}
            for c in draft.comments.all()
        ],
    }


def _body(request) -> dict | None:
    return parse_json_object(request) if request.body.strip() else {}


def _refusal(error):
    """The workflow's errors as JSON answers (None when `error` is not one of them)."""
    if isinstance(error, (Case.DoesNotExist, Draft.DoesNotExist)):
        return not_found(_("Không tìm thấy."))
    if isinstance(error, PermissionDenied):
        return detail_response(error.args[0] if error.args else "", status=403)
    if isinstance(error, UnknownAction):
        return not_found(error.message)
    if isinstance(error, TransitionNotAllowed):
        return detail_response(error.message, status=409)
    if isinstance(error, TransitionInvalid):
        return errors_response(error.errors)
    return None


@staff_api
def drafts(request):
    if request.method != "GET":
        return method_not_allowed(["GET"])
    if request.GET.get("mine") in {"1", "true"}:
        rows = selectors.own_drafts(user=request.user)
    else:
        rows = selectors.approval_queue(user=request.user)
    return json_response({"count": len(rows), "results": [draft_body(d) for d in rows]})


@staff_api
def draft_propose(request, tracking_code: str, action: str):
    if request.method != "POST":
        return method_not_allowed(["POST"])
    case_id = (
        Case.objects.in_scope_of(request.user)
        .filter(tracking_code=tracking_code.strip().upper())
        .values_list("pk", flat=True)
        .first()
    )
    if case_id is None:
        return not_found(_("Không tìm thấy hồ sơ."))
    try:
        data = _body(request)
    except BadRequest as error:
        return errors_response(error.errors)
    note = data.pop("note", "")
    try:
        draft = services.draft_propose(
            case_id=case_id, action=action, data=data, actor=request.user, origin="api", note=note
        )
    except Exception as error:
        answer = _refusal(error)
        if answer is None:
            raise
        return answer
    draft = selectors.draft_in_scope(user=request.user, draft_id=draft.pk)
    return json_response(draft_body(draft), status=201)


@staff_api
def draft_detail(request, draft_id: int):
    if request.method != "GET":
        return method_not_allowed(["GET"])
    draft = selectors.draft_in_scope(user=request.user, draft_id=draft_id)
    if draft is None:
        return not_found(_("Không tìm thấy dự thảo."))
    return json_response(draft_body(draft))


@staff_api
def draft_decide(request, draft_id: int, decision: str):
    if request.method != "POST":
        return method_not_allowed(["POST"])
    if selectors.draft_in_scope(user=request.user, draft_id=draft_id) is None:
        return not_found(_("Không tìm thấy dự thảo."))
    try:
        data = _body(request)
    except BadRequest as error:
        return errors_response(error.errors)
    comment = data.get("comment", "")
    event = None
    try:
        if decision == "approve":
            event = services.draft_approve(
                draft_id=draft_id, actor=request.user, origin="api", comment=comment
            )
        elif decision == "return":
            services.draft_return(
                draft_id=draft_id, actor=request.user, comment=comment, origin="api"
            )
        elif decision == "edit":
            fields = data.get("data")
            if not isinstance(fields, dict):
                return errors_response({"data": [_("Dữ liệu phải là một đối tượng.")]})
            services.draft_edit(
                draft_id=draft_id, actor=request.user, data=fields, origin="api", comment=comment
            )
        elif decision == "withdraw":
            services.draft_withdraw(draft_id=draft_id, actor=request.user, origin="api")
        else:
            return not_found(_("Không có thao tác này."))
    except Exception as error:
        answer = _refusal(error)
        if answer is None:
            raise
        return answer
    body = draft_body(selectors.draft_in_scope(user=request.user, draft_id=draft_id))
    if event is not None:
        body["event"] = {
            "action": event.action,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "at": _iso(event.at),
        }
    return json_response(body)
