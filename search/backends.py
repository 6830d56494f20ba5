"""Search backends behind one interface, chosen once from settings:
Elasticsearch 8 when ELASTICSEARCH_URL is set, else the database."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, IntegerField, Value, When

from search.documents import SearchDocument
from search.text import fold, plain, snippet, terms


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    type: str
    snippet: str
    date: str | None

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


class DatabaseBackend:
    """Folded-text matching in the database: every term must appear; title
    matches and the whole phrase rank first. Fine for a province's content."""

    name = "database"

    def index(self, documents: Iterable[SearchDocument]) -> int:
        from search.models import SearchEntry

        count = 0
        for doc in documents:
            SearchEntry.objects.update_or_create(
                key=doc.key,
                defaults={
                    "type": doc.type,
                    "title": doc.title,
                    "url": doc.url,
                    "text": doc.text,
                    "folded_title": fold(doc.title),
                    "folded_text": fold(f"{doc.title}\n{doc.text}"),
                    "date": doc.date,
                },
            )
            count += 1
        return count

    def delete(self, keys: Iterable[str]) -> None:
        from search.models import SearchEntry

        SearchEntry.objects.filter(key__in=list(keys)).delete()

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        from search.models import SearchEntry

        with transaction.atomic():  # readers see the old index until commit
            SearchEntry.objects.all().delete()
            return self.index(documents)

    def count(self) -> int:
        from search.models import SearchEntry

        return SearchEntry.objects.count()

    def search(self, query: str, *, type: str | None = None, limit: int = 10, offset: int = 0):
        from search.models import SearchEntry

        words = terms(query)
        if not words:
            return SearchResults(0, [])
        entries = SearchEntry.objects.all()
        if type:
            entries = entries.filter(type=type)
        for word in words:
            entries = entries.filter(folded_text__contains=word)
        phrase = " ".join(words)
        score = sum(
            (Case(When(folded_title__contains=w, then=Value(3)), default=Value(0)) for w in words),
            Case(When(folded_title__contains=phrase, then=Value(10)), default=Value(0))
            + Case(When(folded_text__contains=phrase, then=Value(2)), default=Value(0)),
        )
        entries = entries.annotate(
            score=models.ExpressionWrapper(score, output_field=IntegerField())
        )
        total = entries.count()
        rows = entries.order_by("-score", models.F("date").desc(nulls_last=True), "title")
        hits = [
            SearchHit(
                title=row.title,
                url=row.url,
                type=row.type,
                snippet=snippet(row.text, query),
                date=row.date.isoformat() if row.date else None,
            )
            for row in rows[offset : offset + limit]
        ]
        return SearchResults(total, hits)


class ElasticsearchBackend:
    """Elasticsearch 8 through elasticsearch-dsl: an alias over a dated index,
    rebuilt into a new index and swapped atomically (no downtime)."""

    name = "elasticsearch"

    def __init__(self, url: str, prefix: str):
        from elasticsearch import Elasticsearch

        self.client = Elasticsearch([u.strip() for u in url.split(",") if u.strip()])
        self.alias = f"{prefix}-content"

    def _document_class(self, index_name: str):
        from elasticsearch_dsl import Date, Document, Keyword, Text, analyzer

        # asciifolding folds Vietnamese diacritics (đ -> d), so "benh vien"
        # finds "bệnh viện"; the original text is kept for display.
        folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])

        class ContentDocument(Document):
            type = Keyword()
            title = Text(analyzer=folded, fields={"raw": Keyword()})
            url = Keyword(index=False)
            text = Text(analyzer=folded)
            date = Date()

            class Index:
                name = index_name

        return ContentDocument

    def _ensure_index(self):
        if not self.client.indices.exists_alias(name=self.alias):
            self._create_index(alias=True)

    def _create_index(self, *, alias: bool) -> str:
        import time

        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 10_000}"
        document = self._document_class(name)
        document.init(using=self.client)
        if alias:
            self.client.indices.put_alias(index=name, name=self.alias)
        return name

    def _bulk(self, index_name: str, documents: Iterable[SearchDocument]) -> int:
        from elasticsearch.helpers import bulk

        actions = (
            {
                "_index": index_name,
                "_id": doc.key,
                "_source": {
                    "type": doc.type,
                    "title": doc.title,
                    "url": doc.url,
                    "text": doc.text,
                    "date": doc.date.isoformat() if doc.date else None,
                },
            }
            for doc in documents
        )
        indexed, _errors = bulk(self.client, actions, refresh="wait_for")
        return indexed

    def index(self, documents: Iterable[SearchDocument]) -> int:
        self._ensure_index()
        return self._bulk(self.alias, documents)

    def delete(self, keys: Iterable[str]) -> None:
        self._ensure_index()
        for key in keys:
            self.client.options(ignore_status=404).delete(
                index=self.alias, id=key, refresh="wait_for"
            )

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        new_index = self._create_index(alias=False)
        indexed = self._bulk(new_index, documents)
        old = (
            list(self.client.indices.get_alias(name=self.alias).keys())
            if (self.client.indices.exists_alias(name=self.alias))
            else []
        )
        actions = [{"add": {"index": new_index, "alias": self.alias}}]
        actions += [{"remove": {"index": name, "alias": self.alias}} for name in old]
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            self.client.indices.delete(index=name)
        return indexed

    def count(self) -> int:
        self._ensure_index()
        self.client.indices.refresh(index=self.alias)
        return self.client.count(index=self.alias)["count"]

    def search(self, query: str, *, type: str | None = None, limit: int = 10, offset: int = 0):
        from elasticsearch_dsl import Q, Search

        self._ensure_index()
        s = Search(using=self.client, index=self.alias)
        s = s.query(
            Q("multi_match", query=query, fields=["title^3", "text"], operator="and")
            | Q("match_phrase", title={"query": query, "boost": 5})
        )
        if type:
            s = s.filter("term", type=type)
        s = s.highlight("text", fragment_size=200, number_of_fragments=1)
        s = s.extra(track_total_hits=True)[offset : offset + limit]
        response = s.execute()
        hits = []
        for hit in response:
            highlight = getattr(getattr(hit.meta, "highlight", None), "text", None)
            hits.append(
                SearchHit(
                    title=hit.title,
                    url=hit.url,
                    type=hit.type,
                    snippet=(plain(highlight[0]) if highlight else snippet(hit.text, query)),
                    date=str(hit.date)[:10] if getattr(hit, "date", None) else None,
                )
            )
        return SearchResults(response.hits.total.value, hits)


@functools.cache
def get_backend():
    if settings.ELASTICSEARCH_URL:
        return ElasticsearchBackend(settings.ELASTICSEARCH_URL, settings.SEARCH_INDEX_PREFIX)
    return DatabaseBackend()
