"""What a citizen prints: the receipt after filing and the file of their own case.

Both are rendered on request and never stored. The PIN appears only on the receipt
printed from the page that shows it once after filing (the caller passes it from the
session); no file anywhere holds it."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from complaints.documents import rendering
from complaints.documents.models import Document, DocumentStatus
from complaints.kinds import CaseKind
from complaints.selectors.tracking import case_public_view
from portal.province import department_name

# What happens next, per kind, with the article that sets the clock (DOMAIN.md §4).
NEXT_STEPS = {
    CaseKind.PHAN_ANH: (
        "Cơ quan có thẩm quyền xem xét và trả lời việc tiếp nhận, chuyển đơn hoặc không xử lý "
        "(khoản 1 Điều 28 Luật Tiếp công dân).",
    ),
    CaseKind.KIEN_NGHI: (
        "Cơ quan có thẩm quyền xem xét và trả lời việc tiếp nhận, chuyển đơn hoặc không xử lý "
        "(khoản 1 Điều 28 Luật Tiếp công dân).",
    ),
    CaseKind.KHIEU_NAI: (
        "Người có thẩm quyền thụ lý hoặc thông báo không thụ lý bằng văn bản (Điều 27 Luật "
        "Khiếu nại; khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP).",
        "Sau khi thụ lý, khiếu nại được giải quyết trong thời hạn của Điều 28 (lần đầu) hoặc "
        "Điều 37 (lần hai) Luật Khiếu nại.",
    ),
    CaseKind.TO_CAO: (
        "Người giải quyết tố cáo quyết định thụ lý hoặc không thụ lý (khoản 1 Điều 24, Điều 29 "
        "Luật Tố cáo) và thông báo cho người tố cáo.",
        "Họ tên, địa chỉ và thông tin cá nhân của người tố cáo được giữ bí mật (Điều 47 Luật "
        "Tố cáo).",
    ),
}


def _local(value):
    return timezone.localtime(value) if value else None


def receipt_html(*, case, pin: str | None, base_url: str = "") -> str:
    """The receipt, a paper of the Sở: in Vietnamese whatever language the visitor reads
    the portal in (the page offering it says so), every label included."""
    with translation.override(settings.LANGUAGE_CODE):
        view = case_public_view(case=case)
        return render_to_string(
            "complaints/documents/receipt.html",
            {
                "case": view,
                "pin": pin,
                "received_at": _local(case.received_at),
                "next_steps": NEXT_STEPS.get(case.kind, ()),
                "tracking_url": base_url + case.get_absolute_url(),
                "portal_name": settings.PORTAL_NAME,
                "department": department_name(),
                "hotline": getattr(settings, "PORTAL_HOTLINE", ""),
                "printed_at": timezone.localtime(),
            },
        )


def citizen_documents(case):
    """The issued documents the citizen is owed, oldest first."""
    return (
        Document.objects.filter(case=case, status=DocumentStatus.ISSUED, owed_to_citizen=True)
        .select_related("issuer", "case")
        .order_by("issued_at", "id")
    )


def case_file_html(*, case, base_url: str = "") -> str:
    """The case's file, in Vietnamese as the receipt (`receipt_html`)."""
    documents = list(citizen_documents(case))
    with translation.override(settings.LANGUAGE_CODE):
        view = case_public_view(case=case)
        return render_to_string(
            "complaints/documents/case_file.html",
            {
                "case": view,
                "received_at": _local(case.received_at),
                "documents": documents,
                "document_pages": [
                    rendering.document_html(rendering.parts_for(d), standalone=False)
                    for d in documents
                ],
                "tracking_url": base_url + case.get_absolute_url(),
                "portal_name": settings.PORTAL_NAME,
                "printed_at": timezone.localtime(),
            },
        )
