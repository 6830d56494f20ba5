"""An action shared by several rows of the transition table is named by the row of the
case's kind (and state): a complaint's withdrawal (rút khiếu nại, Điều 10 Luật Khiếu nại)
is never "Người tố cáo rút tố cáo" in the staff history, nor a denunciation's withdrawal
(Điều 33 Luật Tố cáo) "Người gửi rút đơn"; a complaint reviewed by the superior is
"Xem xét lại (cấp trên)", not "Mở lại hồ sơ"."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.selectors.history import case_timeline
from complaints.transitions import TRANSITIONS, transition_label
from tests.factories import UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

WITHDRAWAL = {"form": "written", "document_ref": "Đơn rút ngày 05/09/2026"}


def _staff(unit=None):
    """A leader; of `unit` when given (a first complaint's withdrawal is recorded by the
    people of the unit resolving it: complaints/rules/resolver.py)."""
    extra = {"facility": unit} if unit is not None else {}
    return UserFactory(perms=[
        "complaints.act_on_case", "complaints.view_all_cases", "complaints.record_withdrawal",
        "complaints.approve_case",
    ], **extra)  # fmt: skip


def test_a_complaint_withdrawn_is_not_named_a_denunciation_in_the_history():
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED)
    act(case, "withdraw", _staff(case.assigned_unit), **WITHDRAWAL)
    titles = [entry.title for entry in case_timeline(case=case, user=_staff())
              if entry.action == "withdraw"]
    assert titles == ["Người gửi rút đơn"]


def test_a_denunciation_withdrawn_is_named_as_one():
    assert transition_label("withdraw", kind=CaseKind.TO_CAO) == "Người tố cáo rút tố cáo"
    for kind in (CaseKind.KHIEU_NAI, CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI):
        assert transition_label("withdraw", kind=kind) == "Người gửi rút đơn"


def test_every_shared_action_is_named_by_the_row_of_the_kind_and_state():
    for row in TRANSITIONS:
        for kind in row.kinds or CaseKind.values:
            for status in row.sources:
                assert transition_label(row.action, kind=kind, from_status=status) == str(
                    row.label
                ), (row.action, kind, status)


def test_without_a_kind_the_first_row_names_it_and_an_unknown_action_is_its_code():
    assert transition_label("withdraw") == "Người gửi rút đơn"
    assert transition_label("no_such_action") == "no_such_action"
