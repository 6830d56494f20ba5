"""Plain-text official documents become directive pages (`import_directives`).

The metadata is what `parse_official_document` read in the text; anything the
text does not state stays empty. Re-importing the same file (same source file
name, or same number and date of issue) updates the page instead of adding one,
and changes nothing when nothing changed."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.html import escape
from django.utils.text import Truncator
from wagtail.rich_text import RichText

from cms.importers.directive_text import OfficialDocument, parse_official_document
from cms.models import DirectiveIndexPage, DirectivePage
from cms.slugs import plain_slug

TITLE_MAX = 255
SLUG_MAX = 80

# "… có hiệu lực (thi hành) (kể) từ ngày ký (ban hành)" / "… từ ngày 01/7/2026":
# the date a document takes effect, only when the text says so.
_EFFECTIVE_ON_SIGNING_RE = re.compile(
    r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+ngày\s+(?:ký|ban\s+hành)", re.IGNORECASE
)
_EFFECTIVE_ON_DATE_RE = re.compile(
    r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+ngày\s+"
    r"(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})\s*/\s*(?P<year>\d{4})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DirectiveImport:
    page: DirectivePage
    created: bool
    changed: bool


def effective_date(document: OfficialDocument) -> datetime.date | None:
    """The effective date the text itself states, else None (never assumed)."""
    match = _EFFECTIVE_ON_DATE_RE.search(document.body)
    if match:
        try:
            return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return None
    if document.issued_on and _EFFECTIVE_ON_SIGNING_RE.search(document.body):
        return document.issued_on
    return None


def page_fields(document: OfficialDocument) -> dict:
    """The directive page's fields for a parsed document."""
    return {
        "title": Truncator(document.title).chars(TITLE_MAX),
        "number": document.number,
        "doc_type": document.doc_type,
        "parent_body": document.parent_body,
        "issuing_body": document.issuing_body,
        "place": document.place,
        "issued_on": document.issued_on,
        "signer": document.signer,
        "signer_title": document.signer_title,
        "summary": document.summary,
        "addressees": "\n".join(document.addressees),
        "recipients": "\n".join(document.recipients),
        "effective_from": effective_date(document),
    }


def body_blocks(document: OfficialDocument) -> list[tuple[str, RichText]]:
    """The full text as one paragraph block per paragraph."""
    return [("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in document.paragraphs]


def _body_sources(page: DirectivePage) -> list[str]:
    return [
        block.value.source if block.block_type == "paragraph" else repr(block.value)
        for block in page.body
    ]


def vietnamese_slug(text: str, max_length: int = SLUG_MAX) -> str:
    """ASCII slug of Vietnamese text ("Công văn 1576/SYT-VP" → "cong-van-1576-syt-vp"),
    cut at a word boundary: the pages' own slug (`cms.slugs.plain_slug`, its separators
    "/", "\\", "_", ".", ":"… hyphens)."""
    slug = plain_slug(text)
    if len(slug) <= max_length:
        return slug
    return slug[: max_length + 1].rsplit("-", 1)[0].strip("-")


def directive_slug(document: OfficialDocument) -> str:
    """ "cong-van-1576-syt-vp-2020" when the document has a number; else from its title."""
    if document.number:
        parts = [document.doc_type_label or "van ban", document.number]
        if document.issued_on:
            parts.append(str(document.issued_on.year))
        return vietnamese_slug(" ".join(parts))
    return vietnamese_slug(document.title, max_length=60)


def _unique_slug(index: DirectiveIndexPage, base: str) -> str:
    base = base or "van-ban"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def find_existing(
    index: DirectiveIndexPage, *, source_file: str, document: OfficialDocument
) -> DirectivePage | None:
    pages = DirectivePage.objects.descendant_of(index)
    page = pages.filter(source_file=source_file).first() if source_file else None
    if page is None and document.number and document.issued_on:
        page = pages.filter(number=document.number, issued_on=document.issued_on).first()
    return page


@transaction.atomic
def directive_import(
    *, text: str, source_file: str, index: DirectiveIndexPage, publish: bool = True, user=None
) -> DirectiveImport:
    """Create or update the directive page for one plain-text document.

    In one transaction; a new revision (published unless `publish` is False)
    only when something changed, logged in Wagtail's audit log as `user`."""
    document = parse_official_document(text)
    fields = page_fields(document)
    blocks = body_blocks(document)
    page = find_existing(index, source_file=source_file, document=document)

    if page is None:
        page = DirectivePage(
            slug=_unique_slug(index, directive_slug(document)),
            source_file=source_file,
            live=False,
            body=blocks,
            owner=user,
            **fields,
        )
        index.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        return DirectiveImport(page=page, created=True, changed=True)

    page = page.get_latest_revision_as_object()
    new_sources = [block[1].source for block in blocks]
    changed = _body_sources(page) != new_sources or any(
        getattr(page, name) != value for name, value in fields.items()
    )
    if not changed and (page.live or not publish):
        return DirectiveImport(page=page, created=False, changed=False)
    for name, value in fields.items():
        setattr(page, name, value)
    page.body = blocks
    page.source_file = page.source_file or source_file
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return DirectiveImport(page=page, created=False, changed=True)
