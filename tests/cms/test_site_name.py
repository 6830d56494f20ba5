"""The portal has one name (settings.PORTAL_NAME) after every page's title and in
og:site_name, in the reader's language: the CMS pages said "Cổng phản ánh y tế" and the case
pages "Cổng tiếp nhận phản ánh, kiến nghị ngành Y tế" (two English names too), the search
page none."""

import re

import pytest
from django.core.cache import caches

from tests.cms.helpers import news, publish

pytestmark = pytest.mark.django_db

NAMES = {
    "vi": "Cổng tiếp nhận phản ánh, kiến nghị ngành Y tế",
    "en": "Health sector feedback portal",
}


@pytest.fixture(autouse=True)
def _no_cached_pages():
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_page_names_the_portal_alike(client, cms_site, language):
    article = publish(news(cms_site.news, 1, title="Tiêm chủng sởi"))
    client.cookies["django_language"] = language
    name = NAMES[language]
    article_html = client.get(article.url).content.decode()
    assert _title(article_html) == f"Tiêm chủng sởi — {name}"
    og = re.search(r'<meta property="og:site_name" content="([^"]*)">', article_html).group(1)
    assert og == name
    for path in ("/tra-cuu/", "/tim-kiem/", "/tim-kiem/?q=sởi"):
        assert _title(client.get(path).content.decode()).endswith(f" — {name}"), path
