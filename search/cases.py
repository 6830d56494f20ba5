"""The inspectors' case search, on the database: what `complaints` calls through
`settings.COMPLAINTS_CASE_SEARCH` / `COMPLAINTS_CASE_FACETS` without knowing
this app.

`case_search(queryset, q)` narrows a queryset the caller has already scoped
(`Case.objects.in_scope_of(user)`): the full-text condition is added to that
same SQL query, so scope is applied inside the query, never after it. It finds
a tracking code whole or partial (YT-2026-000123, 2026-000123, 000123, 00012),
the title, content, facility and category, with or without diacritics.

`case_facets(queryset)` counts the narrowed cases by kind, status, unit,
category, channel, month of receipt, overdue and due soon, in one query over
the same narrowed query (GROUPING SETS on PostgreSQL, UNION ALL over a CTE on
SQLite)."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case as Choose
from django.db.models import F, IntegerField, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from complaints.querysets import due_within_condition, overdue_condition
from search.backends import fulltext_match, understand
from search.documents import case_text
from search.text import folded_stream

# Looks like a tracking code, whole or partial: YT-2026-000123, 2026-000123, 00012.
_CODE = re.compile(r"^(?=.*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")


def index_case(case, *, created: bool = False) -> None:
    """Write the case's search row (the one write path of CaseSearchEntry)."""
    from search.models import CaseSearchEntry

    text = folded_stream(case_text(case))
    # One statement in the usual case (an UPDATE of the row, or the INSERT of a new one).
    if not created and CaseSearchEntry.objects.filter(case_id=case.pk).update(folded_text=text):
        return
    CaseSearchEntry.objects.create(case_id=case.pk, folded_text=text)


def index_case_rows(cases: list) -> None:
    """Write the search rows of a batch of cases (facility, category and unit selected):
    new rows inserted, changed rows updated, unchanged rows left; three queries at most."""
    from search.models import CaseSearchEntry

    rows = CaseSearchEntry.objects.filter(case_id__in=[c.pk for c in cases])
    stored = {e.case_id: e for e in rows}
    new, changed = [], []
    for case in cases:
        text = folded_stream(case_text(case))
        entry = stored.get(case.pk)
        if entry is None:
            new.append(CaseSearchEntry(case_id=case.pk, folded_text=text))
        elif entry.folded_text != text:
            entry.folded_text = text
            changed.append(entry)
    CaseSearchEntry.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    CaseSearchEntry.objects.bulk_update(changed, ["folded_text"], batch_size=1000)


def case_search(queryset, q: str):
    """`queryset` narrowed to the cases matching `q` (empty `q`: unchanged).

    One condition, `pk IN (…)`, on the ids the indexes find: the full-text index of
    the search rows and, for what looks like a tracking code, the trigram index of
    the codes (PostgreSQL; complaints_case_code_trgm), as a UNION. No OR between a
    subquery and a column, which makes PostgreSQL read every case."""
    from complaints.models import Case
    from complaints.services.tracking import normalize_tracking_code
    from search.models import CaseSearchEntry

    query = understand((q or "").strip()[:200])
    if not query:
        return queryset
    code = q.strip()
    looks_like_code = bool(_CODE.match(code))
    table = CaseSearchEntry._meta.db_table
    ids = (
        CaseSearchEntry.objects.filter(fulltext_match(table, query, prefix_last=looks_like_code))
        .order_by()
        .values("case_id")
    )
    if looks_like_code:
        typed = normalize_tracking_code(code)  # yt2026000123 finds YT-2026-000123
        codes = Case.objects.filter(tracking_code__icontains=typed).order_by().values("pk")
        ids = ids.union(codes)
    return queryset.filter(pk__in=ids)


# The facets and the columns they group by, in the order of the SQL: `month` is the
# month of receipt in the portal's time zone (TruncMonth).
FACETS = (
    ("kind", "f_kind"),
    ("status", "f_status"),
    ("unit", "f_unit"),
    ("category", "f_category"),
    ("channel", "f_channel"),
    ("month", "f_month"),
)


