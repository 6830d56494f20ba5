"""RSS feeds of the news, directives, press responses and good examples, and the sitemap
of every public page."""

from __future__ import annotations

import datetime
import re
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


def press_response(parent, n: int, *, finding, day: int, live: bool = True):
    return add_page(parent, PressResponsePage(
        title=f"Phản hồi số {n}", slug=f"phan-hoi-{n}", outlet="Báo Quảng Ngãi",
        article_title=f"Bài báo số {n}", finding=finding,
        response_date=datetime.date(2026, 12, day),
    ), live=live)


def test_press_feed_lists_live_responses_and_corrections_newest_first(client, cms_site):
    press_response(cms_site.press, 1, finding=PressFinding.ACCURATE, day=1)
    press_response(cms_site.press, 2, finding=PressFinding.INACCURATE, day=5)
    press_response(cms_site.press, 3, finding=PressFinding.ACCURATE, day=6, live=False)

    channel, items = rss_items(client, "/rss/phan-hoi-bao-chi.xml")

    assert channel.findtext("title") == "Phản hồi báo chí — Sở Y tế tỉnh Quảng Ngãi"
    assert channel.findtext("link") == "http://testserver/phan-hoi-bao-chi/"
    assert [i.findtext("title") for i in items] == ["Phản hồi số 2", "Phản hồi số 1"]
    assert items[0].findtext("link") == "http://testserver/phan-hoi-bao-chi/phan-hoi-2/"
    assert [c.text for c in items[0].findall("category")] == [
        "Cải chính thông tin báo chí", "Phản ánh không đúng", "Báo Quảng Ngãi"]
    assert [c.text for c in items[1].findall("category")] == [
        "Phản hồi thông tin báo chí", "Phản ánh đúng", "Báo Quảng Ngãi"]
    assert "05 Dec 2026" in items[0].findtext("pubDate")


def test_good_examples_feed_lists_live_stories(client, cms_site):
    add_page(cms_site.stories, StoryPage(title="Gương cũ", slug="cu", lead="Sa pô cũ",
                                         date=datetime.date(2026, 1, 1)))
    add_page(cms_site.stories, StoryPage(title="Gương mới", slug="moi", lead="Sa pô mới",
                                         date=datetime.date(2026, 3, 1)))
    add_page(cms_site.stories, StoryPage(title="Gương nháp", slug="nhap", lead="x"),
             live=False)

    channel, items = rss_items(client, "/rss/guong-dien-hinh.xml")

    assert channel.findtext("title") == "Gương điển hình — Sở Y tế tỉnh Quảng Ngãi"
    assert [i.findtext("title") for i in items] == ["Gương mới", "Gương cũ"]
    assert items[0].findtext("description") == "Sa pô mới"


@pytest.mark.parametrize("section, feed", [
    ("press", "/rss/phan-hoi-bao-chi.xml"),
    ("stories", "/rss/guong-dien-hinh.xml"),
    ("news", "/rss/tin-tuc.xml"),
    ("directives", "/rss/van-ban-chi-dao.xml"),
])
def test_each_list_page_names_its_feed(client, cms_site, section, feed):
    html = client.get(getattr(cms_site, section).url).content.decode()

    alternates = re.findall(r'<link rel="alternate" type="application/rss\+xml"[^>]*>', html)
    assert any(f'href="{feed}"' in link for link in alternates), alternates
    assert f'<a href="{feed}">RSS</a>' in html


def test_a_feed_follows_publishing_while_the_page_cache_is_on(client, cms_site, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    first = press_response(cms_site.press, 1, finding=PressFinding.ACCURATE, day=1)
    assert client.get(cms_site.press.url).status_code == 200  # the list page is cached
    _channel, items = rss_items(client, "/rss/phan-hoi-bao-chi.xml")
    assert [i.findtext("title") for i in items] == ["Phản hồi số 1"]

    press_response(cms_site.press, 2, finding=PressFinding.INACCURATE, day=2)
    first.unpublish()

    _channel, items = rss_items(client, "/rss/phan-hoi-bao-chi.xml")
    assert [i.findtext("title") for i in items] == ["Phản hồi số 2"]
