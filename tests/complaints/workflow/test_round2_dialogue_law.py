"""Round 2 dialogue under the law (walk-round2 findings 1 and 9).

- Điểm a khoản 2 Điều 28 Nghị định 124/2020/NĐ-CP (sửa đổi bởi Điều 11 Nghị định
  155/2026/NĐ-CP): the Giám đốc Sở resolving a second complaint holds its dialogue in person.
  When the portal knows the head, the chair recorded must name them (the tick is derived from
  it, an inspector may record the minutes on the head's behalf); naming anyone else is refused
  with the article. Scheduling a meeting whose participants do not name the head warns.
- Khoản 1 Điều 30 Luật Khiếu nại; khoản 3 Điều 28 Nghị định 124/2020/NĐ-CP: the dialogue is
  held on the verification's result, which the chair states; its minutes are not recorded
  before the verification report. A second report says it replaces the first.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from complaints.transitions import transition_for

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

HEAD_ARTICLE = "điểm a khoản 2 Điều 28 Nghị định 124/2020/NĐ-CP"
MINUTES = "Hai bên trình bày; người khiếu nại giữ yêu cầu."
RESULT = "Thống nhất giữ nguyên phiếu thu; còn khác nhau về khoản phụ thu."


def second_time(department, reported=True):
    return case_in(
        CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True, facility=department,
        verification_reported_on=timezone.localdate() if reported else None,
    )  # fmt: skip


def schedule(case, user, participants="Người khiếu nại; Bệnh viện A"):
    day = timezone.localdate() + datetime.timedelta(days=6)
    return act(case, "schedule_dialogue", user, scheduled_at=f"{day.isoformat()}T09:00",
               place="Phòng họp Sở Y tế", participants=participants)  # fmt: skip


def held(case, user):
    schedule(case, user)
    DialogueMeeting.objects.filter(case=case).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=1)
    )


def test_an_inspector_named_as_chair_is_refused_even_with_the_tick(department, inspector, director):
    case = second_time(department)
    held(case, inspector)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "record_dialogue", inspector, outcome="held", led_by_head=True,
            led_by="Nguyễn Văn Thanh, Thanh tra viên", minutes=MINUTES, result=RESULT)  # fmt: skip
    message = str(refused.value.errors["led_by"][0])
    assert HEAD_ARTICLE in message and "Phạm Đạo" in message
    assert DialogueMeeting.objects.get(case=case).status == "scheduled"


def test_the_head_named_as_chair_is_recorded_by_the_inspector_the_tick_derived(
    department, inspector, director
):
    case = second_time(department)
    held(case, inspector)
    event = act(case, "record_dialogue", inspector, outcome="held",
                led_by="Phạm Đạo, Giám đốc Sở", minutes=MINUTES, result=RESULT)  # fmt: skip
    assert event.data["led_by_head"] is True and HEAD_ARTICLE in event.data["head_leads_basis"]


def test_the_form_has_no_tick_when_the_head_is_known(department, inspector, director):
    case = second_time(department)
    held(case, inspector)
    form = TransitionForm(
        transition=transition_for(case=case, action="record_dialogue"), case=case, user=inspector
    )
    assert "led_by_head" not in form.fields
    assert form.fields["led_by"].initial == "Phạm Đạo"
    assert HEAD_ARTICLE in str(form.fields["led_by"].help_text)


def test_scheduling_without_the_head_among_participants_warns(department, inspector, director):
    case = second_time(department)
    event = schedule(case, inspector, participants="Nguyễn Văn Thanh, Thanh tra viên (chủ trì)")
    assert event.data["head_not_named"] == "Phạm Đạo"
    client = Client()
    client.force_login(inspector)
    day = timezone.localdate() + datetime.timedelta(days=8)
    response = client.post(
        reverse("complaints_admin:action", args=[case.tracking_code, "schedule_dialogue"]),
        {"schedule_dialogue-expected_status": "verifying",
         "schedule_dialogue-scheduled_at": f"{day.isoformat()}T09:00",
         "schedule_dialogue-place": "Phòng họp 2",
         "schedule_dialogue-participants": "Nguyễn Văn Thanh (chủ trì)"},
        follow=True,
    )  # fmt: skip
    page = response.content.decode()
    assert HEAD_ARTICLE in page and "Phạm Đạo" in page
    named = second_time(department)
    assert "head_not_named" not in schedule(named, inspector, "Phạm Đạo (chủ trì); Bà Lan").data


def test_minutes_before_the_verification_report_are_refused(department, inspector):
    case = second_time(department, reported=False)
    held(case, inspector)
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "record_dialogue", inspector, outcome="complainant_absent", led_by="Giám đốc Sở")
    assert "khoản 1 Điều 30 Luật Khiếu nại" in str(refused.value)
    assert "khoản 3 Điều 28" in str(refused.value)
    assert DialogueMeeting.objects.get(case=case).status == "scheduled"


def test_scheduling_before_the_report_warns(department, inspector):
    case = second_time(department, reported=False)
    event = schedule(case, inspector)
    assert event.data["before_verification_report"] is True


def test_a_second_report_says_it_replaces_the_first(department, inspector):
    case = second_time(department, reported=False)
    form = TransitionForm(
        transition=transition_for(case=case, action="report_verification"), case=case,
        user=inspector,
    )  # fmt: skip
    assert "thay thế" not in str(form.fields["verification_result"].help_text)
    case.verification_reported_on = datetime.date(2026, 12, 7)
    form = TransitionForm(
        transition=transition_for(case=case, action="report_verification"), case=case,
        user=inspector,
    )  # fmt: skip
    assert "07/12/2026" in str(form.fields["verification_result"].help_text)
    assert "thay thế" in str(form.fields["verification_result"].help_text)


def test_the_acceptance_form_cites_only_the_case_round(department, director):
    """Thụ lý: Điều 27 Luật Khiếu nại for a first complaint, khoản 1 Điều 36 for a second
    (walk-round2 finding 12)."""
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=department)
    second = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=department,
                     second_time=True)  # fmt: skip
    basis = {}
    for case in (first, second):
        form = TransitionForm(
            transition=transition_for(case=case, action="accept"), case=case, user=director
        )
        basis[bool(case.second_time)] = form.legal_basis
    assert "Điều 27 Luật Khiếu nại" in basis[False] and "Điều 36" not in basis[False]
    assert "khoản 1 Điều 36 Luật Khiếu nại" in basis[True] and "Điều 27 " not in basis[True]
