"""The citizens' PDFs (the receipt, the case file) and the administrative documents are
tagged: a structure tree (headings, tables, reading order), MarkInfo /Marked and the
document's language, Vietnamese, so a screen reader reads them in order and with a
Vietnamese voice (WCAG 1.3.1, PDF/UA), on an English page as well."""

from __future__ import annotations

import io

import pikepdf
import pytest
from django.urls import reverse

from complaints.documents import rendering
from complaints.kinds import CaseKind, CaseStatus
from complaints.views.public import SUBMITTED_KEY, TRACKED_KEY
from tests.complaints.workflow.helpers import case_in
from tests.factories import DEFAULT_PIN

from .helpers import province

pytestmark = pytest.mark.django_db


def _structure(data: bytes) -> dict:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        tree = root.get("/StructTreeRoot")
        kinds = set()

        def walk(node, depth=0):
            if depth > 40:
                return
            if isinstance(node, pikepdf.Array):
                for item in node:
                    walk(item, depth + 1)
            elif isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    kinds.add(str(node.S))
                if "/K" in node:
                    walk(node.K, depth + 1)

        if tree is not None:
            walk(tree.get("/K"))
        mark_info = root.get("/MarkInfo")
        return {
            "tree": tree is not None,
            "marked": bool(mark_info is not None and mark_info.get("/Marked")),
            "lang": str(root.get("/Lang", "")),
            "kinds": kinds,
        }


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_receipt_and_the_case_file_are_tagged_pdfs_in_vietnamese(client, language):
    _department, hospital = province()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital,
                   accept_by="2026-09-10")
    session = client.session
    session[TRACKED_KEY] = {case.tracking_code: DEFAULT_PIN}
    session[SUBMITTED_KEY] = {case.tracking_code: {"pin": DEFAULT_PIN, "warnings": []}}
    session.save()
    client.cookies["django_language"] = language
    for name in ("complaints:receipt_pdf", "complaints:case_file_pdf"):
        response = client.get(reverse(name, args=[case.tracking_code]))
        assert response["Content-Type"] == "application/pdf", name
        found = _structure(response.content)
        assert found["tree"] and found["marked"], name
        assert found["lang"] == "vi", name
        assert "/H1" in found["kinds"] and "/Table" in found["kinds"], (name, found["kinds"])


def test_an_administrative_document_is_tagged_too():
    found = _structure(rendering.pdf_bytes(rendering.document_html(_parts())))
    assert found["tree"] and found["marked"] and found["lang"] == "vi"


def _parts():
    return rendering.DocumentParts(
        superior="UBND TỈNH QUẢNG NGÃI", issuer="SỞ Y TẾ", symbol="12/TB-SYT",
        place_date="Quảng Ngãi, ngày 05 tháng 12 năm 2026", type_name="THÔNG BÁO",
        trich_yeu="Về việc thụ lý khiếu nại", addressee="Bà Nguyễn Thị Dân",
        body=["Sở Y tế đã nhận đơn khiếu nại."], recipients=["- Như trên;"],
        signer_authority="KT. GIÁM ĐỐC", principal_title="GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC", signer_name="Lê Văn Giám",
    )


def test_a_tagged_pdf_passes_the_attachments_check_and_an_action_in_its_place_does_not():
    """A structure element's /A is its attributes (a table cell's headers: /O, no /S), not
    an action: the issued document (kept as an attachment) and a citizen's tagged PDF (a
    Word export) are kept; a JavaScript action where the attributes go is still refused."""
    from complaints.services.attachments import AttachmentsInvalid, attachments_clean
    from tests.complaints.intake_factories import upload

    data = rendering.pdf_bytes(
        '<html lang="vi"><body><h1>Bảng</h1><table><tr><th scope="col">Ngày</th></tr>'
        "<tr><td>05/12/2026</td></tr></table></body></html>"
    )
    [kept] = attachments_clean(files=[upload("bang.pdf", data)])
    assert kept.content == data
    assert attachments_clean(
        files=[upload("van-ban.pdf", rendering.pdf_bytes(rendering.document_html(_parts())))]
    )

    with pikepdf.open(io.BytesIO(data)) as pdf:
        cell = next(
            element for element in _elements(pdf.Root.StructTreeRoot) if "/A" in element
        )
        cell.A = pikepdf.Dictionary(
            O=pikepdf.Name("/Table"), S=pikepdf.Name("/JavaScript"),
            JS=pikepdf.String("app.alert(1)"),
        )
        out = io.BytesIO()
        pdf.save(out)
    with pytest.raises(AttachmentsInvalid):
        attachments_clean(files=[upload("bang.pdf", out.getvalue())])


def _elements(node, depth=0):
    if depth > 40:
        return
    if isinstance(node, pikepdf.Array):
        for item in node:
            yield from _elements(item, depth + 1)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from _elements(node.K, depth + 1)
