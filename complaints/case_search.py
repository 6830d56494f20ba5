"""The case search the workspace and the staff API call: implementations named by
settings (COMPLAINTS_CASE_SEARCH, COMPLAINTS_CASE_FACETS; search/cases.py by
default), so `complaints` uses the search app without importing it.

Both take a queryset the caller has already put in the user's scope
(`Case.objects.in_scope_of(user)`) and narrow or count inside that same query.

`staff_case_search` is the staff's search box: what the search finds, and the cases
whose reporter the words name (`selectors.reporter_lookup`, outside the index, which
holds no identity)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
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


@dataclass(frozen=True)
class StaffSearch:
    cases: QuerySet
    by_reporter: bool  # some cases were found by their reporter (the page says so)


def staff_case_search(queryset, q: str, *, user) -> StaffSearch:
    """`case_search`, and the cases of `queryset` whose reporter `q` names, as `user` may
    be shown them (no look-up without a user). One condition, `pk IN (… UNION …)`: no OR
    between two subqueries, which makes PostgreSQL read every case of the scope."""
    from complaints.selectors.reporter_lookup import cases_found_by_reporter

    found = case_search(queryset, q)
    by_reporter = cases_found_by_reporter(queryset, q, user=user) if user is not None else []
    if not by_reporter:
        return StaffSearch(cases=found, by_reporter=False)
    ids = found.order_by().values("pk").union(*by_reporter)
    return StaffSearch(cases=queryset.filter(pk__in=ids), by_reporter=True)


def case_facets(queryset) -> dict[str, list[dict]]:
    """{facet: [{"value", "count"}]} of the cases in `queryset`."""
    dotted = getattr(settings, "COMPLAINTS_CASE_FACETS", None)
    if dotted:
        return import_string(dotted)(queryset)
    rows = queryset.order_by().values("kind").annotate(count=Count("pk")).order_by("-count")
    return {"kind": [{"value": r["kind"], "count": r["count"]} for r in rows]}
