"""Resumption continues the case where it stood (khoản 2 Điều 34 Luật Tố cáo; khoản 2 Điều 28b
Nghị định 124/2020/NĐ-CP, bổ sung bởi Nghị định 155/2026/NĐ-CP): a case suspended while only
accepted resumes as accepted, and its verification is still assigned by its own step (for a
tố cáo the written assignment and the no-conflict declaration: khoản 1 Điều 31 Luật Tố cáo,
khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP; for a khiếu nại the verification period, khoản 1 Điều
29 Luật Khiếu nại); a case suspended while verifying resumes verifying. The deadlines are
as before: the resumed state changes none of them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from complaints.selectors.tracking import case_public_view
from complaints.transitions import allowed_actions, resumed_status, transition_for
from tests.complaints.admin.helpers import leader_user
from tests.complaints.api.test_staff_api import LEADER, token_client
from tests.factories import FacilityFactory, UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db
D = datetime.date
BOTH = [CaseKind.KHIEU_NAI, CaseKind.TO_CAO]


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


def _accepted(kind, leader):
    case = case_in(kind, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    return case


def _suspended_and_resumed(case, leader):
    act(case, "suspend", leader, reason="Chờ kết quả giám định", decided_on="2026-09-11")
    event = act(case, "resume", leader, decided_on="2026-10-01")
    case.refresh_from_db()
    return event


@pytest.mark.parametrize("kind", BOTH)
def test_a_case_suspended_while_accepted_resumes_accepted(kind, leader):
    case = _accepted(kind, leader)
    event = _suspended_and_resumed(case, leader)
    assert case.status == CaseStatus.ACCEPTED
    assert (event.from_status, event.to_status) == ("suspended", "accepted")
    offered = {t.action for t in allowed_actions(case=case, user=leader)}
    assert "start_verification" in offered
    assert "report_verification" not in offered  # nothing verified yet
    # The verification is then assigned by its own step, with its declaration for a tố cáo.
    data = {"verifier_no_conflict": True} if kind == CaseKind.TO_CAO else {}
    act(case, "start_verification", leader, **data)
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING


@pytest.mark.parametrize("kind", BOTH)
def test_a_case_suspended_while_verifying_resumes_verifying(kind, leader):
    case = _accepted(kind, leader)
    data = {"verifier_no_conflict": True} if kind == CaseKind.TO_CAO else {}
    act(case, "start_verification", leader, **data)
    event = _suspended_and_resumed(case, leader)
    assert case.status == CaseStatus.VERIFYING
    assert event.to_status == "verifying"
    offered = {t.action for t in allowed_actions(case=case, user=leader)}
    assert "report_verification" in offered and "start_verification" not in offered


@pytest.mark.parametrize("verify", [False, True])
@pytest.mark.parametrize("kind", BOTH)
def test_the_deadlines_do_not_depend_on_the_state_resumed(kind, verify, leader):
    # khiếu nại: 9 days used before the suspension on 11/9, 21 from the resumption of 1/10;
    # tố cáo: the 21 days from 11/9 to 1/10 are not counted: both 22/10/2026, as before.
    case = _accepted(kind, leader)
    if verify:
        data = {"verifier_no_conflict": True} if kind == CaseKind.TO_CAO else {}
        act(case, "start_verification", leader, **data)
    _suspended_and_resumed(case, leader)
    assert case.resolve_by == D(2026, 10, 22)
    assert case.deadlines.get(step="resumption_notice", superseded_at__isnull=True).due == (
        D(2026, 10, 6) if kind == CaseKind.KHIEU_NAI else D(2026, 10, 8)
    )


def test_a_second_suspension_resumes_where_that_one_began(leader):
    case = _accepted(CaseKind.TO_CAO, leader)
    _suspended_and_resumed(case, leader)
    assert case.status == CaseStatus.ACCEPTED
    act(case, "start_verification", leader, verifier_no_conflict=True)
    act(case, "suspend", leader, reason="Chờ giám định lại", decided_on="2026-10-05")
    act(case, "resume", leader, decided_on="2026-10-09")
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING


def test_a_suspension_without_its_event_resumes_from_the_history_or_as_accepted(leader):
    # Data from before the step kept its event: the history's last state before it; with
    # neither, accepted (the verification is assigned by its step, never taken as done).
    bare = case_in(CaseKind.TO_CAO, CaseStatus.SUSPENDED)
    assert resumed_status(bare) == CaseStatus.ACCEPTED
    was_verifying = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING)
    was_verifying.status = CaseStatus.SUSPENDED
    was_verifying.save()
    assert not CaseEvent.objects.filter(case=was_verifying, action="suspend").exists()
    assert resumed_status(was_verifying) == CaseStatus.VERIFYING
    act(was_verifying, "resume", leader)
    was_verifying.refresh_from_db()
    assert was_verifying.status == CaseStatus.VERIFYING


def test_the_table_names_no_fixed_target_for_resume():
    for kind in BOTH:
        case = case_in(kind, CaseStatus.SUSPENDED)
        edge = transition_for(case=case, action="resume")
        assert edge.target is None and edge.target_for(case) == CaseStatus.ACCEPTED


def test_the_citizen_sees_accepted_and_the_api_offers_the_verification():
    unit = FacilityFactory()
    unit_leader = UserFactory(perms=LEADER, facility=unit)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=unit)
    act(case, "accept", unit_leader, decided_on="2026-09-01")
    _suspended_and_resumed(case, unit_leader)
    view = case_public_view(case=case)
    resume = [e for e in view.timeline if e.action == "resume"][-1]
    assert resume.status_label == "Đã thụ lý"
    client = token_client(unit_leader)
    body = client.get(f"/api/v1/cases/{case.tracking_code}").json()
    assert body["status"] == "accepted"
    offered = {a["action"] for a in body["allowed_actions"]}
    assert "start_verification" in offered and "report_verification" not in offered


def test_the_case_page_says_where_a_suspended_case_will_resume(client):
    unit = FacilityFactory()
    leader = leader_user(facility=unit)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=unit)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "suspend", leader, reason="Chờ kết quả giám định", decided_on="2026-09-11")
    client.force_login(leader)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    html = html.decode()
    assert "Khi tiếp tục giải quyết" in html
    assert "Hồ sơ trở lại bước “Đã thụ lý”" in html
    assert "khoản 2 Điều 34 Luật Tố cáo" in html
    assert "Việc xác minh chưa được giao" in html
