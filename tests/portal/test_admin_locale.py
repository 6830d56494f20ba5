"""The project's Vietnamese catalogue completes and corrects Wagtail's (issue 11, item 5)."""

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
