"""A complaint's or a denunciation's decisions are its competent unit's leader's, never a
leader's of a unit above who merely sees the case (complaints/rules/resolver.py): the chief
inspector found a Sở leader concluding a facility's first-round complaint. First round:
the facility's head (khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP); second round: the Giám đốc
Sở (khoản 2 Điều 20 Luật Khiếu nại); a denunciation: the head managing the denounced
(khoản 1 Điều 12, Điều 13 Luật Tố cáo). Phản ánh and kiến nghị are unaffected."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case, CaseEvent
from complaints.transitions import allowed_actions
from tests.factories import hospital_under_so

from .helpers import act, case_in, valid_data

pytestmark = pytest.mark.django_db

# The "Lãnh đạo" role (portal/roles.py): sees every case, decides.
FIRST = "khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP"
SECOND = "khoản 2 Điều 20 Luật Khiếu nại"
DENUNCIATION = "khoản 1 Điều 12, Điều 13 Luật Tố cáo"


@pytest.fixture
def sector():
    """The Sở, a hospital under it, the Sở's leader and the hospital's leader."""
    s = hospital_under_so()
    return s.so, s.hospital, s.so_leader, s.head


def conclude(case, actor):
    return act(case, "conclude", actor, **valid_data("conclude", facility_code="", kind=case.kind))


def offered(case, user) -> set[str]:
    return {t.action for t in allowed_actions(case=case, user=user)}


def test_the_facility_leader_concludes_its_first_round_complaint(sector):
    _so, hospital, _so_leader, hospital_leader = sector
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital)
    assert "conclude" in offered(case, hospital_leader)
    conclude(case, hospital_leader)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CONCLUDED


def test_the_so_leader_may_not_conclude_a_facilitys_first_round_complaint(sector, client):
    _so, hospital, so_leader, _hospital_leader = sector
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital)
    with pytest.raises(PermissionDenied) as refused:
        conclude(case, so_leader)
    message = str(refused.value.args[0])
    assert "Chỉ lãnh đạo Bệnh viện Đức Phổ" in message and FIRST in message
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VERIFYING
    assert not CaseEvent.objects.filter(case=case, action="conclude").exists()

    # The case page offers the Sở leader what they may do, not the hospital's decision.
    assert "conclude" not in offered(case, so_leader) and "assign" in offered(case, so_leader)
    client.force_login(so_leader)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    shown = {form.transition.action for form in page.context["action_forms"]}
    assert "conclude" not in shown and "assign" in shown
    # Posted anyway (a stale page, a crafted form): 403 with the unit and the article.
    url = reverse("complaints_admin:action", args=[case.tracking_code, "conclude"])
    data = valid_data("conclude", facility_code="", kind=case.kind)
    posted = client.post(url, {"conclude-expected_status": "verifying",
                               **{f"conclude-{k}": v for k, v in data.items()}})
    assert posted.status_code == 403
    assert FIRST in posted.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VERIFYING


def test_the_staff_api_answers_403_with_the_article(sector):
    _so, hospital, so_leader, _hospital_leader = sector
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    _token, key = ApiToken.issue(user=so_leader, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    response = api.post(f"/api/v1/cases/{case.tracking_code}/actions/accept",
                        data=json.dumps({}), content_type="application/json")
    assert response.status_code == 403
    assert FIRST in response.json()["detail"]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


@pytest.mark.parametrize("action,status,data", [
    ("accept", CaseStatus.RECEIVED, {}),
    ("suspend", CaseStatus.VERIFYING, {"reason": "Chờ kết quả giám định"}),
    ("resume", CaseStatus.SUSPENDED, {}),
])
def test_the_heads_other_decisions_are_the_competent_units_too(sector, action, status, data):
    _so, hospital, so_leader, hospital_leader = sector
    case = case_in(CaseKind.KHIEU_NAI, status, facility=hospital)
    assert action not in offered(case, so_leader)
    with pytest.raises(PermissionDenied, match="Bệnh viện Đức Phổ"):
        act(case, action, so_leader, **data)
    assert action in offered(case, hospital_leader)
    act(case, action, hospital_leader, **data)
    assert CaseEvent.objects.filter(case=case, action=action).exists()


def test_a_second_round_complaint_is_the_so_leaders(sector):
    so, hospital, so_leader, hospital_leader = sector
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital,
                   assigned_unit=so, second_time=True)
    with pytest.raises(PermissionDenied) as refused:
        act(case, "accept", hospital_leader)
    assert "Chỉ lãnh đạo Sở Y tế" in str(refused.value.args[0])
    assert SECOND in str(refused.value.args[0])
    assert "accept" not in offered(case, hospital_leader)
    act(case, "accept", so_leader)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED

    verifying = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                        assigned_unit=so, second_time=True)
    with pytest.raises(PermissionDenied, match="Sở Y tế"):
        act(verifying, "suspend", hospital_leader, reason="Chờ giám định")
    act(verifying, "suspend", so_leader, reason="Chờ giám định")


def test_a_denunciation_of_staff_is_the_facilitys_and_of_its_head_the_sos(sector):
    so, hospital, so_leader, hospital_leader = sector
    staff = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital)
    with pytest.raises(PermissionDenied) as refused:
        conclude(staff, so_leader)
    assert DENUNCIATION in str(refused.value.args[0])
    conclude(staff, hospital_leader)
    assert Case.objects.get(pk=staff.pk).status == CaseStatus.CONCLUDED

    head = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital, assigned_unit=so,
                   accused_is_head=True, accused_position="Giám đốc")
    assert "conclude" not in offered(head, hospital_leader)
    with pytest.raises(PermissionDenied, match="Chỉ lãnh đạo Sở Y tế"):
        conclude(head, hospital_leader)
    conclude(head, so_leader)
    assert Case.objects.get(pk=head.pk).status == CaseStatus.CONCLUDED


def test_the_so_takes_a_denunciation_over_by_giving_it_to_itself_first(sector):
    # The unit above resolves a case below only by its own procedure: it gives the case to
    # itself ("Giao xử lý", recorded as a routing decision with its reason), then decides.
    so, hospital, so_leader, _hospital_leader = sector
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital)
    with pytest.raises(PermissionDenied):
        conclude(case, so_leader)
    act(case, "assign", so_leader, facility=so.code, note="Sở trực tiếp giải quyết")
    conclude(case, so_leader)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CONCLUDED


@pytest.mark.parametrize("kind", [CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI])
def test_a_report_or_recommendation_is_answered_by_whoever_may_as_before(sector, kind):
    _so, hospital, so_leader, _hospital_leader = sector
    case = case_in(kind, CaseStatus.VERIFYING, facility=hospital)
    assert "conclude" in offered(case, so_leader)
    conclude(case, so_leader)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CONCLUDED


def test_an_accepted_complaint_is_not_taken_over_by_the_unit_above(sector):
    # Unlike a denunciation (Điều 13 Luật Tố cáo), a complaint has no take-over: once its
    # competent unit accepted it, giving it to the Sở is refused with the article, so the
    # Sở's leader cannot decide it through the back door (ACCEPTED_COMPLAINT_STAYS).
    from complaints.services.workflow import TransitionInvalid
    from tests.factories import RoutingRuleFactory

    so, hospital, so_leader, _hospital_leader = sector
    RoutingRuleFactory(
        position=1, name="Khiếu nại lần 1: người đứng đầu cơ sở", kind=CaseKind.KHIEU_NAI,
        target="facility", legal_basis="khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP",
    )
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "assign", so_leader, facility=so.code, note="Sở trực tiếp giải quyết")
    message = str(refused.value.errors["facility"][0])
    assert "Khiếu nại đã được thụ lý" in message and "Bệnh viện Đức Phổ" in message
    assert FIRST in message
    assert Case.objects.get(pk=case.pk).assigned_unit == hospital
    # Its own unit keeps it (a handler named within it), and before acceptance the Sở
    # still routes it by hand: the competence check at acceptance then decides.
    act(case, "assign", so_leader, facility=hospital.code)
    received = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    act(received, "assign", so_leader, facility=so.code)
    assert Case.objects.get(pk=received.pk).assigned_unit == so


def test_a_second_round_complaint_given_to_the_inspectorate_says_how_to_assign_it(sector):
    # The Giám đốc Sở resolves the second round (khoản 2 Điều 20 Luật Khiếu nại) and gives
    # the verification to the Thanh tra Sở (Điều 38): the refusal says so, and the way the
    # portal takes it (the Sở as unit, the inspector as handler) goes through.
    from complaints.models import FacilityKind, RoutingTarget
    from complaints.services.workflow import TransitionInvalid
    from tests.factories import FacilityFactory, RoutingRuleFactory, UserFactory

    so, hospital, so_leader, _hospital_leader = sector
    inspectorate = FacilityFactory(
        code="TTRA", name="Thanh tra Sở", kind=FacilityKind.INSPECTORATE, parent=so
    )
    RoutingRuleFactory(
        position=1, name="Khiếu nại lần 2 quyết định của thủ trưởng đơn vị thuộc Sở",
        kind=CaseKind.KHIEU_NAI, second_time=True, target=RoutingTarget.FIXED_UNIT,
        target_unit=so, legal_basis="khoản 2 Điều 20 Luật Khiếu nại 02/2011/QH13",
    )
    inspector = UserFactory(perms=["complaints.view_case", "complaints.act_on_case",
                                   "complaints.view_all_cases"])
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   assigned_unit=so, second_time=True)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "assign", so_leader, facility=inspectorate.code)
    message = str(refused.value.errors["facility"][0])
    assert "Giám đốc Sở giải quyết khiếu nại lần hai" in message
    assert "giao hồ sơ cho Sở Y tế và chọn cán bộ Thanh tra Sở làm cán bộ xử lý" in message
    assert "khoản 2 Điều 20, Điều 38 Luật Khiếu nại" in message
    assert Case.objects.get(pk=case.pk).assigned_unit == so

    act(case, "assign", so_leader, facility=so.code, user=inspector.username)
    case.refresh_from_db()
    assert (case.assigned_unit, case.assigned_user) == (so, inspector)

    # Before acceptance, the same guidance is what blocks the acceptance by the inspectorate.
    received = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital,
                       assigned_unit=inspectorate, second_time=True)
    from complaints.services.competence import competence_refusal

    assert "chọn cán bộ Thanh tra Sở làm cán bộ xử lý" in competence_refusal(received)
