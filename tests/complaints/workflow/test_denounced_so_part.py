"""A denunciation of the Sở's inspectorate (or office), the unit itself or anyone of it,
is resolved by the Giám đốc Sở, never by the inspectorate: a unit does not verify a
denunciation against itself (khoản 1, khoản 6 Điều 12, điểm a, b khoản 3 Điều 13 Luật Tố
cáo). `assign` refuses it with the article, `accept` is blocked where it already sits, and
the routing rules pass over the unit (the intake's routing included)."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import FacilityKind, RoutingTarget
from complaints.services.competence import acceptance_blockers
from complaints.services.routing import case_route, route_decide
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from tests.factories import FacilityFactory, RoutingRuleFactory, UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

INTAKE = ["complaints.view_case", "complaints.view_all_cases", "complaints.act_on_case"]
LEADER = [*INTAKE, "complaints.approve_case", "complaints.view_denouncer_identity"]
ARTICLE = "khoản 1, khoản 6 Điều 12, điểm a, điểm b khoản 3 Điều 13 Luật Tố cáo"


@pytest.fixture
def units():
    so = FacilityFactory(code="SYT", name="Sở Y tế", kind=FacilityKind.DEPARTMENT)
    inspectorate = FacilityFactory(
        code="TTRA", name="Thanh tra Sở", kind=FacilityKind.INSPECTORATE, parent=so
    )
    office = FacilityFactory(code="VP", name="Văn phòng Sở", kind=FacilityKind.OFFICE, parent=so)
    hospital = FacilityFactory(code="BV-A", name="Bệnh viện A", parent=so)
    return so, inspectorate, office, hospital


def denunciation(facility, *, head=False, held_by=None):
    return case_in(
        CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=facility, accused_is_head=head,
        assigned_unit=held_by or facility,
    )


@pytest.mark.parametrize("head", [False, True])
def test_assign_refuses_giving_the_inspectorate_a_denunciation_of_itself(units, head):
    so, inspectorate, _office, hospital = units
    intake = UserFactory(perms=INTAKE)
    case = denunciation(inspectorate, head=head, held_by=so)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "assign", intake, facility=inspectorate.code)
    (message,) = refused.value.errors["facility"]
    assert "Không giao tố cáo cho Thanh tra Sở" in message
    assert "Giám đốc Sở" in message and "Hãy giao Sở Y tế" in message
    assert ARTICLE in message
    case.refresh_from_db()
    assert case.assigned_unit == so
    # The Sở (its leadership) takes it; a denunciation of a hospital's staff stays the
    # hospital's own (khoản 1 Điều 12), and a report about the inspectorate is its to answer.
    act(case, "assign", intake, facility=so.code)
    act(denunciation(hospital, held_by=so), "assign", intake, facility=hospital.code)
    report = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=inspectorate)
    act(report, "assign", intake, facility=inspectorate.code)


def test_the_office_is_one_of_the_sos_parts_too(units):
    so, _inspectorate, office, _hospital = units
    case = denunciation(office, held_by=so)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "assign", UserFactory(perms=INTAKE), facility=office.code)
    assert "Văn phòng Sở" in refused.value.errors["facility"][0]


def test_the_inspectorate_holding_a_denunciation_of_itself_may_not_accept_it(units):
    _so, inspectorate, _office, _hospital = units
    leader = UserFactory(perms=LEADER)
    case = denunciation(inspectorate)  # held there before the rule, or by hand
    [blocker] = [b for b in acceptance_blockers(case) if "Thanh tra Sở" in b]
    assert ARTICLE in blocker
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "accept", leader)
    assert "Giám đốc Sở" in refused.value.message
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_the_routing_passes_over_the_inspectorate_for_a_denunciation_of_it(units):
    """Rules an administrator ordered so that a denunciation of staff goes to the facility
    named (the default "cán bộ Thanh tra Sở" rule switched off): the intake's routing gives
    it to the next rule's unit, the Sở, not to the inspectorate."""
    so, inspectorate, _office, hospital = units
    RoutingRuleFactory(
        position=1, name="Tố cáo cán bộ: người đứng đầu cơ sở", kind=CaseKind.TO_CAO,
        against_head=False, target=RoutingTarget.FACILITY, legal_basis="khoản 1 Điều 12",
    )
    RoutingRuleFactory(
        position=2, name="Tố cáo: Sở", kind=CaseKind.TO_CAO, target=RoutingTarget.FIXED_UNIT,
        target_unit=so, legal_basis="khoản 3 Điều 13",
    )
    case = denunciation(inspectorate, held_by=None)
    case_route(case=case)
    case.refresh_from_db()
    assert case.assigned_unit == so
    staff_of_hospital = route_decide(kind=CaseKind.TO_CAO, category=None, facility=hospital)
    assert staff_of_hospital.unit == hospital
    # A rule naming the inspectorate itself gives way too.
    result = route_decide(
        kind=CaseKind.TO_CAO, category=None, facility=inspectorate, accused_is_head=False,
        rules=[RoutingRuleFactory(position=0, name="Tham nhũng: Thanh tra", kind=CaseKind.TO_CAO,
                                  target=RoutingTarget.FIXED_UNIT, target_unit=inspectorate)],
    )
    assert result.unit != inspectorate
