"""The legal hold: staff with `complaints.hold_personal_data` keep a case's personal data
past its period (khoản 1, 3 Điều 16 Luật Bảo vệ dữ liệu cá nhân), with a reason in the
history; the destruction skips the case until the hold is released."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from complaints.kinds import CaseKind
from complaints.models import Reporter
from complaints.retention.destruction import expired_personal_data_destroy
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from complaints.transitions import allowed_actions
from portal.roles import ROLES
from tests.complaints.workflow.helpers import act
from tests.factories import UserFactory

from .helpers import NAME, NOW, closed_case

pytestmark = pytest.mark.django_db

KEEPER = ["complaints.view_case", "complaints.view_all_cases", "complaints.hold_personal_data"]


def test_a_hold_keeps_the_data_and_its_release_lets_the_period_end_it():
    keeper = UserFactory(perms=KEEPER)
    case = closed_case(CaseKind.PHAN_ANH, months_ago=40)
    assert "hold_retention" in [t.action for t in allowed_actions(case=case, user=keeper)]
    event = act(case, "hold_retention", keeper, reason="Thanh tra tỉnh yêu cầu giữ hồ sơ")
    case.refresh_from_db()
    assert case.retention_hold and case.retention_hold_reason.startswith("Thanh tra tỉnh")
    assert not event.is_public and event.data["reason"].startswith("Thanh tra tỉnh")
    recorded = case.history.filter(history_change_reason="origin=test action=case_hold_retention")
    assert recorded.get().retention_hold and recorded.get().history_user == keeper

    assert expired_personal_data_destroy(now=NOW, apply=True).cases == 0
    assert Reporter.objects.get(case=case).name == NAME
    with pytest.raises(TransitionNotAllowed):  # once
        act(case, "hold_retention", keeper, reason="Lần nữa")

    act(case, "release_retention", keeper, reason="Thanh tra đã kết thúc")
    case.refresh_from_db()
    assert not case.retention_hold and case.retention_hold_reason == ""
    assert expired_personal_data_destroy(now=NOW, apply=True).cases == 1
    case.refresh_from_db()
    with pytest.raises(TransitionNotAllowed):  # nothing left to hold
        act(case, "hold_retention", keeper, reason="Quá muộn")


def test_only_holders_of_the_permission_with_a_reason():
    case = closed_case(CaseKind.TO_CAO, months_ago=2)
    handler = UserFactory(
        perms=["complaints.view_case", "complaints.view_all_cases", "complaints.act_on_case"]
    )
    assert "hold_retention" not in [t.action for t in allowed_actions(case=case, user=handler)]
    with pytest.raises(PermissionDenied):
        act(case, "hold_retention", handler, reason="x")
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "hold_retention", UserFactory(perms=KEEPER))
    assert "reason" in invalid.value.errors
    with pytest.raises(TransitionNotAllowed):
        act(case, "release_retention", UserFactory(perms=KEEPER), reason="Không có gì để bỏ")


def test_leaders_hold_the_permission():
    assert ("complaints", "hold_personal_data") in ROLES["leader"][1]
