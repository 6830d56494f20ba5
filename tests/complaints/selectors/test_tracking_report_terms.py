"""A phản ánh, kiến nghị is received and handled (tiếp nhận, xử lý: Nghị định 154/2026/NĐ-CP):
its citizen never reads "thụ lý", the word of a complaint or a denunciation."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.open311.selectors import open311_status_notes
from complaints.selectors.tracking import case_public_view
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


@pytest.mark.parametrize("kind", [CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI])
def test_a_report_is_received_for_handling_not_accepted(leader, kind):
    case = case_in(kind, CaseStatus.RECEIVED)
    event = act(case, "accept", leader)
    assert "thụ lý" not in event.public_message
    assert event.public_message.startswith("Phản ánh, kiến nghị đã được tiếp nhận để xử lý.")
    case.refresh_from_db()
    view = case_public_view(case=case)
    assert (view.status, view.status_label) == ("accepted", "Đang xử lý")
    accepted = view.timeline[-1]
    assert (accepted.label, accepted.status_label) == ("Đã tiếp nhận để xử lý", "Đang xử lý")
    assert not any("thụ lý" in e.message.lower() for e in view.timeline)
    assert open311_status_notes(case) == "Đang xử lý"


def test_a_complaint_is_still_accepted(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    event = act(case, "accept", leader)
    assert event.public_message.startswith("Hồ sơ đã được thụ lý.")
    case.refresh_from_db()
    assert case_public_view(case=case).status_label == "Đã thụ lý"


@pytest.mark.parametrize(("kind", "status_words", "event_words"), [
    # Điều 31, Điều 40 Luật Khiếu nại: a complaint ends in a decision, not a conclusion.
    (CaseKind.KHIEU_NAI, "Đã có quyết định giải quyết", "Đã có quyết định giải quyết khiếu nại"),
    (CaseKind.PHAN_ANH, "Đã có kết quả xử lý", "Đã có kết quả xử lý"),
    (CaseKind.TO_CAO, "Đã có kết luận", "Đã có kết luận"),
])
def test_each_kind_ends_in_its_own_words(kind, status_words, event_words):
    case = case_in(kind, CaseStatus.CONCLUDED)
    assert case_public_view(case=case).status_label == status_words
    from complaints.models import CaseEvent
    from complaints.selectors.tracking import public_event

    event = CaseEvent(case=case, action="conclude", to_status=CaseStatus.CONCLUDED)
    view = public_event(event, kind=kind)
    assert (view.label, view.status_label) == (event_words, status_words)
