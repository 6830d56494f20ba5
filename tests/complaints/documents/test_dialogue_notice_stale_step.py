"""A dialogue notice issued together with its step from the document page
(`operation=issue_step`) carries the meeting the page showed pending (`expected_meeting`,
complaints/services/dialogue_expected.py): when another officer moved the meeting since the
page was shown, the step is refused (409), nothing is moved, nothing issued; reloaded, the
page carries the new meeting and the move passes. A page without it is refused as stale."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.documents.models import Document
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting
from tests.complaints.workflow.helpers import act, case_in

from .helpers import leader, province

pytestmark = pytest.mark.django_db
NOTICE = "kn_thong_bao_doi_thoai"


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _token(page) -> str:
    found = re.search(r'name="expected_meeting" value="([^"]+)"', page.content.decode())
    assert found, "the document page carries the meeting pending"
    return found.group(1)


def test_a_stale_document_page_does_not_move_a_newer_meeting(client):
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   second_time=True, resolve_by=_day(40))  # fmt: skip
    act(case, "schedule_dialogue", boss, scheduled_at=f"{_day(8).isoformat()}T08:30",
        place="Phòng họp 1", participants="Các bên")  # fmt: skip
    client.force_login(boss)
    drafted = client.post(reverse("complaints_admin:documents", args=[case.tracking_code]), {
        "template": NOTICE,
        "schedule_dialogue-scheduled_at": f"{_day(12).isoformat()}T09:00",
        "schedule_dialogue-place": "Phòng họp 3",
        "schedule_dialogue-participants": "Các bên",
    })
    assert drafted.status_code == 302, drafted.content.decode()[:2000]
    draft = Document.objects.get(case=case, template__code=NOTICE)
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    first = DialogueMeeting.objects.get(case=case, status="scheduled")
    seen = _token(client.get(url))
    assert seen == f"{first.pk}@{first.scheduled_at.isoformat()}"

    # Meanwhile another officer moves the meeting from the case page.
    act(case, "schedule_dialogue", leader(username="khac"),
        scheduled_at=f"{_day(10).isoformat()}T14:00", place="Phòng họp 2",
        participants="Các bên")  # fmt: skip
    moved = DialogueMeeting.objects.get(case=case, status="scheduled")

    stale = client.post(url, {"operation": "issue_step",
                              "signed_confirmed": "on", "version": draft.version,
                              "expected_meeting": seen})  # fmt: skip
    assert stale.status_code == 409
    assert "Lịch đối thoại đã được đổi thành 14:00 " + _day(10).strftime("%d/%m/%Y") in (
        stale.content.decode())
    assert DialogueMeeting.objects.get(case=case, status="scheduled").pk == moved.pk
    assert not Document.objects.get(pk=draft.pk).is_issued
    # An older page, without the meeting it saw: refused as stale too.
    old = client.post(url, {"operation": "issue_step",
                            "signed_confirmed": "on", "version": draft.version})
    assert old.status_code == 409 and "tải lại trang" in old.content.decode()
    assert DialogueMeeting.objects.get(case=case, status="scheduled").pk == moved.pk

    # Reloaded, the page names the new meeting and the move passes.
    fresh = _token(client.get(url))
    assert fresh == f"{moved.pk}@{moved.scheduled_at.isoformat()}"
    issued = client.post(url, {"operation": "issue_step",
                               "signed_confirmed": "on", "version": draft.version,
                               "expected_meeting": fresh})  # fmt: skip
    assert issued.status_code == 302, issued.content.decode()[:2000]
    assert DialogueMeeting.objects.get(case=case, status="scheduled").place == "Phòng họp 3"
    assert Document.objects.get(pk=draft.pk).is_issued
