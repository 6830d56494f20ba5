"""Cases created by the workflow: a petition split into linked cases (Luật Tiếp công dân
Art 25(3)) and a second-time complaint escalated to the level above (Luật KN Arts 20, 21)."""

from __future__ import annotations

import re

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseDeadline, Category, Facility, Reporter
from complaints.services.tracking import pin_matches
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed, case_transition
from complaints.signals import case_created
from tests.factories import UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db


def act(case, action, actor, **data):
    return case_transition(case_id=case.pk, action=action, actor=actor, data=data, origin="test")


def pins_in(message: str) -> dict[str, str]:
    return dict(re.findall(r"(YT-\d{4}-\d{6}) \(mã PIN (\d+)\)", message))


def test_a_petition_is_split_into_linked_cases(
    demo_reference_data, django_capture_on_commit_callbacks
):
    intake = UserFactory(superuser=True)
    hospital = Facility.objects.get(code="TTYT-DP")
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    created = []

    def listener(sender, case, event, **kwargs):
        created.append(case.tracking_code)

    case_created.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            event = act(
                case,
                "split",
                intake,
                parts=[
                    {"title": "Thái độ bác sĩ", "content": "Bác sĩ quát mắng người bệnh."},
                    {
                        "title": "Đề nghị thêm ghế chờ",
                        "content": "Đề nghị bố trí thêm ghế chờ ở khoa khám.",
                        "kind": "kien_nghi",
                        "category": "thai-do-phuc-vu",
                    },
                ],
            )
    finally:
        case_created.disconnect(listener)
    codes = event.data["split_into"]
    assert len(codes) == 2 and created == codes
    assert event.is_public and set(pins_in(event.public_message)) == set(codes)
    for code, pin in pins_in(event.public_message).items():
        new = Case.objects.get(tracking_code=code)
        assert new.parent_case == case and new.received_at == case.received_at
        assert pin_matches(tracking_code=code, pin=pin, stored_hash=new.pin_hash)
        assert Reporter.objects.get(case=new).name == "Nguyễn Thị Dân"
        assert new.routings.exists() and new.assigned_unit is not None
        assert CaseDeadline.objects.filter(case=new, step="accept").exists()
        assert new.events.get().action == "received"
        record = new.history.earliest("history_date")
        assert record.history_change_reason == "origin=test action=case_split"
        assert record.history_user == intake
        assert Reporter.history.filter(case_id=new.pk, history_user=intake).exists()
    second = Case.objects.get(tracking_code=codes[1])
    assert second.kind == CaseKind.KIEN_NGHI
    assert second.category == Category.objects.get(code="thai-do-phuc-vu")


def test_a_split_needs_its_parts_and_refuses_an_anonymous_denunciation():
    intake = UserFactory(superuser=True)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, anonymous=True)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "split", intake)
    assert "parts" in invalid.value.errors
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "split", intake, parts=[{"title": "Tố cáo", "content": "x", "kind": "to_cao"}])
    assert "Điều 25" in invalid.value.errors["parts"][0]
    assert not Case.objects.filter(parent_case=case).exists()


def test_a_second_time_complaint_goes_to_the_level_above(demo_reference_data):
    leader = UserFactory(superuser=True)
    hospital = Facility.objects.get(code="TTYT-DP")
    first = case_in(
        CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital, assigned_unit=hospital
    )
    act(first, "accept", leader)
    act(
        first,
        "conclude",
        leader,
        conclusion="Giữ nguyên quyết định.",
        public_answer="Không có cơ sở.",
    )
    event = act(first, "escalate", leader, content="Tôi không đồng ý với quyết định lần đầu.")
    second = Case.objects.get(tracking_code=event.data["second_time_case"])
    assert second.kind == CaseKind.KHIEU_NAI and second.second_time
    assert second.parent_case == first and second.first_decision_ref == first.tracking_code
    # Luật KN Art 20: the Giám đốc Sở decides a second complaint against a unit under the Sở.
    assert second.assigned_unit.kind == "department"
    assert second.resolve_by is not None and second.accept_by is not None
    with pytest.raises(TransitionNotAllowed):
        act(first, "escalate", leader, content="Lần nữa")
    with pytest.raises(TransitionNotAllowed) as refused:
        act(Case.objects.get(pk=second.pk), "escalate", leader, content="x")
    assert "không áp dụng" in refused.value.message or "trạng thái" in refused.value.message
