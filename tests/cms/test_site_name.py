"""The site's name after a page's title and in og:site_name is in the reader's language
(it was settings.WAGTAIL_SITE_NAME, Vietnamese on an English page)."""

import re

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils.translation import trans_real

from tests.cms.helpers import news, publish

pytestmark = pytest.mark.django_db

ENGLISH_NAME = "Health feedback portal"


@pytest.fixture
def english_name(monkeypatch):
    """The name's English as the lead merges it into the catalogue (locale/ is not
    edited here): the first catalogue of the English translation learns it."""
    catalog = trans_real.translation("en")._catalog
    monkeypatch.setitem(catalog._catalogs[0], settings.WAGTAIL_SITE_NAME, ENGLISH_NAME)
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


def _title_and_og(html: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    og = re.search(r'<meta property="og:site_name" content="([^"]*)">', html).group(1)
    return title, og


def test_the_site_name_is_in_the_readers_language(client, cms_site, english_name):
    article = publish(news(cms_site.news, 1, title="Tiêm chủng sởi"))
    title, og = _title_and_og(client.get(article.url).content.decode())
    assert title.endswith(f"— {settings.WAGTAIL_SITE_NAME}") and og == settings.WAGTAIL_SITE_NAME
    client.cookies["django_language"] = "en"
    title, og = _title_and_og(client.get(article.url).content.decode())
    assert title.endswith(f"— {ENGLISH_NAME}") and og == ENGLISH_NAME
