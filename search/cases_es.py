"""The inspectors' case search on Elasticsearch: what `complaints` calls through
`settings.COMPLAINTS_CASE_SEARCH` / `COMPLAINTS_CASE_FACETS` when ELASTICSEARCH_URL
is set (search/cases.py is the database side; both answer the same contract).

The index (`<prefix>-cases`, an alias over a dated index, rebuilt and swapped like the
pages' index) holds per case: the words an inspector finds it by (`case_text`: tracking
code, title, content, facility, category, unit; folded and exact), the tracking code
as a keyword (partial codes), and the facet fields (kind, status, unit, category,
channel, month of receipt, the deadlines an open case waits on). Never the
`Reporter` (name, phone, e-mail, address, identity number): it is not read here.

Scope inside the query: the caller passes a queryset already put in the user's scope
(`Case.objects.in_scope_of(user)`, the one place scope is defined); `es_filter`
translates that queryset's WHERE clause (kind, unit, status… lookups on the case's
own columns) into the Elasticsearch filter, so the rule is derived, never written
twice. `case_search` returns `queryset.filter(pk__in=<ids Elasticsearch found inside
that filter>)`, the caller's own conditions kept in SQL as well; `case_facets`
counts every facet in one request with `FacetedSearch`.

The search engine down: the database search answers instead (logged), never a 500."""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Model
from django.db.models.lookups import (
    Exact,
    GreaterThan,
    GreaterThanOrEqual,
    In,
    IsNull,
    LessThan,
    LessThanOrEqual,
)
from django.db.models.sql.where import AND, OR, WhereNode
from django.utils import timezone
from elasticsearch_dsl import (
    Boolean,
    Date,
    DateHistogramFacet,
    Document,
    FacetedSearch,
    Integer,
    Keyword,
    Q,
    Search,
    TermsFacet,
    Text,
)
from elasticsearch_dsl.faceted_search import Facet

from complaints.services.confidential_text import redacted
from search import cases as database
from search.backends import ElasticsearchBackend, SearchUnavailable, understand
from search.documents import case_text

logger = logging.getLogger(__name__)

_CODE = re.compile(r"^[A-Za-z]{0,4}-?\d[\d-]*$")
PAGE = 10_000  # ids per request (Elasticsearch's default max_result_window)

# Columns of the case an ES filter may be derived from: model field name -> index field.
FILTER_FIELDS = {
    "id": "case_id",
    "kind": "kind",
    "status": "status",
    "channel": "channel",
    "assigned_unit": "unit_id",
    "category": "category_id",
    "facility": "facility_id",
    "assigned_user": "assigned_user_id",
}

RANGES = {GreaterThan: "gt", GreaterThanOrEqual: "gte", LessThan: "lt", LessThanOrEqual: "lte"}


# -- the documents ------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseEntry:
    key: str
    source: dict

    @property
    def digest(self) -> str:
        return self.source["digest"]


def _waiting_deadlines(case, notices: list[datetime.date]) -> list[datetime.date]:
    """The deadlines of the step an open case waits on, as `overdue_condition` reads
    them (complaints/querysets.py): acceptance before thụ lý, resolution after, and
    each notice to the parties not yet sent. The facets' contract test holds the two
    in step (overdue and due-soon counts equal on every backend)."""
    from complaints.kinds import CaseKind, CaseStatus

    dates = list(notices)
    if case.status in (CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO) and case.accept_by:
        dates.append(case.accept_by)
    if case.status in (CaseStatus.ACCEPTED, CaseStatus.VERIFYING) and case.resolve_by:
        dates.append(case.resolve_by)
    # A press case after thụ lý still owes the outlet its notice of measures (khoản 3
    # Điều 18 Nghị định 237/2026), due on its accept_by.
    if (
        case.kind == CaseKind.BAO_CHI
        and case.status in (CaseStatus.ACCEPTED, CaseStatus.VERIFYING)
        and case.accept_by
    ):
        dates.append(case.accept_by)
    return sorted(set(dates))


