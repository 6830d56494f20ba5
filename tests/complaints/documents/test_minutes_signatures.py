"""The dialogue minutes end as Mẫu số 14 (Nghị định 124/2020/NĐ-CP, thay thế bởi Nghị định
155/2026/NĐ-CP) ends: the time the meeting ended and the signatures of the parties (khoản 4
Điều 28: "có chữ ký của các bên"), not a letter's "Nơi nhận" and one signer; a draft made
before the result was recorded takes it up with "Cập nhật từ hồ sơ", keeping the
officer's own edits, instead of being cancelled and drafted again."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.documents.models import Document
from complaints.documents.services import document_draft, document_issue, document_update
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting
from tests.complaints.workflow.helpers import act, case_in, verified

from .helpers import leader, pdf_text, province, read

pytestmark = pytest.mark.django_db

LED_BY = "Ông Trần Văn Chánh"
RESULT = "Thống nhất: phiếu thu số 125 thu đúng giá. Còn ý kiến khác nhau: phụ thu giường."
CAPTIONS = (
    "NGƯỜI BỊ KHIẾU NẠI",
    "NGƯỜI GIẢI QUYẾT KHIẾU NẠI",
    "NGƯỜI KHIẾU NẠI",
    "ĐẠI DIỆN CƠ QUAN, TỔ CHỨC, CÁ NHÂN CÓ LIÊN QUAN",
    "NGƯỜI CÓ QUYỀN VÀ NGHĨA VỤ LIÊN QUAN",
    "NGƯỜI GHI BIÊN BẢN",
)
END_LINE = "Buổi đối thoại kết thúc hồi"


def _scheduled(boss):
    hospital = boss.facility_memberships.get().facility  # the hospital's leader (`leader`)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   second_time=True)
    day = timezone.localdate() + datetime.timedelta(days=6)
    act(case, "schedule_dialogue", boss, scheduled_at=f"{day.isoformat()}T09:00",
        place="Phòng họp số 2", participants="Người khiếu nại; Phòng Tài chính - Kế toán")
    held_day = timezone.localdate() - datetime.timedelta(days=1)
    held_at = timezone.make_aware(datetime.datetime.combine(held_day, datetime.time(14, 30)))
    DialogueMeeting.objects.filter(case=case).update(scheduled_at=held_at)
    verified(case)  # the dialogue is held on the verification's result
    return case


def _held(case, boss):
    act(case, "record_dialogue", boss, outcome="held", led_by=LED_BY, led_by_head=True,
        minutes="Bệnh viện giữ nguyên phiếu thu.", result=RESULT)


def _draft(case, boss) -> Document:
    return document_draft(case_id=case.pk, template_code="kn_bien_ban_doi_thoai",
                          actor=boss, origin="test")


def _filled(document, boss, *, body: str | None = None) -> Document:
    """The officer fills the blanks the meeting's paper holds: who took the minutes, when
    it ended, how many copies."""
    text = (body or document.body).replace(
        "2. Người ghi biên bản: ..............", "2. Người ghi biên bản: Bà Phạm Thị Ghi"
    ).replace("kết thúc hồi ..... giờ .....", "kết thúc hồi 16 giờ 10").replace(
        "lập thành ..... bản", "lập thành 03 bản")
    fields = {name: getattr(document, name) for name in (
        "trich_yeu", "addressee", "recipients", "signer_authority", "principal_title",
        "signer_title", "signer_name")}
    return document_update(document_id=document.pk, actor=boss, origin="test", body=text,
                           **fields)


def _docx_text(data: bytes) -> str:
    from docx import Document as Docx

    doc = Docx(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return "\n".join(texts)


def test_the_issued_minutes_end_with_the_end_time_and_the_parties_signatures():
    province()
    boss = leader()
    case = _scheduled(boss)
    _held(case, boss)
    document = _filled(_draft(case, boss), boss)

    issued = document_issue(document_id=document.pk, actor=boss, origin="test",
                            signed_confirmed=True)

    pdf = pdf_text(read(issued.pdf.file))
    docx = _docx_text(read(issued.docx))
    for text in (pdf, docx):
        assert "Buổi đối thoại kết thúc hồi 16 giờ 10" in text
        for caption in CAPTIONS:
            assert caption in text, caption
        assert "(Ký, ghi rõ họ tên hoặc điểm chỉ)" in text
        # Named where the case knows them: the complainant, the chair.
        assert case.reporter.name in text
        assert LED_BY in text
        # Mẫu số 14 is no letter: no "Nơi nhận".
        assert "Nơi nhận" not in text
    assert "Khoản 4 Điều 28" in issued.template.legal_basis


def test_a_draft_made_before_the_result_takes_it_up_and_keeps_the_officers_edits(client):
    province()
    boss = leader()
    case = _scheduled(boss)
    draft = _draft(case, boss)
    assert "khác nhau: .............." in draft.body
    # The officer writes in the draft before the result is recorded.
    end = "Buổi đối thoại kết thúc hồi"
    draft = _filled(draft, boss, body=draft.body.replace(
        end, f"Ông Chánh tóm tắt kết quả xác minh.\n{end}"))
    _held(case, boss)

    client.force_login(boss)
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    page = client.get(url).content.decode()
    assert "Cập nhật từ hồ sơ" in page
    response = client.post(url, {"operation": "refresh"})
    assert response.status_code == 302

    draft.refresh_from_db()
    assert f"khác nhau: {RESULT}" in draft.body
    assert "Ông Chánh tóm tắt kết quả xác minh." in draft.body  # the officer's edit kept
    assert "Bà Phạm Thị Ghi" in draft.body
    assert f"chủ trì đối thoại: {LED_BY}" in draft.body
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert issued.symbol


def test_the_refusal_for_blanks_points_to_the_update_from_the_case():
    from complaints.documents.services import DocumentError

    province()
    boss = leader()
    case = _scheduled(boss)
    draft = _draft(case, boss)
    _held(case, boss)
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "bấm “Cập nhật từ hồ sơ”" in refused.value.message
