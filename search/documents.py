"""What the search indexes hold.

Pages: one `SearchDocument` per live, public page of the types below; never
drafts, never pages behind a view restriction, never the storage behind them
(file names, import paths). Cases: `case_text`, the folded words an inspector
searches, never the reporter's contact data or identity."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from search.text import plain

# The search types of CONTRACT.md, and guides. A page class takes part by declaring
# one of them as its `search_type` (cms/models), or by being listed in EXTRA_TYPES.
TYPES = ("directive", "news", "press_response", "story", "guide")
EXTRA_TYPES = {"cms.guidepage": "guide"}
DATE_FIELDS = ("date", "published_on", "issued_on", "first_published_at")
# Directives: their number, type, issuing body, signer and year are fields and filters.
DIRECTIVE_FIELDS = ("number", "doc_type", "issuing_body", "signer")
FILTERS = ("number", "doc_type", "issuing_body", "signer", "year")


@dataclass(frozen=True)
class SearchDocument:
    key: str
    type: str
    title: str
    url: str
    text: str
    date: datetime.date | None
    fields: dict = field(default_factory=dict)

    @property
    def digest(self) -> str:
        """A fingerprint of the content, for `search_index --check`."""
        body = json.dumps(
            [self.type, self.title, self.url, self.text, str(self.date), self.fields],
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(body.encode()).hexdigest()


def page_type(page) -> str | None:
    cls = page.specific_class
    if cls is None:
        return None
    search_type = getattr(cls, "search_type", None) or EXTRA_TYPES.get(cls._meta.label_lower)
    return search_type if search_type in TYPES else None


def is_indexable(page) -> bool:
    return bool(page.live and page_type(page) and not page.get_view_restrictions().exists())


def _skipped(field) -> bool:
    # Wagtail's Page fields (tree path, slug, locks…) are not content and would match
    # every query; fields an editor cannot edit (source_file…) are storage, not content.
    return (
        getattr(field, "model", None) is Page
        or not getattr(field, "concrete", False)
        or not getattr(field, "editable", True)
    )


def document_for_page(page) -> SearchDocument:
    page = page.specific
    parts = [page.title, page.search_description or ""]
    for f in page._meta.get_fields():
        if _skipped(f):
            continue
        if isinstance(f, StreamField):
            value = getattr(page, f.name)
            parts.append(plain(str(value.render_as_block())) if value else "")
        elif isinstance(f, RichTextField | models.TextField | models.CharField):
            if f.choices:
                parts.append(str(getattr(page, f"get_{f.name}_display")()))
            else:
                parts.append(plain(str(getattr(page, f.name) or "")))
    date = _page_date(page)
    kind = page_type(page)
    fields = {}
    if kind == "directive":
        fields = {name: str(getattr(page, name, "") or "") for name in DIRECTIVE_FIELDS}
        issued = getattr(page, "issued_on", None) or date
        fields["year"] = str(issued.year) if issued else ""
    return SearchDocument(
        key=f"page:{page.pk}",
        type=kind,
        title=plain(page.title),
        url=page.get_url() or page.url_path,
        text=plain("\n".join(part for part in parts if part)),
        date=date,
        fields=fields,
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


def page_documents():
    return (document_for_page(page) for page in indexable_pages())


def case_text(case) -> str:
    """What an inspector may find a case by. Not the `Reporter` (name, phone, e-mail,
    address, identity number): a tố cáo's title and content are indexed with the
    denouncer's identity values redacted (khoản 3 Điều 8, Điều 47 Luật Tố cáo), so the
    CCCD or phone a denouncer wrote into their text finds the case for no one; the
    reporter is read for that alone (select it with the case when indexing in batches)."""
    from complaints.services.confidential_text import redacted

    parts = [
        case.tracking_code,
        case.tracking_code.replace("-", ""),
        redacted(case.title, case=case),
        redacted(case.content, case=case),
        case.facility.name if case.facility_id else "",
        case.facility.code if case.facility_id else "",
        case.category.name if case.category_id else "",
        case.assigned_unit.name if case.assigned_unit_id else "",
    ]
    return "\n".join(p for p in parts if p)
