"""A handler proposes a complaint's conclusion for the head: the draft names the decision
signed on paper, or the head issues the drafted decision in the portal with the approval
(khoản 1 Điều 31 Luật Khiếu nại; khoản 1 Điều 35 Luật Tố cáo; complaints/rules/decision.py)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from complaints.approvals.models import DraftStatus
from complaints.approvals.services import draft_approve, draft_propose
from complaints.documents.models import DocumentStatus
from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, CaseEvent
from complaints.services.decision import decision_recorded
from complaints.services.workflow import TransitionInvalid
from tests.complaints.documents.helpers import handler, province, resolver_writes
from tests.complaints.workflow.helpers import case_in
from tests.factories import conclusion_finding, paper_decision

pytestmark = pytest.mark.django_db

ANSWER = {"conclusion": "Khiếu nại không có cơ sở.", "public_answer": "Giữ nguyên quyết định.",
    **conclusion_finding()}


@pytest.fixture
def setting():
    _department, hospital = province()
    head = get_user_model().objects.get(username="giamdoc-bvdk-duc-pho")
    officer = handler(hospital)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital)
    return case, officer, head


def _propose(case, officer, **data):
    return draft_propose(case_id=case.pk, action="conclude", data=data, actor=officer,
                         origin="test")  # fmt: skip


def test_a_proposed_conclusion_names_the_paper_decision_the_head_approves(setting):
    case, officer, head = setting
    draft = _propose(case, officer, **ANSWER | paper_decision(symbol="09/QĐ-BVĐK"))
    assert draft.data["decision_symbol"] == "09/QĐ-BVĐK"
    event = draft_approve(draft_id=draft.pk, actor=head, origin="test")
    assert event.action == "conclude" and event.data["decision_symbol"] == "09/QĐ-BVĐK"
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and decision_recorded(case).on_paper


def test_without_a_decision_the_approval_is_refused_until_the_head_issues_one(setting):
    case, officer, head = setting
    draft = _propose(case, officer, **ANSWER)  # proposing needs no decision yet
    with pytest.raises(TransitionInvalid) as refused:
        draft_approve(draft_id=draft.pk, actor=head, origin="test")
    assert "khoản 1 Điều 31 Luật Khiếu nại" in refused.value.errors["decision_symbol"][0]
    draft.refresh_from_db()
    case.refresh_from_db()
    assert draft.status == DraftStatus.PENDING and case.status == CaseStatus.VERIFYING

    decision = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                              actor=officer, origin="test", step=ANSWER)  # fmt: skip
    decision = resolver_writes(decision, officer)  # the legal basis, the order's terms
    event = draft_approve(draft_id=draft.pk, actor=head, origin="test",
                          document_id=decision.pk, document_version=decision.version,
                          signed_confirmed=True)  # fmt: skip
    decision.refresh_from_db()
    draft.refresh_from_db()
    assert decision.status == DocumentStatus.ISSUED and draft.status == DraftStatus.APPROVED
    event.refresh_from_db()
    assert event.data["decision_source"] == "portal"
    assert event.data["decision_symbol"] == decision.symbol


def test_the_draft_page_offers_the_drafted_decision_to_issue_with_the_approval(setting):
    case, officer, head = setting
    draft = _propose(case, officer, **ANSWER)
    decision = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                              actor=officer, origin="test", step=ANSWER)  # fmt: skip
    decision = resolver_writes(decision, officer)  # the legal basis, the order's terms
    client = Client()
    client.force_login(head)
    page = client.get(f"/admin/phe-duyet/{draft.pk}/").content.decode()
    choice = f"{decision.pk}:{decision.version}"
    assert choice in page and "Ban hành cùng lúc phê duyệt" in page

    refused = client.post(f"/admin/phe-duyet/{draft.pk}/approve/",
                          {"approve-version": draft.version})  # fmt: skip
    assert refused.status_code == 400
    assert "khoản 1 Điều 31 Luật Khiếu nại" in refused.content.decode()

    # Issued with the approval: numbered, published and mailed at once, so the head ticks
    # that it was signed (leaderwalk finding 3).
    assert "Tôi xác nhận văn bản này đã được người có thẩm quyền ký" in page
    unsigned = client.post(f"/admin/phe-duyet/{draft.pk}/approve/",
                           {"approve-version": draft.version, "approve-document": choice})
    assert unsigned.status_code == 400
    assert "Hãy đánh dấu xác nhận văn bản đã được người có thẩm quyền ký" in (
        unsigned.content.decode())
    decision.refresh_from_db()
    assert decision.status == DocumentStatus.DRAFT

    approved = client.post(f"/admin/phe-duyet/{draft.pk}/approve/",
                           {"approve-version": draft.version, "approve-document": choice,
                            "approve-signed_confirmed": "on"})
    assert approved.status_code == 302, approved.content.decode()[:3000]
    decision.refresh_from_db()
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and decision.status == DocumentStatus.ISSUED


def test_the_api_approves_with_the_decision_issued(setting):
    case, officer, head = setting
    draft = _propose(case, officer, **ANSWER)
    decision = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                              actor=officer, origin="test", step=ANSWER)  # fmt: skip
    decision = resolver_writes(decision, officer)  # the legal basis, the order's terms
    _token, key = ApiToken.issue(user=head, name="test")
    client = Client(headers={"Authorization": f"Token {key}"})
    unsigned = client.post(
        f"/api/v1/drafts/{draft.pk}/approve",
        data=json.dumps({"version": draft.version, "document_id": decision.pk,
                         "document_version": decision.version}),
        content_type="application/json",
    )
    assert unsigned.status_code == 400  # issued at once: the signature confirmed first
    assert "signed_confirmed" in unsigned.json()["errors"]
    assert not CaseEvent.objects.filter(case=case, action="conclude").exists()
    response = client.post(
        f"/api/v1/drafts/{draft.pk}/approve",
        data=json.dumps({"version": draft.version, "document_id": decision.pk,
                         "signed_confirmed": True, "document_version": decision.version}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    event = CaseEvent.objects.get(case=case, action="conclude")
    assert event.data["decision_document"] == decision.pk
    bad = client.post(f"/api/v1/drafts/{draft.pk}/approve",
                      data=json.dumps({"document_id": "x", "signed_confirmed": True}),
                      content_type="application/json")
    assert bad.status_code == 400


def test_the_approval_page_reports_the_decision_s_blanks_before_asking_for_the_tick(setting):
    """The drafted decision still holds the resolver's blanks: approving it with the decision
    unticked says what is missing in the decision first, as `document_issue` checks it;
    once written, the tick is what is left."""
    case, officer, head = setting
    draft = _propose(case, officer, **ANSWER)
    decision = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                              actor=officer, origin="test", step=ANSWER)  # fmt: skip
    client = Client()
    client.force_login(head)
    choice = f"{decision.pk}:{decision.version}"
    refused = client.post(f"/admin/phe-duyet/{draft.pk}/approve/",
                          {"approve-version": draft.version, "approve-document": choice})
    html = refused.content.decode()
    assert refused.status_code == 409  # as when ticked: the decision cannot be issued yet
    assert "Chưa ban hành được: văn bản còn chỗ trống" in html
    assert "Hãy đánh dấu xác nhận văn bản đã được người có thẩm quyền ký" not in html
    decision.refresh_from_db()
    draft.refresh_from_db()
    assert decision.status == DocumentStatus.DRAFT and draft.status == DraftStatus.PENDING

    decision = resolver_writes(decision, officer)
    choice = f"{decision.pk}:{decision.version}"
    unsigned = client.post(f"/admin/phe-duyet/{draft.pk}/approve/",
                           {"approve-version": draft.version, "approve-document": choice})
    html = unsigned.content.decode()
    assert unsigned.status_code == 400
    assert "Hãy đánh dấu xác nhận văn bản đã được người có thẩm quyền ký" in html
    assert "Chưa ban hành được: văn bản còn chỗ trống" not in html
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
