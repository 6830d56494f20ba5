"""A second-time complaint's dialogue is led by the head in person: điểm a khoản 2 Điều 28
Nghị định 124/2020/NĐ-CP (sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP), "Người giải quyết
khiếu nại lần hai là Thủ trưởng cơ quan chuyên môn … phải trực tiếp đối thoại". Recording it
held needs the confirmation that the Giám đốc Sở led it (kept in the event), or it is refused
with the article; a first-time complaint's dialogue, or a meeting the complainant did not
attend, needs none."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, DialogueMeeting
from complaints.services.workflow import TransitionInvalid
from complaints.transitions import transition_for

from .helpers import act, case_in, verified

pytestmark = pytest.mark.django_db

ARTICLE = "điểm a khoản 2 Điều 28 Nghị định 124/2020/NĐ-CP"
MINUTES = "Hai bên trình bày; người khiếu nại giữ yêu cầu."
RESULT = "Thống nhất giữ nguyên phiếu thu; còn khác nhau về khoản phụ thu."


def held_meeting_of(case, user):
    """A dialogue scheduled, whose time has come."""
    day = timezone.localdate() + datetime.timedelta(days=6)
    act(case, "schedule_dialogue", user, scheduled_at=f"{day.isoformat()}T09:00",
        place="Phòng họp Sở Y tế", participants="Người khiếu nại; Bệnh viện A")  # fmt: skip
    DialogueMeeting.objects.filter(case=case).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=1)
    )
    verified(case)  # the dialogue is held on the verification's result
    return DialogueMeeting.objects.get(case=case)


def second_time_case(department):
    return case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True, facility=department)


def test_a_second_time_dialogue_led_by_anyone_is_refused(department, inspector):
    case = second_time_case(department)
    meeting = held_meeting_of(case, inspector)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "record_dialogue", inspector, outcome="held",
            led_by="Chuyên viên Thanh tra Sở", minutes=MINUTES)  # fmt: skip
    message = refused.value.errors["led_by_head"][0]
    assert ARTICLE in message and "trực tiếp đối thoại" in message
    meeting.refresh_from_db()
    assert meeting.status == "scheduled" and meeting.led_by == ""


def test_a_second_time_dialogue_led_by_the_head_is_recorded_with_it(department, inspector):
    case = second_time_case(department)
    meeting = held_meeting_of(case, inspector)
    event = act(case, "record_dialogue", inspector, outcome="held", led_by="Phạm Đạo, Giám đốc Sở",
                led_by_head=True, minutes=MINUTES, result=RESULT)  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.led_by == "Phạm Đạo, Giám đốc Sở"
    assert event.data["led_by_head"] is True and ARTICLE in event.data["head_leads_basis"]


def test_a_first_time_dialogue_or_an_absent_complainant_needs_no_confirmation(
    department, inspector
):
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=department,
                    verification_differs=True)  # fmt: skip
    held_meeting_of(first, inspector)
    event = act(first, "record_dialogue", inspector, outcome="held",
                led_by="Phó Giám đốc bệnh viện", minutes=MINUTES, result=RESULT)  # fmt: skip
    assert "led_by_head" not in event.data
    second = second_time_case(department)
    held_meeting_of(second, inspector)
    act(second, "record_dialogue", inspector, outcome="complainant_absent", led_by="Giám đốc Sở")
    assert DialogueMeeting.objects.get(case=second).status == "complainant_absent"


def test_the_form_names_the_head_for_a_second_time_complaint(
    department, inspector, director
):
    case = second_time_case(department)
    held_meeting_of(case, inspector)
    form = TransitionForm(
        transition=transition_for(case=case, action="record_dialogue"), case=case, user=inspector
    )
    # The unit's one head, as documents say: the chair named, the tick derived from it
    # (test_round2_dialogue_law.py); asked only when the portal cannot tell the head.
    assert "led_by_head" not in form.fields
    assert form.fields["led_by"].initial == "Phạm Đạo"
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=department,
                    verification_differs=True)  # fmt: skip
    held_meeting_of(first, inspector)
    form = TransitionForm(
        transition=transition_for(case=first, action="record_dialogue"), case=first, user=inspector
    )
    assert "led_by_head" not in form.fields and not form.fields["led_by"].initial


def test_the_admin_and_the_api_refuse_it_with_the_article(department, inspector):
    case = second_time_case(department)
    held_meeting_of(case, inspector)
    client = Client()
    client.force_login(inspector)
    url = reverse("complaints_admin:action", args=[case.tracking_code, "record_dialogue"])
    fields = {"record_dialogue-expected_status": "verifying", "record_dialogue-outcome": "held",
              "record_dialogue-led_by": "Chuyên viên Thanh tra Sở",
              "record_dialogue-minutes": MINUTES,
              "record_dialogue-result": RESULT}  # fmt: skip
    response = client.post(url, fields)
    assert response.status_code == 400 and ARTICLE in response.content.decode()
    _token, key = ApiToken.issue(user=inspector, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    body = {"outcome": "held", "led_by": "Chuyên viên Thanh tra Sở", "minutes": MINUTES,
            "result": RESULT}
    refused = api.post(f"/api/v1/cases/{case.tracking_code}/actions/record_dialogue",
                       data=json.dumps(body), content_type="application/json")  # fmt: skip
    assert refused.status_code == 400
    assert ARTICLE in refused.json()["errors"]["led_by_head"][0]
    assert DialogueMeeting.objects.get(case=case).status == "scheduled"
    # Confirmed through the admin form's box, it is recorded.
    response = client.post(url, {**fields, "record_dialogue-led_by_head": "on"})
    assert response.status_code == 302
    assert DialogueMeeting.objects.get(case=case).status == "held"
