"""The admin's pages say whose they are: each title ends with the portal's name
(settings.WAGTAIL_SITE_NAME), never "Wagtail", the sign-in page's too; the "Trợ giúp" menu
has no English guide on Wagtail's site (the portal has no staff guide of its own)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import translation

from tests.portal.test_admin_locale import _help_menu

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_the_admin_titles_end_with_the_portals_name(client, django_user_model):
    assert settings.WAGTAIL_SITE_NAME == "Cổng phản ánh y tế"
    sign_in = _title(client.get("/admin/login/").content.decode())
    assert sign_in.endswith(" - Cổng phản ánh y tế") and "Wagtail" not in sign_in
    client.force_login(django_user_model.objects.create_superuser("quantri", password="x"))
    for url in ("/admin/", "/admin/ho-so/"):
        html = client.get(url).content.decode()
        title = _title(html)
        assert title.endswith(" - Cổng phản ánh y tế"), (url, title)
        assert "Wagtail" not in title
        assert html.count("<title>") == 1  # extended once, not through itself again


def test_the_help_menu_has_no_english_guide_abroad(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("quantri", password="x"))
    with translation.override("vi"):
        items = _help_menu(client)
    assert items == {"keyboard-shortcuts-trigger": "Phím tắt"}
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>',
                      client.get("/admin/").content.decode(), re.S).group(1)
    assert "guide.wagtail.org" not in props
