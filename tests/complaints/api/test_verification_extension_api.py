"""The staff API's "extend_verification" (khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP): the same
service as the case page; bad input answers 400 and saves nothing, a handler 403 naming the
unit and the article; the case detail shows the new period, the event the old and new end."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.services.verification import verification_end
from tests.complaints.api.test_staff_api import LEADER, post, token_client
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

ARTICLE = "khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP"


def _today():
    return timezone.localdate()


@pytest.fixture
def unit():
    return FacilityFactory(code="TTYT-GH", name="Trung tâm Y tế Mộ Đức")


def _verifying(unit, **extra):
    values = {"resolve_by": _today() + datetime.timedelta(days=30), "verification_days": 10,
              "verification_until": _today() + datetime.timedelta(days=1), **extra}
    return case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit, **values)


def test_the_extension_is_validated_stored_and_shown(unit):
    client = token_client(UserFactory(perms=LEADER, facility=unit))
    case = _verifying(unit)
    code = case.tracking_code
    offered = {a["action"]: a for a in client.get(f"/api/v1/cases/{code}").json()[
        "allowed_actions"]}
    assert offered["extend_verification"]["required_fields"] == [
        "verification_extra_days", "reason"]
    for bad in (0, -1, "abc", 40):
        response = post(client, code, "extend_verification",
                        {"verification_extra_days": bad, "reason": "Chờ giám định"})
        assert response.status_code == 400, bad
        assert list(response.json()["errors"]) == ["verification_extra_days"]
        assert ARTICLE in response.json()["errors"]["verification_extra_days"][0]
    assert not CaseEvent.objects.filter(case=case, action="extend_verification").exists()
    assert Case.objects.get(pk=case.pk).verification_until == case.verification_until

    done = post(client, code, "extend_verification",
                {"verification_extra_days": 6, "reason": "Chờ giám định"})
    assert done.status_code == 200, done.content
    until = verification_end(case.verification_until, 6)
    body = done.json()
    assert (body["verification_days"], body["verification_until"]) == (16, until.isoformat())
    data = body["event"]["data"]
    assert data["previous_until"] == case.verification_until.isoformat()
    assert data["verification_until"] == until.isoformat()
    assert (data["verification_extra_days"], data["reason"]) == (6, "Chờ giám định")
    assert body["event"]["public"] is False
    detail = client.get(f"/api/v1/cases/{code}").json()
    assert (detail["verification_days"], detail["verification_until"]) == (16, until.isoformat())


def test_no_period_answers_409_and_a_handler_403(unit):
    leader = token_client(UserFactory(perms=LEADER, facility=unit))
    bare = _verifying(unit, verification_days=None, verification_until=None)
    refused = post(leader, bare.tracking_code, "extend_verification",
                   {"verification_extra_days": 5, "reason": "Chờ giám định"})
    assert refused.status_code == 409
    assert ARTICLE in refused.content.decode()
    handler = token_client(UserFactory(
        perms=["complaints.view_case", "complaints.act_on_case"], facility=unit))
    case = _verifying(unit)
    forbidden = post(handler, case.tracking_code, "extend_verification",
                     {"verification_extra_days": 5, "reason": "Chờ giám định"})
    assert forbidden.status_code == 403
    text = forbidden.content.decode()
    assert "Trung tâm Y tế Mộ Đức" in text and ARTICLE in text
    assert Case.objects.get(pk=case.pk).verification_days == 10
