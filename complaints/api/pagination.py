"""One way to page a list: `count`, `page`, `page_size`, `num_pages`, `next`, `previous`,
`results` (the shape every list of the API answers with)."""

from __future__ import annotations

from django.core.paginator import EmptyPage, Paginator


def paginate(request, queryset, *, page: int, size: int, serialize) -> dict:
    paginator = Paginator(queryset, size)
    try:
        current = paginator.page(page)
    except EmptyPage:
        current = None
    base = request.GET.copy()

    def link(n):
        base["page"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{base.urlencode()}")

    return {
        "count": paginator.count,
        "page": page,
        "page_size": size,
        "num_pages": paginator.num_pages,
        "next": link(page + 1) if current is not None and current.has_next() else None,
        "previous": link(page - 1) if current is not None and current.has_previous() else None,
        "results": [serialize(item) for item in (current.object_list if current else [])],
    }
