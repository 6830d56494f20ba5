"""Issuing a complaint decision with its step from the document page offers the leader's
confirmations of the Kết luận form when the dialogue's papers were made outside the portal
(khoản 1, 4 Điều 28 Nghị định 124/2020, sửa đổi bởi Nghị định 155/2026;
complaints/rules/dialogue_documents.py, owed_notices.py): one mechanism, the step's own
form's fields, so the page is no dead end (walk-round2 finding 6)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting
from tests.complaints.workflow.helpers import act, case_in

from .helpers import leader, province

pytestmark = pytest.mark.django_db

CONCLUDE = {"conclusion": "Giữ nguyên quyết định.", "public_answer": "Khiếu nại không có cơ sở.",
            "finding": "wrong"}  # fmt: skip


def test_the_document_page_asks_and_takes_the_confirmations(client):
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   verification_reported_on=timezone.localdate(),
                   resolve_by=timezone.localdate() + datetime.timedelta(days=30))  # fmt: skip
    act(case, "mark_verification_differs", boss, reason="Người khiếu nại không đồng ý")
    day = timezone.localdate() + datetime.timedelta(days=6)
    act(case, "schedule_dialogue", boss, scheduled_at=f"{day.isoformat()}T09:00",
        place="Phòng họp", participants="Các bên")  # fmt: skip
    DialogueMeeting.objects.filter(case=case).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=1)
    )
    act(case, "record_dialogue", boss, outcome="held", led_by="Giám đốc", minutes="…",
        result="Còn ý kiến khác nhau.")  # fmt: skip
    decision = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                              actor=boss, origin="test", step=CONCLUDE)  # fmt: skip
    url = reverse("complaints_admin:document", args=[case.tracking_code, decision.pk])
    client.force_login(boss)
    page = client.get(url).content.decode()
    assert 'name="without_dialogue_documents"' in page
    asked = "hãy xác nhận khi kết luận"
    refused = client.post(url, {"operation": "issue_step",
                                "signed_confirmed": "on", "version": decision.version})
    assert refused.status_code == 409 and asked in refused.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
