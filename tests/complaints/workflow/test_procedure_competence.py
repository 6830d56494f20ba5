"""Competence before acceptance (issue 9 item 1; Luật KN Điều 17–21; Luật TC Điều 12, 13,
24, 29(1)(c)) and the signature guard (item 3): refused through the service, the admin, the
API and `case_action`, with the article; correcting the facts routes the case again."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import ApiToken, CaseEvent, FacilityKind, RoutingDecision, RoutingTarget
from complaints.services.routing import PROVINCE_CHAIR, case_route, route_decide
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed, case_transition
from complaints.transitions import allowed_actions
from tests.factories import FacilityFactory, RoutingRuleFactory, UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db

LEADER = [
    "complaints.view_case", "complaints.view_all_cases", "complaints.act_on_case",
    "complaints.approve_case", "complaints.view_denouncer_identity",
    "wagtailadmin.access_admin",
]  # fmt: skip


@pytest.fixture
def tree():
    """The Sở, a hospital under it and a department of the hospital, with the §3a(3) rules
    for denunciations (head → unit above; Giám đốc Sở → Chủ tịch UBND tỉnh; staff → facility)."""
    so = FacilityFactory(code="SYT", kind=FacilityKind.DEPARTMENT, name="Sở Y tế")
    hospital = FacilityFactory(code="BV-A", parent=so, name="Bệnh viện A")
    ward = FacilityFactory(code="BV-A-K1", parent=hospital, name="Khoa Nội, Bệnh viện A")
    RoutingRuleFactory(
        position=1, name="Tố cáo Giám đốc Sở", kind=CaseKind.TO_CAO, against_head=True,
        facility_kind=FacilityKind.DEPARTMENT, target=RoutingTarget.FORWARD_OUTSIDE,
        forward_to=PROVINCE_CHAIR,
        legal_basis="khoản 1 Điều 12, điểm a khoản 4 Điều 13 Luật Tố cáo",
    )
    RoutingRuleFactory(
        position=2, name="Tố cáo người đứng đầu: đơn vị cấp trên", kind=CaseKind.TO_CAO,
        against_head=True, target=RoutingTarget.UNIT_ABOVE,
        legal_basis="khoản 1 Điều 12 Luật Tố cáo",
    )
    RoutingRuleFactory(
        position=3, name="Tố cáo cán bộ: người đứng đầu cơ sở", kind=CaseKind.TO_CAO,
        against_head=False, target=RoutingTarget.FACILITY,
        legal_basis="khoản 1 Điều 12 Luật Tố cáo",
    )
    RoutingRuleFactory(
        position=4, name="Khiếu nại lần 1: người đứng đầu cơ sở", kind=CaseKind.KHIEU_NAI,
        target=RoutingTarget.FACILITY, legal_basis="Luật KN Điều 18",
    )
    return so, hospital, ward


def act(case, action, user, **data):
    return case_transition(case_id=case.pk, action=action, actor=user, data=data, origin="test")


def denunciation(facility, *, head=False, **extra):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=facility,
                   accused_is_head=head, **extra)  # fmt: skip
    case_route(case=case)
    case.refresh_from_db()
    return case


def test_a_denunciation_of_the_giam_doc_so_is_not_accepted_but_forwarded(tree):
    so, _hospital, _ward = tree
    leader = UserFactory(perms=LEADER)
    case = denunciation(so, head=True)
    assert case.forwarded_to == PROVINCE_CHAIR
    offered = [t.action for t in allowed_actions(case=case, user=leader)]
    assert "accept" not in offered and "forward" in offered
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "accept", leader)
    assert PROVINCE_CHAIR in refused.value.message
    assert "Điều 12" in refused.value.message and "Art" not in refused.value.message
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and case.accepted_at is None
    act(case, "forward", leader, to=PROVINCE_CHAIR, reason="Không thuộc thẩm quyền của Sở")
    case.refresh_from_db()
    assert case.status == CaseStatus.FORWARDED


def test_a_complaint_held_by_another_unit_than_the_competent_one_is_not_accepted(tree):
    _so, hospital, ward = tree
    leader = UserFactory(perms=LEADER, facility=hospital)  # the competent unit's leader
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital, assigned_unit=ward)
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "accept", leader)
    assert "Bệnh viện A" in refused.value.message and "Điều 17–21 Luật Khiếu nại" in (
        refused.value.message
    )
    act(case, "assign", leader, facility=hospital.code)
    act(case, "accept", leader)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_correcting_the_facts_routes_again_and_keeps_both_decisions(tree):
    so, hospital, _ward = tree
    leader = UserFactory(perms=LEADER, facility=so)  # the Sở's: it resolves once re-routed
    case = denunciation(hospital, head=False)
    assert case.assigned_unit == hospital
    before = RoutingDecision.objects.filter(case=case).count()
    event = act(
        case, "correct_facts", leader, reason="Người bị tố cáo là Giám đốc bệnh viện",
        accused_is_head="yes", accused_position="Giám đốc",
    )  # fmt: skip
    case.refresh_from_db()
    assert case.accused_is_head and case.accused_position == "Giám đốc"
    assert case.assigned_unit == so  # the unit above the denounced head (khoản 1 Điều 12)
    assert RoutingDecision.objects.filter(case=case).count() == before + 1
    routing = event.data["routing"]
    assert routing["before"]["unit"] == "BV-A" and routing["after"]["unit"] == "SYT"
    assert event.data["changes"]["accused_is_head"] == {"from": False, "to": True}
    assert not event.is_public  # internal: the accused's details are not the citizen's timeline
    assert case.history.filter(history_change_reason="origin=test action=case_correct_facts")
    with pytest.raises(TransitionInvalid) as nothing:
        act(case, "correct_facts", leader, reason="x", accused_is_head="yes")
    assert "facts" in nothing.value.errors
    act(case, "accept", leader)


@pytest.mark.parametrize("unit", ["hospital", "ward"])
def test_a_denunciation_of_a_head_is_never_assigned_to_the_unit_or_below(tree, unit):
    so, hospital, ward = tree
    leader = UserFactory(perms=LEADER)
    case = denunciation(hospital, head=True)
    assert case.assigned_unit == so
    target = {"hospital": hospital, "ward": ward}[unit]
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "assign", leader, facility=target.code)
    assert "khoản 1 Điều 12" in refused.value.errors["facility"][0]
    case.refresh_from_db()
    assert case.assigned_unit == so
    # The rules skip such a unit too: the next rule decides.
    result = route_decide(
        kind=CaseKind.TO_CAO, category=None, facility=hospital, accused_is_head=True,
        rules=[RoutingRuleFactory(position=0, name="Sai", kind=CaseKind.TO_CAO,
                                  target=RoutingTarget.FACILITY)],
    )  # fmt: skip
    assert result.unit != hospital


def test_a_denunciation_also_sent_to_the_competent_body_is_filed_not_handled(tree):
    so, _hospital, _ward = tree
    leader = UserFactory(perms=LEADER)
    case = denunciation(so, head=True, sent_to_competent_body=True)
    for action in ("accept", "forward"):
        with pytest.raises(TransitionNotAllowed) as refused:
            act(case, action, leader, to=PROVINCE_CHAIR, reason="x")
        assert "khoản 3 Điều 24 Luật Tố cáo" in refused.value.message
    act(case, "file", leader, reason="ineligible", legal_ground="tc_sent_to_competent")
    case.refresh_from_db()
    assert case.status == CaseStatus.FILED and case.refusal_ground == "tc_sent_to_competent"


# ---- signature (item 3) ------------------------------------------------------------------


@pytest.mark.parametrize("kind", [CaseKind.KHIEU_NAI, CaseKind.TO_CAO])
@pytest.mark.parametrize("channel", [Channel.WEB, Channel.API])
def test_an_online_complaint_or_denunciation_needs_its_signature_before_acceptance(kind, channel):
    leader = UserFactory(superuser=True)
    # A denunciation of a ward its hospital resolves: the hospital keeps the letter (one
    # handled within the facility denounced goes to the Sở: test_denounced_letter.py).
    hospital = FacilityFactory()
    about = FacilityFactory(parent=hospital) if kind == CaseKind.TO_CAO else hospital
    case = case_in(kind, CaseStatus.RECEIVED, channel=channel, signature_method="",
                   facility=about, assigned_unit=hospital)  # fmt: skip
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "accept", leader)
    assert "Ghi nhận chữ ký" in refused.value.message
    assert ("Điều 8" if kind == CaseKind.KHIEU_NAI else "Điều 23") in refused.value.message
    with pytest.raises(TransitionInvalid) as missing:
        act(case, "confirm_signature", leader, method="signed_copy")
    assert "attachment" in missing.value.errors
    act(case, "confirm_signature", leader, method="in_person", note="Ký biên bản ngày 02/09")
    case.refresh_from_db()
    assert case.signature_method == "in_person" and case.signature_recorded_at
    act(case, "accept", leader)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_a_signed_copy_must_be_a_file_of_that_case_or_a_paper_reference():
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, signature_method="")
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "confirm_signature", leader, method="signed_copy", attachment=999999)
    assert "attachment" in invalid.value.errors
    act(case, "confirm_signature", leader, method="signed_copy",
        document_ref="Bản giấy nhận ngày 03/09/2026, sổ 125")  # fmt: skip
    case.refresh_from_db()
    assert case.signature_method == "signed_copy"


@pytest.mark.parametrize("channel", [Channel.IN_PERSON, Channel.MAIL, Channel.HOTLINE])
def test_a_petition_recorded_by_staff_is_not_asked_again_for_a_signature(channel):
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, channel=channel, signature_method="")
    assert "confirm_signature" not in [t.action for t in allowed_actions(case=case, user=leader)]
    act(case, "accept", leader)


# ---- the same refusal through the admin, the API and case_action -----------------------------


def _unsigned(tree):
    _so, hospital, _ward = tree
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital,
                   signature_method="")  # fmt: skip
    return case


def test_the_admin_refuses_with_the_reason_and_shows_what_is_missing(tree, client):
    leader = UserFactory(perms=LEADER)
    case = _unsigned(tree)
    client.force_login(leader)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    html = page.content.decode()
    assert "Chưa thụ lý được" in html and "Còn thiếu" in html and "Điều 8" in html
    actions = [form.transition.action for form in page.context["action_forms"]]
    assert "accept" not in actions and "confirm_signature" in actions
    response = client.post(
        reverse("complaints_admin:action", args=[case.tracking_code, "accept"]),
        {"accept-expected_status": "received"},
    )
    assert response.status_code == 409
    assert "khoản 5 Điều 11 Luật Khiếu nại" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    response = client.post(
        reverse("complaints_admin:action", args=[case.tracking_code, "confirm_signature"]),
        {"confirm_signature-expected_status": "received", "confirm_signature-method": "in_person"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.signature_method == "in_person"


def test_the_api_refuses_with_409_and_the_article(tree):
    case = _unsigned(tree)
    # The hospital's leader: a complaint's refusal is its competent unit's leader's.
    leader = UserFactory(perms=LEADER, facility=case.assigned_unit)
    _token, key = ApiToken.issue(user=leader, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    url = f"/api/v1/cases/{case.tracking_code}/actions/accept"
    response = api.post(url, data="{}", content_type="application/json")
    assert response.status_code == 409 and "Điều 11 Luật Khiếu nại" in response.json()["detail"]
    body = {"reason": "Quá hạn", "legal_ground": "Luật KN Art 11(6)"}
    response = api.post(
        f"/api/v1/cases/{case.tracking_code}/actions/reject", data=json.dumps(body),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400 and "kn_time_expired" in response.json()["errors"][
        "legal_ground"
    ][0]
    assert not CaseEvent.objects.filter(case=case).exists()


def test_case_action_refuses_with_the_reason(tree):
    UserFactory(username="lanhdao", perms=LEADER, facility=tree[1])  # the hospital's leader
    case = _unsigned(tree)
    with pytest.raises(CommandError) as refused:
        call_command("case_action", case.tracking_code, "accept", "--user", "lanhdao",
                     stdout=io.StringIO())  # fmt: skip
    assert "Ghi nhận chữ ký" in str(refused.value)
    data = json.dumps({"method": "in_person"})
    call_command("case_action", case.tracking_code, "confirm_signature", "--user", "lanhdao",
                 "--data", data, stdout=io.StringIO())  # fmt: skip
    call_command("case_action", case.tracking_code, "accept", "--user", "lanhdao",
                 stdout=io.StringIO())  # fmt: skip
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
