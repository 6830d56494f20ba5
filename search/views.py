from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.backends import SearchUnavailable, get_backend
from search.documents import FILTERS, TYPES

PAGE_SIZE = 10
MAX_QUERY = 200
# The furthest a page of results starts: offset + limit (at most 50) within Elasticsearch's
# 10,000 hits (index.max_result_window).
MAX_OFFSET = 9950


def _type_labels() -> dict[str, str]:
    return {
        "news": _("Tin tức"),
        "directive": _("Văn bản chỉ đạo"),
        "press_response": _("Phản hồi thông tin báo chí"),
        "story": _("Gương điển hình"),
        "guide": _("Hướng dẫn"),
    }


def _unavailable_message() -> str:
    return _("Chức năng tìm kiếm tạm thời gián đoạn. Xin vui lòng thử lại sau ít phút.")


def _filters(request) -> dict:
    """Directive fields as filters: number, doc_type, issuing_body, signer, year."""
    return {name: request.GET[name].strip()[:100] for name in FILTERS if request.GET.get(name)}


class _ResultsPage:
    """Lets Django's Paginator page through backend results without loading them all."""

    def __init__(self, query: str, type: str | None, filters: dict):
        self.query, self.type, self.filters = query, type, filters
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = (
                get_backend()
                .search(self.query, type=self.type, filters=self.filters, limit=0)
                .count
            )
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice):
        results = get_backend().search(
            self.query,
            type=self.type,
            filters=self.filters,
            limit=item.stop - item.start,
            offset=item.start,
        )
        self._count = results.count
        return results.hits


@require_GET
def search_page(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    kind = request.GET.get("type") if request.GET.get("type") in TYPES else None
    filters = _filters(request)
    page, unavailable = None, None
    if query:
        try:
            page = Paginator(_ResultsPage(query, kind, filters), PAGE_SIZE).get_page(
                request.GET.get("page")
            )
            list(page)  # ask the engine now, where its absence can be answered
        except SearchUnavailable:
            page, unavailable = None, _unavailable_message()
    response = render(
        request,
        "search/search.html",
        {
            "query": query,
            "type": kind,
            "types": _type_labels(),
            "page_obj": page,
            "filters": filters,
            "unavailable": unavailable,
            "extra_params": ("&" + urlencode(filters)) if filters else "",
        },
        status=503 if unavailable else 200,
    )
    if unavailable:  # the engine is away: say when to come back, as the API does
        response["Retry-After"] = "60"
    return response


@require_GET
def search_api(request):
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("type") or None
    errors = {}
    if not query:
        errors["q"] = [_("Nhập nội dung cần tìm.")]
    elif len(query) > MAX_QUERY:
        errors["q"] = [_("Nội dung tìm kiếm quá dài (tối đa 200 ký tự).")]
    if kind and kind not in TYPES:
        errors["type"] = [
            _("Loại không hợp lệ; chọn một trong: %(types)s.") % {"types": ", ".join(TYPES)}
        ]
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    try:
        limit = min(max(int(request.GET.get("limit", 10)), 1), 50)
        offset = max(int(request.GET.get("offset", 0)), 0)
    except ValueError:
        return JsonResponse({"errors": {"limit": [_("Phải là số nguyên.")]}}, status=400)
    if offset > MAX_OFFSET:
        # Elasticsearch pages no further than 10,000 hits (index.max_result_window), and a
        # database OFFSET beyond a bigint is an error: a clear 400, never a 500.
        message = _("Vị trí bắt đầu tối đa %(max)s.") % {"max": MAX_OFFSET}
        return JsonResponse(
            {"errors": {"offset": [message]}}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    try:
        results = get_backend().search(
            query, type=kind, filters=_filters(request), limit=limit, offset=offset
        )
    except SearchUnavailable:
        return JsonResponse(
            {"detail": _unavailable_message()},
            status=503,
            headers={"Retry-After": "60"},
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(
        {"count": results.count, "results": [hit.as_dict() for hit in results.hits]},
        json_dumps_params={"ensure_ascii": False},
    )
