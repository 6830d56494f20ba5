"""The English catalogue is complete: every message of the project's source has its
English, none is a guess left "fuzzy" by msgmerge, and `tools/translate_en.py` keeps an
entry's fuzzy flag (it removes only the header's, a new catalogue's)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries(text: str) -> list[str]:
    blocks = text.split("\n\n")
    return [block for block in blocks[1:] if "msgid" in block and not block.startswith("#~")]


def test_every_message_has_its_english_and_none_is_a_guess():
    text = CATALOGUE.read_text(encoding="utf-8")
    fuzzy = [block for block in entries(text) if re.search(r"^#, .*fuzzy", block, re.M)]
    assert not fuzzy, fuzzy[:3]
    untranslated = [
        block
        for block in entries(text)
        if re.search(r'^msgstr(\[\d\])? ""$', block, re.M)
        and not re.search(r'^msgstr(\[\d\])? ""\n"', block, re.M)
    ]
    assert not untranslated, untranslated[:3]


@pytest.mark.skipif(
    subprocess.call(["which", "msgfmt"], stdout=subprocess.DEVNULL) != 0,
    reason="gettext's msgfmt is installed by .ci/run",
)
def test_translate_en_keeps_an_entrys_fuzzy_flag(tmp_path, monkeypatch):
    path = ROOT / "tools" / "translate_en.py"
    spec = importlib.util.spec_from_file_location("translate_en", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\n#| msgid "thứ Hai"\nmsgid "thứ Bảy"\nmsgstr "Monday"\n',
        encoding="utf-8",
    )
    table = tmp_path / "en.tsv"
    table.write_text("", encoding="utf-8")
    monkeypatch.setattr(tool, "PO", po)
    monkeypatch.setattr(tool, "TABLE", table)
    tool.main()
    assert "#, fuzzy" in po.read_text(encoding="utf-8")
VIETNAMESE_CITATION = re.compile(r"\b(?:Điều|khoản|điểm|Luật|Bộ luật|Nghị định|Thông tư) |NĐ-CP")


def test_no_english_message_cites_the_vietnamese_way():
    """An English sentence cites "Article 47 of the Law on Denunciations", "Decree
    244/2026/ND-CP" (complaints.citations.citation_en), never "Điều 47 Luật Tố cáo"."""
    text = CATALOGUE.read_text(encoding="utf-8")
    english = re.findall(r'^msgstr(?:\[\d\])? "(.+)"$', text, re.M)
    vietnamese = [line for line in english if VIETNAMESE_CITATION.search(line)]
    assert not vietnamese, vietnamese[:3]
