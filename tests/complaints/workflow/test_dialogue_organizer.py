"""Who schedules a complaint's dialogue: the person resolving the complaint organizes it
(khoản 1 Điều 30, Điều 39 Luật Khiếu nại; Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi bởi
Điều 11 Nghị định 155/2026/NĐ-CP), so only the staff of the unit competent for the case
(`Case.assigned_unit`, the people `is_unit_staff` counts) schedule or move it. A Sở
inspector who sees a hospital's first-round complaint is neither offered the step nor let
through; a superuser is, as for the resolver's decisions (complaints/rules/resolver.py)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting, FacilityKind
from complaints.services.workflow import TransitionNotAllowed
from complaints.transitions import allowed_actions
from tests.factories import HANDLER_PERMS, FacilityFactory, UserFactory, hospital_under_so

from .helpers import act, case_in, verified
from .test_procedure_forms_and_api import api_for

pytestmark = pytest.mark.django_db

FIRST = "khoản 1 Điều 30 Luật Khiếu nại"
SECOND = "Điều 39 Luật Khiếu nại"
INSPECTOR = [*HANDLER_PERMS, "complaints.view_all_cases"]


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _schedule(case, actor, place="Phòng họp Thanh tra Sở"):
    return act(case, "schedule_dialogue", actor, scheduled_at=f"{_day(10).isoformat()}T09:00",
               place=place, participants="Các bên")  # fmt: skip


def _offered(case, user) -> bool:
    return "schedule_dialogue" in {t.action for t in allowed_actions(case=case, user=user)}


@pytest.fixture
def sector():
    return hospital_under_so()


@pytest.fixture
def first_round(sector):
    return case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=sector.hospital,
                   verification_differs=True, resolve_by=_day(40))  # fmt: skip


def test_a_so_inspector_may_not_schedule_a_hospitals_first_round_dialogue(
    client, sector, first_round
):
    inspectorate = FacilityFactory(code="TTS", name="Thanh tra Sở",
                                   kind=FacilityKind.INSPECTORATE, parent=sector.so)  # fmt: skip
    for inspector in (UserFactory(perms=INSPECTOR, facility=inspectorate),
                      UserFactory(perms=INSPECTOR)):  # fmt: skip
        assert not _offered(first_round, inspector)
        with pytest.raises(TransitionNotAllowed) as refused:
            _schedule(first_round, inspector)
        message = str(refused.value.message)
        assert "Bệnh viện Đức Phổ" in message and FIRST in message
    assert not DialogueMeeting.objects.filter(case=first_round).exists()

    # The case page does not offer it; posted anyway, it is refused with the article.
    client.force_login(inspector)
    detail = reverse("complaints_admin:detail", args=[first_round.tracking_code])
    page = client.get(detail)
    assert "schedule_dialogue" not in {f.transition.action for f in page.context["action_forms"]}
    url = reverse("complaints_admin:action", args=[first_round.tracking_code, "schedule_dialogue"])
    posted = client.post(url, {
        "schedule_dialogue-expected_status": first_round.status,
        "schedule_dialogue-scheduled_at": f"{_day(10).isoformat()}T09:00",
        "schedule_dialogue-place": "Phòng họp Thanh tra Sở",
        "schedule_dialogue-participants": "Các bên",
    })
    assert posted.status_code == 409 and FIRST in posted.content.decode()
    # The staff API alike.
    response = api_for(inspector).post(
        f"/api/v1/cases/{first_round.tracking_code}/actions/schedule_dialogue",
        data=json.dumps({"scheduled_at": f"{_day(10).isoformat()}T09:00", "place": "Phòng 1",
                         "participants": "Các bên"}),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 409 and FIRST in response.json()["detail"]
    assert not DialogueMeeting.objects.filter(case=first_round).exists()


def test_the_hospitals_staff_schedule_and_move_it(sector, first_round):
    assert _offered(first_round, sector.handler) and _offered(first_round, sector.head)
    _schedule(first_round, sector.handler, place="Phòng họp Bệnh viện")
    act(first_round, "schedule_dialogue", sector.head,
        scheduled_at=f"{_day(12).isoformat()}T09:00", place="Hội trường Bệnh viện",
        participants="Các bên")  # fmt: skip
    assert DialogueMeeting.objects.get(case=first_round, status="scheduled").place == (
        "Hội trường Bệnh viện")
    # Nor may a Sở inspector move the hospital's meeting.
    with pytest.raises(TransitionNotAllowed):
        act(first_round, "schedule_dialogue", UserFactory(perms=INSPECTOR),
            scheduled_at=f"{_day(14).isoformat()}T09:00", place="Phòng họp Sở",
            participants="Các bên")  # fmt: skip


def test_the_sos_inspectors_schedule_the_sos_second_round_dialogue(sector):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=sector.hospital,
                   assigned_unit=sector.so, second_time=True, resolve_by=_day(40))  # fmt: skip
    inspector = UserFactory(perms=INSPECTOR)  # the province's, of no unit: the Sở's people
    assert _offered(case, inspector)
    _schedule(case, inspector)
    assert not _offered(case, sector.handler)  # the hospital does not resolve it
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "schedule_dialogue", sector.head, scheduled_at=f"{_day(12).isoformat()}T09:00",
            place="Phòng họp Bệnh viện", participants="Các bên")  # fmt: skip
    assert "Sở Y tế" in str(refused.value.message) and SECOND in str(refused.value.message)


def test_a_superuser_is_let_through(first_round):
    admin = UserFactory(superuser=True)
    assert _offered(first_round, admin)
    _schedule(first_round, admin)
    assert DialogueMeeting.objects.filter(case=first_round, status="scheduled").exists()


# ---- recording the meeting: the same people -------------------------------------------

RECORD_FIRST = "khoản 4 Điều 30 Luật Khiếu nại"


def _recordable(case, actor):
    """`case`'s meeting scheduled by `actor` (of its unit), its time come."""
    _schedule(case, actor, place="Phòng họp Bệnh viện")
    DialogueMeeting.objects.filter(case=case).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=2))
    verified(case)  # the dialogue is held on the verification's result


