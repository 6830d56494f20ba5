"""The dialogue's earliest day is a working day: 05 days after the invitation (khoản 1 Điều 28
Nghị định 124/2020/NĐ-CP) moved past a weekend or holiday on the portal's calendar; a meeting
set on a day off is recorded with a warning, never refused."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.calendar import vietnam_calendar
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting
from complaints.rules.dialogue import earliest_meeting_day
from complaints.services.calendar import working_calendar
from complaints.services.workflow import TransitionInvalid
from complaints.transitions import transition_for
from tests.factories import UserFactory

from .helpers import act, case_in

D = datetime.date
STAFF = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case",
         "complaints.view_all_cases"]


def test_the_earliest_day_is_the_first_working_day_from_five_days_on():
    calendar = vietnam_calendar()
    assert earliest_meeting_day(D(2026, 12, 7), calendar) == D(2026, 12, 14)  # Sat 12 → Mon
    assert earliest_meeting_day(D(2026, 12, 8), calendar) == D(2026, 12, 14)  # Sun 13 → Mon
    assert earliest_meeting_day(D(2026, 12, 9), calendar) == D(2026, 12, 14)  # Monday itself
    assert earliest_meeting_day(D(2026, 12, 27), calendar) == D(2027, 1, 4)  # 1/1 holiday, Fri


@pytest.mark.django_db
def test_the_refusal_offers_a_working_day():
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    user = UserFactory(superuser=True)
    with pytest.raises(TransitionInvalid) as invalid:
        # invited Monday 30/11/2026: 5 days on is Saturday 05/12, the first working day 07/12
        act(case, "schedule_dialogue", user, notified_on="2026-11-30",
            scheduled_at="2026-12-03T09:00", place="Sở Y tế", participants="Các bên")
    [message] = invalid.value.errors["scheduled_at"]
    assert "ngày đối thoại sớm nhất là 07/12/2026" in message


def _next_day_off(after: datetime.date) -> datetime.date:
    calendar = working_calendar()
    day = after
    while calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


@pytest.mark.django_db
def test_a_meeting_on_a_day_off_is_recorded_with_a_warning(client):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    user = UserFactory(perms=STAFF, facility=case.assigned_unit)
    day = _next_day_off(timezone.localdate() + datetime.timedelta(days=6))
    following = working_calendar().roll_forward(day)
    client.force_login(user)
    url = reverse("complaints_admin:action", args=[case.tracking_code, "schedule_dialogue"])
    response = client.post(url, {
        "schedule_dialogue-expected_status": "verifying",
        "schedule_dialogue-scheduled_at": f"{day.isoformat()}T09:00",
        "schedule_dialogue-place": "Sở Y tế", "schedule_dialogue-participants": "Các bên",
    }, follow=True)  # fmt: skip
    assert response.status_code == 200
    assert DialogueMeeting.objects.filter(case=case).count() == 1  # recorded, not refused
    event = case.events.get(action="schedule_dialogue")
    assert event.data["not_a_working_day"] == day.isoformat()
    assert event.data["next_working_day"] == following.isoformat()
    html = response.content.decode()
    assert f"Ngày đối thoại {day:%d/%m/%Y} không phải ngày làm việc" in html
    assert f"ngày làm việc gần nhất sau đó là {following:%d/%m/%Y}" in html


@pytest.mark.django_db
def test_a_meeting_on_a_working_day_has_no_warning():
    user = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    day = working_calendar().roll_forward(timezone.localdate() + datetime.timedelta(days=6))
    event = act(case, "schedule_dialogue", user, scheduled_at=f"{day.isoformat()}T09:00",
                place="Sở Y tế", participants="Các bên")
    assert "not_a_working_day" not in event.data


@pytest.mark.django_db
def test_the_form_offers_the_earliest_working_day():
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    form = TransitionForm(transition=transition_for(case=case, action="schedule_dialogue"),
                          case=case)
    day = earliest_meeting_day(timezone.localdate(), working_calendar())
    assert working_calendar().is_working_day(day)
    help_text = str(form.fields["scheduled_at"].help_text)
    assert f"ngày đối thoại sớm nhất là {day:%d/%m/%Y} (ngày làm việc)" in help_text
    assert "khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP" in help_text
