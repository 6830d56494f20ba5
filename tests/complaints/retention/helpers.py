"""Cases closed at a chosen moment, with a reporter whose identity is easy to look for."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Attachment, Reporter
from complaints.retention.policy import months_before
from tests.complaints.workflow.helpers import case_in

NOW = timezone.make_aware(datetime.datetime(2031, 6, 15, 2, 0))
NAME = "Lê Thị Riêng Tư"
PHONE = "0912000111"
OLD_PHONE = "0987000222"
ID_NUMBER = "051199000777"
ADDRESS = "Thôn Bí Mật, xã Kín Đáo"


def closed_case(kind: str = CaseKind.PHAN_ANH, *, months_ago: int = 40, **extra):
    """A closed case of `kind`, closed `months_ago` months before NOW, whose reporter
    changed their phone once (so the history holds an old value)."""
    closed_at = months_before(NOW, months_ago)
    extra.setdefault("status", CaseStatus.CLOSED)
    case = case_in(kind, extra.pop("status"), closed_at=closed_at, **extra)
    reporter = Reporter.objects.get(case=case)
    reporter.name, reporter.phone, reporter.id_number = NAME, OLD_PHONE, ID_NUMBER
    reporter.address = ADDRESS
    reporter.email = f"rieng.tu.{case.pk}@example.vn"
    reporter.save()
    reporter.phone = PHONE
    reporter.save()
    return case


def attachment(case, content: bytes = b"%PDF-1.4 bang chung") -> Attachment:
    row = Attachment(
        case=case, original_name="Nguyen Thi Dan - CCCD.pdf", content_type="application/pdf",
        size=len(content), sha256="0" * 64,
    )  # fmt: skip
    row.file.save("bang-chung.pdf", ContentFile(content), save=False)
    row.save()
    return row
