"""The staff API of drafts (issue 11, item 1), through `complaints.approvals.services`.

- `GET  /api/v1/drafts` — the caller's queue "chờ phê duyệt" (`?mine=1`: their own
  open drafts);
- `POST /api/v1/cases/{tracking_code}/drafts/{action}` — propose `action` with the JSON
  body's fields (`note`: a comment for the leader): 201 with the draft;
- `GET  /api/v1/drafts/{id}` — one draft of the caller's scope;
- `POST /api/v1/drafts/{id}/approve` (`comment` optional; `version`, the draft's `version`
  as read, refuses with 409 when the draft was edited since; `document_id`, optional, with
  `document_version`: the step's drafted document issued in the same act, e.g. the decision
  a proposed conclusion of a complaint or denunciation names) — performs the action: 200 with
  the draft and the transition's event; `.../return` (`comment` required);
  `.../edit` (`data`: the fields, `comment`); `.../withdraw` (the author).

Errors as the case actions': 400 `{"errors": …}`, 403 (self-approval, a role that may
not), 404 outside the scope, 409 when the draft or the workflow forbids it now.
Authenticated as the staff router (`staff_auth`).

Every POST takes an optional `Idempotency-Key` header, as the case actions do
(`complaints.services.idempotency`): a retry by the same user with the same key and body
answers the first call's status and body again (the draft; an approval's event) and acts
on nothing again; the same key with another body answers 409."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Body, Header, Router, Schema, Status

from complaints.api.auth import staff_auth
from complaints.api.json import BadRequest
from complaints.api.schemas import DetailOut, ErrorsOut
from complaints.approvals import selectors, services
from complaints.approvals.models import Draft
from complaints.approvals.rules import approval_reason
from complaints.documents.services import signed_required
from complaints.models import Case
from complaints.selectors.history import staff_name
from complaints.services.intake import IdempotencyConflict
from complaints.services.tracking import normalize_tracking_code
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed, UnknownAction
from complaints.transitions import transition_label
from portal.timestamps import iso_value

router = Router(tags=["drafts"], auth=staff_auth)


# A date-time as RFC 3339 in UTC to the second, a day as YYYY-MM-DD (docs/api.md).
_iso = iso_value


def draft_body(draft: Draft) -> dict:
    label = transition_label(draft.action, kind=draft.case.kind)
    return {
        "id": draft.pk,
        "tracking_code": draft.case.tracking_code,
        "action": draft.action,
        "action_label": str(label),
        "why_approval": str(approval_reason(draft.action, draft.case.kind) or ""),
        "status": draft.status,
        "status_label": draft.get_status_display(),
        "data": draft.data,
        "version": draft.version,
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


# -- Shapes ---------------------------------------------------------------------------


class DraftCommentOut(Schema):
    author: str | None
    text: str
    at: str | None


class DraftOut(Schema):
    id: int
    tracking_code: str
    action: str
    action_label: str
    why_approval: str
    status: str
    status_label: str
    data: dict[str, Any] | None
    version: str
    author: str | None
    unit: str | None
    proposed_at: str | None
    due: str | None
    decided_by: str | None
    decided_at: str | None
    comments: list[DraftCommentOut]


class DraftEventOut(Schema):
    action: str
    from_status: str | None
    to_status: str | None
    at: str | None


class DecidedOut(DraftOut):
    event: DraftEventOut | None = None


class DraftList(Schema):
    count: int
    results: list[DraftOut]


ERRORS = {400: ErrorsOut, 401: DetailOut, 403: DetailOut, 404: DetailOut, 409: DetailOut}
DRAFT_FIELDS = gettext_noop("Các trường của thao tác; note (ghi chú kèm dự thảo)")
DECISION_FIELDS = gettext_noop(
    "comment (ý kiến); version (phiên bản, khi phê duyệt); khi phê duyệt kết luận còn thiếu "
    "văn bản đối thoại hoặc thông báo cho các bên trên cổng: without_dialogue_documents, "
    "notices_given_outside (true: lãnh đạo xác nhận); data (các trường, khi sửa)"
)
IDEMPOTENCY_KEY = gettext_noop(
    "Không bắt buộc; 1–100 ký tự ASCII in được, do bên gọi tự đặt: gửi lại với cùng khóa và "
    "cùng nội dung nhận lại đúng mã trạng thái và nội dung của lần gọi đầu, không thao tác "
    "lần nữa; cùng khóa với nội dung khác nhận 409"
)


def _refusal(error):
    """The workflow's errors as answers (None when `error` is not one of them)."""
    if isinstance(error, (Case.DoesNotExist, Draft.DoesNotExist)):
        return Status(404, {"detail": _("Không tìm thấy.")})
    if isinstance(error, IdempotencyConflict):
        return Status(409, {"detail": _("Idempotency-Key này đã được dùng cho một nội dung khác.")})
    if isinstance(error, PermissionDenied):
        return Status(403, {"detail": str(error.args[0]) if error.args else ""})
    if isinstance(error, UnknownAction):
        return Status(404, {"detail": error.read()})
    if isinstance(error, TransitionNotAllowed):  # in the caller's language
        return Status(409, {"detail": error.read()})
    if isinstance(error, TransitionInvalid):
        raise BadRequest(error.errors) from None
    return None


# -- Endpoints ------------------------------------------------------------------------


@router.get(
    "drafts",
    url_name="drafts",
    response={200: DraftList, 401: DetailOut, 403: DetailOut},
    summary=gettext_noop("Dự thảo chờ phê duyệt (mine=1: dự thảo của tôi)"),
    description=gettext_noop(
        "Các dự thảo chờ lãnh đạo phê duyệt trong các đơn vị của người gọi; mine=1: các dự "
        "thảo người gọi đã đề xuất."
    ),
)
def drafts(request, mine: bool = False):
    if mine:
        rows = selectors.own_drafts(user=request.user)
    else:
        rows = selectors.approval_queue(user=request.user)
    return {"count": len(rows), "results": [draft_body(d) for d in rows]}


