"""The citizen's scripts show no hard-coded words: the intake form's script reads its
texts from the page (`{% intake_texts %}`, a json_script block) in the page's language."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

SUBMIT = "/gui-phan-anh/"
VIETNAMESE_LETTER = re.compile(r"[À-ỹĐđ]")


def _code_without_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(re.sub(r"(^|\s)//.*$", "", line) for line in text.splitlines())


@pytest.mark.parametrize(
    "script",
    sorted(
        str(path.relative_to(settings.BASE_DIR))
        for folder in ("complaints/static", "portal/static")
        for path in (Path(settings.BASE_DIR) / folder).rglob("*.js")
        if "vendor" not in path.parts
    ),
)
def test_no_script_hard_codes_vietnamese(script):
    code = _code_without_comments((Path(settings.BASE_DIR) / script).read_text())
    assert not VIETNAMESE_LETTER.search(code), VIETNAMESE_LETTER.search(code)


def _texts(page: str) -> dict:
    block = re.search(
        r'<script id="intake-texts" type="application/json">(.*?)</script>', page, re.S
    )
    assert block, "the intake form carries its script's texts"
    return json.loads(block.group(1))


def test_the_intake_script_texts_are_in_the_page_language(client, hospital):
    vietnamese = _texts(client.get(SUBMIT).content.decode())
    assert vietnamese["summary_title"] == "Hồ sơ chưa gửi được: hãy sửa các mục sau"
    assert vietnamese["missing"] != vietnamese["unticked"]  # a box is ticked, not filled in
    english = _texts(client.get(SUBMIT + "?lang=en").content.decode())
    assert english["summary_title"] == (
        "Your submission could not be sent: please correct the following"
    )
    # The server's own file messages, placeholders left for the script to fill in.
    assert english["file_too_large"] == "File %(name)s: larger than %(size)s."
    assert english["too_many_files"] == (
        "You can send at most %(count)d files; you chose %(chosen)d."
    )
    # Every text the script asks for is in the block.
    script = (Path(settings.BASE_DIR) / "complaints/static/complaints/intake.js").read_text()
    asked = set(re.findall(r'text\("(\w+)"', script))
    assert asked and asked <= set(vietnamese), asked - set(vietnamese)


def test_the_facility_search_examples_are_marked_vietnamese(client, hospital, monkeypatch):
    """A placeholder cannot mark its words' language: the examples (the facilities' own
    Vietnamese words, what the search matches) are a help line, in a lang="vi" span."""
    from django.utils.translation import trans_real

    # "Ví dụ:" as the lead merges it into the English catalogue (locale/ is not edited here).
    catalog = trans_real.translation("en")._catalog._catalogs[0]
    monkeypatch.setitem(catalog, "Ví dụ:", "For example:")
    page = client.get(SUBMIT + "?lang=en").content.decode()
    search = re.search(r'<input type="search" id="facility-query"[^>]*>', page).group(0)
    assert "placeholder" not in search and 'aria-describedby="facility-query-help"' in search
    help_line = re.search(r'<p class="help" id="facility-query-help">(.*?)</p>', page).group(1)
    assert '<span lang="vi">Đức Phổ, bệnh viện tỉnh</span>' in help_line
    assert not VIETNAMESE_LETTER.search(re.sub(r'<span lang="vi">.*?</span>', "", help_line))
