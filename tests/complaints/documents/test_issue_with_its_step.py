"""A document of a step is issued with its step or after it, never ahead of the step's
legal checks (complaints/documents/steps.py): a complaint decision while a mandatory
dialogue is missing (Điều 30 Luật Khiếu nại), a notice of acceptance on a refused case,
dialogue minutes before the meeting."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.documents.models import Document, DocumentStatus
from complaints.documents.services import (
    DocumentError,
    document_draft,
    document_issue,
    document_update,
)
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent, DialogueMeeting
from tests.complaints.workflow.helpers import act, case_in, verified

from .helpers import leader, province

pytestmark = pytest.mark.django_db

CONCLUDE = {"conclusion": "Giữ nguyên quyết định.", "public_answer": "Khiếu nại không có cơ sở."}


@pytest.fixture
def hospital():
    return province()[1]


def _nothing_issued(case):
    assert not Document.objects.filter(case=case, status=DocumentStatus.ISSUED).exists()
    assert not CaseEvent.objects.filter(case=case, action="document_issued").exists()


def test_a_complaint_decision_is_not_issued_while_the_dialogue_is_missing(hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital)
    act(case, "mark_verification_differs", boss, reason="Người khiếu nại không đồng ý")
    decision = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                              actor=boss, origin="test", step=CONCLUDE)
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=decision.pk, actor=boss, origin="test", signed_confirmed=True)
    message = refused.value.message
    assert "“Kết luận”" in message and "khoản 1 Điều 30 Luật Khiếu nại" in message
    case.refresh_from_db()
    decision.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    assert decision.status == DocumentStatus.DRAFT and decision.number is None
    _nothing_issued(case)


def test_a_notice_of_acceptance_is_not_issued_on_a_refused_case(hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    act(case, "reject", boss, reason="Quá thời hiệu", legal_ground="kn_time_expired")
    acceptance = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly",
                                actor=boss, origin="test")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=acceptance.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "“Thụ lý”" in refused.value.message
    assert "trạng thái “Không thụ lý”" in refused.value.message
    _nothing_issued(case)
    # The refusal's own notice, after the refusal was taken: issued alone.
    refusal = document_draft(case_id=case.pk, template_code="kn_thong_bao_khong_thu_ly",
                             actor=boss, origin="test", step={"reason": "Quá thời hiệu"})
    assert document_issue(document_id=refusal.pk, actor=boss, origin="test",
                          signed_confirmed=True).is_issued


def test_a_reopened_case_no_longer_counts_its_undone_step(hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    act(case, "reject", boss, reason="Quá thời hiệu", legal_ground="kn_time_expired")
    act(case, "reopen", boss, reason="Không thụ lý nhầm")
    refusal = document_draft(case_id=case.pk, template_code="kn_thong_bao_khong_thu_ly",
                             actor=boss, origin="test", step={"reason": "Quá thời hiệu"})
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=refusal.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "“Không thụ lý”" in refused.value.message
    _nothing_issued(case)


def test_a_reopened_conclusion_undoes_the_conclusion_not_the_acceptance(hospital):
    boss = leader()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    act(case, "accept", boss)
    act(case, "conclude", boss, **CONCLUDE)
    act(case, "reopen", boss, reason="Kết luận chưa đầy đủ")
    acceptance = document_draft(case_id=case.pk, template_code="pakn_thong_bao_tiep_nhan",
                                actor=boss, origin="test")
    assert document_issue(document_id=acceptance.pk, actor=boss, origin="test",
                          signed_confirmed=True).is_issued
    answer = document_draft(case_id=case.pk, template_code="pakn_van_ban_tra_loi",
                            actor=boss, origin="test")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=answer.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "“Kết luận”" in refused.value.message


def test_dialogue_minutes_are_issued_only_after_the_meeting_is_recorded_held(hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   second_time=True)
    day = timezone.localdate() + datetime.timedelta(days=6)
    act(case, "schedule_dialogue", boss, scheduled_at=f"{day.isoformat()}T09:00",
        place="Phòng họp", participants="Các bên")
    minutes = document_draft(case_id=case.pk, template_code="kn_bien_ban_doi_thoai",
                             actor=boss, origin="test")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=minutes.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "Ghi kết quả đối thoại" in refused.value.message
    assert "Điều 28 Nghị định 124/2020/NĐ-CP" in refused.value.message
    _nothing_issued(case)
    DialogueMeeting.objects.filter(case=case).update(
        scheduled_at=timezone.now() - datetime.timedelta(hours=1)
    )
    verified(case)  # the dialogue is held on the verification's result
    act(case, "record_dialogue", boss, outcome="held", led_by="Giám đốc", led_by_head=True,
        minutes="Bệnh viện giữ nguyên quyết định; người khiếu nại chưa đồng ý.",
        result="Còn ý kiến khác nhau về quyết định.")
    # Drafted before the meeting, its blanks were never written in: not issued as it is.
    with pytest.raises(DocumentError) as blank:
        document_issue(document_id=minutes.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "“2. Người ghi biên bản: ..............”" in blank.value.message
    # Drafted after the meeting was recorded, the minutes are those recorded with it.
    again = document_draft(case_id=case.pk, template_code="kn_bien_ban_doi_thoai",
                           actor=boss, origin="test")
    assert "Bệnh viện giữ nguyên quyết định; người khiếu nại chưa đồng ý." in again.body
    written = again.body.replace("ghi biên bản: ..............", "ghi biên bản: Trần Thị Thư")
    document_update(document_id=again.pk, actor=boss, origin="test",
                    body=written.replace("lập thành ..... bản", "lập thành 03 bản").replace(
                        "kết thúc hồi ..... giờ .....", "kết thúc hồi 10 giờ 30"))
    assert document_issue(document_id=again.pk, actor=boss, origin="test",
                          signed_confirmed=True).is_issued


def test_the_page_offers_only_the_step_with_its_document_and_says_why(client, hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    notice = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                            origin="test")
    url = reverse("complaints_admin:document", args=[case.tracking_code, notice.pk])
    client.force_login(boss)
    page = client.get(url).content.decode()
    assert "Phê duyệt bước “Thụ lý” và ban hành" in page
    assert 'value="issue"' not in page and 'id="doc-issue-alone"' in page
    refused = client.post(url, {"operation": "issue",
                                "signed_confirmed": "on", "version": notice.version})
    assert refused.status_code == 409 and "chưa được thực hiện" in refused.content.decode()
    _nothing_issued(case)
    assert client.post(url, {"operation": "issue_step",
                             "signed_confirmed": "on", "version": notice.version}
                       ).status_code == 302
    case.refresh_from_db()
    notice.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and notice.is_issued
