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


@pytest.mark.parametrize(
    ("action", "kind", "cited", "not_cited"),
    [
        # The chief inspector's review: a complaint's suspension and complexity cited the
        # Luật Tố cáo.
        ("suspend", "khieu_nai", "Điều 28b Nghị định 124/2020/NĐ-CP", "Luật Tố cáo"),
        ("resume", "khieu_nai", "khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP", "Luật Tố cáo"),
        ("mark_complex", "khieu_nai", "Điều 28, Điều 37 Luật Khiếu nại", "Luật Tố cáo"),
        ("reject", "khieu_nai", "Điều 11 Luật Khiếu nại", "Luật Tố cáo"),
        ("suspend", "to_cao", "Điều 34 Luật Tố cáo", "Luật Khiếu nại"),
        ("mark_complex", "to_cao", "Điều 30 Luật Tố cáo", "Luật Khiếu nại"),
        ("reject", "to_cao", "khoản 1 Điều 29 Luật Tố cáo", "Luật Khiếu nại"),
    ],
)
def test_every_step_cites_its_kinds_article(action, kind, cited, not_cited):
    why = approval_reason(action, kind)
    assert cited in why and not_cited not in why


@pytest.mark.parametrize(
    ("kind", "not_cited"),
    [("khieu_nai", "Luật Tố cáo"), ("phan_anh", "Luật Tố cáo"), ("to_cao", "Luật Khiếu nại")],
)
def test_forwarding_cites_its_kinds_article(kind, not_cited):
    from complaints.transitions import TRANSITIONS

    forward = next(t for t in TRANSITIONS if t.action == "forward")
    assert not_cited not in forward.basis_for(kind)


def test_one_table_reads_every_kinds_conclusion_and_the_generic_reason_without_a_kind():
    # `conclude` per kind is a row of the one (action, kind) table; every kind has its own,
    # and without a kind the step's generic reason is read.
    from complaints.approvals import rules
    from complaints.kinds import CaseKind

    assert not hasattr(rules, "_CONCLUDE_BY_KIND")
    for kind in CaseKind.values:
        assert approval_reason("conclude", kind) == str(rules._BY_KIND[("conclude", kind)])
    assert approval_reason("conclude") == str(rules.PROPOSABLE_ACTIONS["conclude"])
