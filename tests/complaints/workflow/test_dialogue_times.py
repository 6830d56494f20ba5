"""When the dialogue began and ended: Mẫu số 14 (khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP,
thay thế bởi Điều 11 Nghị định 155/2026/NĐ-CP) opens with "Vào hồi … giờ … phút, ngày …"
and ends with "Buổi đối thoại kết thúc hồi … giờ … phút cùng ngày". The step recording a
held meeting keeps both (the start, when it differs from the time the parties were invited
to), on the meeting with its history and in the event; an end before the start, on another
day, or a time still to come is refused, in the caller's language, nothing saved. The case
page's list of meetings shows them."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise

from complaints.admin.forms import TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, CaseEvent, DialogueMeeting
from complaints.services.workflow import TransitionInvalid
from complaints.transitions import transition_for
from tests.factories import FacilityFactory, UserFactory

from .helpers import act, case_in, verified

pytestmark = pytest.mark.django_db

STAFF = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
HELD = {"outcome": "held", "led_by": "Phó Giám đốc", "minutes": "Các bên trình bày ý kiến.",
        "result": "Còn ý kiến khác nhau về khoản phụ thu."}


@pytest.fixture
def unit():
    return FacilityFactory(code="BV-DT")


@pytest.fixture
def officer(unit):
    return UserFactory(perms=STAFF, facility=unit, username="canbo")


def _yesterday(hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _at(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _meeting_at_yesterday_14(unit, officer):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit,
                   verification_differs=True)
    day = timezone.localdate() + datetime.timedelta(days=6)
    act(case, "schedule_dialogue", officer, scheduled_at=f"{day.isoformat()}T09:00",
        place="Phòng họp bệnh viện", participants="Người khiếu nại; Bệnh viện")
    DialogueMeeting.objects.filter(case=case).update(scheduled_at=_yesterday(14))
    verified(case)  # the dialogue is held on the verification's result
    return case


def _not_recorded(case):
    assert DialogueMeeting.objects.get(case=case).status == "scheduled"
    assert not CaseEvent.objects.filter(case=case, action="record_dialogue").exists()


def test_the_held_meeting_keeps_when_it_began_and_ended(unit, officer):
    case = _meeting_at_yesterday_14(unit, officer)
    act(case, "record_dialogue", officer, **HELD, started_at=_at(_yesterday(14, 20)),
        ended_at=_at(_yesterday(16, 10)))
    meeting = DialogueMeeting.objects.get(case=case)
    assert meeting.started_at == _yesterday(14, 20)
    assert meeting.ended_at == _yesterday(16, 10)
    row = meeting.history.first()
    assert (row.started_at, row.ended_at) == (_yesterday(14, 20), _yesterday(16, 10))
    event = CaseEvent.objects.get(case=case, action="record_dialogue")
    assert event.data["started_at"] == timezone.localtime(_yesterday(14, 20)).isoformat()
    assert event.data["ended_at"] == timezone.localtime(_yesterday(16, 10)).isoformat()


def test_without_a_start_the_meeting_began_at_the_time_invited_to(unit, officer):
    case = _meeting_at_yesterday_14(unit, officer)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "record_dialogue", officer, **HELD, ended_at=_at(_yesterday(13, 50)))
    (message,) = refused.value.errors["ended_at"]
    assert isinstance(message, Promise)  # read in the caller's language
    assert "14:00" in str(message) and "sau giờ bắt đầu" in str(message)
    _not_recorded(case)
    act(case, "record_dialogue", officer, **HELD, ended_at=_at(_yesterday(16, 10)))
    meeting = DialogueMeeting.objects.get(case=case)
    assert (meeting.started_at, meeting.ended_at) == (None, _yesterday(16, 10))


def _in_two_hours() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=2)


@pytest.mark.parametrize("times, field, words", [
    (lambda: {"started_at": _yesterday(14, 30), "ended_at": _yesterday(14, 30)},
     "ended_at", "sau giờ bắt đầu"),
    # begun the day before yesterday, ended yesterday
    (lambda: {"started_at": _yesterday(14, 30) - datetime.timedelta(days=1),
              "ended_at": _yesterday(9)}, "ended_at", "cùng ngày"),
    (lambda: {"ended_at": _in_two_hours()}, "ended_at", "chưa đến"),
    (lambda: {"started_at": _in_two_hours()}, "started_at", "chưa đến"),
])
def test_impossible_times_are_refused_and_nothing_is_saved(unit, officer, times, field, words):
    case = _meeting_at_yesterday_14(unit, officer)
    fields = {name: _at(moment) for name, moment in times().items()}
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "record_dialogue", officer, **HELD, **fields)
    assert words in str(refused.value.errors[field][0])
    _not_recorded(case)


def test_an_absent_complainant_records_no_times(unit, officer):
    case = _meeting_at_yesterday_14(unit, officer)
    act(case, "record_dialogue", officer, outcome="complainant_absent", led_by="Phó Giám đốc",
        ended_at=_at(_yesterday(14, 30)))
    assert DialogueMeeting.objects.get(case=case).ended_at is None


def test_the_case_page_and_the_api_take_them(unit, officer):
    case = _meeting_at_yesterday_14(unit, officer)
    form = TransitionForm(transition=transition_for(case=case, action="record_dialogue"),
                          case=case, user=officer)
    assert "kết thúc" in str(form.fields["ended_at"].label)
    assert "bắt đầu" in str(form.fields["started_at"].label)
    _token, key = ApiToken.issue(user=officer, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    offered = {a["action"]: a for a in api.get(f"/api/v1/cases/{case.tracking_code}").json()[
        "allowed_actions"]}
    assert {"started_at", "ended_at"} <= set(offered["record_dialogue"]["optional_fields"])
    action = f"/api/v1/cases/{case.tracking_code}/actions/record_dialogue"
    wrong = api.post(action, data=json.dumps({**HELD, "ended_at": _at(_yesterday(13))}),
                     content_type="application/json")
    assert wrong.status_code == 400 and list(wrong.json()["errors"]) == ["ended_at"]
    done = api.post(action, data=json.dumps({**HELD, "started_at": _at(_yesterday(14, 20)),
                                             "ended_at": _at(_yesterday(16, 10))}),
                    content_type="application/json")
    assert done.status_code == 200
    (held,) = done.json()["dialogues"]
    assert held["started_at"] == _yesterday(14, 20).astimezone(datetime.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    assert held["ended_at"] == _yesterday(16, 10).astimezone(datetime.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ")

    client = Client()
    client.force_login(officer)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert "diễn ra từ 14:20 đến 16:10" in page.content.decode()
