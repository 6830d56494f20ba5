"""RSS feeds of the news and the directives, linked from every page's head."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms.models import DirectivePage, NewsPage
from portal.province import department_name

FEED_LENGTH = 20


class PageFeed(Feed):
    """Live, public pages of one type on the requesting site, newest first."""

    model = None
    index_path = "/"
    section = ""

    def title(self):
        """"Tin tức — Sở Y tế tỉnh Quảng Ngãi": the Sở from the settings (portal.province)."""
        return f"{self.section} — {department_name()}"

    # One Feed instance serves every request: per-request state travels as `obj`.
    def get_object(self, request, *args, **kwargs):
        return Site.find_for_request(request)

    def link(self):
        return self.index_path

    def pages(self, site):
        pages = self.model.objects.live().public()
        if site is not None:
            pages = pages.in_site(site)
        return pages

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_summary()

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        day = item.get_listing_date()
        if day is None:
            return item.first_published_at
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(7, 0)))

    def item_updateddate(self, item):
        return item.last_published_at


class NewsFeed(PageFeed):
    model = NewsPage
    section = _("Tin tức")
    index_path = "/tin-tuc/"

    def description(self):
        return _("Tin tức mới của %(department)s và ngành Y tế.") % {
            "department": department_name()
        }

    def items(self, site):
        return self.pages(site).order_by("-date", "-first_published_at")[:FEED_LENGTH]

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class DirectiveFeed(PageFeed):
    model = DirectivePage
    section = _("Văn bản chỉ đạo")
    description = _("Chỉ thị, công văn, thông báo, kế hoạch, quyết định, báo cáo mới ban hành.")
    index_path = "/van-ban-chi-dao/"

    def items(self, site):
        return self.pages(site).order_by("-first_published_at")[:FEED_LENGTH]

    def item_categories(self, item):
        return [label for label in (item.doc_type_label, item.field) if label]