def case_entries(cases: list) -> list[CaseEntry]:
    """The index documents of `cases` (with facility, category and unit selected):
    three queries per batch, whatever its size."""
    from complaints.models import Case, CaseDeadline
    from complaints.rules.notices import PENDING_STEPS

    ids = [c.pk for c in cases]
    open_ids = set(Case.objects.filter(pk__in=ids).open().values_list("pk", flat=True))
    notices: dict[int, list] = {}
    for case_id, due in CaseDeadline.objects.filter(
        case_id__in=ids,
        step__in=sorted(PENDING_STEPS),
        superseded_at__isnull=True,
        settled_at__isnull=True,
    ).values_list("case_id", "due"):
        notices.setdefault(case_id, []).append(due)
    tz = timezone.get_default_timezone()
    out = []
    for case in cases:
        is_open = case.pk in open_ids
        deadlines = _waiting_deadlines(case, notices.get(case.pk, [])) if is_open else []
        received = case.received_at
        source = {
            "case_id": case.pk,
            "tracking_code": case.tracking_code,
            "text": case_text(case),
            "title": redacted(case.title, case=case),
            "facility_name": case.facility.name if case.facility_id else None,
            "category_name": case.category.name if case.category_id else None,
            "kind": case.kind,
            "status": case.status,
            "channel": case.channel,
            "unit": case.assigned_unit.code if case.assigned_unit_id else None,
            "unit_id": case.assigned_unit_id,
            "category": case.category.code if case.category_id else None,
            "category_id": case.category_id,
            "facility_id": case.facility_id,
            "assigned_user_id": case.assigned_user_id,
            "received_at": received.isoformat() if received else None,
            # Local wall time without offset: the month histogram is the portal's month
            # on every server (noida-db ignores a histogram's time_zone).
            "received_local": (
                timezone.localtime(received, tz).replace(tzinfo=None).isoformat()
                if received
                else None
            ),
            "open": is_open,
            "deadlines": [d.isoformat() for d in deadlines],
        }
        body = json.dumps(source, ensure_ascii=False, sort_keys=True, default=str)
        source["digest"] = hashlib.sha256(body.encode()).hexdigest()
        out.append(CaseEntry(key=str(case.pk), source=source))
    return out


def all_case_entries(chunk: int = 2000, cases=None):
    """The documents of every case (or of the `cases` queryset), in batches."""
    from complaints.models import Case

    batch = []
    cases = (Case.objects.all() if cases is None else cases).select_related(
        "facility", "category", "assigned_unit", "reporter"
    )
    cases = cases.order_by("pk")
    for case in cases.iterator(chunk_size=chunk):
        batch.append(case)
        if len(batch) >= chunk:
            yield from case_entries(batch)
            batch = []
    if batch:
        yield from case_entries(batch)


# -- the index ----------------------------------------------------------------------------


class CaseIndex(ElasticsearchBackend):
    """The pages' backend machinery (alias over a dated index, `-next` alias during a
    rebuild, deletion by name, digests) over the case documents."""

    name = "elasticsearch (cases)"

    def __init__(self, url: str, prefix: str, *, node_class=None):
        super().__init__(url, prefix, node_class=node_class)
        self.alias = f"{prefix}-cases"
        self.next_alias = f"{self.alias}-next"

    def _document_class(self, index_name: str):
        from search.backends import vietnamese_analyzers

        folded, exact = vietnamese_analyzers()

        def words():
            return Text(analyzer=folded, fields={"exact": Text(analyzer=exact)})

        class CaseDocument(Document):
            case_id = Integer()
            tracking_code = Keyword()
            text = words()
            title = words()
            facility_name = words()
            category_name = words()
            kind = Keyword()
            status = Keyword()
            channel = Keyword()
            unit = Keyword()
            unit_id = Integer()
            category = Keyword()
            category_id = Integer()
            facility_id = Integer()
            assigned_user_id = Integer()
            received_at = Date()
            received_local = Date()
            open = Boolean()
            deadlines = Date()
            digest = Keyword()

            class Index:
                name = index_name

        return CaseDocument

    _alias_seen = False

    def _ensure_index(self):
        """Asked once per process: a query does not pay a second round trip each time
        (an index removed behind its back answers 404: SearchUnavailable, the database
        answers)."""
        if not self._alias_seen:
            super()._ensure_index()
            self._alias_seen = True

    def drop(self) -> None:
        super().drop()
        self._alias_seen = False

    @staticmethod
    def _source(doc: CaseEntry) -> dict:
        return doc.source

    def search(self, *args, **kwargs):  # the pages' query does not apply to cases
        raise TypeError("CaseIndex: use matching_ids() or facets()")

    def matching_ids(self, text_query, condition) -> list[int]:
        """Ids of the cases matching `text_query` inside `condition`, newest first."""
        self._ensure_index()
        s = Search(using=self.client, index=self.alias).filter(text_query)
        if condition is not None:
            s = s.filter(condition)
        s = s.sort({"received_at": "desc"}, {"case_id": "desc"}).source(False)
        ids: list[int] = []
        after = None
        while True:
            page = s.extra(size=PAGE, track_total_hits=False)
            if after is not None:
                page = page.extra(search_after=after)
            response = self._call(page.execute)
            hits = response.hits
            ids += [int(hit.meta.id) for hit in hits]
            if len(hits) < PAGE:
                return ids
            after = list(hits[-1].meta.sort)

    def facets(self, condition, *, today: datetime.date, horizon: datetime.date) -> dict:
        self._ensure_index()
        faceted = CaseFacets(self.client, self.alias, condition, today=today, horizon=horizon)[0:0]
        response = self._call(faceted.execute)
        return response.facets


