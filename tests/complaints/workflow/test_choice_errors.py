"""A code the workflow does not know is refused with the codes it takes and what each
means: the staff API's and `case_action`'s callers send codes, the people reading the
refusal read Vietnamese."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.services.workflow import TransitionInvalid
from tests.factories import UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

LEADER = [
    "complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases",
    "complaints.approve_case", "complaints.record_withdrawal",
]  # fmt: skip


def _refusal(case, action, **data) -> dict:
    # A leader of the case's competent unit: a complaint's refusal is its decision
    # (complaints/rules/resolver.py).
    with pytest.raises(TransitionInvalid) as refused:
        act(case, action, UserFactory(perms=LEADER, facility=case.assigned_unit), **data)
    return refused.value.errors


def test_an_unknown_ground_lists_each_ground_with_its_text_and_article():
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    errors = _refusal(case, "reject", reason="Không đủ điều kiện", legal_ground="khoan 2")
    message = errors["legal_ground"][0]
    assert "kn_internal_decision (" in message and "Luật Khiếu nại" in message


def test_an_unknown_filing_reason_says_what_each_reason_is():
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    message = _refusal(case, "file", reason="trung")["reason"][0]
    assert "duplicate (Đơn trùng nội dung đã được xử lý)" in message
    assert "ineligible (Đơn không đủ điều kiện xử lý)" in message


def test_an_unknown_withdrawal_form_says_what_each_form_is():
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED)
    message = _refusal(case, "withdraw", form="thu", document_ref="01/ĐR")["form"][0]
    assert "written (" in message and "statement (" in message
