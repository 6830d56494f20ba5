"""Every template renders, for every kind it applies to, as an NĐ 30/2020 document
(HTML, PDF whose extracted text is checked, DOCX)."""

from __future__ import annotations

import io

import pytest
from docx import Document as Docx

from complaints.documents import rendering
from complaints.documents.models import DocumentTemplate
from complaints.documents.services import document_draft, templates_sync
from complaints.rules.documents import FORMS
from tests.complaints.workflow.helpers import case_in

from .helpers import leader, pdf_text, province

CASES = [(form.code, kind) for form in FORMS for kind in sorted(form.kinds)]


def test_every_form_cites_its_article_and_a_known_type():
    codes = [form.code for form in FORMS]
    assert len(codes) == len(set(codes))
    for form in FORMS:
        assert "Điều" in form.legal_basis, form.code  # "Điều 30 Luật Tố cáo", never "Art 30"
        assert "Art " not in form.legal_basis
        assert form.document_type in rendering.DOCUMENT_TYPES
    # The forms the decrees name, including those whose steps land from other branches.
    actions = {form.action for form in FORMS}
    assert {"accept", "reject", "forward", "request_info", "extend", "suspend", "resume",
            "conclude", "file", "withdraw", "dialogue_minutes"} <= actions
    titles = " ".join(form.title for form in FORMS)
    for mau in ("Mẫu số 03", "Mẫu số 04", "Mẫu số 14)", "Mẫu số 14a", "Mẫu số 14b"):
        assert mau in titles


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "kind"), CASES)
def test_template_renders_for_kind(code, kind):
    _department, hospital = province()
    boss = leader()
    templates_sync()
    case = case_in(kind, "accepted", facility=hospital, resolve_by=None)
    document = document_draft(
        case_id=case.pk, template_code=code, actor=boss, origin="test",
        step={"reason": "Lý do thử nghiệm", "to": "Ủy ban nhân dân xã Phổ Cường",
              "message": "bản có chữ ký", "conclusion": "Kết quả xác minh thử nghiệm",
              "public_answer": "Trả lời thử nghiệm"},
    )
    assert "{{" not in document.body and "{%" not in document.body
    parts = rendering.parts_for(document)
    html = rendering.document_html(parts)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    text = pdf_text(rendering.pdf_bytes(html))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "BỆNH VIỆN ĐA KHOA KHU VỰC ĐỨC PHỔ" in text
    assert "SỞ Y TẾ TỈNH QUẢNG NGÃI" in text  # the superior body
    # Mẫu số 14 is no letter: the minutes end with the parties' signatures instead.
    assert ("NGƯỜI GHI BIÊN BẢN" if parts.signature_rows else "Nơi nhận:") in text
    assert case.tracking_code in text
    if parts.type_name:
        assert parts.type_name in text
    docx = Docx(io.BytesIO(rendering.docx_bytes(parts)))
    cells = " ".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "Số: …/" in cells
    assert DocumentTemplate.objects.get(code=code).history.count() == 1


def test_place_and_date_in_words():
    import datetime

    assert rendering.place_and_date("Quảng Ngãi", datetime.date(2026, 2, 5)) == (
        "Quảng Ngãi, ngày 05 tháng 02 năm 2026"
    )
    assert rendering.place_and_date("Đức Phổ", datetime.date(2026, 12, 3)) == (
        "Đức Phổ, ngày 03 tháng 12 năm 2026"
    )
    assert rendering.symbol_for(number=7, document_type="quyet_dinh", issuer_code="syt-qng") == (
        "07/QĐ-SYT-QNG"
    )
