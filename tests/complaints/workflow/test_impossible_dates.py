"""A date written in the right shape that does not exist ("2026-12-99", "2026-13-01",
"2026-02-30") is refused as a bad field, in Vietnamese, like any other bad date: never a
500 (Django's `parse_date` raises ValueError for such a date)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case
from complaints.services.notices import NOTICE_FIELD_CLEANERS
from complaints.services.press_correction import PRESS_CORRECTION_FIELD_CLEANERS
from tests.factories import UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db

STAFF = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
IMPOSSIBLE = ["2026-12-99", "2026-13-01", "2026-02-30"]
BAD_DATE = "Ngày không hợp lệ (định dạng YYYY-MM-DD)."


def api_for(user) -> Client:
    _token, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Token {key}"})


def post(client, code, action, body):
    return client.post(
        f"/api/v1/cases/{code}/actions/{action}", data=json.dumps(body),
        content_type="application/json",
    )  # fmt: skip


@pytest.mark.parametrize("day", IMPOSSIBLE)
def test_the_api_answers_400_for_an_impossible_decision_day(day):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    # The head of the competent unit accepts a complaint (approve_case, Điều 27 Luật Khiếu
    # nại; complaints/rules/resolver.py).
    head = UserFactory(perms=[*STAFF, "complaints.view_all_cases", "complaints.approve_case"],
                       facility=case.assigned_unit)
    response = post(api_for(head), case.tracking_code, "accept", {"decided_on": day})
    assert response.status_code == 400
    assert response.json() == {"errors": {"decided_on": [BAD_DATE]}}
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def test_the_api_answers_400_for_an_impossible_dialogue_time():
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    client = api_for(UserFactory(perms=[*STAFF, "complaints.view_all_cases"],
                                 facility=case.assigned_unit))
    body = {"scheduled_at": "2026-02-30T09:30", "place": "Sở Y tế", "participants": "Các bên"}
    response = post(client, case.tracking_code, "schedule_dialogue", body)
    assert response.status_code == 400
    assert response.json()["errors"]["scheduled_at"] == [
        "Thời gian không hợp lệ (định dạng YYYY-MM-DDTHH:MM)."
    ]


@pytest.mark.parametrize("day", IMPOSSIBLE)
@pytest.mark.parametrize(
    "cleaner",
    [
        NOTICE_FIELD_CLEANERS["sent_on"],
        NOTICE_FIELD_CLEANERS["requested_on"],
        PRESS_CORRECTION_FIELD_CLEANERS["outlet_received_on"],
        PRESS_CORRECTION_FIELD_CLEANERS["next_issue_on"],
        PRESS_CORRECTION_FIELD_CLEANERS["published_on"],
    ],
)
def test_the_notice_and_correction_days_refuse_an_impossible_date(cleaner, day):
    case = case_in(CaseKind.BAO_CHI, CaseStatus.RECEIVED)
    value, error = cleaner(day, case=case, today=datetime.date(2026, 12, 31))
    assert value is None and str(error) == BAD_DATE


def test_the_admin_action_form_shows_the_error_for_an_impossible_day(client):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    client.force_login(UserFactory(perms=[*STAFF, "complaints.view_all_cases"]))
    url = reverse("complaints_admin:action", args=[case.tracking_code, "accept"])
    response = client.post(
        url, {"accept-expected_status": "received", "accept-decided_on": "2026-12-99"}
    )
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


@pytest.mark.parametrize("value", ["2026-02-30T00:00:00Z", "2026-13-01"])
def test_open311_answers_400_for_an_impossible_start_date(client, value):
    response = client.get("/open311/v2/requests.json", {"start_date": value})
    assert response.status_code == 400
    assert "start_date" in response.content.decode()
