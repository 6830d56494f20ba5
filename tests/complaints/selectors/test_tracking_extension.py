"""Once an extension is granted, the tracking page no longer offers "Hạn giải quyết tối đa nếu
được gia hạn" beside the extended date (Điều 30 Luật Tố cáo)."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.selectors.tracking import case_public_view
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_if_extended_line_goes_once_extended():
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "mark_complex", leader, reason="Nhiều nơi cần xác minh")
    before = {d.step: d.due for d in case_public_view(case=case).deadlines}
    assert before["resolve"] < before["resolve_extended"]  # still to be asked for: shown
    act(case, "extend", leader, reason="Cần xác minh thêm")
    case.refresh_from_db()
    after = {d.step: d.due for d in case_public_view(case=case).deadlines}
    assert after == {"resolve": case.resolve_by}


def test_an_especially_complex_case_still_shows_the_second_extension():
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "mark_complex", leader, reason="Đặc biệt phức tạp", very_complex=True)
    act(case, "extend", leader, reason="Lần 1")
    steps = {d.step for d in case_public_view(case=case).deadlines}
    assert steps == {"resolve", "resolve_extended"}
