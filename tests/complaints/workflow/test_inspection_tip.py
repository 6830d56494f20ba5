"""An anonymous phản ánh staff mark as a tip for inspection (DOMAIN.md §2; Luật TC
Art 25: an anonymous denunciation is not handled as a tố cáo, but one naming the
violator with verifiable evidence may be inspected or forwarded)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from complaints.kinds import CaseKind, CaseStatus
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from complaints.transitions import allowed_actions
from tests.complaints.workflow.helpers import act
from tests.factories import UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases"]


@pytest.mark.parametrize("status", [CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.VERIFYING])
def test_staff_mark_an_anonymous_report_as_a_tip_without_changing_its_state(status):
    handler = UserFactory(perms=HANDLER)
    case = case_in(CaseKind.PHAN_ANH, status, anonymous=True)
    assert "mark_tip" in [t.action for t in allowed_actions(case=case, user=handler)]
    event = act(case, "mark_tip", handler, reason="Nêu tên người vi phạm, có hóa đơn kèm theo")
    case.refresh_from_db()
    assert case.inspection_tip and case.status == status
    assert not event.is_public and event.public_message == ""
    assert event.data["reason"].startswith("Nêu tên")
    assert case.history.filter(
        history_user=handler, history_change_reason="origin=test action=case_mark_tip"
    ).exists()
    with pytest.raises(TransitionNotAllowed):  # once
        act(case, "mark_tip", handler, reason="Lần nữa")


def test_only_an_open_anonymous_report_with_a_reason_by_a_handler():
    handler = UserFactory(perms=HANDLER)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, anonymous=True), "mark_tip", handler)
    assert "reason" in invalid.value.errors
    named = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    with pytest.raises(TransitionNotAllowed) as refused:
        act(named, "mark_tip", handler, reason="x")
    assert "ẩn danh" in refused.value.message
    for kind in (CaseKind.KIEN_NGHI, CaseKind.KHIEU_NAI, CaseKind.TO_CAO):
        with pytest.raises(TransitionNotAllowed):
            act(case_in(kind, CaseStatus.RECEIVED), "mark_tip", handler, reason="x")
    with pytest.raises(TransitionNotAllowed):
        act(case_in(CaseKind.PHAN_ANH, CaseStatus.CLOSED, anonymous=True), "mark_tip", handler,
            reason="x")  # fmt: skip
    viewer = UserFactory(perms=["complaints.view_case", "complaints.view_all_cases"])
    with pytest.raises(PermissionDenied):
        act(case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, anonymous=True), "mark_tip", viewer,
            reason="x")  # fmt: skip
