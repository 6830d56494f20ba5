"""The acceptance notice (Mẫu số 03) addresses the complainant as a letter does ("Vậy thông
báo để Ông/Bà … được biết") and cites the period's article as a legal text cites it:
"(Điều 28 Luật Khiếu nại)", the time limit of a first resolution, without the deadline
table's note "(lần 1)" (leaderwalk finding 8)."""

from __future__ import annotations

import pytest

from complaints.documents.services import document_draft, document_issue
from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.documents.helpers import director, pdf_text, province, read
from tests.complaints.workflow.helpers import act, case_in

pytestmark = pytest.mark.django_db


def test_the_acceptance_notice_says_ong_ba_and_cites_article_28_plainly():
    _department, hospital = province()
    boss = director(hospital)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    act(case, "accept", boss, decided_on="2026-09-01")
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                           origin="test")
    assert "Vậy thông báo để Ông/Bà Nguyễn Thị Dân được biết./." in draft.body
    assert "(Điều 28 Luật Khiếu nại).\n" in draft.body
    assert "(lần 1" not in draft.body
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    issued = pdf_text(read(issued.pdf.file))
    assert "Vậy thông báo để Ông/Bà Nguyễn Thị Dân được biết" in issued
    assert "(Điều 28 Luật Khiếu nại)." in issued and "(lần 1" not in issued


def test_a_notice_drafted_before_the_acceptance_gets_the_plain_citation_at_issue():
    _department, hospital = province()
    boss = director(hospital)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                           origin="test")
    act(case, "accept", boss, decided_on="2026-09-01")
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "(Điều 28 Luật Khiếu nại).\n" in issued.body and "(lần 1" not in issued.body
