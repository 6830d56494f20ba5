"""Two officers moving the same dialogue (khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi
bởi Điều 11 Nghị định 155/2026/NĐ-CP): the reschedule form carries the meeting it means to
move (`expected_meeting`); a stale one is refused, naming the new time, place and who set
it, with nothing saved and nothing mailed. A fresh one passes; an API caller that sends no
`expected_meeting` keeps working."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting
from tests.factories import UserFactory

from .helpers import act, case_in
from .test_procedure_forms_and_api import STAFF, api_for

pytestmark = pytest.mark.django_db


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _form(case, days: int, place: str, expected_meeting: str) -> dict:
    return {
        "schedule_dialogue-expected_status": case.status,
        "schedule_dialogue-expected_meeting": expected_meeting,
        "schedule_dialogue-scheduled_at": f"{_day(days).isoformat()}T09:00",
        "schedule_dialogue-place": place,
        "schedule_dialogue-participants": "Người khiếu nại; Bệnh viện A",
    }


@pytest.fixture
def case():
    return case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True,
                   resolve_by=_day(40))  # fmt: skip


def _officer(name, case):
    # Of the unit resolving it: its staff organize the dialogue (rules/dialogue.py).
    return UserFactory(perms=[*STAFF, "complaints.view_all_cases"], first_name=name,
                       facility=case.assigned_unit)


def test_a_stale_reschedule_is_refused_with_nothing_saved_nor_mailed(client, case):
    a, b = _officer("An", case), _officer("Bình", case)
    act(case, "schedule_dialogue", a, scheduled_at=f"{_day(10).isoformat()}T09:00",
        place="Phòng họp Sở", participants="Các bên")  # fmt: skip
    # Both open the case page while the meeting is on day 10.
    client.force_login(b)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    first = DialogueMeeting.objects.get(case=case, status="scheduled")
    token = f"{first.pk}@{first.scheduled_at.isoformat()}"
    assert f'value="{token}"' in page.content.decode()
    url = reverse("complaints_admin:action", args=[case.tracking_code, "schedule_dialogue"])
    # A moves it to day 11 from their page.
    client.force_login(a)
    assert client.post(url, _form(case, 11, "Phòng họp A", token)).status_code == 302
    moved = DialogueMeeting.objects.get(case=case, status="scheduled")
    mail.outbox.clear()
    # B, from the stale page, moves it to day 14.
    client.force_login(b)
    stale = client.post(url, _form(case, 14, "Phòng tiếp công dân", token))
    assert stale.status_code == 409
    text = stale.content.decode()
    assert "Lịch đối thoại đã được đổi thành 09:00 " + _day(11).strftime("%d/%m/%Y") in text
    assert "tại Phòng họp A bởi" in text and "hãy xem lại trước khi đổi lịch" in text
    assert DialogueMeeting.objects.get(case=case, status="scheduled").pk == moved.pk
    assert not DialogueMeeting.objects.filter(case=case, place="Phòng tiếp công dân").exists()
    assert mail.outbox == []
    # Reloaded, B's page names the new meeting, and the move passes.
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    fresh = f"{moved.pk}@{moved.scheduled_at.isoformat()}"
    assert f'value="{fresh}"' in page.content.decode()
    assert client.post(url, _form(case, 14, "Phòng tiếp công dân", fresh)).status_code == 302
    assert DialogueMeeting.objects.get(case=case, status="scheduled").place == "Phòng tiếp công dân"


def test_a_stale_first_schedule_is_refused_too(client, case):
    a, b = _officer("An", case), _officer("Bình", case)
    url = reverse("complaints_admin:action", args=[case.tracking_code, "schedule_dialogue"])
    client.force_login(a)
    assert client.post(url, _form(case, 10, "Phòng họp A", "none")).status_code == 302
    client.force_login(b)
    stale = client.post(url, _form(case, 12, "Phòng họp B", "none"))
    assert stale.status_code == 409 and "Phòng họp A" in stale.content.decode()
    assert DialogueMeeting.objects.filter(case=case).count() == 1


def test_the_api_takes_the_meeting_expected_and_works_without_it(case):
    officer = _officer("An", case)
    api = api_for(officer)
    url = f"/api/v1/cases/{case.tracking_code}/actions/schedule_dialogue"

    def post(days, place, **extra):
        body = {"scheduled_at": f"{_day(days).isoformat()}T09:00", "place": place,
                "participants": "Các bên", **extra}  # fmt: skip
        return api.post(url, data=json.dumps(body), content_type="application/json")

    assert post(10, "Phòng 1").status_code == 200  # an older caller: no field
    detail = api.get(f"/api/v1/cases/{case.tracking_code}").json()
    [meeting] = detail["dialogues"]
    expected = f"{meeting['id']}@{meeting['scheduled_at']}"  # the API's own instant (UTC)
    assert post(11, "Phòng 2", expected_meeting=expected).status_code == 200
    mail.outbox.clear()
    stale = post(12, "Phòng 3", expected_meeting=expected)
    assert stale.status_code == 409
    assert "Lịch đối thoại đã được đổi thành" in stale.json()["detail"]
    assert mail.outbox == []
    bad = post(12, "Phòng 3", expected_meeting="xyz")
    assert bad.status_code == 400 and "expected_meeting" in json.dumps(bad.json())
    assert post(12, "Phòng 3").status_code == 200  # without the field: as before
