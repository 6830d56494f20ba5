"""The draft page asks for the fields of the template's step as the case page's step form
defines them (the same choices with their Vietnamese labels), so that "Phê duyệt bước … và
ban hành" has what the step needs, and the issued text reads labels, never codes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from complaints.documents.models import Document, DocumentStatus
from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Withdrawal
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

from .helpers import leader, pdf_text, province, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def hospital():
    return province()[1]


@pytest.fixture
def boss():
    # A leader who may also record a withdrawal (its own permission).
    return UserFactory(username="lanhdao-sa", superuser=True, admin_access=True)


def _urls(case):
    return reverse("complaints_admin:documents", args=[case.tracking_code])


def _approve_with_step(client, case, document):
    url = reverse("complaints_admin:document", args=[case.tracking_code, document.pk])
    return client.post(url, {"operation": "issue_step",
                             "signed_confirmed": "on", "version": document.version})


def test_a_withdrawal_decision_asks_for_the_withdrawal_and_is_approved_with_it(
    client, hospital, boss
):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    client.force_login(boss)
    page = client.get(_urls(case)).content.decode()
    # Each template names its step, whose fields the page shows with it.
    assert '<option value="kn_quyet_dinh_dinh_chi" data-step="withdraw">' in page
    assert '<fieldset class="w-mb-4" data-step="withdraw">' in page
    assert "Hình thức rút đơn <abbr" in page and "Đơn rút có chữ ký hoặc điểm chỉ" in page
    assert "Số, ngày văn bản (đơn, biên bản, bản có chữ ký)" in page
    # Without the withdrawal's required fields the draft page says so beside them.
    missing = client.post(_urls(case), {"template": "kn_quyet_dinh_dinh_chi"})
    assert missing.status_code == 400 and "Trường này là bắt buộc." in missing.content.decode()
    assert not Document.objects.filter(case=case).exists()
    drafted = client.post(_urls(case), {"template": "kn_quyet_dinh_dinh_chi",
                                        "withdraw-form": "written",
                                        "withdraw-document_ref": "Đơn rút ngày 02/10/2026"})
    assert drafted.status_code == 302
    document = Document.objects.get(case=case)
    assert _approve_with_step(client, case, document).status_code == 302
    case.refresh_from_db()
    document.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN and document.status == DocumentStatus.ISSUED
    assert Withdrawal.objects.get(case=case).document_ref == "Đơn rút ngày 02/10/2026"


def test_a_missing_step_field_is_named_by_its_label(client, hospital, boss):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    document = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_dinh_chi",
                              actor=boss, origin="test")  # drafted without the fields
    client.force_login(boss)
    refused = _approve_with_step(client, case, document)
    error = re.search(r'id="doc-error">(.*?)</div>', refused.content.decode(), re.S).group(1)
    assert refused.status_code == 409
    assert "Hình thức rút đơn: Trường này là bắt buộc." in error
    assert "form:" not in error and "document_ref:" not in error


def test_a_refusal_ground_is_chosen_and_read_as_its_article(client, hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(boss)
    page = client.get(_urls(case)).content.decode()
    assert 'name="reject-legal_ground"' in page and '<option value="kn_time_expired"' in page
    client.post(_urls(case), {"template": "kn_thong_bao_khong_thu_ly",
                              "reject-reason": "Đơn gửi sau 90 ngày",
                              "reject-legal_ground": "kn_time_expired"})
    document = Document.objects.get(case=case)
    assert _approve_with_step(client, case, document).status_code == 302
    case.refresh_from_db()
    document.refresh_from_db()
    assert case.status == CaseStatus.REJECTED and case.refusal_ground == "kn_time_expired"
    text = pdf_text(read(document.pdf.file))
    assert "khoản 6 Điều 11 Luật Khiếu nại" in text and "kn_time_expired" not in text


def test_a_filing_notice_reads_the_reason_not_its_code(client, hospital):
    boss = leader()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(boss)
    page = client.get(_urls(case)).content.decode()
    assert "Lý do lưu đơn" in page and "Đơn trùng nội dung đã được xử lý" in page
    client.post(_urls(case), {"template": "thong_bao_luu_don", "file-reason": "duplicate"})
    document = Document.objects.get(case=case)
    assert "vì: đơn trùng nội dung đã được xử lý." in document.body
    assert "duplicate" not in document.body
    assert _approve_with_step(client, case, document).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.FILED


def test_a_step_taken_already_fills_the_document_from_what_it_recorded(client, hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    act(case, "reject", boss, reason="Đơn gửi sau 90 ngày", legal_ground="kn_time_expired")
    client.force_login(boss)
    assert client.post(_urls(case), {"template": "kn_thong_bao_khong_thu_ly"}
                       ).status_code == 302  # nothing more to ask
    document = Document.objects.get(case=case)
    assert "Đơn gửi sau 90 ngày" in document.body
    assert "khoản 6 Điều 11 Luật Khiếu nại" in document.body
