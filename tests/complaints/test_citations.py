"""Legal citations read in Vietnamese wherever a person reads them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from complaints.citations import citation_vi
from complaints.transitions import TRANSITIONS


@pytest.mark.parametrize(
    "compact, vietnamese",
    [
        ("Luật TC Art 30", "Điều 30 Luật Tố cáo"),
        ("Luật TC Art 30(2)–(3)", "khoản 2–3 Điều 30 Luật Tố cáo"),
        ("Luật KN Art 28, 37", "Điều 28, 37 Luật Khiếu nại"),
        ("NĐ 124/2020 Art 28b(1), bổ sung bởi NĐ 155/2026 Art 12",
         "khoản 1 Điều 28b Nghị định 124/2020, bổ sung bởi Điều 12 Nghị định 155/2026"),
        ("TT 05/2021/TT-TTCP Art 14(1)", "khoản 1 Điều 14 Thông tư 05/2021/TT-TTCP"),
        ("Luật TC Art 33(1)–(3), Art 34(3)(a)",
         "khoản 1–3 Điều 33 Luật Tố cáo, điểm a khoản 3 Điều 34"),
        ("Luật Tiếp công dân Art 28 (trả lời)", "Điều 28 Luật Tiếp công dân (trả lời)"),
        ("Điều 30 Luật Tố cáo", "Điều 30 Luật Tố cáo"),
        # Short names standing alone are spelled out too; a document's symbol is not.
        ("Luật Tiếp công dân Art 28(1); TT 05/2021 (10 ngày xử lý đơn)",
         "khoản 1 Điều 28 Luật Tiếp công dân; Thông tư 05/2021 (10 ngày xử lý đơn)"),
        ("Luật KN 02/2011/QH13; Luật TC 25/2018/QH14; NĐ 154, 155, 156/2026",
         "Luật Khiếu nại 02/2011/QH13; Luật Tố cáo 25/2018/QH14; Nghị định 154, 155, 156/2026"),
        ("NĐ 124/2020 Art 16(1) (trước NĐ 155/2026)",
         "khoản 1 Điều 16 Nghị định 124/2020 (trước Nghị định 155/2026)"),
        ("Nghị định 124/2020/NĐ-CP; TT 05/2021/TT-TTCP",
         "Nghị định 124/2020/NĐ-CP; Thông tư 05/2021/TT-TTCP"),
    ],
)  # fmt: skip
def test_compact_citations_read_in_vietnamese(compact, vietnamese):
    assert citation_vi(compact) == vietnamese


def test_no_legal_basis_of_the_workflow_shows_art():
    for transition in TRANSITIONS:
        assert "Art" not in citation_vi(transition.legal_basis), transition.legal_basis


def test_no_interface_string_cites_the_compact_way():
    """Every string of the interface (the English catalogue lists them all, by their
    Vietnamese text) cites "Điều 47 Luật Tố cáo": neither "Luật TC Art 47" nor "Luật Tố
    cáo Điều 47". The compact form belongs to the rule tables, read through citation_vi."""
    catalogue = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
    msgids = [
        line for line in catalogue.read_text(encoding="utf-8").splitlines()
        if line.startswith("msgid ")
    ]
    compact = re.compile(r"\bArts? \d|Luật (?:Tố cáo|Khiếu nại) Điều \d")
    assert [msgid for msgid in msgids if compact.search(msgid)] == []


def test_the_project_documents_cite_the_vietnamese_way():
    """README.md and docs/ are read by people (operators, partners, reviewers): they cite
    "khoản 1 Điều 30 Luật Tố cáo", not the rule tables' compact "Luật TC Art 30(1)"."""
    base = Path(settings.BASE_DIR)
    compact = re.compile(r"\bArts? \d")
    found = [
        f"{path.relative_to(base)}:{number}"
        for path in [base / "README.md", *sorted((base / "docs").glob("*.md"))]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if compact.search(line)
    ]
    assert found == []
