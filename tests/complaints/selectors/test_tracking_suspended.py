"""A suspended case as the citizen and the staff see it: "Tạm đình chỉ", its deadline paused
(khoản 2 Điều 28b Nghị định 124/2020 as added by Nghị định 155/2026; khoản 2 Điều 34 Luật Tố
cáo), never "Đã thụ lý" with a running clock; resumed, the new date runs again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from complaints.selectors.tracking import case_public_view
from tests.complaints.admin.helpers import leader_user
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import DEFAULT_PIN, FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return FacilityFactory()


@pytest.fixture
def leader(unit):
    return leader_user(facility=unit)  # a leader of the competent unit decides


@pytest.fixture
def suspended(leader, unit):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=unit)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "suspend", leader, reason="Chờ kết quả giám định", decided_on="2026-09-11")
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED and case.resolve_by
    return case


def test_the_citizen_sees_the_suspension_and_a_paused_deadline(suspended):
    view = case_public_view(case=suspended)
    assert (view.status, view.status_label) == ("suspended", "Tạm đình chỉ")
    assert view.resolve_by is None and view.paused_since.isoformat() == "2026-09-11"
    [deadline] = view.deadlines
    assert deadline.step == "resolve" and deadline.paused
    assert deadline.label == "Hạn giải quyết (tạm dừng do tạm đình chỉ)"
    suspend = [e for e in view.timeline if e.action == "suspend"][-1]
    assert suspend.status_label == "Tạm đình chỉ"


def test_the_tracking_page_and_the_api_say_paused(client, suspended):
    code = suspended.tracking_code
    html = client.post(f"/tra-cuu/{code}/", {"pin": DEFAULT_PIN}, follow=True).content.decode()
    assert 'data-status="suspended">Tạm đình chỉ<' in html
    assert "Tạm dừng" in html and "tạm đình chỉ từ ngày 11/09/2026" in html
    body = client.get(f"/api/v1/submissions/{code}?pin={DEFAULT_PIN}").json()
    assert body["status"] == "suspended" and body["status_label"] == "Tạm đình chỉ"
    assert body["resolve_by"] is None and body["paused_since"] == "2026-09-11"
    assert [(d["step"], d["paused"]) for d in body["deadlines"]] == [("resolve", True)]


def test_resumed_the_clock_runs_again(leader, suspended):
    act(suspended, "resume", leader, decided_on="2026-10-01")
    suspended.refresh_from_db()
    view = case_public_view(case=suspended)
    assert view.status == "accepted" and view.paused_since is None
    assert view.resolve_by == suspended.resolve_by
    assert not any(d.paused for d in view.deadlines)


def test_the_staff_page_shows_no_countdown_while_suspended(client, leader, unit):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=unit)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "suspend", leader, reason="Chờ kết quả giám định", decided_on="2026-09-11")
    client.force_login(leader)
    response = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    rows = {item["row"].step: item for item in response.context["deadlines"]}
    assert rows["resolve"]["paused"] and not rows["resolve"]["countdown"]
    assert rows["suspension_notice"]["countdown"]  # the notice to the parties still runs
    html = response.content.decode()
    assert "tạm dừng: hồ sơ đang tạm đình chỉ" in html
