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
    tool = _tool()
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
def _tool():
    path = ROOT / "tools" / "translate_en.py"
    spec = importlib.util.spec_from_file_location("translate_en", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


@pytest.mark.skipif(
    subprocess.call(["which", "msgfmt"], stdout=subprocess.DEVNULL) != 0,
    reason="gettext's msgfmt is installed by .ci/run",
)
def test_the_table_replaces_a_wrong_english_and_a_context_has_its_own(tmp_path, monkeypatch):
    """A translation once made by hand in the catalogue ("qua cổng trực tuyến" was "By
    hand") gives way to the table's; a msgid with a context ("danh sách" for the list's
    title, "Cases") is filled from its "context::msgid" line, apart from the plain one."""
    tool = _tool()
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "qua cổng trực tuyến"\nmsgstr "By hand"\n\n'
        'msgid "Hồ sơ"\nmsgstr ""\n\n'
        'msgctxt "danh sách"\nmsgid "Hồ sơ"\nmsgstr ""\n',
        encoding="utf-8",
    )
    table = tmp_path / "en.tsv"
    table.write_text(
        "qua cổng trực tuyến\tvia the online portal\nHồ sơ\tCase\n"
        "danh sách::Hồ sơ\tCases\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(tool, "PO", po)
    monkeypatch.setattr(tool, "TABLE", table)
    tool.main()
    text = po.read_text(encoding="utf-8")
    assert 'msgid "qua cổng trực tuyến"\nmsgstr "via the online portal"' in text
    assert 'msgid "Hồ sơ"\nmsgstr "Case"' in text
    assert 'msgctxt "danh sách"\nmsgid "Hồ sơ"\nmsgstr "Cases"' in text


def test_the_catalogue_says_what_the_table_says():
    """The table is authoritative: a catalogue edited by hand away from it is caught here,
    before the next run of the tool silently undoes the edit."""
    table = {}
    for line in (ROOT / "tools" / "en.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            vi, *english = line.split("\t")
            if len(english) == 1:
                table[vi] = english[0]
    text = CATALOGUE.read_text(encoding="utf-8")
    found = re.findall(
        r'^(?:msgctxt "((?:[^"\\]|\\.)+)"\n)?msgid "((?:[^"\\]|\\.)+)"\n'
        r'msgstr "((?:[^"\\]|\\.)*)"$',
        text, re.M,
    )

    def plain(escaped: str) -> str:
        return escaped.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")

    differ = []
    for context, msgid, english in found:
        key = f"{plain(context)}::{plain(msgid)}" if context else plain(msgid)
        if key in table and table[key] != plain(english):
            differ.append((key, plain(english), table[key]))
    assert not differ, differ[:5]


VIETNAMESE_CITATION = re.compile(r"\b(?:Điều|khoản|điểm|Luật|Bộ luật|Nghị định|Thông tư) |NĐ-CP")


def test_no_english_message_cites_the_vietnamese_way():
    """An English sentence cites "Article 47 of the Law on Denunciations", "Decree
    244/2026/ND-CP" (complaints.citations.citation_en), never "Điều 47 Luật Tố cáo"."""
    text = CATALOGUE.read_text(encoding="utf-8")
    english = re.findall(r'^msgstr(?:\[\d\])? "(.+)"$', text, re.M)
    vietnamese = [line for line in english if VIETNAMESE_CITATION.search(line)]
    assert not vietnamese, vietnamese[:3]
