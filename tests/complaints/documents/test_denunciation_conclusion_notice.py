"""Khoản 3 Điều 35 Luật Tố cáo: the conclusion goes to the accused (and those concerned),
a notice of it to the denouncer, addressed to them; no other document names them
(Điều 47 Luật Tố cáo)."""

from __future__ import annotations

import importlib

import pytest
from django.urls import reverse

from complaints.documents.models import DocumentTemplate
from complaints.documents.services import document_draft, document_issue, templates_sync
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from complaints.services.workflow import case_transition
from tests.complaints.workflow.helpers import case_in
from tests.factories import conclusion_finding

from .helpers import leader, pdf_text, province, read, resolver_writes

pytestmark = pytest.mark.django_db

SECRETS = ("Nguyễn Thị Dân", "051190000123", "Phổ Cường")
CONCLUDE = {"conclusion": "Bác sĩ Trần Văn B thu tiền ngoài quy định hai lần.",
            "public_answer": "Tố cáo đúng một phần; đã kiểm điểm và hoàn trả tiền.",
            **conclusion_finding("partly_correct")}


def test_the_denouncer_gets_a_notice_of_the_conclusion_the_accused_the_conclusion(client):
    _department, hospital = province()
    boss = leader()
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital)
    client.force_login(boss)
    page = client.get(reverse("complaints_admin:documents", args=[case.tracking_code]))
    assert "Thông báo về kết luận nội dung tố cáo (gửi người tố cáo)" in page.content.decode()

    conclusion = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=boss,
                                origin="test", step=CONCLUDE)
    notice = document_draft(case_id=case.pk, template_code="tc_thong_bao_ket_luan_nguoi_to_cao",
                            actor=boss, origin="test", step=CONCLUDE)
    assert not any(s in notice.body + notice.addressee for s in SECRETS)  # a draft: marks
    assert "«Họ tên người tố cáo»" in notice.addressee

    conclusion = resolver_writes(conclusion, boss)  # the legal basis, the responsibilities
    case_transition(case_id=case.pk, action="conclude", actor=boss, data=CONCLUDE,
                    origin="test", document_id=conclusion.pk, signed_confirmed=True)
    notice = document_issue(document_id=notice.pk, actor=boss, origin="test", signed_confirmed=True)
    conclusion.refresh_from_db()

    # The notice: addressed to the denouncer, names them, cites the conclusion, is theirs.
    notice_text = pdf_text(read(notice.pdf.file))
    assert "Kính gửi: Ông/Bà Nguyễn Thị Dân" in notice_text
    assert f"kết luận nội dung tố cáo số {conclusion.symbol} ngày" in notice.body
    assert "Tố cáo đúng một phần" in notice_text and "Điều 37 Luật Tố cáo" in notice_text
    assert notice.owed_to_citizen and notice.audience == "reporter"
    # The conclusion: to the accused and those concerned; the denouncer not named.
    conclusion_text = pdf_text(read(conclusion.pdf.file))
    assert not any(secret in conclusion_text for secret in SECRETS)
    assert conclusion.audience == "accused" and not conclusion.owed_to_citizen
    assert "người tố cáo được thông báo về kết luận" in conclusion.body
    public = CaseEvent.objects.filter(case=case, action="document_issued", is_public=True)
    assert [e.data["symbol"] for e in public] == [notice.symbol]


def test_an_installed_conclusion_is_readdressed_by_the_migration():
    from django.apps import apps

    migration = importlib.import_module(
        "complaints.migrations.0027_document_template_denunciation_conclusion"
    )
    templates_sync()
    row = DocumentTemplate.objects.get(code="tc_ket_luan")
    row.body = row.body.replace(migration.NEW_SENT, migration.OLD_SENT)
    row.recipients, row.audience, row.owed_to_citizen = migration.OLD_RECIPIENTS, "parties", True
    row.save()
    migration.forwards(apps, None)
    row.refresh_from_db()
    assert row.body.endswith(migration.NEW_SENT) and row.recipients == migration.NEW_RECIPIENTS
    assert row.audience == "accused" and not row.owed_to_citizen


def test_a_notice_to_the_denouncer_readdressed_is_not_issued():
    """The denouncer's identity is filled into a notice addressed to them: readdressed to
    the person denounced, or copied to them under "Nơi nhận", it would carry it there (an
    attacker's test issued one "Kính gửi" the accused nurse with the denouncer's name, phone
    and ID number)."""
    from complaints.documents.services import DocumentError, document_update

    _department, hospital = province()
    boss = leader()
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital,
                   accused_name="Nữ hộ sinh trực đêm 12 khoa Sản")
    conclusion = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=boss,
                                origin="test", step=CONCLUDE)
    notice = document_draft(case_id=case.pk, template_code="tc_thong_bao_ket_luan_nguoi_to_cao",
                            actor=boss, origin="test", step=CONCLUDE)
    conclusion = resolver_writes(conclusion, boss)  # the legal basis, the responsibilities
    case_transition(case_id=case.pk, action="conclude", actor=boss, data=CONCLUDE,
                    origin="test", document_id=conclusion.pk, signed_confirmed=True)
    addressee, recipients = notice.addressee, notice.recipients

    def issue_with(**fields):
        document_update(document_id=notice.pk, actor=boss, origin="test",
                        signer_authority=notice.signer_authority, **fields)
        with pytest.raises(DocumentError) as refused:
            document_issue(document_id=notice.pk, actor=boss, origin="test", signed_confirmed=True)
        return refused.value.message

    message = issue_with(addressee="Nữ hộ sinh trực đêm 12 khoa Sản")
    assert "«Họ tên người tố cáo»" in message and "Điều 47 Luật Tố cáo" in message
    message = issue_with(addressee=addressee,
                         recipients=f"{recipients}\n- nữ hộ sinh trực đêm 12 KHOA SAN;")
    assert "không được gửi người bị tố cáo" in message
    document_update(document_id=notice.pk, actor=boss, origin="test",
                    signer_authority=notice.signer_authority, recipients=recipients)
    issued = document_issue(document_id=notice.pk, actor=boss, origin="test", signed_confirmed=True)
    assert issued.symbol and "Nguyễn Thị Dân" in issued.addressee
