"""A sample case, never saved, that the admin's preview fills a template with."""

from __future__ import annotations

import datetime

from django.utils import timezone

from complaints.documents.context import issue_fill, template_context
from complaints.documents.rendering import render_text
from complaints.models import Case, Facility, FacilityKind, Reporter
from complaints.rules.documents import SIGNER_TITLES

SAMPLE_STEP = {
    "reason": "Nội dung đơn chưa đủ căn cứ (lý do mẫu)",
    "legal_ground": "khoản 1 Điều 11 Luật Khiếu nại",
    "to": "Ủy ban nhân dân xã Phổ Cường",
    "message": "bản sao quyết định bị khiếu nại có chữ ký",
    "conclusion": "Kết quả xác minh mẫu: nội dung phản ánh đúng một phần.",
    "public_answer": "Nội dung trả lời mẫu của cơ quan giải quyết.",
    "minutes": "Ý kiến mẫu của các bên.",
    "led_by": "Nguyễn Văn A, Chánh Thanh tra Sở (người chủ trì mẫu)",
    "outcome": "Các bên thống nhất nội dung mẫu.",
    # The dialogue a notice invites to (`dialogue.*`).
    "scheduled_at": "2026-12-21T09:00",
    "place": "Phòng họp (địa điểm mẫu)",
    "participants": "Người khiếu nại; người bị khiếu nại; Thanh tra Sở (thành phần mẫu)",
    # The verification team (`step.verification_team`), the leader first.
    "verification_team": "Nguyễn Văn An, Phó Chánh Thanh tra Sở (mẫu)\n"
    "Trần Thị Bình, Thanh tra viên (mẫu)",
}


def sample_case(kind: str) -> Case:
    department = Facility(code="SYT-MAU", name="Sở Y tế tỉnh Quảng Ngãi",
                          kind=FacilityKind.DEPARTMENT, area="Quảng Ngãi")
    hospital = Facility(code="BV-MAU", name="Bệnh viện đa khoa tỉnh", kind=FacilityKind.HOSPITAL,
                        area="Quảng Ngãi", parent=department)
    now = timezone.now()
    case = Case(
        tracking_code="YT-2026-000000",
        kind=kind,
        channel="web",
        title="Thu tiền dịch vụ không đúng quy định (hồ sơ mẫu)",
        content="Nội dung đơn mẫu.",
        facility=hospital,
        assigned_unit=hospital,
        decision_complained="Quyết định thu viện phí số 01/QĐ-BV",
        decision_maker="Giám đốc Bệnh viện đa khoa tỉnh",
        accused_name="Trần Văn B",
        accused_position="Bác sĩ khoa Nội",
        press_outlet="Báo Quảng Ngãi",
        press_article_title="Bệnh nhân chờ khám quá lâu",
        received_at=now,
        accepted_at=now,
        accept_by=now.date() + datetime.timedelta(days=7),
        resolve_by=now.date() + datetime.timedelta(days=30),
        verification_days=20,
        verification_until=now.date() + datetime.timedelta(days=20),
        conclusion="Kết luận mẫu.",
        public_answer="Trả lời mẫu.",
    )
    case.reporter = Reporter(name="Nguyễn Thị Dân", address="Phổ Cường, Quảng Ngãi",
                             id_number="051190000123")
    return case


def sample_document(template):
    from complaints.documents.models import Document

    kind = (template.kinds or ["khieu_nai"])[0]
    case = sample_case(kind)
    issuer = case.assigned_unit
    title = SIGNER_TITLES.get(issuer.kind, "THỦ TRƯỞNG CƠ QUAN")
    context = template_context(case=case, template=template, issuer=issuer, signer_title=title,
                               signer_name="Nguyễn Văn Lãnh Đạo", step=SAMPLE_STEP)
    return Document(
        case=case,
        template=template,
        action=template.action,
        document_type=template.document_type,
        audience=template.audience,
        issuer=issuer,
        superior_name=issuer.parent.name,
        place=issuer.area,
        trich_yeu=render_text(template.trich_yeu, context),
        addressee=render_text(template.addressee, context),
        body=issue_fill(render_text(template.body, context), case=case),
        recipients=render_text(template.recipients, context),
        signer_title=title,
        signer_name="Nguyễn Văn Lãnh Đạo",
    )
