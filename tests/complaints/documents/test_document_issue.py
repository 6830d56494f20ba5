"""Drafting and issuing: the step and its document in one act, numbers per unit, year and
type, the private PDF with its text, history, the event on the timeline, the copy sent to
the citizen, the signed copy, and the denouncer's identity (Luật TC Art 47)."""

from __future__ import annotations

import unicodedata

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.documents.models import Document, DocumentStatus
from complaints.documents.services import (
    DocumentError,
    document_attach_signed,
    document_draft,
    document_issue,
    document_update,
)
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.services.workflow import TransitionNotAllowed, case_transition
from tests.complaints.workflow.helpers import case_in

from .helpers import (
    director,
    handler,
    leader,
    pdf_text,
    province,
    read,
    resolver_writes,
    step_taken,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    return province()


def test_accept_with_its_notice_is_one_act(units, django_capture_on_commit_callbacks):
    _department, hospital = units
    boss = director(hospital)  # the competent unit's head accepts (Điều 27 Luật Khiếu nại)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                           origin="test")
    assert draft.status == DocumentStatus.DRAFT and draft.number is None
    assert "Nguyễn Thị Dân" in draft.body  # a complainant is named (not confidential)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="accept", actor=boss, data={}, origin="test",
                        document_id=draft.pk, signed_confirmed=True)

    case.refresh_from_db()
    draft.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert draft.status == DocumentStatus.ISSUED
    assert draft.number == 1 and draft.symbol == "01/TB-BVDK-DUC-PHO"
    # The hospital's document is signed by its head, who issues it.
    assert draft.signer_name == "Lê Văn Giám"
    # The PDF is a private attachment of the case; its text is the document.
    assert draft.pdf.case_id == case.pk and draft.pdf.content_type == "application/pdf"
    text = pdf_text(read(draft.pdf.file))
    assert "Số: 01/TB-BVDK-DUC-PHO" in text
    assert "THÔNG BÁO" in text and "Về việc thụ lý giải quyết khiếu nại" in text
    assert "Đức Phổ, ngày" in text
    assert "Nguyễn Thị Dân" in text
    # The deadline's basis, filled in at issue, reads as the law is cited in Vietnamese.
    assert "(Điều 28 Luật Khiếu nại" in draft.body and " Art " not in draft.body
    assert draft.docx.name.endswith(".docx")
    # Recorded in the history and on the citizen's timeline, and sent with the PDF.
    assert draft.history.filter(history_change_reason__contains="document_issue").exists()
    event = CaseEvent.objects.get(case=case, action="document_issued")
    assert event.is_public and "01/TB-BVDK-DUC-PHO" in event.public_message
    sent = [m for m in mail.outbox if "01/TB-BVDK-DUC-PHO" in m.subject]
    assert len(sent) == 1 and sent[0].attachments[0][2] == "application/pdf"
    assert not [m for m in mail.outbox if "Đã ban hành" in m.body and not m.attachments]
    draft.refresh_from_db()
    assert draft.sent_to_citizen_at is not None


def test_a_document_that_cannot_be_issued_undoes_the_step(units):
    _department, hospital = units
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    # A notice of refusal offered with the acceptance: the wrong step.
    wrong = document_draft(case_id=case.pk, template_code="kn_thong_bao_khong_thu_ly",
                           actor=boss, origin="test", step={"reason": "x"})
    with pytest.raises(TransitionNotAllowed):
        case_transition(case_id=case.pk, action="accept", actor=boss, data={}, origin="test",
                        document_id=wrong.pk, signed_confirmed=True)
    case.refresh_from_db()
    wrong.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert wrong.status == DocumentStatus.DRAFT and wrong.number is None
    assert not CaseEvent.objects.filter(case=case, action="accept").exists()


def test_numbers_per_unit_year_and_type_never_reused(units):
    department, hospital = units
    boss = leader(facility=[department, hospital])  # a leader of each issuing unit
    docs = []
    for template_code, facility in [
        ("kn_thong_bao_thu_ly", hospital),
        ("kn_thong_bao_thu_ly", hospital),
        ("kn_quyet_dinh_giai_quyet", hospital),  # another type: its own sequence
        ("kn_thong_bao_thu_ly", department),  # another unit: its own sequence
    ]:
        case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=facility),
                          "accept", "conclude")
        draft = resolver_writes(document_draft(case_id=case.pk, template_code=template_code,
                                               actor=boss, origin="test"), boss)
        docs.append(document_issue(document_id=draft.pk, actor=boss, origin="test",
                                   signed_confirmed=True))
    assert [d.symbol for d in docs] == [
        "01/TB-BVDK-DUC-PHO", "02/TB-BVDK-DUC-PHO", "01/QĐ-BVDK-DUC-PHO", "01/TB-SYT-QNG",
    ]
    # A double click: the second issue is refused, no second number is taken.
    with pytest.raises(DocumentError):
        document_issue(document_id=docs[0].pk, actor=boss, origin="test", signed_confirmed=True)
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital),
                      "accept")
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                           origin="test")
    assert document_issue(document_id=draft.pk, actor=boss, origin="test",
                          signed_confirmed=True).number == 3


