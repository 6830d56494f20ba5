"""What a partner reads with its key (`X-API-Key`, scope "read own submissions"):
the cases it filed, as their citizens see them (never the reporter's identity).

- `GET /api/v1/partner/submissions?status=…&kind=…&since=…&updated_since=…&page=…` — its
  cases, newest first; `updated_since` (an instant, RFC 3339 with its offset) keeps those
  with a public event at or after it: what its webhook told or would have told it, so a
  partner whose endpoint was down catches up in one call;
- `GET /api/v1/partner/submissions/{tracking_code}` — one of them; any other code is 404."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema, Status

from complaints.api.pagination import paginate
from complaints.api.schemas import DetailOut, ErrorsOut, Instant, PublicCaseOut, page_of
from complaints.kinds import CITIZEN_KINDS, CaseStatus, public_status
from complaints.models import Case, CaseEvent
from complaints.partners.keys import READ_OWN, PartnerAuth
from complaints.selectors.tracking import case_public_view, status_label
from complaints.services.tracking import normalize_tracking_code

router = Router(tags=["partner"], auth=[PartnerAuth(READ_OWN)])


class PartnerCaseOut(Schema):
    tracking_code: str
    kind: str
    status: str
    status_label: str
    title: str
    received_at: datetime.datetime
    accept_by: datetime.date | None
    resolve_by: datetime.date | None
    url: str


PartnerCasePage = page_of(PartnerCaseOut, "PartnerCasePage")

# The public statuses a partner may filter on, and the internal ones each covers.
_PUBLIC_TO_INTERNAL = {
    status: [s for s in CaseStatus.values if public_status(s) == status]
    for status in {public_status(s) for s in CaseStatus.values}
}


class PartnerFilters(Schema):
    kind: str | None = Field(
        None, description=gettext_noop("Loại hồ sơ"),
        json_schema_extra={"enum": list(CITIZEN_KINDS)},
    )  # fmt: skip
    status: str | None = Field(
        None, description=gettext_noop("Trạng thái công khai (trường status của câu trả lời)"),
        json_schema_extra={"enum": sorted(_PUBLIC_TO_INTERNAL)},
    )  # fmt: skip
    since: datetime.date | None = Field(
        None, description=gettext_noop("Nhận từ ngày này trở đi (YYYY-MM-DD)")
    )
    updated_since: Instant | None = Field(None, description=gettext_noop(
        "Có thay đổi công khai (trạng thái, diễn biến công khai) từ thời điểm này trở đi, "
        "RFC 3339 kèm múi giờ (2026-12-07T03:00:00Z)"
    ))  # fmt: skip
    page: int = Field(1, ge=1)
    page_size: int = Field(25, ge=1, le=100)


def _own(request):
    return Case.objects.filter(partner_id=request.partner_key.partner_id)


def _row(case: Case) -> dict:
    status = public_status(case.status)
    from django.urls import reverse

    return {
        "tracking_code": case.tracking_code,
        "kind": case.kind,
        "status": status,
        "status_label": status_label(status, case.kind),
        "title": case.title,
        "received_at": case.received_at,
        "accept_by": case.accept_by,
        "resolve_by": case.resolve_by,
        "url": reverse("api:partner_submission", kwargs={"tracking_code": case.tracking_code}),
    }


@router.get(
    "partner/submissions",
    url_name="partner_submissions",
    response={200: PartnerCasePage, 400: ErrorsOut, 401: DetailOut, 403: DetailOut},
    summary=gettext_noop("Hồ sơ đối tác đã gửi"),
    description=gettext_noop(
        "Các hồ sơ đối tác này đã gửi (qua API hoặc Open311), mới nhất trước, từng trang; "
        "lọc theo kind, status (trạng thái công khai), since (nhận từ ngày) và updated_since "
        "(có thay đổi công khai từ thời điểm đó: điều webhook đã hoặc lẽ ra đã báo, để bắt "
        "kịp sau khi máy chủ của đối tác ngừng hoạt động). Cần khóa API "
        "của đối tác (X-API-Key) có quyền xem hồ sơ đã gửi: 401 khi thiếu khóa, khóa sai "
        "hoặc đã bị thu hồi; 403 khi đối tác không có quyền này; 400 liệt kê mọi bộ lọc sai "
        "cùng lúc. Không bao giờ có thông tin người gửi."
    ),
)
def partner_submissions(request, filters: Query[PartnerFilters]):
    from complaints.api.json import BadRequest

    cases = _own(request)
    errors = {}
    if filters.kind:
        if filters.kind not in CITIZEN_KINDS:
            errors["kind"] = [_("Loại hồ sơ không hợp lệ.")]
        cases = cases.filter(kind=filters.kind)
    if filters.status:
        if filters.status not in _PUBLIC_TO_INTERNAL:
            errors["status"] = [_("Trạng thái không hợp lệ.")]
        cases = cases.filter(status__in=_PUBLIC_TO_INTERNAL.get(filters.status, []))
    if filters.since:
        cases = cases.filter(received_at__date__gte=filters.since)
    if filters.updated_since:
        # The public events are what a webhook notice carries (and Open311's
        # `updated_datetime`); read through their index on `at`.
        changed = CaseEvent.objects.filter(
            case=OuterRef("pk"), is_public=True, at__gte=filters.updated_since
        )
        cases = cases.filter(Exists(changed))
    if errors:
        raise BadRequest(errors)
    return paginate(
        request,
        cases.order_by("-received_at", "-id"),
        page=filters.page,
        size=filters.page_size,
        serialize=_row,
    )


@router.get(
    "partner/submissions/{tracking_code}",
    url_name="partner_submission",
    response={200: PublicCaseOut, 401: DetailOut, 403: DetailOut, 404: DetailOut},
    summary=gettext_noop("Một hồ sơ đối tác đã gửi"),
    description=gettext_noop(
        "Một hồ sơ đối tác này đã gửi, như người gửi thấy: trạng thái công khai, thời hạn, "
        "diễn biến công khai; không có thông tin người gửi. Mã của hồ sơ không do đối tác "
        "này gửi (đối tác khác, người dân gửi trực tiếp) trả 404 như mã không có. Khóa: như "
        "danh sách."
    ),
)
def partner_submission(request, tracking_code: str):
    case = _own(request).filter(tracking_code=normalize_tracking_code(tracking_code)).first()
    if case is None:
        return Status(404, {"detail": _("Không tìm thấy hồ sơ.")})
    request.partner_tracking_code = case.tracking_code
    return Status(200, case_public_view(case=case).as_dict())
