"""RSS feeds of news and directives, and the sitemap of every public page."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from cms.models import PressResponsePage, StoryPage
from complaints.kinds import PressFinding
from tests.cms.helpers import add_page, directive, news

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # well-formed XML
    assert root.tag == "rss" and root.attrib["version"] == "2.0"
    channel = root.find("channel")
    return channel, channel.findall("item")


def test_news_feed_lists_live_news_newest_first(client, cms_site):
    news(cms_site.news, 1, title="Tin cũ", date=datetime.date(2026, 1, 1))
    latest = news(cms_site.news, 2, title="Tin mới", date=datetime.date(2026, 2, 1))
    latest.tags.add("tiêm chủng")
    latest.save_revision().publish()
    add_page(cms_site.news, latest.__class__(title="Nháp", slug="nhap", lead="x"), live=False)

    channel, items = rss_items(client, "/rss/tin-tuc.xml")

    assert channel.findtext("title") == "Tin tức — Sở Y tế tỉnh Quảng Ngãi"
    assert [i.findtext("title") for i in items] == ["Tin mới", "Tin cũ"]
    assert items[0].findtext("link") == "http://testserver/tin-tuc/tin-2/"
    assert items[0].findtext("description") == "Tóm tắt tin số 2."
    assert items[0].findtext("category") == "tiêm chủng"
    assert "01 Feb 2026" in items[0].findtext("pubDate")


def test_directive_feed_lists_live_directives(client, cms_site):
    directive(cms_site.directives, 1576, field="Công tác báo chí")
    directive(cms_site.directives, 9, live=False)

    _channel, items = rss_items(client, "/rss/van-ban-chi-dao.xml")

    assert [i.findtext("title") for i in items] == ["Công văn số 1576/SYT-VP"]
    assert [c.text for c in items[0].findall("category")] == ["Công văn", "Công tác báo chí"]


def test_private_pages_stay_out_of_feeds_and_sitemap(client, cms_site):
    secret = news(cms_site.news, 5, title="Tin nội bộ")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.LOGIN
    )
    _channel, items = rss_items(client, "/rss/tin-tuc.xml")
    assert "Tin nội bộ" not in [i.findtext("title") for i in items]
    assert f"http://testserver{secret.url}" not in sitemap_locations(client)


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


def test_sitemap_lists_every_public_page_type_and_no_draft(client, cms_site):
    pages = [
        news(cms_site.news, 1),
        directive(cms_site.directives, 1576),
        add_page(
            cms_site.press,
            PressResponsePage(
                title="Phản hồi",
                slug="phan-hoi",
                outlet="Báo A",
                article_title="Bài B",
                finding=PressFinding.ACCURATE,
            ),
        ),
        add_page(cms_site.stories, StoryPage(title="Gương", slug="guong", lead="x")),
    ]
    draft = directive(cms_site.directives, 77, live=False)

    locations = sitemap_locations(client)

    expected = [
        cms_site.home,
        cms_site.news,
        cms_site.directives,
        cms_site.press,
        cms_site.stories,
        cms_site.guides,
        *pages,
    ]
    for page in expected:
        assert f"http://testserver{page.url}" in locations, page
    assert f"http://testserver{draft.get_url()}" not in locations
    assert len(locations) == len(expected)
