"""Accepting (thụ lý) a complaint or a denunciation is the head's act: Điều 27, khoản 1
Điều 36 Luật Khiếu nại (Mẫu số 03 Nghị định 155/2026/NĐ-CP, signed by NGƯỜI ĐỨNG ĐẦU);
khoản 1 Điều 29 Luật Tố cáo. A handler (act_on_case only) is refused with the reason and
proposes it instead; the head's approval accepts it. A phản ánh stays the handler's."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from complaints.approvals.models import DraftStatus
from complaints.approvals.rules import approval_reason, is_proposable
from complaints.approvals.services import draft_approve, draft_propose
from complaints.approvals.views import proposable_transitions
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case
from complaints.services.workflow import TransitionNotAllowed
from complaints.transitions import allowed_actions
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
HEAD = [*HANDLER, "complaints.approve_case"]
HEAD_KINDS = [CaseKind.KHIEU_NAI, CaseKind.TO_CAO]
ARTICLE = {CaseKind.KHIEU_NAI: "Điều 27", CaseKind.TO_CAO: "khoản 1 Điều 29 Luật Tố cáo"}


@pytest.fixture
def unit():
    return FacilityFactory(code="TTYT-DP", name="Trung tâm Y tế Đức Phổ")


@pytest.fixture
def handler(unit):
    return UserFactory(perms=HANDLER, facility=unit, last_name="Lê Văn", first_name="Cơ")


@pytest.fixture
def head(unit):
    return UserFactory(perms=HEAD, facility=unit, last_name="Phạm", first_name="Đạo")


def received(kind, unit):
    return case_in(kind, CaseStatus.RECEIVED, facility=unit)


def token_client(user) -> Client:
    _token, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Token {key}"})


def api_post(client, path, body=None):
    return client.post(path, data=json.dumps(body or {}), content_type="application/json")


@pytest.mark.parametrize("kind", HEAD_KINDS)
def test_a_handler_may_not_accept_a_complaint_or_denunciation(kind, unit, handler):
    case = received(kind, unit)
    with pytest.raises(PermissionDenied) as refused:
        act(case, "accept", handler)
    message = str(refused.value.args[0])
    assert ARTICLE[kind] in message and "trình lãnh đạo phê duyệt" in message
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    assert "accept" not in [t.action for t in allowed_actions(case=case, user=handler)]


@pytest.mark.parametrize("kind", HEAD_KINDS)
def test_the_head_accepts_a_complaint_or_denunciation(kind, unit, head):
    case = received(kind, unit)
    assert "accept" in [t.action for t in allowed_actions(case=case, user=head)]
    event = act(case, "accept", head)
    assert event.actor == head and Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED


@pytest.mark.parametrize("kind", [CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI])
def test_a_handler_still_accepts_a_phan_anh_or_kien_nghi(kind, unit, handler):
    case = received(kind, unit)
    assert "accept" in [t.action for t in allowed_actions(case=case, user=handler)]
    act(case, "accept", handler)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED
    # Nothing to propose: it is the handler's own step.
    assert not is_proposable("accept", kind) and approval_reason("accept", kind) == ""
    assert "accept" not in [t.action for t in proposable_transitions(case=case, user=handler)]
    with pytest.raises(TransitionNotAllowed):
        draft_propose(
            case_id=case.pk, action="accept", data={}, actor=handler, origin="test"
        )


@pytest.mark.parametrize("kind", HEAD_KINDS)
def test_the_handler_proposes_the_acceptance_and_the_heads_approval_accepts(
    kind, unit, handler, head
):
    case = received(kind, unit)
    assert "accept" in [t.action for t in proposable_transitions(case=case, user=handler)]
    assert ARTICLE[kind] in approval_reason("accept", kind)
    draft = draft_propose(
        case_id=case.pk, action="accept", data={}, actor=handler, origin="test", note="Kính trình."
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED

    event = draft_approve(draft_id=draft.pk, actor=head, origin="test")

    draft.refresh_from_db()
    assert event.action == "accept" and event.actor == head
    assert draft.status == DraftStatus.APPROVED
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED


def test_the_admin_refuses_the_handlers_acceptance_with_the_reason(unit, handler):
    case = received(CaseKind.KHIEU_NAI, unit)
    client = Client()
    client.force_login(handler)
    url = reverse("complaints_admin:action", args=[case.tracking_code, "accept"])
    response = client.post(url, {"accept-expected_status": "received"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Điều 27" in page and "trình lãnh đạo phê duyệt" in page
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    # The case page offers the proposal instead of the step.
    detail = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    propose_url = f"/admin/phe-duyet/de-xuat/{case.tracking_code}/accept/"
    assert propose_url.encode() in detail.content
    form = client.get(propose_url)
    assert form.status_code == 200 and "Điều 27" in form.content.decode()
    proposed = client.post(propose_url, {"accept-expected_status": "received"})
    assert proposed.status_code == 302
    assert client.get(proposed["Location"]).status_code == 200  # the draft's page


def test_the_admin_still_lets_the_handler_accept_a_phan_anh(unit, handler):
    case = received(CaseKind.PHAN_ANH, unit)
    client = Client()
    client.force_login(handler)
    url = reverse("complaints_admin:action", args=[case.tracking_code, "accept"])
    response = client.post(url, {"accept-expected_status": "received"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED


def test_the_staff_api_refuses_the_handler_and_takes_the_proposal(unit, handler, head):
    case = received(CaseKind.TO_CAO, unit)
    refused = api_post(token_client(handler), f"/api/v1/cases/{case.tracking_code}/actions/accept")
    assert refused.status_code == 403
    assert "khoản 1 Điều 29 Luật Tố cáo" in refused.json()["detail"]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED

    proposed = api_post(
        token_client(handler), f"/api/v1/cases/{case.tracking_code}/drafts/accept"
    )
    assert proposed.status_code == 201
    assert "Điều 29 Luật Tố cáo" in proposed.json()["why_approval"]
    approved = api_post(token_client(head), f"/api/v1/drafts/{proposed.json()['id']}/approve")
    assert approved.status_code == 200
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED
