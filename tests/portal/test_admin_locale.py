"""The project's Vietnamese catalogue completes and corrects Wagtail's (issue 11, item 5)."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

ROOT = Path(settings.BASE_DIR)


def test_wagtails_wrong_vietnamese_is_corrected():
    with translation.override("vi"):
        assert gettext("%(label)s and Publish") % {"label": "Phê duyệt"} == "Phê duyệt và xuất bản"
        assert gettext("Resubmit to %(task_name)s") == "Gửi duyệt lại: %(task_name)s"


def test_what_wagtail_lacks_is_translated():
    with translation.override("vi"):
        assert gettext("Save draft") == "Lưu bản nháp"
        assert gettext("Workflows") == "Quy trình duyệt"
        assert ngettext("1 page", "%(counter)s pages", 5) % {"counter": 5} == "5 trang"
    with translation.override("en"):
        assert gettext("Save draft") == "Save draft"  # the English interface stays English


def test_the_compiled_catalogue_follows_the_table():
    table = (ROOT / "tools" / "admin_vi.tsv").read_text(encoding="utf-8")
    po = (ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for line in table.splitlines():
        if line.strip() and not line.startswith("#"):
            vietnamese = line.split("\t")[1]
            assert vietnamese.replace('"', '\\"') in po, line
    for name in ("django.mo", "djangojs.mo"):
        mo = ROOT / "locale" / "vi" / "LC_MESSAGES" / name
        assert mo.stat().st_size > 0


def _help_menu(client) -> dict:
    """The "Trợ giúp" submenu as the admin's sidebar receives it: {item name: label}."""
    html = client.get("/admin/").content.decode()
    props = json.loads(
        re.search(
            r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    menu = next(m for m in props["modules"] if m.get("_type") == "wagtail.sidebar.MainMenuModule")
    help_menu = next(item for item in menu["_args"][0] if item["_args"][0]["name"] == "help")
    return {item["_args"][0]["name"]: item["_args"][0]["label"] for item in help_menu["_args"][1]}


def test_the_help_menu_keeps_what_helps_staff_in_vietnamese(client, django_user_model):
    """Wagtail's release notes ("What's new in Wagtail 8.0", an English page abroad, with a
    "new" badge at every upgrade) and its editor guide (English, abroad) are not staff
    help; the rest is in Vietnamese."""
    client.force_login(django_user_model.objects.create_superuser("quantri", password="x"))
    with translation.override("vi"):
        items = _help_menu(client)
    assert items == {"keyboard-shortcuts-trigger": "Phím tắt"}
