"""The staff API takes the verification team (`verification_team` of start_verification:
khoản 2 Điều 7 Thông tư 07/2013/TT-TTCP; khoản 1, khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP) and
the report on the verification (`report_verification`: khoản 4 Điều 29 Luật Khiếu nại; khoản 6
Điều 31 Luật Tố cáo) through the case page's service: 400 on bad input, nothing saved; the
case detail lists the team, the event keeps the report (docs/api.md)."""

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

TEAM = "Nguyễn Văn An, Phó Chánh Thanh tra Sở\nTrần Thị Bình, Thanh tra viên"


@pytest.fixture
def unit():
    return FacilityFactory(code="TTYT-TXM")


def test_the_team_and_the_report_through_the_api(unit):
    client = token_client(UserFactory(perms=LEADER, facility=unit))
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=unit,
                   resolve_by=timezone.localdate() + datetime.timedelta(days=30))
    code = case.tracking_code
    offered = {a["action"]: a for a in client.get(f"/api/v1/cases/{code}").json()[
        "allowed_actions"]}
    assert "verification_team" in offered["start_verification"]["optional_fields"]
    assert client.get(f"/api/v1/cases/{code}").json()["verification_team"] == []
    alone = post(client, code, "start_verification", {"verification_team": "Nguyễn Văn An, TTV"})
    assert alone.status_code == 400
    assert "từ hai người trở lên" in alone.json()["errors"]["verification_team"][0]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED
    done = post(client, code, "start_verification", {"verification_team": TEAM})
    assert done.status_code == 200
    assert done.json()["verification_team"] == [
        {"name": "Nguyễn Văn An", "position": "Phó Chánh Thanh tra Sở", "leader": True},
        {"name": "Trần Thị Bình", "position": "Thanh tra viên", "leader": False},
    ]

    offered = {a["action"]: a for a in client.get(f"/api/v1/cases/{code}").json()[
        "allowed_actions"]}
    assert offered["report_verification"]["required_fields"] == [
        "verification_result", "proposed_finding", "recommendation"]
    bad = post(client, code, "report_verification", {
        "verification_result": "Thu cao hơn bảng giá.", "proposed_finding": "true",
        "recommendation": "Sửa đổi quyết định."})
    assert bad.status_code == 400
    assert "partly_correct (Khiếu nại đúng một phần)" in (
        bad.json()["errors"]["proposed_finding"][0])
    assert not CaseEvent.objects.filter(case=case, action="report_verification").exists()
    reported = post(client, code, "report_verification", {
        "verification_result": "Thu cao hơn bảng giá.", "proposed_finding": "partly_correct",
        "recommendation": "Sửa đổi quyết định."})
    assert reported.status_code == 200
    body = reported.json()
    assert body["status"] == CaseStatus.VERIFYING
    assert body["event"]["data"]["proposed_finding"] == "partly_correct"
    assert body["event"]["data"]["verification_team"] == TEAM