def test_only_a_leader_issues_and_only_drafts_are_edited(units):
    _department, hospital = units
    clerk = handler(hospital)
    boss = leader()
    case = step_taken(case_in(CaseKind.PHAN_ANH, CaseStatus.ACCEPTED, facility=hospital),
                      "conclude")
    draft = document_draft(case_id=case.pk, template_code="pakn_van_ban_tra_loi", actor=clerk,
                           origin="test",
                           step={"public_answer": "Bệnh viện đã bố trí thêm bàn khám."})
    document_update(document_id=draft.pk, actor=clerk, origin="test",
                    body=draft.body + "\nĐoạn bổ sung của cán bộ.", signer_authority="KT.",
                    principal_title="Giám đốc", signer_title="Phó Giám đốc")
    with pytest.raises(PermissionDenied):
        document_issue(document_id=draft.pk, actor=clerk, origin="test", signed_confirmed=True)
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    text = pdf_text(read(issued.pdf.file))
    assert "Đoạn bổ sung của cán bộ." in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text
    assert "Bệnh viện đã bố trí thêm bàn khám." in text
    with pytest.raises(DocumentError):
        document_update(document_id=issued.pk, actor=clerk, origin="test", body="sửa sau")
    # Outside the handler's scope the document does not exist for them.
    other = case_in(CaseKind.PHAN_ANH, CaseStatus.ACCEPTED)
    with pytest.raises(Case.DoesNotExist):
        document_draft(case_id=other.pk, template_code="pakn_van_ban_tra_loi", actor=clerk,
                       origin="test")


def test_signed_copy_upload_or_electronic_signature(units):
    _department, hospital = units
    boss = leader()
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital),
                      "conclude")
    draft = resolver_writes(document_draft(
        case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet", actor=boss, origin="test",
    ), boss)
    with pytest.raises(DocumentError):
        document_attach_signed(document_id=draft.pk, actor=boss, origin="test", e_signed=True)
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert issued.lacks_signed_copy
    scan = SimpleUploadedFile("ban-ky.pdf", read(issued.pdf.file), "application/pdf")
    signed = document_attach_signed(document_id=issued.pk, actor=boss, origin="test", upload=scan)
    assert not signed.lacks_signed_copy and signed.signed_copy.original_name == "ban-ky.pdf"
    bad = SimpleUploadedFile("ban-ky.exe", b"MZ\x90\x00 not a pdf", "application/pdf")
    case2 = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital),
                       "conclude")
    other = document_issue(
        document_id=resolver_writes(document_draft(
            case_id=case2.pk, template_code="kn_quyet_dinh_giai_quyet", actor=boss, origin="test",
        ), boss).pk,
        actor=boss, origin="test", signed_confirmed=True)
    from complaints.services.attachments import AttachmentsInvalid

    with pytest.raises(AttachmentsInvalid):
        document_attach_signed(document_id=other.pk, actor=boss, origin="test", upload=bad)
    e_signed = document_attach_signed(document_id=other.pk, actor=boss, origin="test",
                                      e_signed=True)
    assert e_signed.e_signed and not e_signed.lacks_signed_copy


# ---- Luật Tố cáo Art 47 ---------------------------------------------------------------


def _denunciation(hospital):
    return case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)


def test_denouncer_named_only_in_the_document_addressed_to_them(units):
    _department, hospital = units
    boss = leader()
    case = _denunciation(hospital)
    to_denouncer = document_draft(case_id=case.pk, template_code="tc_thong_bao_thu_ly_nguoi_to_cao",
                                  actor=boss, origin="test")
    to_accused = document_draft(case_id=case.pk,
                                template_code="tc_thong_bao_thu_ly_nguoi_bi_to_cao",
                                actor=boss, origin="test")
    # Drafts never hold the identity: placeholders for the denouncer's own copy.
    for draft in (to_denouncer, to_accused):
        assert "Nguyễn Thị Dân" not in draft.body + draft.addressee
        assert "051190000123" not in draft.body
    assert "«Họ tên người tố cáo»" in to_denouncer.addressee

    case_transition(case_id=case.pk, action="accept", actor=boss, data={}, origin="test",
                    document_id=to_denouncer.pk, signed_confirmed=True)
    issued_to_accused = document_issue(document_id=to_accused.pk, actor=boss, origin="test",
                                       signed_confirmed=True)
    to_denouncer.refresh_from_db()
    denouncer_text = pdf_text(read(to_denouncer.pdf.file))
    accused_text = pdf_text(read(issued_to_accused.pdf.file))
    assert "Nguyễn Thị Dân" in denouncer_text and "Phổ Cường" in denouncer_text
    assert "Trần Văn B" in accused_text
    for secret in ("Nguyễn Thị Dân", "051190000123", "0905123456", "Phổ Cường"):
        assert secret not in accused_text
    # The accused's copy is not the citizen's: not on the public timeline.
    public = CaseEvent.objects.filter(case=case, action="document_issued", is_public=True)
    assert [e.data["symbol"] for e in public] == [to_denouncer.symbol]


