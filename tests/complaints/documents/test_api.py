"""The staff API performs a step with its drafted document: `document_id` in the body."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from complaints.documents.models import DocumentStatus
from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken
from tests.complaints.workflow.helpers import case_in

from .helpers import handler, leader, province

pytestmark = pytest.mark.django_db


def _client(user):
    _token, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Token {key}"})


def _post(client, case, action, body):
    return client.post(f"/api/v1/cases/{case.tracking_code}/actions/{action}",
                       data=json.dumps(body), content_type="application/json")


def test_reject_with_its_notice_through_the_api():
    _department, hospital = province()
    boss = leader()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code="pakn_thong_bao_khong_xu_ly",
                           actor=boss, origin="test", step={"reason": "Nội dung không rõ ràng"})
    client = _client(boss)
    assert _post(client, case, "reject", {"reason": "x", "legal_ground": "y",
                                          "document_id": "1",
                                          "signed_confirmed": True}).status_code == 400
    clerk = handler(hospital)
    refused = _post(_client(clerk), case, "reject",
                    {"reason": "Nội dung không rõ ràng", "legal_ground": "pa_outside_scope",
                     "document_id": draft.pk, "signed_confirmed": True})
    assert refused.status_code == 403  # a handler may refuse, but not issue the document
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    response = _post(client, case, "reject",
                     {"reason": "Nội dung không rõ ràng", "legal_ground": "pa_outside_scope",
                      "document_id": draft.pk, "signed_confirmed": True})
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert response.json()["status"] == "rejected" and draft.status == DocumentStatus.ISSUED
    other = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    again = _post(client, other, "reject", {"reason": "a", "legal_ground": "pa_outside_scope",
                                            "document_id": draft.pk, "signed_confirmed": True})
    assert again.status_code == 409  # another case's document
    other.refresh_from_db()
    assert other.status == CaseStatus.RECEIVED
