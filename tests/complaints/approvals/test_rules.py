"""Why a draft goes to the head, in the words and article of the case's own kind."""

import pytest

from complaints.approvals.rules import approval_reason


@pytest.mark.parametrize(
    ("kind", "cited", "not_cited"),
    [
        ("bao_chi", "Điều 18 Nghị định 237/2026/NĐ-CP", "Luật Khiếu nại"),
        ("phan_anh", "Điều 28 Luật Tiếp công dân", "Luật Tố cáo"),
        ("kien_nghi", "Điều 28 Luật Tiếp công dân", "Luật Khiếu nại"),
        ("khieu_nai", "Điều 31, Điều 40 Luật Khiếu nại", "Luật Tố cáo"),
        ("to_cao", "Điều 35 Luật Tố cáo", "Luật Khiếu nại"),
    ],
)
def test_a_conclusion_draft_cites_its_kinds_article(kind, cited, not_cited):
    # The reviewer: a bao_chi or phản ánh conclude draft gave "Điều 31, Điều 40 Luật
    # Khiếu nại; Điều 35 Luật Tố cáo".
    why = approval_reason("conclude", kind)
    assert cited in why and not_cited not in why


def test_other_actions_keep_their_reason():
    assert "Điều 30 Luật Tố cáo" in approval_reason("extend", "to_cao")
    assert approval_reason("accept", "phan_anh") == ""
