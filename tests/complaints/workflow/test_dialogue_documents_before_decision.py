"""A complaint whose dialogue is mandatory (Điều 39 Luật Khiếu nại) is not decided without
its written notice and minutes issued (khoản 1, 4 Điều 28 Nghị định 124/2020, sửa đổi bởi
Nghị định 155/2026) unless the leader confirms it (paper documents outside the portal): the
case page and the decision step warn, and the event keeps what was missing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting
from complaints.services.workflow import TransitionInvalid
from complaints.transitions import transition_for
from tests.factories import UserFactory, paper_decision

from .helpers import act, case_in, verified

pytestmark = pytest.mark.django_db
WARNING = ("Chưa có thông báo tổ chức đối thoại / biên bản đối thoại đã ban hành (khoản 1, 4 "
           "Điều 28 Nghị định 124/2020, sửa đổi bởi Nghị định 155/2026)")  # fmt: skip
DECISION = {"conclusion": "Giữ nguyên.", "public_answer": "Không có cơ sở."}


def _held(case, leader):
    day = timezone.localdate() + datetime.timedelta(days=6)
    act(case, "schedule_dialogue", leader, scheduled_at=f"{day.isoformat()}T09:00",
        place="Phòng họp Sở", participants="Các bên")  # fmt: skip
    DialogueMeeting.objects.filter(case=case).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=1))
    verified(case)  # the dialogue is held on the verification's result
    act(case, "record_dialogue", leader, outcome="held", led_by="Giám đốc Sở",
        led_by_head=True, minutes="…", result="Còn ý kiến khác nhau.")  # fmt: skip


def test_a_decision_without_the_dialogue_documents_asks_for_confirmation(client):
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True,
                   resolve_by=timezone.localdate() + datetime.timedelta(days=30))  # fmt: skip
    _held(case, leader)
    client.force_login(leader)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert WARNING in page.content.decode()
    form = TransitionForm(transition=transition_for(case=case, action="conclude"), case=case)
    assert WARNING in str(form.fields["without_dialogue_documents"].help_text)
    with pytest.raises(TransitionInvalid) as asked:
        act(case, "conclude", leader, **DECISION, **paper_decision())
    assert WARNING in str(asked.value.errors["without_dialogue_documents"][0])
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    event = act(case, "conclude", leader, **DECISION, **paper_decision(),
                without_dialogue_documents=True)  # fmt: skip
    assert event.data["dialogue_documents_missing"] == ["notice", "minutes"]
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED


def test_no_confirmation_is_asked_where_no_dialogue_is_due():
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING)
    form = TransitionForm(transition=transition_for(case=case, action="conclude"), case=case)
    assert "without_dialogue_documents" not in form.fields
    event = act(case, "conclude", leader, **DECISION, **paper_decision())
    assert "dialogue_documents_missing" not in event.data
