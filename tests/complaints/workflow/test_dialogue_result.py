"""The dialogue's result (kết quả đối thoại): a meeting held is recorded with the points
agreed and those still disputed (khoản 4 Điều 30 Luật Khiếu nại; khoản 4 Điều 28 Nghị định
124/2020/NĐ-CP, thay thế bởi Điều 11 Nghị định 155/2026/NĐ-CP), kept on the meeting with
its history, printed in section III of the minutes (Mẫu số 14) and stated by the decision;
without it the record is refused with the article, nothing saved. The case page's form and
the staff API go through the same service."""

from __future__ import annotations

import datetime
import importlib
import json

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.documents.context import dialogue_result
from complaints.documents.models import DocumentTemplate
from complaints.documents.services import templates_sync
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, CaseEvent, DialogueMeeting
from complaints.services.workflow import TransitionInvalid
from complaints.transitions import transition_for
from tests.factories import FacilityFactory, UserFactory

from .helpers import act, case_in, verified

pytestmark = pytest.mark.django_db

STAFF = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
ARTICLE = "khoản 4 Điều 30 Luật Khiếu nại"
MINUTES = "Bệnh viện trình bày căn cứ thu; người khiếu nại nêu ý kiến."
RESULT = ("Thống nhất: phiếu thu số 125 đúng giá. Còn ý kiến khác nhau: khoản phụ thu giường "
          "dịch vụ.")


@pytest.fixture
def unit():
    return FacilityFactory(code="BV-DT", name="Bệnh viện đa khoa khu vực Đức Phổ")


@pytest.fixture
def officer(unit):
    return UserFactory(perms=STAFF, facility=unit, username="canbo")


def held_meeting_of(unit, officer):
    """A first-time complaint whose dialogue's time has come."""
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit,
                   verification_differs=True)
    day = timezone.localdate() + datetime.timedelta(days=6)
    act(case, "schedule_dialogue", officer, scheduled_at=f"{day.isoformat()}T09:00",
        place="Phòng họp bệnh viện", participants="Người khiếu nại; Bệnh viện")
    DialogueMeeting.objects.filter(case=case).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=1))
    verified(case)  # the dialogue is held on the verification's result
    return case


def _not_recorded(case):
    assert DialogueMeeting.objects.get(case=case).status == "scheduled"
    assert not CaseEvent.objects.filter(case=case, action="record_dialogue").exists()


def test_a_held_dialogue_needs_its_result_which_the_meeting_keeps(unit, officer):
    case = held_meeting_of(unit, officer)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "record_dialogue", officer, outcome="held", led_by="Phó Giám đốc",
            minutes=MINUTES)
    (message,) = refused.value.errors["result"]
    assert "những nội dung đã thống nhất" in message and ARTICLE in message
    assert "khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP" in message
    _not_recorded(case)
    act(case, "record_dialogue", officer, outcome="held", led_by="Phó Giám đốc",
        minutes=MINUTES, result=f"  {RESULT}  ")
    meeting = DialogueMeeting.objects.get(case=case)
    assert (meeting.status, meeting.minutes, meeting.result) == ("held", MINUTES, RESULT)
    row = meeting.history.first()
    assert row.result == RESULT
    assert row.history_change_reason == "origin=test action=case_record_dialogue"
    # The decision states the dialogue's result (điểm đ khoản 2 Điều 31 Luật Khiếu nại).
    assert f"đã tổ chức đối thoại. Kết quả đối thoại: {RESULT}" in dialogue_result(case)


def test_an_absent_complainant_needs_no_result(unit, officer):
    case = held_meeting_of(unit, officer)
    act(case, "record_dialogue", officer, outcome="complainant_absent", led_by="Phó Giám đốc")
    assert DialogueMeeting.objects.get(case=case).status == "complainant_absent"


def test_the_case_page_asks_for_it_and_the_api_refuses_without_it(unit, officer):
    case = held_meeting_of(unit, officer)
    form = TransitionForm(transition=transition_for(case=case, action="record_dialogue"),
                          case=case, user=officer)
    field = form.fields["result"]
    assert "những vấn đề còn ý kiến khác nhau" in str(field.label)
    assert ARTICLE in str(field.help_text) and "III" in str(field.help_text)
    client = Client()
    client.force_login(officer)
    url = reverse("complaints_admin:action", args=[case.tracking_code, "record_dialogue"])
    fields = {"record_dialogue-expected_status": "verifying", "record_dialogue-outcome": "held",
              "record_dialogue-led_by": "Phó Giám đốc", "record_dialogue-minutes": MINUTES}
    refused = client.post(url, fields)
    assert refused.status_code == 400
    assert ARTICLE in refused.context["form"].errors["result"][0]
    _token, key = ApiToken.issue(user=officer, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    action = f"/api/v1/cases/{case.tracking_code}/actions/record_dialogue"
    body = {"outcome": "held", "led_by": "Phó Giám đốc", "minutes": MINUTES}
    answer = api.post(action, data=json.dumps(body), content_type="application/json")
    assert answer.status_code == 400 and list(answer.json()["errors"]) == ["result"]
    offered = {a["action"]: a for a in api.get(f"/api/v1/cases/{case.tracking_code}").json()[
        "allowed_actions"]}
    assert "result" in offered["record_dialogue"]["optional_fields"]
    _not_recorded(case)
    done = api.post(action, data=json.dumps({**body, "result": RESULT}),
                    content_type="application/json")
    assert done.status_code == 200
    assert DialogueMeeting.objects.get(case=case).result == RESULT


def test_an_installed_minutes_template_prints_the_result_edited_or_not():
    # Migration 0035: the exact old words `step.outcome` (never given to the minutes) become
    # `step.result` in the installed template, an administrator's other edits kept.
    migration = importlib.import_module(
        "complaints.migrations.0035_dialogue_result_and_minutes_template")
    templates_sync()
    template = DocumentTemplate.objects.get(code="kn_bien_ban_doi_thoai")
    assert migration.NEW in template.body and migration.OLD not in template.body
    edited = template.body.replace(migration.NEW, migration.OLD) + "\nGhi chú của đơn vị."
    DocumentTemplate.objects.filter(pk=template.pk).update(body=edited)
    migration.forwards(apps, None)
    template.refresh_from_db()
    assert template.body.endswith("\nGhi chú của đơn vị.")
    assert migration.NEW in template.body and "step.outcome" not in template.body