@functools.cache
def _case_index(url: str, prefix: str, node_class: str | None) -> CaseIndex:
    from django.utils.module_loading import import_string

    return CaseIndex(url, prefix, node_class=import_string(node_class) if node_class else None)


def get_case_index() -> CaseIndex | None:
    """The case index settings name (None without ELASTICSEARCH_URL)."""
    if not settings.ELASTICSEARCH_URL:
        return None
    return _case_index(
        settings.ELASTICSEARCH_URL,
        settings.SEARCH_INDEX_PREFIX,
        getattr(settings, "ELASTICSEARCH_NODE_CLASS", None),
    )


# -- scope and filters: the queryset's WHERE as an Elasticsearch filter ---------------------


class Untranslatable(Exception):
    """A condition of the queryset that has no counterpart in the case index."""


def _value(value):
    """A model instance (`assigned_user=user`) by its key; a choice as its value."""
    if isinstance(value, Model):
        return value.pk
    return str(value) if isinstance(value, str) else value


def _lookup(lookup, model) -> Q:
    target = getattr(lookup.lhs, "target", None)
    if target is None or target.model is not model or target.name not in FILTER_FIELDS:
        raise Untranslatable(repr(lookup))
    field = FILTER_FIELDS[target.name]
    if isinstance(lookup, IsNull):
        exists = Q("exists", field=field)
        return ~exists if lookup.rhs else exists
    if hasattr(lookup.rhs, "query") or hasattr(lookup.rhs, "resolve_expression"):
        raise Untranslatable(repr(lookup))  # a subquery or an expression
    if isinstance(lookup, Exact):
        return Q("term", **{field: _value(lookup.rhs)})
    if isinstance(lookup, In):
        return Q("terms", **{field: sorted({_value(v) for v in lookup.rhs}, key=str)})
    for kind, bound in RANGES.items():
        if isinstance(lookup, kind):
            return Q("range", **{field: {bound: _value(lookup.rhs)}})
    raise Untranslatable(repr(lookup))


def _node(node, model, *, lenient: bool) -> Q | None:
    """`node` as a filter. Lenient (a superset is enough: SQL applies the queryset
    again): an untranslatable member of a plain AND is left out. Inside OR and NOT
    nothing may be left out (that would narrow, not widen)."""
    if not isinstance(node, WhereNode):
        return _lookup(node, model)
    if node.connector not in (AND, OR):
        raise Untranslatable(node.connector)
    keep_going = lenient and node.connector == AND and not node.negated
    parts = []
    for child in node.children:
        try:
            part = _node(child, model, lenient=keep_going)
        except Untranslatable:
            if keep_going:
                continue
            raise
        if part is None:  # no condition: matches every case
            if node.connector == OR:
                return Q("match_none") if node.negated else None
            continue
        parts.append(part)
    if not parts:
        return Q("match_none") if node.negated else None
    if node.connector == AND:
        combined = Q("bool", filter=parts)
    else:
        combined = Q("bool", should=parts, minimum_should_match=1)
    return Q("bool", must_not=[combined]) if node.negated else combined


def es_filter(queryset, *, lenient: bool = False) -> Q | None:
    """The queryset's WHERE clause as an Elasticsearch filter (None: no condition).
    Exact unless `lenient`; raises `Untranslatable` when it cannot be exact."""
    if queryset.query.is_empty():
        return Q("match_none")
    return _node(queryset.query.where, queryset.model, lenient=lenient)


def scope_filter(user) -> Q | None:
    """The user's scope as an Elasticsearch filter, derived from
    `Case.objects.in_scope_of(user)` (None: the whole province)."""
    from complaints.models import Case

    return es_filter(Case.objects.in_scope_of(user))


# -- the query ----------------------------------------------------------------------------


def text_query(q: str) -> Q | None:
    """What `search.cases.case_search` matches, in the index: every clause as whole
    folded syllables (a phrase per alternative); a code-like query also as a prefix
    of its last syllable, and as part of the tracking code."""
    code = q.strip()
    query = understand(code[:200])
    if not query:
        return None
    code_like = bool(_CODE.match(code))
    clauses = []
    for n, clause in enumerate(query.clauses):
        alternatives = [Q("match_phrase", text=" ".join(alt)) for alt in clause]
        if code_like and n == len(query.clauses) - 1 and len(clause) == 1 and len(clause[0]) == 1:
            alternatives.append(Q("prefix", text=clause[0][0]))
        clauses.append(Q("bool", should=alternatives, minimum_should_match=1))
    words = Q("bool", filter=clauses)
    if code_like and any(ch.isdigit() for ch in code):
        partial = Q("wildcard", tracking_code={"value": f"*{code}*", "case_insensitive": True})
        return Q("bool", should=[words, partial], minimum_should_match=1)
    return words


