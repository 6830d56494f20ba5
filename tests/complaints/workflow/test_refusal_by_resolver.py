"""The refusal to accept (không thụ lý) a complaint or a denunciation is its competent
resolver's decision, as its acceptance is: Điều 27, khoản 1 Điều 36 Luật Khiếu nại ("người
có thẩm quyền giải quyết khiếu nại … trường hợp không thụ lý giải quyết thì phải nêu rõ lý
do"); khoản 1 Điều 24, khoản 1 Điều 29 Luật Tố cáo. A handler proposes it and a leader of
the case's handling unit approves it (complaints/rules/resolver.py); a leader of another
unit, the Sở above included, may not. A unit that is not competent (the Văn phòng Sở
holding an intake the rules give to a hospital) forwards or hands the case on: it does not
refuse it. A phản ánh's or kiến nghị's refusal stays the handler's."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from complaints.approvals.models import DraftStatus
from complaints.approvals.selectors import approval_queue
from complaints.approvals.services import draft_approve, draft_propose
from complaints.approvals.views import proposable_transitions
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent, FacilityKind, RoutingTarget
from complaints.services.workflow import TransitionNotAllowed
from complaints.transitions import allowed_actions
from tests.factories import (
    HANDLER_PERMS,
    LEADER_PERMS,
    FacilityFactory,
    RoutingRuleFactory,
    UserFactory,
    hospital_under_so,
)

from .helpers import act, case_in, valid_data

pytestmark = pytest.mark.django_db

HANDLER, LEADER = HANDLER_PERMS, LEADER_PERMS  # the "Lãnh đạo" role: sees every case, decides
HEAD_KINDS = [CaseKind.KHIEU_NAI, CaseKind.TO_CAO]
# The resolver's articles competent_unit_refusal names (complaints/rules/resolver.py).
RESOLVER = {
    CaseKind.KHIEU_NAI: "khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP",
    CaseKind.TO_CAO: "khoản 1 Điều 12, Điều 13 Luật Tố cáo",
}
# The step's own article, in the handler's proposal (complaints/approvals/rules.py).
STEP = {
    CaseKind.KHIEU_NAI: "Điều 27, khoản 1 Điều 36 Luật Khiếu nại",
    CaseKind.TO_CAO: "khoản 1 Điều 29 Luật Tố cáo",
}


@pytest.fixture
def sector():
    """The Sở, a hospital under it, the hospital's handler and leader, the Sở's leader."""
    s = hospital_under_so()
    return s.so, s.hospital, s.handler, s.head, s.so_leader


def refusal(kind) -> dict:
    return valid_data("reject", facility_code="", kind=kind)


def offered(case, user) -> set[str]:
    return {t.action for t in allowed_actions(case=case, user=user)}


@pytest.mark.parametrize("kind", HEAD_KINDS)
def test_a_handler_may_not_refuse_a_complaint_or_denunciation(kind, sector):
    _so, hospital, handler, _head, _so_leader = sector
    case = case_in(kind, CaseStatus.RECEIVED, facility=hospital)
    with pytest.raises(PermissionDenied) as refused:
        act(case, "reject", handler, **refusal(kind))
    message = str(refused.value.args[0])
    # Who decides (the unit and the resolver's article), and how the handler asks for it.
    assert "Chỉ lãnh đạo Bệnh viện Đức Phổ" in message and RESOLVER[kind] in message
    assert STEP[kind] in message and "trình lãnh đạo phê duyệt" in message
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    assert not CaseEvent.objects.filter(case=case, action="reject").exists()
    # The case page offers the proposal instead of the step.
    assert "reject" not in offered(case, handler)
    assert "reject" in {t.action for t in proposable_transitions(case=case, user=handler)}


@pytest.mark.parametrize("kind", HEAD_KINDS)
def test_the_competent_units_leader_refuses_it(kind, sector):
    _so, hospital, _handler, head, _so_leader = sector
    case = case_in(kind, CaseStatus.RECEIVED, facility=hospital)
    assert "reject" in offered(case, head)
    event = act(case, "reject", head, **refusal(kind))
    assert event.actor == head and Case.objects.get(pk=case.pk).status == CaseStatus.REJECTED


@pytest.mark.parametrize("kind", HEAD_KINDS)
def test_a_leader_above_may_not_refuse_a_facilitys_case(kind, sector):
    _so, hospital, _handler, _head, so_leader = sector
    case = case_in(kind, CaseStatus.RECEIVED, facility=hospital)
    assert "reject" not in offered(case, so_leader)
    with pytest.raises(PermissionDenied) as refused:
        act(case, "reject", so_leader, **refusal(kind))
    message = str(refused.value.args[0])
    assert "Chỉ lãnh đạo Bệnh viện Đức Phổ" in message and RESOLVER[kind] in message
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


@pytest.mark.parametrize("kind", HEAD_KINDS)
def test_the_handler_proposes_and_only_the_competent_leader_approves(kind, sector):
    _so, hospital, handler, head, so_leader = sector
    case = case_in(kind, CaseStatus.RECEIVED, facility=hospital)
    draft = draft_propose(case_id=case.pk, action="reject", data=refusal(kind), actor=handler,
                          origin="test", note="Kính trình.")  # fmt: skip
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED

    # The Sở's leader sees the case but is not its resolver: not in their queue, refused.
    assert draft not in approval_queue(user=so_leader)
    with pytest.raises(PermissionDenied, match="Chỉ lãnh đạo Bệnh viện Đức Phổ"):
        draft_approve(draft_id=draft.pk, actor=so_leader, origin="test")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED

    assert draft in approval_queue(user=head)
    event = draft_approve(draft_id=draft.pk, actor=head, origin="test")
    draft.refresh_from_db()
    assert event.action == "reject" and event.actor == head
    assert draft.status == DraftStatus.APPROVED
    case.refresh_from_db()
    assert (
        case.status == CaseStatus.REJECTED and case.refusal_ground == refusal(kind)["legal_ground"]
    )


@pytest.mark.parametrize("kind", [CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI])
def test_a_handler_still_refuses_a_phan_anh_or_kien_nghi(kind, sector):
    _so, hospital, handler, _head, _so_leader = sector
    case = case_in(kind, CaseStatus.RECEIVED, facility=hospital)
    assert "reject" in offered(case, handler)
    act(case, "reject", handler, **refusal(kind))
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REJECTED


def test_the_case_page_offers_the_handler_the_proposal_not_the_step(sector):
    _so, hospital, handler, _head, _so_leader = sector
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    client = Client()
    client.force_login(handler)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    shown = {form.transition.action for form in page.context["action_forms"]}
    assert "reject" not in shown and "forward" in shown
    assert f"/admin/phe-duyet/de-xuat/{case.tracking_code}/reject/".encode() in page.content
    # Posted anyway: 403 with the unit and the article, nothing saved.
    url = reverse("complaints_admin:action", args=[case.tracking_code, "reject"])
    response = client.post(url, {"reject-expected_status": "received",
                                 "reject-reason": "Nộp đơn sau 5 tháng",
                                 "reject-legal_ground": "kn_time_expired"})  # fmt: skip
    assert response.status_code == 403
    assert "Chỉ lãnh đạo Bệnh viện Đức Phổ" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


@pytest.fixture
def office(sector):
    """The Văn phòng Sở (the intake office) and its leader; the rule that gives a first
    complaint to the head of the facility complained of (Điều 18 Luật Khiếu nại)."""
    so, hospital, _handler, _head, _so_leader = sector
    office = FacilityFactory(code="VP-SYT", name="Văn phòng Sở", kind=FacilityKind.OFFICE,
                             parent=so)  # fmt: skip
    chief = UserFactory(username="chanh-vp", perms=LEADER, facility=office)
    clerk = UserFactory(username="canbo-vp", perms=HANDLER, facility=office)
    RoutingRuleFactory(position=1, name="Khiếu nại lần 1: người đứng đầu cơ sở",
                       kind=CaseKind.KHIEU_NAI, target=RoutingTarget.FACILITY,
                       legal_basis="Điều 18 Luật Khiếu nại")  # fmt: skip
    return office, hospital, chief, clerk


def test_the_office_holding_a_complaint_it_is_not_competent_for_forwards_it(office):
    office, hospital, chief, clerk = office
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital,
                   assigned_unit=office)  # fmt: skip
    # Not the office's to refuse, not even its chief's: the rules name the hospital.
    assert "reject" not in offered(case, chief) and "forward" in offered(case, chief)
    assert "reject" not in {t.action for t in proposable_transitions(case=case, user=clerk)}
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "reject", chief, **refusal(CaseKind.KHIEU_NAI))
    message = str(refused.value.args[0])
    assert message.startswith("Không thuộc thẩm quyền: theo quy tắc")
    assert "Bệnh viện Đức Phổ" in message and "Điều 27, khoản 1 Điều 36 Luật Khiếu nại" in message
    assert "không ra thông báo không thụ lý" in message
    # The clerk is told the same, not to propose what the law closes.
    with pytest.raises(PermissionDenied) as refused:
        act(case, "reject", clerk, **refusal(CaseKind.KHIEU_NAI))
    assert "không ra thông báo không thụ lý" in str(refused.value.args[0])
    with pytest.raises(TransitionNotAllowed):
        draft_propose(case_id=case.pk, action="reject", data=refusal(CaseKind.KHIEU_NAI),
                      actor=clerk, origin="test")  # fmt: skip
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED

    # The office's clerk forwards it (not a head's decision).
    act(case, "forward", clerk, to="Bệnh viện Đức Phổ", reason="Thuộc thẩm quyền bệnh viện")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.FORWARDED


def test_the_office_refuses_what_the_rules_leave_to_it(office):
    # No rule decides (manual routing, DOMAIN.md §3a(7)): the office holds the case, and
    # its leader decides its refusal as its acceptance; its clerk proposes it.
    office, hospital, chief, clerk = office
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital,
                   assigned_unit=office)  # fmt: skip
    assert "reject" not in offered(case, clerk) and "reject" in offered(case, chief)
    act(case, "reject", chief, **refusal(CaseKind.TO_CAO))
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REJECTED
