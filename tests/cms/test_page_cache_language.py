"""A page opened with `?lang=en` sets the language cookie (portal.middleware): the page
cache never serves it to others, nor the other language to the one who chose."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_lang_page_is_not_cached_for_others(client, cms_site):
    english = Client().get("/tin-tuc/?lang=en")
    assert english["Content-Language"] == "en"
    assert english.cookies["django_language"].value == "en"
    # A visitor without the cookie gets the Vietnamese page, rendered or cached.
    for _ in range(2):
        page = Client().get("/tin-tuc/")
        assert page["Content-Language"] == "vi" and '<html lang="vi">' in page.content.decode()
    # The English visitor, now by cookie, gets English from the cache too.
    again = Client()
    again.cookies["django_language"] = "en"
    for _ in range(2):
        assert '<html lang="en">' in again.get("/tin-tuc/").content.decode()