@pytest.mark.parametrize("typed", ["Nguyễn Thị Dân", "nguyễn thị dân", "0905123456"])
def test_identity_typed_into_a_document_for_others_blocks_its_issue(units, typed):
    _department, hospital = units
    boss = leader()
    case = step_taken(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital),
                      "conclude")
    conclusion = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=boss,
                                origin="test", step={"conclusion": "Đã xác minh."})
    assert "người tố cáo (thông tin được giữ bí mật theo Điều 47 Luật Tố cáo)" in (
        conclusion.body
    ) or "Điều 47" in conclusion.body
    document_update(document_id=conclusion.pk, actor=boss, origin="test",
                    body=conclusion.body + f"\nTheo lời khai của {typed}.")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=conclusion.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "Điều 47 Luật Tố cáo" in refused.value.message
    conclusion.refresh_from_db()
    assert conclusion.status == DocumentStatus.DRAFT and conclusion.number is None
    assert not Document.objects.filter(case=case, status=DocumentStatus.ISSUED).exists()


@pytest.mark.parametrize(
    "typed",
    [
        "bà Lê Thị Mật, SĐT 0905 999 888",
        "Le Thi Mat",
        "LÊ  THỊ\nMẬT",
        "Lê\u00a0Thị Mật",  # a no-break space
        unicodedata.normalize("NFD", "Lê Thị Mật"),  # typed decomposed
        "0905.999.888",
        "+84 905 999 888",
        "(+84) 905-999-888",
        "CCCD 051 190 005 678",
        "Le Thi Mat, 0905 999 888, CCCD 051 190 005 678",
    ],
)
def test_identity_check_folds_diacritics_spaces_and_separators(units, typed):
    """Khoản 1 Điều 47 Luật Tố cáo: the identity is not kept out by writing it without
    diacritics, with other spaces or case, or the numbers with spaces, dots or +84."""
    from complaints.models import Reporter

    _department, hospital = units
    boss = leader()
    case = step_taken(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital),
                      "conclude")
    Reporter.objects.filter(case=case).update(
        name="Lê Thị Mật", phone="0905999888", id_number="051190005678"
    )
    case.refresh_from_db()
    conclusion = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=boss,
                                origin="test", step={"conclusion": "Đã xác minh."})
    conclusion = resolver_writes(conclusion, boss)
    document_update(document_id=conclusion.pk, actor=boss, origin="test",
                    body=conclusion.body + f"\nTheo lời khai của {typed}.")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=conclusion.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "Điều 47 Luật Tố cáo" in refused.value.message
    assert not Document.objects.filter(case=case, status=DocumentStatus.ISSUED).exists()


@pytest.mark.parametrize(
    "typed",
    ["bà Lê Thị Mậu", "bà Lê Mật", "số 0905 999 88", "năm 2026, 18/02/2026"],
)
def test_identity_check_has_no_false_alarm_on_near_values(units, typed):
    from complaints.models import Reporter

    _department, hospital = units
    boss = leader()
    case = step_taken(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital),
                      "conclude")
    Reporter.objects.filter(case=case).update(
        name="Lê Thị Mật", phone="0905999888", id_number="051190005678",
        address="Phổ Cường, Đức Phổ, Quảng Ngãi",
    )
    case.refresh_from_db()
    conclusion = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=boss,
                                origin="test", step={"conclusion": "Đã xác minh."})
    conclusion = resolver_writes(conclusion, boss)
    document_update(document_id=conclusion.pk, actor=boss, origin="test",
                    body=conclusion.body + f"\nTheo lời khai của {typed}.")
    issued = document_issue(document_id=conclusion.pk, actor=boss, origin="test",
                            signed_confirmed=True)
    assert issued.status == DocumentStatus.ISSUED


def test_a_title_naming_the_denouncer_reaches_no_draft(units):
    """The title is the denouncer's words ("Nội dung tố cáo: {{ case.title }}"): their
    name in it is redacted in every draft, which staff who may not see it read too."""
    _department, hospital = units
    boss = leader()
    case = _denunciation(hospital)
    Case.objects.filter(pk=case.pk).update(title="Nguyễn Thị Dân tố cáo bác sĩ Trần Văn B")
    for code in ("tc_thong_bao_thu_ly_nguoi_to_cao", "tc_thong_bao_thu_ly_nguoi_bi_to_cao"):
        draft = document_draft(case_id=case.pk, template_code=code, actor=boss, origin="test")
        assert "Nguyễn Thị Dân" not in draft.body + draft.addressee
    assert "[được giữ bí mật] tố cáo bác sĩ Trần Văn B" in draft.body


def test_an_issued_documents_file_name_keeps_the_letter_d():
    """đ is a letter of its own, which decomposing drops: "…-to-chuc-oi-thoai.pdf" was the
    name citizens got for a dialogue notice."""
    from complaints.documents.services import _safe_file_name

    name = _safe_file_name("02/TB-BV-DTT-Về việc tổ chức đối thoại. Đợt 2")
    assert name == "02-TB-BV-DTT-Ve-viec-to-chuc-doi-thoai.-Dot-2"
