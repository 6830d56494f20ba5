"""The inspectors' case search, on the database: what `complaints` calls through
`settings.COMPLAINTS_CASE_SEARCH` / `COMPLAINTS_CASE_FACETS` without knowing
this app.

`case_search(queryset, q)` narrows a queryset the caller has already scoped
(`Case.objects.in_scope_of(user)`): the full-text condition is added to that
same SQL query, so scope is applied inside the query, never after it. It finds
a tracking code whole or partial (YT-2026-000123, 2026-000123, 000123, 00012),
the title, content, facility and category, with or without diacritics.

`case_facets(queryset)` counts the narrowed cases by kind, status, unit,
category, channel, month of receipt, overdue and due soon, in one query per
grouping, over the same narrowed query."""

from __future__ import annotations

import datetime
import re

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from search.backends import fulltext_match, understand
from search.documents import case_text
from search.text import folded_stream

_CODE = re.compile(r"^[A-Za-z]{0,4}-?\d[\d-]*$")


def index_case(case, *, created: bool = False) -> None:
    """Write the case's search row (the one write path of CaseSearchEntry)."""
    from search.models import CaseSearchEntry

    text = folded_stream(case_text(case))
    # One statement in the usual case (an UPDATE of the row, or the INSERT of a new one).
    if not created and CaseSearchEntry.objects.filter(case_id=case.pk).update(folded_text=text):
        return
    CaseSearchEntry.objects.create(case_id=case.pk, folded_text=text)


def case_search(queryset, q: str):
    """`queryset` narrowed to the cases matching `q` (empty `q`: unchanged)."""
    from search.models import CaseSearchEntry

    query = understand((q or "").strip()[:200])
    if not query:
        return queryset
    table = CaseSearchEntry._meta.db_table
    code = q.strip()
    condition = Q(
        pk__in=CaseSearchEntry.objects.filter(
            fulltext_match(table, query, prefix_last=bool(_CODE.match(code)))
        ).values("case_id")
    )
    if _CODE.match(code) and any(ch.isdigit() for ch in code):
        # A partial tracking code: trigram-indexed on PostgreSQL (complaints_case_code_trgm).
        condition |= Q(tracking_code__icontains=code)
    return queryset.filter(condition)


def case_facets(queryset, *, today: datetime.date | None = None) -> dict[str, list[dict]]:
    """Counts of the cases in `queryset`, per facet: [{"value", "count"}] best first."""
    from complaints.selectors.dashboard import due_soon_horizon

    today = today or timezone.localdate()
    horizon = due_soon_horizon(today=today)
    queryset = queryset.order_by()

    def grouped(field: str, *, label=None) -> list[dict]:
        rows = queryset.values(field).annotate(count=Count("pk")).order_by("-count", field)
        return [
            {"value": (label(row[field]) if label else row[field]), "count": row["count"]}
            for row in rows
            if row[field] is not None
        ]

    flags = {
        "overdue": queryset.open().overdue(at=today).count(),
        "due_soon": queryset.open().due_within(days=(horizon - today).days, at=today).count(),
    }
    return {
        "kind": grouped("kind"),
        "status": grouped("status"),
        "unit": grouped("assigned_unit__code"),
        "category": grouped("category__code"),
        "channel": grouped("channel"),
        "month": [
            {"value": row["month"].strftime("%Y-%m"), "count": row["count"]}
            for row in queryset.annotate(month=TruncMonth("received_at"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("-month")
            if row["month"]
        ],
        "overdue": [{"value": "true", "count": flags["overdue"]}],
        "due_soon": [{"value": "true", "count": flags["due_soon"]}],
    }
