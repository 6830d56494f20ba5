"""What the search index holds: one `SearchDocument` per public page.

Only live, public pages of the types below are indexed: never drafts, never
pages behind a view restriction, and nothing of the complaint cases (the
citizens' data stays out of the index)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from search.text import plain

# The search types of CONTRACT.md. A page class takes part by declaring one of
# them as its `search_type` (cms/models); any other page is left out.
TYPES = ("directive", "news", "press_response", "story")
DATE_FIELDS = ("date", "published_on", "issued_on", "first_published_at")


@dataclass(frozen=True)
class SearchDocument:
    key: str
    type: str
    title: str
    url: str
    text: str
    date: datetime.date | None


def page_type(page) -> str | None:
    search_type = getattr(page.specific_class, "search_type", None) if page.specific_class else None
    return search_type if search_type in TYPES else None


def is_indexable(page) -> bool:
    return bool(page.live and page_type(page) and not page.get_view_restrictions().exists())


def document_for_page(page) -> SearchDocument:
    page = page.specific
    parts = [page.title, page.search_description or ""]
    # The page type's own content fields only: Wagtail's Page fields (tree path,
    # slug, url_path, locks…) are not content and would match every query.
    for field in page._meta.get_fields():
        if getattr(field, "model", None) is Page or not getattr(field, "concrete", False):
            continue
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            parts.append(plain(str(value.render_as_block())) if value else "")
        elif isinstance(field, RichTextField | models.TextField | models.CharField):
            if field.choices:
                parts.append(str(getattr(page, f"get_{field.name}_display")()))
            else:
                parts.append(plain(str(getattr(page, field.name) or "")))
    return SearchDocument(
        key=f"page:{page.pk}",
        type=page_type(page),
        title=page.title,
        url=page.get_url() or page.url_path,
        text="\n".join(part for part in parts if part),
        date=_page_date(page),
    )


def _page_date(page) -> datetime.date | None:
    if hasattr(page, "get_listing_date"):
        value = page.get_listing_date()
        return value.date() if isinstance(value, datetime.datetime) else value
    for name in DATE_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
    return None


def indexable_pages():
    for page in Page.objects.live().public().specific().iterator(chunk_size=200):
        if is_indexable(page):
            yield page
