"""The case search the workspace and the staff API call: implementations named by
settings (COMPLAINTS_CASE_SEARCH, COMPLAINTS_CASE_FACETS; search/cases.py by
default), so `complaints` uses the search app without importing it.

Both take a queryset the caller has already put in the user's scope
(`Case.objects.in_scope_of(user)`) and narrow or count inside that same query."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q
from django.utils.module_loading import import_string

from complaints.services.tracking import normalize_tracking_code


def case_search(queryset, q: str):
    """`queryset` narrowed to the cases matching `q`; without a configured search, an
    exact code or words of the title."""
    q = (q or "").strip()
    if not q:
        return queryset
    dotted = getattr(settings, "COMPLAINTS_CASE_SEARCH", None)
    if dotted:
        return import_string(dotted)(queryset, q)
    return queryset.filter(Q(tracking_code=normalize_tracking_code(q)) | Q(title__icontains=q))


def case_facets(queryset) -> dict[str, list[dict]]:
    """{facet: [{"value", "count"}]} of the cases in `queryset`."""
    dotted = getattr(settings, "COMPLAINTS_CASE_FACETS", None)
    if dotted:
        return import_string(dotted)(queryset)
    rows = queryset.order_by().values("kind").annotate(count=Count("pk")).order_by("-count")
    return {"kind": [{"value": r["kind"], "count": r["count"]} for r in rows]}
