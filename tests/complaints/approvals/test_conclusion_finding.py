"""A proposed conclusion of a complaint or a denunciation carries its finding (đúng, đúng một
phần, sai: điểm g khoản 2 Điều 31 Luật Khiếu nại; điểm c khoản 2 Điều 35 Luật Tố cáo): the
proposal is refused without it, the head's approval stores it, the draft page shows it in the
kind's words."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from complaints.approvals.models import Draft
from complaints.approvals.services import draft_approve, draft_propose
from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.services.workflow import TransitionInvalid
from tests.complaints.documents.helpers import handler, province, resolver_writes
from tests.complaints.workflow.helpers import case_in
from tests.factories import paper_decision

pytestmark = pytest.mark.django_db

ANSWER = {"conclusion": "Khiếu nại có cơ sở một phần.", "public_answer": "Sửa quyết định."}


@pytest.fixture
def setting():
    _department, hospital = province()
    head = get_user_model().objects.get(username="giamdoc-bvdk-duc-pho")
    officer = handler(hospital)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital)
    return case, officer, head


def _propose(case, officer, data):
    return draft_propose(case_id=case.pk, action="conclude", data=data, actor=officer,
                         origin="test")  # fmt: skip


def test_a_proposal_without_its_finding_is_refused_citing_the_article(setting):
    case, officer, _head = setting
    data = {**ANSWER, **paper_decision()}
    del data["finding"]
    with pytest.raises(TransitionInvalid) as refused:
        _propose(case, officer, data)
    assert "điểm g khoản 2 Điều 31 Luật Khiếu nại" in refused.value.errors["finding"][0]
    assert not Draft.objects.filter(case=case).exists()


def test_the_approved_proposal_stores_its_finding(setting):
    case, officer, head = setting
    draft = _propose(case, officer, {**ANSWER, **paper_decision(finding="partly_correct")})
    assert draft.data["finding"] == "partly_correct"
    client = Client()
    client.force_login(head)
    page = client.get(f"/admin/phe-duyet/{draft.pk}/").content.decode()
    assert '<dd style="white-space: pre-line">Khiếu nại đúng một phần</dd>' in page
    event = draft_approve(draft_id=draft.pk, actor=head, origin="test")
    assert event.data["finding"] == "partly_correct"
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.finding == "partly_correct"


def test_the_decision_issued_with_the_approval_keeps_the_proposed_finding(setting):
    case, officer, head = setting
    step = {**ANSWER, "finding": "wrong"}
    draft = _propose(case, officer, step)
    decision = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                              actor=officer, origin="test", step=step)  # fmt: skip
    decision = resolver_writes(decision, officer)  # the legal basis, the order's terms
    event = draft_approve(draft_id=draft.pk, actor=head, origin="test",
                          document_id=decision.pk, document_version=decision.version,
                          signed_confirmed=True)  # fmt: skip
    assert event.data["finding"] == "wrong"
    case.refresh_from_db()
    assert case.finding == "wrong"
