"""RSS feeds of the sections whose pages come out over time: news, directives, press
responses (corrections among them) and good examples. One feed class, one instance per
section (`SECTION_FEEDS`, routed by cms/urls.py); each section's list page links its feed
(`<link rel="alternate">` and a visible "RSS" link), every page the news' and the
directives'.

A news item or a directive the Sở corrected (cms/models/correction.py) says so first in its
description ("Đính chính ngày …: …") and is categorised "Đã đính chính".

A feed is rendered for each request, never kept by the page cache (it is not a Wagtail
page: cms/page_cache.py stores only those), so a page published or unpublished is in or
out of its feed at once."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms.models import DirectivePage, NewsPage, PressResponsePage, StoryPage
from cms.models.correction import OwnCorrection
from cms.models.press import with_corrections
from portal.province import department_name

FEED_LENGTH = 20


def _news_categories(item) -> list[str]:
    return [tag.name for tag in item.tags.all()]


def _directive_categories(item) -> list[str]:
    return [label for label in (item.doc_type_label, item.field) if label]


def _press_categories(item) -> list[str]:
    return [item.kind_label, str(item.get_finding_display()), item.outlet]


def _story_categories(item) -> list[str]:
    return [item.facility.name] if item.facility_id else []


@dataclass(frozen=True)
class Section:
    """What a section's feed differs by."""

    name: str  # the URL name (`cms:<name>`)
    path: str  # under /rss/
    model: type
    title: str  # the section's name, as its list page and menu say it
    about: str  # the channel's description; "%(department)s" names the Sở
    index_path: str
    ordering: tuple[str, ...]
    categories: Callable[[object], list[str]]
    related: tuple[str, ...] = ()


SECTIONS = (
    Section("news_feed", "tin-tuc.xml", NewsPage, _("Tin tức"),
            _("Tin tức mới của %(department)s và ngành Y tế."), "/tin-tuc/",
            ("-date", "-first_published_at"), _news_categories),
    Section("directive_feed", "van-ban-chi-dao.xml", DirectivePage, _("Văn bản chỉ đạo"),
            _("Chỉ thị, công văn, thông báo, kế hoạch, quyết định, báo cáo mới ban hành."),
            "/van-ban-chi-dao/", ("-first_published_at",), _directive_categories),
    Section("press_feed", "phan-hoi-bao-chi.xml", PressResponsePage, _("Phản hồi báo chí"),
            _("Phản hồi và cải chính của %(department)s về thông tin báo chí đã đăng."),
            "/phan-hoi-bao-chi/", ("-response_date", "-first_published_at"),
            _press_categories),
    Section("story_feed", "guong-dien-hinh.xml", StoryPage, _("Gương điển hình"),
            _("Người tốt, việc tốt trong ngành Y tế do %(department)s giới thiệu."),
            "/guong-dien-hinh/", ("-date", "-first_published_at"), _story_categories,
            related=("facility",)),
)


class SectionFeed(Feed):
    """Live, public pages of one section on the requesting site, newest first."""

    def __init__(self, section: Section):
        super().__init__()
        self.section = section

    def title(self):
        """"Tin tức — Sở Y tế tỉnh Quảng Ngãi": the Sở from the settings (portal.province)."""
        return f"{self.section.title} — {department_name()}"

    def description(self):
        return self.section.about % {"department": department_name()}

    def link(self):
        return self.section.index_path

    # One Feed instance serves every request: per-request state travels as `obj`.
    def get_object(self, request, *args, **kwargs):
        return Site.find_for_request(request)

    def items(self, site):
        pages = self.section.model.objects.live().public()
        if site is not None:
            pages = pages.in_site(site)
        if self.section.related:
            pages = pages.select_related(*self.section.related)
        pages = pages.order_by(*self.section.ordering)[:FEED_LENGTH]
        if self.section.model is PressResponsePage:  # each item's kind, read at once
            return with_corrections(pages)
        return pages

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # A page the Sở corrected says so first (cms/models/correction.py).
        summary = item.get_summary()
        if isinstance(item, OwnCorrection) and item.is_corrected:
            return f"{item.correction_notice}\n\n{summary}" if summary else item.correction_notice
        return summary

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        day = item.get_listing_date()
        if day is None:
            return item.first_published_at
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(7, 0)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        categories = self.section.categories(item)
        if isinstance(item, OwnCorrection) and item.is_corrected:
            categories = [*categories, str(_("Đã đính chính"))]
        return categories


SECTION_FEEDS = {section.name: SectionFeed(section) for section in SECTIONS}
