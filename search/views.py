from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.backends import get_backend
from search.documents import TYPES

PAGE_SIZE = 10
MAX_QUERY = 200


def _type_labels() -> dict[str, str]:
    return {
        "news": _("Tin tức"),
        "directive": _("Văn bản chỉ đạo"),
        "press_response": _("Phản hồi thông tin báo chí"),
        "story": _("Gương điển hình"),
    }


class _ResultsPage:
    """Lets Django's Paginator page through backend results without loading them all."""

    def __init__(self, query: str, type: str | None):
        self.query, self.type = query, type
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = get_backend().search(self.query, type=self.type, limit=0).count
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice):
        results = get_backend().search(
            self.query, type=self.type, limit=item.stop - item.start, offset=item.start
        )
        self._count = results.count
        return results.hits


@require_GET
def search_page(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    kind = request.GET.get("type") if request.GET.get("type") in TYPES else None
    page = None
    if query:
        page = Paginator(_ResultsPage(query, kind), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"query": query, "type": kind, "types": _type_labels(), "page_obj": page},
    )


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
    results = get_backend().search(query, type=kind, limit=limit, offset=offset)
    return JsonResponse(
        {"count": results.count, "results": [hit.as_dict() for hit in results.hits]},
        json_dumps_params={"ensure_ascii": False},
    )
