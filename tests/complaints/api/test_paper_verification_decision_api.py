"""The staff API's verification step takes the decision giving it when it was signed on
paper (`paper_decision_symbol`, `paper_decision_date`: điểm b khoản 1 Điều 29 Luật Khiếu nại;
khoản 1, khoản 2 Điều 31 Luật Tố cáo) through the case page's service: 400 on bad input,
nothing saved; the event keeps them (docs/api.md)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from tests.complaints.api.test_staff_api import LEADER, post, token_client
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def test_the_action_accepts_the_paper_decision():
    unit = FacilityFactory(code="TTYT-QDG")
    api = token_client(UserFactory(perms=LEADER, facility=unit))
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=unit,
                   resolve_by=_today() + datetime.timedelta(days=30))
    code = case.tracking_code
    offered = {a["action"]: a for a in api.get(f"/api/v1/cases/{code}").json()[
        "allowed_actions"]}
    assert {"paper_decision_symbol", "paper_decision_date"} <= set(
        offered["start_verification"]["optional_fields"])
    future = post(api, code, "start_verification", {
        "paper_decision_symbol": "12/QĐ-SYT",
        "paper_decision_date": (_today() + datetime.timedelta(days=1)).isoformat()})
    assert future.status_code == 400
    assert list(future.json()["errors"]) == ["paper_decision_date"]
    assert "không được ở tương lai" in future.json()["errors"]["paper_decision_date"][0]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED
    assert not CaseEvent.objects.filter(case=case, action="start_verification").exists()
    signed = _today() - datetime.timedelta(days=1)
    done = post(api, code, "start_verification", {
        "verification_days": 10, "paper_decision_symbol": "12/QĐ-SYT",
        "paper_decision_date": signed.isoformat()})
    assert done.status_code == 200, done.content
    data = done.json()["event"]["data"]
    assert (data["paper_decision_symbol"], data["paper_decision_date"]) == (
        "12/QĐ-SYT", signed.isoformat())