def case_search(queryset, q: str):
    """`queryset` narrowed to the cases matching `q`, found by Elasticsearch inside the
    queryset's own conditions (its scope first of all)."""
    index = get_case_index()
    query = text_query(q or "")
    if index is None or query is None:
        return database.case_search(queryset, q)
    if queryset.query.is_empty():
        return queryset
    try:
        ids = index.matching_ids(query, es_filter(queryset, lenient=True))
    except SearchUnavailable as error:
        logger.warning("case search: Elasticsearch unavailable, database used: %s", error)
        return database.case_search(queryset, q)
    narrowed = queryset.filter(pk__in=ids)
    # For case_facets on this same queryset: the query and the conditions it came from,
    # rather than the list of ids.
    narrowed._case_search = (queryset, query)
    return narrowed


# -- facets -------------------------------------------------------------------------------


class FlagsFacet(Facet):
    """Named filters counted in the same request: [("overdue", n), ("due_soon", n)]."""

    agg_type = "filters"

    def get_values(self, data, filter_values):
        return [(name, bucket["doc_count"], False) for name, bucket in data["buckets"].items()]


class CaseFacets(FacetedSearch):
    """Every facet of the cases inside `condition`, in one search request."""

    facets = {
        "kind": TermsFacet(field="kind", size=100),
        "status": TermsFacet(field="status", size=100),
        "unit": TermsFacet(field="unit", size=5000),
        "category": TermsFacet(field="category", size=1000),
        "channel": TermsFacet(field="channel", size=100),
        "month": DateHistogramFacet(
            field="received_local", calendar_interval="month", min_doc_count=1
        ),
    }

    def __init__(self, client, index, condition, *, today, horizon):
        self.using, self.index = client, index
        self._condition = condition
        self.facets = dict(self.facets)
        self.facets["deadline"] = FlagsFacet(
            filters={
                "overdue": Q("range", deadlines={"lt": today.isoformat()}),
                # The next deadline in the window: one in it and none past (a case with a
                # deadline past is overdue only: `complaints.querysets.due_within_condition`).
                "due_soon": Q(
                    "range", deadlines={"gte": today.isoformat(), "lte": horizon.isoformat()}
                )
                & ~Q("range", deadlines={"lt": today.isoformat()}),
            }
        )
        super().__init__()

    def search(self):
        s = super().search()
        if self._condition is not None:
            s = s.filter(self._condition)
        return s.extra(track_total_hits=True)


def _facets_condition(queryset) -> Q | None:
    """The exact filter of `queryset`: for the queryset `case_search` returned, its
    query inside the conditions it was given (one request, no list of ids)."""
    searched = getattr(queryset, "_case_search", None)
    if searched is not None:
        base, query = searched
        try:
            condition = es_filter(base)
        except Untranslatable:
            pass  # the ids, then
        else:
            return query if condition is None else Q("bool", filter=[condition, query])
    return es_filter(queryset)


def case_facets(queryset, *, today: datetime.date | None = None) -> dict[str, list[dict]]:
    """`search.cases.case_facets`, counted by Elasticsearch in one request when the
    queryset's conditions all have a counterpart in the index (else the database)."""
    from complaints.selectors.dashboard import due_soon_horizon

    index = get_case_index()
    if index is None:
        return database.case_facets(queryset, today=today)
    today = today or timezone.localdate()
    try:
        condition = _facets_condition(queryset)
    except Untranslatable:
        return database.case_facets(queryset, today=today)
    try:
        found = index.facets(condition, today=today, horizon=due_soon_horizon(today=today))
    except SearchUnavailable as error:
        logger.warning("case facets: Elasticsearch unavailable, database used: %s", error)
        return database.case_facets(queryset, today=today)

    def counted(name):
        rows = [{"value": value, "count": count} for value, count, _ in found[name] if count]
        return sorted(rows, key=lambda r: (-r["count"], r["value"]))

    flags = {name: count for name, count, _ in found["deadline"]}
    return {
        "kind": counted("kind"),
        "status": counted("status"),
        "unit": counted("unit"),
        "category": counted("category"),
        "channel": counted("channel"),
        "month": [
            {"value": value.strftime("%Y-%m"), "count": count}
            for value, count, _ in sorted(found["month"], key=lambda r: r[0], reverse=True)
            if count
        ],
        "overdue": [{"value": "true", "count": flags.get("overdue", 0)}],
        "due_soon": [{"value": "true", "count": flags.get("due_soon", 0)}],
    }