@router.post(
    "cases/{tracking_code}/drafts/{action}",
    url_name="draft_propose",
    response={201: DraftOut, **ERRORS},
    summary=gettext_noop("Đề xuất một thao tác để lãnh đạo phê duyệt"),
    description=gettext_noop(
        "Ghi một thao tác xử lý thành dự thảo chờ lãnh đạo phê duyệt (nội dung: các trường "
        "của thao tác và ghi chú note). 201 kèm dự thảo; 404 khi hồ sơ ngoài phạm vi; 409 khi "
        "quy trình không cho phép."
    ),
)
def draft_propose(
    request,
    tracking_code: str,
    action: str,
    payload: dict[str, Any] | None = Body(None, description=DRAFT_FIELDS),  # noqa: B008
    idempotency_key: str | None = Header(  # noqa: B008
        None, alias="Idempotency-Key", description=IDEMPOTENCY_KEY
    ),
):
    case_id = (
        Case.objects.in_scope_of(request.user)
        .filter(tracking_code=normalize_tracking_code(tracking_code))
        .values_list("pk", flat=True)
        .first()
    )
    if case_id is None:
        return Status(404, {"detail": _("Không tìm thấy hồ sơ.")})
    data = dict(payload or {})
    note = data.pop("note", "")
    try:
        draft = services.draft_propose(
            case_id=case_id, action=action, data=data, actor=request.user, origin="api",
            note=note, idempotency_key=idempotency_key,
        )  # fmt: skip
    except Exception as error:
        answer = _refusal(error)
        if answer is None:
            raise
        return answer
    draft = selectors.draft_in_scope(user=request.user, draft_id=draft.pk)
    return Status(201, draft_body(draft))


@router.get(
    "drafts/{draft_id}",
    url_name="draft_detail",
    response={200: DraftOut, 401: DetailOut, 404: DetailOut},
    summary=gettext_noop("Chi tiết một dự thảo"),
    description=gettext_noop(
        "Một dự thảo trong phạm vi của người gọi, với các ý kiến và diễn biến; 404 cho dự "
        "thảo ngoài phạm vi."
    ),
)
def draft_detail(request, draft_id: int):
    draft = selectors.draft_in_scope(user=request.user, draft_id=draft_id)
    if draft is None:
        return Status(404, {"detail": _("Không tìm thấy dự thảo.")})
    return Status(200, draft_body(draft))


@router.post(
    "drafts/{draft_id}/{decision}",
    url_name="draft_decide",
    response={200: DecidedOut, **ERRORS},
    summary=gettext_noop("Phê duyệt, trả lại, sửa hoặc rút một dự thảo"),
    description=gettext_noop(
        "Lãnh đạo phê duyệt (kèm version đang xem), trả lại hoặc sửa (kèm data) một dự thảo; "
        "người đề xuất rút dự thảo của mình. 409 khi dự thảo đã thay đổi hoặc đã được quyết "
        "định."
    ),
)
def draft_decide(
    request,
    draft_id: int,
    decision: str,
    payload: dict[str, Any] | None = Body(None, description=DECISION_FIELDS),  # noqa: B008
    idempotency_key: str | None = Header(  # noqa: B008
        None, alias="Idempotency-Key", description=IDEMPOTENCY_KEY
    ),
):
    if selectors.draft_in_scope(user=request.user, draft_id=draft_id) is None:
        return Status(404, {"detail": _("Không tìm thấy dự thảo.")})
    data = payload or {}
    comment = data.get("comment", "")
    event = None
    try:
        if decision == "approve":
            version = data.get("version")
            # The step's drafted document issued with the approval (a conclusion's decision).
            document_id = data.get("document_id")
            if document_id is not None and (
                isinstance(document_id, bool) or not isinstance(document_id, int)
            ):
                raise BadRequest({"document_id": [_("Mã văn bản phải là số nguyên.")]})
            signed = data.get("signed_confirmed") is True
            if document_id is not None and not signed:
                raise BadRequest({"signed_confirmed": [signed_required()]})
            document_version = data.get("document_version")
            event = services.draft_approve(
                draft_id=draft_id, actor=request.user, origin="api", comment=comment,
                expected_version=str(version) if version is not None else None,
                document_id=document_id,
                document_version=str(document_version) if document_version is not None else None,
                confirmations=[n for n in services.LEADER_CONFIRMATIONS if data.get(n) is True],
                idempotency_key=idempotency_key,
                signed_confirmed=signed,
            )
        elif decision == "return":
            services.draft_return(
                draft_id=draft_id, actor=request.user, comment=comment, origin="api",
                idempotency_key=idempotency_key,
            )  # fmt: skip
        elif decision == "edit":
            fields = data.get("data")
            if not isinstance(fields, dict):
                raise BadRequest({"data": [_("Dữ liệu phải là một đối tượng.")]})
            services.draft_edit(
                draft_id=draft_id, actor=request.user, data=fields, origin="api", comment=comment,
                idempotency_key=idempotency_key,
            )  # fmt: skip
        elif decision == "withdraw":
            services.draft_withdraw(
                draft_id=draft_id, actor=request.user, origin="api",
                idempotency_key=idempotency_key,
            )  # fmt: skip
        else:
            return Status(404, {"detail": _("Không có thao tác này.")})
    except BadRequest:
        raise
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
    return Status(200, body)
