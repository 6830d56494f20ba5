"""Every fixed sentence the portal writes to the citizen about their own act
(`event_text.TO_THE_CITIZEN`: "Ông/bà đã bổ sung thông tin; …", a withdrawal, a dialogue
missed) is marked for translation and reads in English (walk-english F1): an English reader
got "Ông/bà đã bổ sung thông tin; hồ sơ tiếp tục được xem xét." as a timeline line and a
mail's subject. The English is the compiled catalogue (locale/en): this fails until the lead
compiles the entries given with the change."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from complaints.selectors import event_text
from complaints.selectors.event_text import TO_THE_CITIZEN


def _marked_sentences() -> set[str]:
    """The texts of `TO_THE_CITIZEN` written as `gettext_noop(...)` by its own name: what
    makemessages extracts (an alias such as `noop` is not extracted, so its text never
    reached the catalogue)."""
    tree = ast.parse(Path(event_text.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "TO_THE_CITIZEN":
            return {
                value.args[0].value
                for value in node.value.values
                if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "gettext_noop"
            }
    raise AssertionError("TO_THE_CITIZEN not found")


def test_every_citizen_sentence_is_marked_for_translation():
    assert set(TO_THE_CITIZEN.values()) == _marked_sentences()


@pytest.mark.parametrize("sentence", sorted(TO_THE_CITIZEN.values()))
def test_every_citizen_sentence_reads_in_english(sentence):
    with translation.override("en"):
        english = gettext(sentence)
    assert english != sentence
    assert "Ông/bà" not in english and english.startswith("You")
