"""What every public page shares: its metadata for search engines and social
networks (Open Graph, JSON-LD), and the code a search result names its type by."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

PUBLISHER = {
    "@type": "GovernmentOrganization",
    "name": "Sở Y tế",
    "telephone": "1900 9095",
}


class PortalPage(Page):
    """Abstract base of the portal's page types."""

    # Code of the page type in the search API (CONTRACT.md `type=`); "" for
    # pages that are not search results of their own (indexes, home, guides).
    search_type = ""
    og_type = "website"

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return self.search_description or self.get_summary()

    def get_summary(self) -> str:
        """A plain-text line or two about the page (lists, feeds, meta tags)."""
        return ""

    def get_meta_image(self):
        """The Wagtail image shown when the page is shared, or None."""
        return None

    def get_listing_date(self):
        """The date lists, feeds and JSON-LD give the page."""
        published = self.first_published_at or self.latest_revision_created_at
        return published.date() if published else None

    def get_json_ld(self, request=None) -> dict:
        """The page's structured data (schema.org) for the `application/ld+json` script."""
        data = {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": "vi",
            "publisher": PUBLISHER,
        }
        if description := self.get_meta_description():
            data["description"] = description
        return data

    def article_json_ld(self, request, *, schema_type: str) -> dict:
        """The structured data of a dated article (news, good example) by the Sở."""
        return {
            **PortalPage.get_json_ld(self, request),
            "@type": schema_type,
            "headline": self.title[:110],  # schema.org's limit for a headline
            "datePublished": self.get_listing_date().isoformat(),
            "author": PUBLISHER,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["site_name"] = settings.WAGTAIL_SITE_NAME
        return context


def plain_summary(text: str, words: int = 40) -> str:
    """Rich text or plain text shortened to a sentence or two for meta tags."""
    return Truncator(" ".join(strip_tags(str(text or "")).split())).words(words)


def stream_summary(stream, words: int = 40) -> str:
    """The first paragraphs of a StreamField body, as plain text."""
    texts = []
    for block in stream or []:
        if block.block_type == "paragraph":
            texts.append(strip_tags(block.value.source))
        if sum(len(t.split()) for t in texts) >= words:
            break
    return plain_summary(" ".join(texts), words)


class SectionIndexPage(PortalPage):
    """Abstract base of the sections under the home page (news, directives, press
    responses, good examples): an introduction, and the pages of one type below."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]

    class Meta:
        abstract = True

    def get_summary(self) -> str:
        return self.intro