def _record_offered(case, user) -> bool:
    return "record_dialogue" in {t.action for t in allowed_actions(case=case, user=user)}


HELD = {"outcome": "held", "led_by": "Phó Giám đốc Bệnh viện",
        "minutes": "Các bên trình bày ý kiến.", "result": "Thống nhất: phiếu thu đúng giá."}


def test_a_so_inspector_may_not_record_a_hospitals_dialogue_on_any_path(
    client, sector, first_round
):
    _recordable(first_round, sector.handler)
    inspectorate = FacilityFactory(code="TTS", name="Thanh tra Sở",
                                   kind=FacilityKind.INSPECTORATE, parent=sector.so)  # fmt: skip
    inspector = UserFactory(perms=INSPECTOR, facility=inspectorate)
    for who in (inspector, UserFactory(perms=INSPECTOR)):
        assert not _record_offered(first_round, who)
        with pytest.raises(TransitionNotAllowed) as refused:
            act(first_round, "record_dialogue", who, **HELD)
        message = str(refused.value.message)
        assert "Bệnh viện Đức Phổ" in message and RECORD_FIRST in message
        assert "ghi kết quả đối thoại" in message

    # The case page does not offer it; posted anyway, it is refused with the article.
    client.force_login(inspector)
    page = client.get(reverse("complaints_admin:detail", args=[first_round.tracking_code]))
    assert "record_dialogue" not in {f.transition.action for f in page.context["action_forms"]}
    url = reverse("complaints_admin:action", args=[first_round.tracking_code, "record_dialogue"])
    posted = client.post(url, {"record_dialogue-expected_status": first_round.status,
                               **{f"record_dialogue-{k}": v for k, v in HELD.items()}})  # fmt: skip
    assert posted.status_code == 409 and RECORD_FIRST in posted.content.decode()
    # The staff API alike.
    response = api_for(inspector).post(
        f"/api/v1/cases/{first_round.tracking_code}/actions/record_dialogue",
        data=json.dumps(HELD), content_type="application/json",
    )
    assert response.status_code == 409 and RECORD_FIRST in response.json()["detail"]
    assert DialogueMeeting.objects.get(case=first_round).status == "scheduled"
    assert not first_round.events.filter(action="record_dialogue").exists()


def test_the_hospitals_staff_record_it(sector, first_round):
    _recordable(first_round, sector.handler)
    assert _record_offered(first_round, sector.handler)
    act(first_round, "record_dialogue", sector.head, **HELD)
    assert DialogueMeeting.objects.get(case=first_round).status == "held"


def test_the_hospital_may_not_record_the_sos_second_round_dialogue(sector):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=sector.hospital,
                   assigned_unit=sector.so, second_time=True, resolve_by=_day(40))  # fmt: skip
    inspector = UserFactory(perms=INSPECTOR)
    _recordable(case, inspector)
    assert not _record_offered(case, sector.handler)
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "record_dialogue", sector.head, led_by_head=True, **HELD)
    message = str(refused.value.message)
    assert "Sở Y tế" in message and "Điều 39" in message and "khoản 4 Điều 30" in message
    assert _record_offered(case, inspector)
