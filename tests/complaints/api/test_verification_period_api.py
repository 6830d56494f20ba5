"""The staff API's verification step: the period (`verification_days`) and, for a
denunciation, the declaration (`verifier_no_conflict`, khoản 3 Điều 10 Nghị định
31/2019/NĐ-CP) go through the same service as the case page; bad input answers 400 and saves
nothing; the case detail shows the period (docs/api.md)."""

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


@pytest.fixture
def unit():
    return FacilityFactory(code="TTYT-XM")


def _accepted(kind, unit, **extra):
    return case_in(kind, CaseStatus.ACCEPTED, facility=unit,
                   resolve_by=timezone.localdate() + datetime.timedelta(days=30), **extra)


def test_the_period_is_validated_stored_and_shown(unit):
    client = token_client(UserFactory(perms=LEADER, facility=unit))
    case = _accepted(CaseKind.KHIEU_NAI, unit)
    code = case.tracking_code
    offered = {a["action"]: a for a in client.get(f"/api/v1/cases/{code}").json()[
        "allowed_actions"]}
    assert "verification_days" in offered["start_verification"]["optional_fields"]
    for bad in (0, -1, "abc", 31):
        response = post(client, code, "start_verification", {"verification_days": bad})
        assert response.status_code == 400, bad
        assert list(response.json()["errors"]) == ["verification_days"]
    late = post(client, code, "start_verification", {"verification_days": 31}).json()
    assert "khoản 1 Điều 29 Luật Khiếu nại" in late["errors"]["verification_days"][0]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED
    assert not CaseEvent.objects.filter(case=case, action="start_verification").exists()

    done = post(client, code, "start_verification", {"verification_days": 12})
    assert done.status_code == 200
    until = verification_end(timezone.localdate(), 12)
    body = done.json()
    assert body["verification_days"] == 12
    assert body["verification_until"] == until.isoformat()
    assert body["event"]["data"]["verification_until"] == until.isoformat()
    detail = client.get(f"/api/v1/cases/{code}").json()
    assert (detail["verification_days"], detail["verification_until"]) == (
        12, until.isoformat())


def test_a_denunciation_needs_the_declaration(unit):
    leader = UserFactory(perms=LEADER, facility=unit, username="lanhdao")
    client = token_client(leader)
    case = _accepted(CaseKind.TO_CAO, unit, accused_name="Phạm Văn Bị")
    code = case.tracking_code
    offered = {a["action"]: a for a in client.get(f"/api/v1/cases/{code}").json()[
        "allowed_actions"]}
    assert offered["start_verification"]["required_fields"] == ["verifier_no_conflict"]
    refused = post(client, code, "start_verification", {"verification_days": 10})
    assert refused.status_code == 400
    assert "khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP" in (
        refused.json()["errors"]["verifier_no_conflict"][0])
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED
    done = post(client, code, "start_verification",
                {"verification_days": 10, "verifier_no_conflict": True})
    assert done.status_code == 200
    data = done.json()["event"]["data"]
    assert data["verifier_no_conflict"] is True and data["declared_by"] == "lanhdao"


def test_the_denounced_person_as_verifier_is_refused(unit):
    client = token_client(UserFactory(perms=LEADER, facility=unit))
    accused = UserFactory(last_name="Phạm Văn", first_name="Bị", facility=unit,
                          perms=["complaints.act_on_case"])
    case = _accepted(CaseKind.TO_CAO, unit, accused_name="PHAM VAN BI", assigned_user=accused)
    refused = post(client, case.tracking_code, "start_verification",
                   {"verifier_no_conflict": True})
    assert refused.status_code == 400
    message = refused.json()["errors"]["verifier_no_conflict"][0]
    assert "chính là người bị tố cáo" in message
    assert "khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP" in message
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED
