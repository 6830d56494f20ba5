"""A dialogue moved after its written notice was issued (khoản 1 Điều 28 Nghị định
124/2020/NĐ-CP, sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP): the case page warns that the
notice states the old time and links to a new draft; that draft offers, ticked, the
replacement of the earlier notice with the move as its reason, and issues as its
replacement."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.documents.models import Document
from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from tests.complaints.workflow.helpers import act, case_in

from .helpers import leader, province

pytestmark = pytest.mark.django_db
NOTICE = "kn_thong_bao_doi_thoai"


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_a_moved_dialogue_asks_for_a_new_notice_replacing_the_old(client):
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   second_time=True, resolve_by=_day(40))  # fmt: skip
    act(case, "schedule_dialogue", boss, scheduled_at=f"{_day(8).isoformat()}T08:30",
        place="Phòng họp 1", participants="Các bên")  # fmt: skip
    first = document_draft(case_id=case.pk, template_code=NOTICE, actor=boss, origin="test")
    client.force_login(boss)
    url = reverse("complaints_admin:document", args=[case.tracking_code, first.pk])
    assert client.post(url, {"operation": "issue",
                             "signed_confirmed": "on", "version": first.version}).status_code == 302
    first.refresh_from_db()
    assert first.is_issued
    detail = reverse("complaints_admin:detail", args=[case.tracking_code])
    assert "nêu lịch cũ" not in client.get(detail).content.decode()  # still the meeting

    act(case, "schedule_dialogue", boss, scheduled_at=f"{_day(10).isoformat()}T14:00",
        place="Phòng họp 2", participants="Các bên")  # fmt: skip
    page = client.get(detail).content.decode()
    issued_on = timezone.localtime(first.issued_at).strftime("%d/%m/%Y")
    old = f"08:30 {_day(8).strftime('%d/%m/%Y')}"
    assert (f"Thông báo số {first.symbol} ngày {issued_on} nêu lịch cũ ({old}): hãy ban hành "
            "thông báo mới thay thế.") in page  # fmt: skip
    link = reverse("complaints_admin:documents", args=[case.tracking_code]) + f"?mau={NOTICE}"
    assert f'href="{link}"' in page
    chosen = re.search(rf'<option value="{NOTICE}"[^>]*>', client.get(link).content.decode())
    assert chosen and "selected" in chosen.group(0)

    second = document_draft(case_id=case.pk, template_code=NOTICE, actor=boss, origin="test")
    draft_page = client.get(
        reverse("complaints_admin:document", args=[case.tracking_code, second.pk])
    ).content.decode()
    assert f'name="replaces" value="{first.pk}" id="id_replaces" checked' in draft_page
    assert f"Thay thế văn bản số {first.symbol} đã ban hành" in draft_page
    assert f"Lịch đối thoại đã đổi từ {old} sang 14:00 {_day(10).strftime('%d/%m/%Y')}" in (
        draft_page)  # fmt: skip
    # Issued as the page offers it: the replacement is recorded, and the warning is gone.
    issued = client.post(
        reverse("complaints_admin:document", args=[case.tracking_code, second.pk]),
        {"operation": "issue",
         "signed_confirmed": "on", "version": second.version, "replaces": str(first.pk),
         "replacement_reason": "Dời lịch đối thoại."},
    )  # fmt: skip
    assert issued.status_code == 302, issued.content.decode()[:3000]
    event = CaseEvent.objects.filter(case=case, action="document_issued").latest("at")
    assert event.data["replaces_document_id"] == first.pk
    assert Document.objects.get(pk=second.pk).is_issued
    assert "nêu lịch cũ" not in client.get(detail).content.decode()
