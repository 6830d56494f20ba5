"""The signed letter of a denunciation handled within the facility denounced (khoản 3 Điều 8,
Điều 47 Luật Tố cáo): the hospital's head resolves a denunciation of its doctor (khoản 1 Điều 12),
but the letter, which names the denouncer, goes to the Sở (`case_contact`), and only who may see
the denouncer of the case records what it says: the signature, a withdrawal
(`complaints.selectors.identity.letter_actor_refusal`). Others are neither offered the step
nor let take it, through the service, the admin or the staff API."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import ApiToken, CaseEvent, FacilityKind, Withdrawal
from complaints.services.workflow import TransitionNotAllowed
from complaints.transitions import allowed_actions
from tests.factories import FacilityFactory, UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

LEADER = [
    "complaints.view_case", "complaints.act_on_case", "complaints.approve_case",
    "complaints.view_denouncer_identity", "complaints.record_withdrawal",
    "wagtailadmin.access_admin",
]  # fmt: skip
ARTICLE = "khoản 3 Điều 8, Điều 47 Luật Tố cáo"
LETTER_STEPS = ("confirm_signature", "record_withdrawal", "withdraw")
PART = {"form": "written", "document_ref": "Đơn rút ngày 10/09/2026", "scope": "part",
        "withdrawn_part": "Nội dung thứ hai"}  # fmt: skip


@pytest.fixture
def units():
    so = FacilityFactory(code="SYT", kind=FacilityKind.DEPARTMENT, name="Sở Y tế")
    hospital = FacilityFactory(code="BV-DTT", parent=so, name="Bệnh viện Đặng Thùy Trâm")
    ward = FacilityFactory(code="BV-DTT-K1", parent=hospital, name="Khoa Ngoại")
    return so, hospital, ward


def _denunciation(denounced, handler):
    return case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=denounced,
                   assigned_unit=handler, channel=Channel.WEB, signature_method="")


def _offered(case, user):
    return {t.action for t in allowed_actions(case=case, user=user)}


def test_the_hospital_denounced_neither_is_offered_nor_records_the_letter(units):
    so, hospital, _ward = units
    case = _denunciation(hospital, hospital)
    for user in (UserFactory(perms=LEADER, facility=hospital),  # its head
                 UserFactory(perms=LEADER[:3] + LEADER[4:], facility=so)):  # the Sở's intake
        assert not _offered(case, user) & set(LETTER_STEPS), user
        for action, data in (("confirm_signature", {"method": "in_person"}),
                             ("record_withdrawal", PART)):
            with pytest.raises(TransitionNotAllowed) as refused:
                act(case, action, user, **data)
            assert ARTICLE in refused.value.message and "Art" not in refused.value.message
    assert not CaseEvent.objects.filter(case=case, action__in=LETTER_STEPS).exists()
    # The head of the hospital still resolves it (khoản 1 Điều 12 Luật Tố cáo): the Sở's
    # leader, who may see the denouncer, records the letter.
    leader = UserFactory(perms=LEADER, facility=so)
    assert {"confirm_signature", "record_withdrawal"} <= _offered(case, leader)
    act(case, "confirm_signature", leader, method="signed_copy",
        document_ref="Bản giấy nhận tại Sở ngày 03/09/2026")  # fmt: skip
    act(case, "record_withdrawal", leader, **PART)
    case.refresh_from_db()
    assert case.signature_method == "signed_copy" and Withdrawal.objects.filter(case=case).exists()


def test_a_denunciation_of_a_ward_resolved_by_the_hospital_above_is_the_hospitals_to_record(
    units,
):
    """Outside the subtree denounced, the letter goes to the hospital and its people record it."""
    _so, hospital, ward = units
    case = _denunciation(ward, hospital)
    head = UserFactory(perms=LEADER, facility=hospital)
    assert "confirm_signature" in _offered(case, head)
    act(case, "confirm_signature", head, method="in_person")


def test_the_admin_and_the_staff_api_refuse_with_the_article(units, client):
    _so, hospital, _ward = units
    case = _denunciation(hospital, hospital)
    head = UserFactory(perms=LEADER, facility=hospital)
    client.force_login(head)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert page.status_code == 200
    assert not {f.transition.action for f in page.context["action_forms"]} & set(LETTER_STEPS)
    response = client.post(
        reverse("complaints_admin:action", args=[case.tracking_code, "confirm_signature"]),
        {"confirm_signature-expected_status": "received", "confirm_signature-method": "in_person"},
    )
    assert response.status_code == 409 and ARTICLE in response.content.decode()
    _token, key = ApiToken.issue(user=head, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    detail = api.get(f"/api/v1/cases/{case.tracking_code}").json()
    assert not {a["action"] for a in detail["allowed_actions"]} & set(LETTER_STEPS)
    response = api.post(
        f"/api/v1/cases/{case.tracking_code}/actions/confirm_signature",
        data=json.dumps({"expected_status": "received", "method": "in_person"}),
        content_type="application/json",
    )
    assert response.status_code == 409 and ARTICLE in response.json()["detail"]
    case.refresh_from_db()
    assert not case.signature_method


def test_the_hospital_s_head_is_told_the_so_records_the_signature_before_acceptance(units):
    """Acceptance waits for the signature; on such a case its refusal does not send the head
    to a step he cannot take ("Ghi nhận chữ ký") but says the Sở records it."""
    from complaints.rules.signature import signature_refusal

    so, hospital, _ward = units
    within = signature_refusal(_denunciation(hospital, hospital))
    assert "Sở ghi nhận chữ ký khi nhận được đơn" in within and ARTICLE in within
    assert "Ghi nhận chữ ký”" not in within
    elsewhere = signature_refusal(_denunciation(hospital, so))
    assert "hãy “Ghi nhận chữ ký”" in elsewhere
