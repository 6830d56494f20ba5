"""The staff API's case detail lists the case's dialogue meetings (đối thoại: khoản 1, 4 Điều 30,
Điều 39 Luật Khiếu nại; Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Điều 11 Nghị định
155/2026/NĐ-CP): when and where, who was invited, the outcome and the result, instants as
RFC 3339 in UTC like every other field; only for a case in the caller's scope; a
denunciation's meeting read as its title and content are, never naming the denouncer to a
caller who may not see them (Điều 47 Luật Tố cáo)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent, DialogueMeeting
from tests.complaints.workflow.helpers import act, case_in, verified
from tests.factories import FacilityFactory, UserFactory, inspectorate

from .test_staff_api import HANDLER, INSPECTOR, INTAKE, token_client

pytestmark = pytest.mark.django_db

MINUTES = "Bệnh viện trình bày căn cứ thu; người khiếu nại nêu ý kiến."
RESULT = "Thống nhất: phiếu thu số 125 đúng giá. Còn ý kiến khác nhau: khoản phụ thu giường."


@pytest.fixture
def units():
    return FacilityFactory(code="BV-DP"), FacilityFactory(code="BV-SH")


def _complaint_with_dialogues(unit, officer):
    """A first-time complaint whose dialogue was rescheduled once, then held."""
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit,
                   verification_differs=True)
    day = timezone.localdate() + datetime.timedelta(days=6)
    act(case, "schedule_dialogue", officer, scheduled_at=f"{day.isoformat()}T09:00",
        place="Phòng họp bệnh viện", participants="Người khiếu nại; Bệnh viện")
    later = day + datetime.timedelta(days=1)
    act(case, "schedule_dialogue", officer, scheduled_at=f"{later.isoformat()}T14:30",
        place="Hội trường Sở Y tế", participants="Người khiếu nại; Bệnh viện; Thanh tra Sở")
    held = DialogueMeeting.objects.get(case=case, status="scheduled")
    DialogueMeeting.objects.filter(pk=held.pk).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=1))
    verified(case)  # the dialogue is held on the verification's result
    act(case, "record_dialogue", officer, outcome="held", led_by="Phó Giám đốc",
        minutes=MINUTES, result=RESULT)
    return case, day


def test_the_detail_lists_every_meeting_with_its_instants_in_utc(units):
    officer = UserFactory(perms=HANDLER, facility=units[0])
    case, day = _complaint_with_dialogues(units[0], officer)
    body = token_client(officer).get(f"/api/v1/cases/{case.tracking_code}").json()
    # In the order of their time (the held one was moved to an hour ago to be recorded).
    assert [d["scheduled_at"] for d in body["dialogues"]] == sorted(
        d["scheduled_at"] for d in body["dialogues"])
    held, replaced = body["dialogues"]
    first, second = DialogueMeeting.objects.filter(case=case).order_by("id")
    # 09:00 in Vietnam (UTC+7) is 02:00 UTC: the API's one form of an instant.
    assert replaced == {
        "id": first.pk,
        "status": "replaced",
        "status_label": "Đã dời lịch",
        "scheduled_at": f"{day.isoformat()}T02:00:00Z",
        "place": "Phòng họp bệnh viện",
        "participants": "Người khiếu nại; Bệnh viện",
        "notified_on": timezone.localdate().isoformat(),
        "led_by": "",
        "minutes": "",
        "result": "",
        "started_at": None,
        "ended_at": None,
        "recorded_at": None,
    }
    second.refresh_from_db()
    assert held["id"] == second.pk and held["status"] == "held"
    assert held["status_label"] == "Đã đối thoại"
    assert (held["led_by"], held["minutes"], held["result"]) == ("Phó Giám đốc", MINUTES, RESULT)
    assert held["participants"] == "Người khiếu nại; Bệnh viện; Thanh tra Sở"
    at = second.scheduled_at.astimezone(datetime.UTC).replace(microsecond=0, tzinfo=None)
    assert held["scheduled_at"] == at.isoformat() + "Z"
    assert held["recorded_at"].endswith("Z") and "." not in held["recorded_at"]
    # The events' data name the meetings by the same id.
    recorded = CaseEvent.objects.get(case=case, action="record_dialogue")
    assert recorded.data["dialogue"] == held["id"]
    scheduled = CaseEvent.objects.filter(case=case, action="schedule_dialogue").order_by("id")
    assert scheduled[1].data["replaces"]["dialogue"] == replaced["id"]


def test_a_case_without_a_dialogue_lists_none(units):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units[0])
    body = token_client(UserFactory(perms=INTAKE)).get(f"/api/v1/cases/{case.tracking_code}")
    assert body.status_code == 200 and body.json()["dialogues"] == []


def test_another_facilitys_handler_reads_none_of_its_meetings(units):
    mine, other = units
    officer = UserFactory(perms=HANDLER, facility=mine)
    case, _day = _complaint_with_dialogues(mine, officer)
    outsider = token_client(UserFactory(perms=HANDLER, facility=other))
    refused = outsider.get(f"/api/v1/cases/{case.tracking_code}")
    assert refused.status_code == 404 and "Phòng họp" not in refused.content.decode()
    assert len(token_client(officer).get(f"/api/v1/cases/{case.tracking_code}").json()[
        "dialogues"]) == 2


def test_a_denunciations_meeting_never_names_the_denouncer_to_whoever_may_not_see_them(units):
    # No step schedules a dialogue on a tố cáo (it is a complaint's); a meeting on one, however
    # it came there, is read as the denouncer's title and content are.
    inspector = UserFactory(perms=INSPECTOR)
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=units[0],
                   assigned_unit=inspectorate(), assigned_user=inspector)
    DialogueMeeting.objects.create(
        case=case, scheduled_at=timezone.now(), place="Nhà bà Nguyễn Thị Dân",
        participants="Nguyễn Thị Dân (0905 123 456); Thanh tra Sở",
        notified_on=timezone.localdate(), led_by="Chánh Thanh tra",
        minutes="Bà Nguyễn Thị Dân trình bày.", result="Ông Dân nêu ý kiến.",
        status="held", recorded_at=timezone.now(),
    )
    intake = token_client(UserFactory(perms=INTAKE)).get(f"/api/v1/cases/{case.tracking_code}")
    (meeting,) = intake.json()["dialogues"]
    assert "Nguyễn Thị Dân" not in json.dumps(intake.json(), ensure_ascii=False)
    assert "0905" not in meeting["participants"]
    assert meeting["participants"] == "[đã ẩn] ([đã ẩn]); Thanh tra Sở"
    assert meeting["place"] == "Nhà bà [đã ẩn]"
    assert meeting["minutes"] == "Bà [đã ẩn] trình bày."
    assert meeting["led_by"] == "Chánh Thanh tra"
    # The inspector handling it may see the denouncer: the meeting as written.
    (shown,) = token_client(inspector).get(f"/api/v1/cases/{case.tracking_code}").json()[
        "dialogues"]
    assert shown["participants"] == "Nguyễn Thị Dân (0905 123 456); Thanh tra Sở"
