"""Search backends behind one interface, chosen once from settings:
Elasticsearch 8 when ELASTICSEARCH_URL is set, else the database.

Both read the same `search.text.Query` (whole syllables, folded match required,
synonyms as alternatives) and rank the same way: the exact phrase (diacritics
kept) in the title, then in the body, then the folded phrase, then the words;
ties by date (newest first) and key, so the order is stable. Snippets are cut
from the original text in Python, with <mark> around the matches."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from search.documents import FILTERS, SearchDocument
from search.text import (
    Query,
    exact_stream,
    folded_stream,
    highlight,
    parse,
)


class SearchUnavailable(Exception):
    """The search engine did not answer: the caller says so (503), never a 500."""


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    type: str
    snippet: str  # HTML: the original text, escaped, matches in <mark>
    date: str | None

    @property
    def date_display(self) -> str:
        """dd/mm/yyyy, as Vietnamese readers write dates."""
        if not self.date:
            return ""
        year, month, day = self.date[:10].split("-")
        return f"{day}/{month}/{year}"

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "url": self.url,
            "type": self.type,
            "snippet": self.snippet,
            "date": self.date,
        }


@dataclass(frozen=True)
class SearchResults:
    count: int
    hits: list[SearchHit]


def synonyms() -> list[list[str]]:
    from search.models import SynonymGroup

    return [group.spellings() for group in SynonymGroup.objects.all()]


def understand(query: str | Query) -> Query:
    return query if isinstance(query, Query) else parse(query, synonyms())


def clean_filters(filters: dict | None) -> dict:
    return {k: str(v) for k, v in (filters or {}).items() if k in FILTERS and v not in (None, "")}


# -- full-text matching in the database, per vendor ---------------------------------------


def tsquery(query: Query, *, prefix_last: bool = False) -> str:
    """PostgreSQL: `(vac <-> xin | vacxin | vaccine) & tiem`; `tiem:*` for a prefix."""
    clauses = [
        "(" + " | ".join(" <-> ".join(alt) for alt in clause) + ")" for clause in query.clauses
    ]
    if prefix_last and len(query.clauses[-1]) == 1:
        clauses[-1] = "(" + " <-> ".join(query.clauses[-1][0]) + ":*)"
    return " & ".join(clauses)


def fts5_query(query: Query, *, prefix_last: bool = False) -> str:
    """SQLite FTS5: `("vac xin" OR "vacxin" OR "vaccine") AND ("tiem")`; `"tiem"*` for a prefix."""
    clauses = [
        "(" + " OR ".join('"' + " ".join(alt) + '"' for alt in clause) + ")"
        for clause in query.clauses
    ]
    if prefix_last and len(query.clauses[-1]) == 1:
        clauses[-1] = '("' + " ".join(query.clauses[-1][0]) + '"*)'
    return " AND ".join(clauses)


def fulltext_match(table: str, query: Query, *, prefix_last: bool = False) -> Q | RawSQL:
    """A condition on `table`.id (or its rows) that uses the full-text index."""
    vendor = connection.vendor
    if vendor == "postgresql":
        text = tsquery(query, prefix_last=prefix_last)
        return RawSQL(
            # Unqualified: Django aliases the table inside subqueries (U0); the GIN
            # index is on this same expression.
            "to_tsvector('simple', folded_text) @@ to_tsquery('simple', %s)",
            [text],
            output_field=models.BooleanField(),
        )
    if vendor == "sqlite":
        text = fts5_query(query, prefix_last=prefix_last)
        return Q(id__in=RawSQL(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [text]))
    condition = Q()
    for clause in query.clauses:
        either = Q()
        for alt in clause:
            either |= Q(folded_text__contains=f" {' '.join(alt)} ")
        condition &= either
    return condition


def _points(field: str, needle: str, points: int):
    return Case(When(**{f"{field}__contains": needle}, then=Value(points)), default=Value(0))


def score_expression(query: Query):
    """The ranking, as described at the top of the module."""
    exact_phrase = f" {' '.join(query.exact)} "
    folded_phrase = f" {' '.join(query.folded)} "
    score = (
        _points("exact_title", exact_phrase, 40)
        + _points("exact_text", exact_phrase, 16)
        + _points("folded_title", folded_phrase, 8)
        + _points("folded_text", folded_phrase, 4)
    )
    for word in dict.fromkeys(query.exact):
        score = (
            score + _points("exact_title", f" {word} ", 2) + _points("exact_text", f" {word} ", 1)
        )
    return models.ExpressionWrapper(score, output_field=IntegerField())


class DatabaseBackend:
    """Full-text search in the database the portal runs on: PostgreSQL's GIN index
    over the folded text, SQLite's FTS5; ranking on the candidates only."""

    name = "database"

    def _row(self, doc: SearchDocument) -> dict:
        return {
            "type": doc.type,
            "title": doc.title,
            "url": doc.url,
            "text": doc.text,
            "folded_title": folded_stream(doc.title),
            "folded_text": folded_stream(f"{doc.title}\n{doc.text}"),
            "exact_title": exact_stream(doc.title),
            "exact_text": exact_stream(f"{doc.title}\n{doc.text}"),
            "date": doc.date,
            "fields": doc.fields,
            "digest": doc.digest,
        }

    def index(self, documents: Iterable[SearchDocument]) -> int:
        from search.models import SearchEntry

        count = 0
        for doc in documents:
            SearchEntry.objects.update_or_create(key=doc.key, defaults=self._row(doc))
            count += 1
        return count

    def delete(self, keys: Iterable[str]) -> None:
        from search.models import SearchEntry

        SearchEntry.objects.filter(key__in=list(keys)).delete()

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Rewrites the changed rows and removes the rows no longer wanted, without
        ever emptying the table: a write made meanwhile is not lost."""
        from search.models import SearchEntry

        known = dict(SearchEntry.objects.values_list("key", "digest"))
        seen, count, batch = set(), 0, []

        def flush():
            fresh = [d for d in batch if d.key not in known]
            SearchEntry.objects.bulk_create(
                [SearchEntry(key=d.key, **self._row(d)) for d in fresh],
                batch_size=500,
                ignore_conflicts=True,  # written by a task meanwhile: that row is newer
            )
            self.index(d for d in batch if d.key in known)  # rows changed meanwhile
            batch.clear()

        for doc in documents:
            seen.add(doc.key)
            count += 1
            if known.get(doc.key) != doc.digest:
                batch.append(doc)
            if len(batch) >= 500:
                flush()
        flush()
        self.delete(set(known) - seen)
        return count

    def count(self) -> int:
        from search.models import SearchEntry

        return SearchEntry.objects.count()

    def digests(self) -> dict[str, str]:
        from search.models import SearchEntry

        return dict(SearchEntry.objects.values_list("key", "digest"))

    def search(
        self,
        query: str | Query,
        *,
        type: str | None = None,
        filters: dict | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> SearchResults:
        from search.models import SearchEntry

        q = understand(query)
        if not q:
            return SearchResults(0, [])
        entries = SearchEntry.objects.filter(fulltext_match(SearchEntry._meta.db_table, q))
        if type:
            entries = entries.filter(type=type)
        for name, value in clean_filters(filters).items():
            entries = entries.filter(**{f"fields__{name}": value})
        total = entries.count()
        if not limit:
            return SearchResults(total, [])
        rows = entries.annotate(score=score_expression(q)).order_by(
            "-score", models.F("date").desc(nulls_last=True), "key"
        )
        hits = [
            SearchHit(
                title=row.title,
                url=row.url,
                type=row.type,
                snippet=highlight(row.text, q),
                date=row.date.isoformat() if row.date else None,
            )
            for row in rows.only("title", "url", "type", "text", "date")[offset : offset + limit]
        ]
        return SearchResults(total, hits)


def vietnamese_analyzers():
    """(folded, exact) analyzers of every Elasticsearch index (pages and cases): folded
    (đ→d, tones off, via asciifolding) for matching; exact (lower case, diacritics kept)
    for ranking. Texts arrive NFC (search.text.plain)."""
    from elasticsearch_dsl import analyzer

    folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
    exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])
    return folded, exact


class ElasticsearchBackend:
    """Elasticsearch 8 through elasticsearch-dsl: an alias over a dated index,
    rebuilt into a new index and swapped atomically (no downtime). While a rebuild
    runs, the new index carries a second alias (`…-next`) and every write goes to
    both, so nothing written meanwhile is lost."""

    name = "elasticsearch"

    def __init__(self, url: str, prefix: str, *, node_class=None):
        from elasticsearch import Elasticsearch

        options = {"request_timeout": 10, "max_retries": 1}
        # Elasticsearch 8's own certificate authority (its `http_ca.crt`), for https:// URLs.
        ca_certs = getattr(settings, "ELASTICSEARCH_CA_CERTS", None)
        if ca_certs:
            options["ca_certs"] = ca_certs
        if node_class is not None:
            options["node_class"] = node_class
        self.client = Elasticsearch([u.strip() for u in url.split(",") if u.strip()], **options)
        self.alias = f"{prefix}-content"
        self.next_alias = f"{self.alias}-next"

    @staticmethod
    def _errors():
        from elasticsearch import ApiError, TransportError

        return (ApiError, TransportError)

    def _call(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except self._errors() as error:
            raise SearchUnavailable(str(error)) from error

    def _document_class(self, index_name: str):
        from elasticsearch_dsl import Date, Document, Keyword, Object, Text

        folded, exact = vietnamese_analyzers()

        class ContentDocument(Document):
            key = Keyword()
            type = Keyword()
            title = Text(analyzer=folded, fields={"exact": Text(analyzer=exact)})
            url = Keyword(index=False)
            text = Text(analyzer=folded, fields={"exact": Text(analyzer=exact)})
            date = Date()
            fields = Object(properties={name: Keyword() for name in FILTERS})
            digest = Keyword()

            class Index:
                name = index_name

        return ContentDocument

    def _ensure_index(self):
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            self._create_index(alias=True)

    def _create_index(self, *, alias: bool) -> str:
        import time

        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1_000_000}"
        self._call(self._document_class(name).init, using=self.client)
        if alias:
            self._call(self.client.indices.put_alias, index=name, name=self.alias)
        return name

    def _targets(self) -> list[str]:
        targets = [self.alias]
        if self._call(self.client.indices.exists_alias, name=self.next_alias):
            targets.append(self.next_alias)
        return targets

    @staticmethod
    def _source(doc: SearchDocument) -> dict:
        return {
            "key": doc.key,
            "type": doc.type,
            "title": doc.title,
            "url": doc.url,
            "text": doc.text,
            "date": doc.date.isoformat() if doc.date else None,
            "fields": doc.fields,
            "digest": doc.digest,
        }

    def _bulk(
        self, index_names: list[str], documents: Iterable[SearchDocument], refresh=True
    ) -> int:
        from elasticsearch.helpers import bulk

        actions = (
            {"_index": name, "_id": doc.key, "_source": self._source(doc)}
            for doc in documents
            for name in index_names
        )
        indexed, _errors = self._call(bulk, self.client, actions, refresh=refresh, chunk_size=500)
        return indexed // len(index_names)

    def index(self, documents: Iterable[SearchDocument]) -> int:
        self._ensure_index()
        return self._bulk(self._targets(), documents)

    def delete(self, keys: Iterable[str]) -> None:
        self._ensure_index()
        targets = self._targets()
        for key in keys:
            for target in targets:
                self._call(
                    self.client.options(ignore_status=404).delete,
                    index=target,
                    id=key,
                    refresh=True,
                )

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        new_index = self._create_index(alias=False)
        self._call(self.client.indices.put_alias, index=new_index, name=self.next_alias)
        try:
            indexed = self._bulk([new_index], documents, refresh=False)
            self._call(self.client.indices.refresh, index=new_index)
            old = (
                list(self._call(self.client.indices.get_alias, name=self.alias).keys())
                if self._call(self.client.indices.exists_alias, name=self.alias)
                else []
            )
            actions = [{"add": {"index": new_index, "alias": self.alias}}]
            actions += [{"remove": {"index": name, "alias": self.alias}} for name in old]
            actions += [{"remove": {"index": new_index, "alias": self.next_alias}}]
            self._call(self.client.indices.update_aliases, actions=actions)
        except Exception:
            self.client.options(ignore_status=404).indices.delete(index=new_index)
            raise
        for name in old:  # by name: Elasticsearch 8 refuses wildcard deletion
            self._call(self.client.options(ignore_status=404).indices.delete, index=name)
        return indexed

    def count(self) -> int:
        self._ensure_index()
        self._call(self.client.indices.refresh, index=self.alias)
        return self._call(self.client.count, index=self.alias)["count"]

    def digests(self) -> dict[str, str]:
        from elasticsearch.helpers import scan

        self._ensure_index()
        self._call(self.client.indices.refresh, index=self.alias)
        hits = self._call(
            lambda: list(
                scan(
                    self.client,
                    index=self.alias,
                    query={"query": {"match_all": {}}},
                    _source=["digest"],
                    size=1000,
                )
            )
        )
        return {hit["_id"]: hit["_source"].get("digest", "") for hit in hits}

    def drop(self) -> None:
        """Deletes this prefix's indices, each by name (tests, and a fresh start)."""
        for alias in (self.alias, self.next_alias):
            if self.client.indices.exists_alias(name=alias):
                for name in self.client.indices.get_alias(name=alias):
                    self.client.options(ignore_status=404).indices.delete(index=name)

    def search(
        self,
        query: str | Query,
        *,
        type: str | None = None,
        filters: dict | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> SearchResults:
        from elasticsearch_dsl import Q, Search

        q = understand(query)
        if not q:
            return SearchResults(0, [])
        self._ensure_index()
        must = [
            Q(
                "bool",
                should=[
                    Q("multi_match", query=" ".join(alt), type="phrase", fields=["title", "text"])
                    for alt in clause
                ],
                minimum_should_match=1,
            )
            for clause in q.clauses
        ]

        # Constant scores, so the ranking is the database's: points per kind of match.
        def points(query, boost):
            return Q("constant_score", filter=query, boost=boost)

        def phrase(text, fields):
            return Q("multi_match", query=text, type="phrase", fields=fields)

        exact = " ".join(q.exact)
        folded = " ".join(q.folded)
        should = [
            points(phrase(exact, ["title.exact"]), 40),
            points(phrase(exact, ["title.exact", "text.exact"]), 16),
            points(phrase(folded, ["title"]), 8),
            points(phrase(folded, ["title", "text"]), 4),
        ]
        for word in dict.fromkeys(q.exact):
            should.append(points(phrase(word, ["title.exact"]), 2))
            should.append(points(phrase(word, ["title.exact", "text.exact"]), 1))
        s = Search(using=self.client, index=self.alias).query(Q("bool", filter=must, should=should))
        if type:
            s = s.filter("term", type=type)
        for name, value in clean_filters(filters).items():
            s = s.filter("term", **{f"fields.{name}": value})
        s = s.sort({"_score": "desc"}, {"date": {"order": "desc", "missing": "_last"}}, "key")
        s = s.extra(track_total_hits=True)[offset : offset + limit]
        response = self._call(s.execute)
        hits = [
            SearchHit(
                title=hit.title,
                url=hit.url,
                type=hit.type,
                snippet=highlight(hit.text, q),
                date=str(hit.date)[:10] if getattr(hit, "date", None) else None,
            )
            for hit in response
        ]
        return SearchResults(response.hits.total.value, hits)


@functools.cache
def get_backend():
    if settings.ELASTICSEARCH_URL:
        from django.utils.module_loading import import_string

        node_class = getattr(settings, "ELASTICSEARCH_NODE_CLASS", None)
        return ElasticsearchBackend(
            settings.ELASTICSEARCH_URL,
            settings.SEARCH_INDEX_PREFIX,
            node_class=import_string(node_class) if node_class else None,
        )
    return DatabaseBackend()