def facet_rows(queryset, *, today: datetime.date) -> tuple[str, tuple]:
    """SQL and parameters of one row per case of `queryset` (the caller's own query:
    scope, filters, search) with the facet columns and 0/1 flags for overdue and due
    soon: the conditions of the workspace filters and the dashboard counters, so a
    count and the list its link opens agree (a notice owed to the parties may be
    overdue after the decision)."""
    from complaints.selectors.dashboard import due_soon_horizon

    days = (due_soon_horizon(today=today) - today).days

    def flag(condition):
        return Choose(When(condition, then=1), default=0, output_field=IntegerField())

    rows = (
        queryset.order_by()
        .annotate(
            f_kind=F("kind"),
            f_status=F("status"),
            f_unit=F("assigned_unit__code"),
            f_category=F("category__code"),
            f_channel=F("channel"),
            f_month=TruncMonth("received_at"),
            f_overdue=flag(overdue_condition(at=today)),
            f_due_soon=flag(due_within_condition(days=days, at=today)),
        )
        .values(*(alias for _facet, alias in FACETS), "f_overdue", "f_due_soon")
    )
    return rows.query.get_compiler(using=rows.db).as_sql()


def facets_sql(rows_sql: str, vendor: str) -> str:
    """One statement that counts every facet; each result row is (facet number, value,
    count, overdue, due soon), facet number len(FACETS) for the row of all cases.

    PostgreSQL: GROUPING SETS, one pass over the rows. SQLite (no GROUPING SETS in
    3.40): UNION ALL of grouped selects over one CTE."""
    if vendor == "postgresql":
        # GROUPING(column) is 0 in the rows grouped by that column. The narrowed rows
        # are materialized: inlined, PostgreSQL would evaluate the overdue and due-soon
        # conditions on every case of the scope before the search's join.
        which = " ".join(
            f"WHEN GROUPING({alias}) = 0 THEN {number}" for number, (_f, alias) in enumerate(FACETS)
        )
        value = "COALESCE(" + ", ".join(f"{alias}::text" for _f, alias in FACETS) + ")"
        sets = ", ".join(f"({alias})" for _f, alias in FACETS)
        return (
            f"WITH narrowed AS MATERIALIZED ({rows_sql}) "
            f"SELECT CASE {which} ELSE {len(FACETS)} END, {value}, COUNT(*), "
            f"COALESCE(SUM(f_overdue), 0), COALESCE(SUM(f_due_soon), 0) "
            f"FROM narrowed GROUP BY GROUPING SETS ({sets}, ())"
        )
    grouped = " UNION ALL ".join(
        f"SELECT {number}, {alias}, COUNT(*), 0, 0 FROM narrowed GROUP BY {alias}"
        for number, (_f, alias) in enumerate(FACETS)
    )
    return (
        f"WITH narrowed AS ({rows_sql}) {grouped} UNION ALL SELECT {len(FACETS)}, NULL, "
        "COUNT(*), COALESCE(SUM(f_overdue), 0), COALESCE(SUM(f_due_soon), 0) FROM narrowed"
    )


def case_facets(queryset, *, today: datetime.date | None = None) -> dict[str, list[dict]]:
    """Counts of the cases in `queryset`, per facet: [{"value", "count"}], the most
    frequent first (months: the latest first); overdue and due soon as the dashboard.
    One query, whatever the number of cases or values."""
    today = today or timezone.localdate()
    try:
        rows_sql, params = facet_rows(queryset, today=today)
    except EmptyResultSet:  # a scope that can see nothing (`none()`)
        rows_sql = None
    found: dict[str, list[dict]] = {facet: [] for facet, _alias in FACETS}
    overdue = due_soon = 0
    if rows_sql is not None:
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(facets_sql(rows_sql, connections[queryset.db].vendor), params)
            for number, value, count, late, soon in cursor.fetchall():
                if number == len(FACETS):
                    overdue, due_soon = int(late), int(soon)
                elif value is not None:
                    facet = FACETS[number][0]
                    # a month: a date or datetime (text on SQLite) at the first of the month
                    value = str(value)[:7] if facet == "month" else value
                    found[facet].append({"value": value, "count": count})
    for facet, counts in found.items():
        if facet == "month":
            counts.sort(key=lambda row: row["value"], reverse=True)
        else:
            counts.sort(key=lambda row: (-row["count"], row["value"]))
    return found | {
        "overdue": [{"value": "true", "count": overdue}],
        "due_soon": [{"value": "true", "count": due_soon}],
    }
