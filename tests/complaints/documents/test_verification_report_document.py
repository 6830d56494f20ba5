"""The report on the verification's result as a document: Mẫu số 11-KN (khoản 4 Điều 29 Luật
Khiếu nại; Điều 18 Thông tư 07/2013/TT-TTCP) and Mẫu số 10 (khoản 6 Điều 31 Luật Tố cáo; Điều 16
Nghị định 31/2019/NĐ-CP): drafted with the step's fields, signed by the team's leader (or the
officer who verified), addressed to the unit's head, issued with the step; a denunciation's
never names the denouncer (Điều 47 Luật Tố cáo)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.documents.models import Document
from complaints.documents.services import document_draft, templates_for
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from tests.complaints.workflow.helpers import case_in
from tests.factories import UserFactory

from .helpers import leader, pdf_text, province, read

pytestmark = pytest.mark.django_db


def _resolve_by():
    return timezone.localdate() + datetime.timedelta(days=40)


TEAM = "Nguyễn Văn An, Phó Chánh Thanh tra Sở\nTrần Thị Bình, Thanh tra viên"
SECRETS = ("Nguyễn Thị Dân", "051190000123", "0905123456")


def _verifier(hospital):
    return UserFactory(username="xacminh", last_name="Trần Thị", first_name="Xác Minh",
                       facility=hospital)


def test_each_kind_has_its_report_form():
    hospital = province()[1]
    for kind, code in ((CaseKind.KHIEU_NAI, "kn_bao_cao_ket_qua_xac_minh"),
                       (CaseKind.TO_CAO, "tc_bao_cao_ket_qua_xac_minh")):
        case = case_in(kind, CaseStatus.VERIFYING, facility=hospital)
        assert {t.code for t in templates_for(case=case, action="report_verification")} == {code}


def test_the_complaint_report_is_signed_by_the_team_leader_and_issued_with_the_step(client):
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   assigned_user=_verifier(hospital), resolve_by=_resolve_by(),
                   verification_team=TEAM, verification_days=20,
                   verification_until=_resolve_by() - datetime.timedelta(days=5),
                   decision_complained="Quyết định thu viện phí số 12/QĐ-BV")
    client.force_login(boss)
    documents = reverse("complaints_admin:documents", args=[case.tracking_code])
    page = client.get(documents).content.decode()
    assert "Đề xuất đánh giá nội dung" in page
    fields = {"template": "kn_bao_cao_ket_qua_xac_minh",
              "report_verification-verification_result": "Thu cao hơn bảng giá 20.000 đồng.",
              "report_verification-proposed_finding": "partly_correct"}
    missing = client.post(documents, fields)  # the recommendation is required
    assert missing.status_code == 400
    assert not Document.objects.filter(case=case).exists()
    drafted = client.post(documents, {
        **fields, "report_verification-recommendation": "Sửa đổi quyết định thu tiền.",
        "report_verification-dissent": "Bà Bình đề nghị hủy toàn bộ."})
    assert drafted.status_code == 302
    draft = Document.objects.get(case=case)
    assert (draft.signer_title, draft.signer_name) == ("TỔ TRƯỞNG TỔ XÁC MINH", "Nguyễn Văn An")
    assert draft.addressee == f"Giám đốc {hospital.name}"  # the head by their title
    body = draft.body
    assert "Tổ xác minh gồm:\n1. Nguyễn Văn An, Phó Chánh Thanh tra Sở – Tổ trưởng;" in body
    assert "– thành viên.\nTổ xác minh báo cáo kết quả xác minh như sau:\n" in body
    assert "Quyết định thu viện phí số 12/QĐ-BV" in body
    assert "II. Kết quả xác minh đối với từng nội dung được giao xác minh\nThu cao hơn" in body
    assert "Nội dung khiếu nại được giao xác minh: khiếu nại đúng một phần." in body
    assert "IV. Kiến nghị nội dung giải quyết khiếu nại\nSửa đổi quyết định thu tiền." in body
    assert "(được bảo lưu theo khoản 1 Điều 18 Thông tư số 07/2013/TT-TTCP)" in body
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    issued = client.post(url, {"operation": "issue_step",
                               "signed_confirmed": "on", "version": draft.version})
    assert issued.status_code == 302, issued.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.is_issued and "/BC-" in draft.symbol
    event = CaseEvent.objects.get(case=case, action="report_verification")
    assert event.data["proposed_finding"] == "partly_correct"
    text = " ".join(pdf_text(read(draft.pdf.file)).split())
    assert "BÁO CÁO" in text and "Kết quả xác minh nội dung khiếu nại" in text
    assert "TỔ TRƯỞNG TỔ XÁC MINH" in text and "Nguyễn Văn An" in text


def test_the_denunciation_report_keeps_the_denouncer_secret():
    hospital = province()[1]
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital,
                   assigned_user=_verifier(hospital), resolve_by=_resolve_by(),
                   title="Nguyễn Thị Dân tố cáo bác sĩ nhận tiền của người bệnh",
                   accused_name="Phạm Văn Bị", accused_position="Bác sĩ khoa Ngoại")
    draft = document_draft(
        case_id=case.pk, template_code="tc_bao_cao_ket_qua_xac_minh", actor=leader(),
        origin="test", step={"verification_result": "Có nhận 500.000 đồng.",
                             "proposed_finding": "correct",
                             "recommendation": "Kiểm điểm, thu hồi số tiền đã nhận."})
    # No team: the officer who verified signs.
    assert (draft.signer_title, draft.signer_name) == ("NGƯỜI XÁC MINH", "Trần Thị Xác Minh")
    for secret in SECRETS:
        assert secret not in draft.body + draft.trich_yeu + draft.addressee
    assert draft.trich_yeu == "Kết quả xác minh nội dung tố cáo đối với Phạm Văn Bị"
    assert f"Người bị tố cáo: Phạm Văn Bị, Bác sĩ khoa Ngoại {hospital.name}." in draft.body
    assert "4. Đề xuất đánh giá nội dung tố cáo: tố cáo đúng." in draft.body
    assert "3. Nội dung giải trình của người bị tố cáo: không có" in draft.body
    assert "Trần Thị Xác Minh, Bệnh viện" in draft.body and ", báo cáo kết quả xác minh" in (
        draft.body)
    assert "Điều 47 Luật Tố cáo" in draft.body


def test_a_report_drafted_again_is_checked_as_its_step_will_take_it(client):
    """The report may be recorded again (a verification corrected), and its document issued
    with the step takes the recorded values with the draft's changes: the draft page checks
    those, so the denouncer's name in a corrected result is refused when drafting (Điều 47
    Luật Tố cáo), nothing drafted."""
    from tests.complaints.workflow.helpers import act

    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital,
                   assigned_user=_verifier(hospital), resolve_by=_resolve_by(),
                   accused_name="Phạm Văn Bị")
    act(case, "report_verification", boss, verification_result="Có nhận 500.000 đồng.",
        proposed_finding="correct", recommendation="Kiểm điểm.")
    client.force_login(boss)
    documents = reverse("complaints_admin:documents", args=[case.tracking_code])
    refused = client.post(documents, {
        "template": "tc_bao_cao_ket_qua_xac_minh",
        "report_verification-verification_result": "Bà Nguyễn Thị Dân xác nhận đã đưa tiền."})
    assert refused.status_code == 400, refused.content.decode()[:500]
    assert "Điều 47 Luật Tố cáo" in refused.content.decode()
    assert not Document.objects.filter(case=case).exists()
    # The recorded report, unchanged, drafts.
    drafted = client.post(documents, {"template": "tc_bao_cao_ket_qua_xac_minh"})
    assert drafted.status_code == 302
    assert Document.objects.filter(case=case).count() == 1


def test_only_who_may_draft_has_the_values_checked(client):
    hospital = province()[1]
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital,
                   resolve_by=_resolve_by(), accused_name="Phạm Văn Bị")
    reader = UserFactory(perms=["complaints.view_case", "complaints.view_all_cases"],
                         admin_access=True)
    client.force_login(reader)
    documents = reverse("complaints_admin:documents", args=[case.tracking_code])
    probe = client.post(documents, {
        "template": "tc_bao_cao_ket_qua_xac_minh",
        "report_verification-verification_result": "Nguyễn Thị Dân"})
    assert client.get(documents).status_code == 200  # the reader sees the documents
    # Refused before any check runs (the admin sends a refusal back to its home page).
    assert probe.status_code in (302, 403) and "Điều 47" not in probe.content.decode()
    assert not Document.objects.filter(case=case).exists()
