"""An issued notice document is not a sent notice (khoản 1 Điều 36, Điều 27 Luật Khiếu nại
count the sending): after the acceptance notice (Mẫu số 03) is issued on the document page,
the case page says it was issued and not yet recorded as sent, and offers the step
"ghi nhận thông báo đã gửi" filled in for it; the deadline row is settled by the sending
only. A draft is never mailed nor shown to the citizen."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from complaints.admin.views import deadline_rows
from complaints.documents.models import DocumentStatus
from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.rules import owed_notices
from complaints.services.notices import notices_pending
from tests.complaints.documents.helpers import director, province
from tests.complaints.workflow.helpers import act, case_in

pytestmark = pytest.mark.django_db

NOTICE = "complaint_acceptance_notice"


@pytest.fixture
def accepted():
    _department, hospital = province()
    boss = director(hospital)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    _no_e_mail(case)
    act(case, "accept", boss, decided_on="2026-09-01")
    case.refresh_from_db()
    return case, boss


def _no_e_mail(case):
    """The citizen gave no e-mail: the portal mails nothing, so the sending is the staff's
    to record (a document the portal mailed is recorded as sent by it:
    tests/complaints/documents/test_portal_email_records_notice.py)."""
    type(case.reporter).objects.filter(pk=case.reporter.pk).update(email="")


def _issue_on_the_document_page(client, case, boss, captured):
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                           origin="test")
    client.force_login(boss)
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    with captured(execute=True):
        response = client.post(url, {"operation": "issue",
                                     "signed_confirmed": "on", "version": draft.version})
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED
    return draft


def test_the_issued_notice_is_shown_as_issued_not_sent_and_the_sending_is_offered(
    accepted, client, django_capture_on_commit_callbacks
):
    case, boss = accepted
    document = _issue_on_the_document_page(client, case, boss, django_capture_on_commit_callbacks)

    # Issued is not sent: the row stays open until the sending is recorded.
    assert list(notices_pending(case).values_list("step", flat=True)) == [NOTICE]
    current, _superseded = deadline_rows(case, document.issued_at.date())
    row = next(item for item in current if item["row"].step == NOTICE)
    assert not row["settled"] and row["countdown"]
    assert row["issued"] == [{
        "symbol": document.symbol,
        "on": timezone.localtime(document.issued_at).date(),
        "url": reverse("complaints_admin:document", args=[case.tracking_code, document.pk]),
        "parties": {"complainant"},
        "parties_named": "Người khiếu nại",
    }]
    assert row["not_issued_to"] == ""
    # The conclusion's warning already counts the issued document (owed_notices).
    assert owed_notices.missing(case) == []

    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    html = html.decode()
    day = timezone.localtime(document.issued_at).strftime("%d/%m/%Y")
    assert (f"đã ban hành văn bản số {document.symbol} ngày {day}, chưa ghi nhận gửi cho: "
            "Người khiếu nại") in html
    assert "chưa gửi cho:" not in html
    # The step that settles it, filled in for this notice and this document.
    assert f'name="record_notice-document_ref" value="{document.symbol}"' in html
    assert f'<option value="{NOTICE}" selected>' in html
    # The link opens the sending step's <details> without JavaScript: the page it leads to
    # renders that step open (`?buoc=`), as the fragment alone cannot.
    assert 'href="?buoc=record_notice#thao-tac-record_notice"' in html
    assert _step_open(html, "record_notice") is False
    linked = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]),
                        {"buoc": "record_notice"}).content.decode()
    assert _step_open(linked, "record_notice") is True
    # no other step is opened by it, nor by a step the page does not offer
    assert not re.findall(r'<details class="cw-action" id="thao-tac-(?!record_notice)[^"]*" open',
                          linked)
    unknown = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]),
                         {"buoc": "no_such_step"}).content.decode()
    assert ' open>' not in "".join(re.findall(r'<details class="cw-action"[^>]*>', unknown))


def _step_open(html: str, action: str) -> bool | None:
    tag = re.search(rf'<details class="cw-action" id="thao-tac-{action}"[^>]*>', html)
    return None if tag is None else tag.group(0).endswith(" open>")


def test_recording_the_sending_of_the_issued_notice_settles_its_row(
    accepted, client, django_capture_on_commit_callbacks
):
    case, boss = accepted
    document = _issue_on_the_document_page(client, case, boss, django_capture_on_commit_callbacks)
    act(case, "record_notice", boss, notice=NOTICE, sent_on=document.issued_at.date().isoformat(),
        sent_via="post", recipients=["complainant"], document_ref=document.symbol)
    assert not notices_pending(case).exists()
    current, _superseded = deadline_rows(case, document.issued_at.date())
    row = next(item for item in current if item["row"].step == NOTICE)
    assert row["settled"] and row["issued"] is None


def test_a_draft_notice_is_never_mailed_nor_shown_to_the_citizen(
    accepted, client, django_capture_on_commit_callbacks
):
    case, boss = accepted
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly",
                               actor=boss, origin="test")
    assert mail.outbox == []
    client.logout()
    response = client.get(reverse("complaints:document_pdf", args=[case.tracking_code, draft.pk]))
    assert response.status_code in (302, 403, 404)
    current, _superseded = deadline_rows(case, draft.created_at.date())
    row = next(item for item in current if item["row"].step == NOTICE)
    assert row["issued"] is None and row["owed_to"] == "Người khiếu nại"


def test_a_document_to_a_party_already_recorded_as_sent_is_not_shown_as_unsent(
    django_capture_on_commit_callbacks,
):
    from complaints.documents.services import document_issue

    _department, hospital = province()
    boss = director(hospital)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    _no_e_mail(case)
    act(case, "accept", boss, decided_on="2026-09-01")
    draft = document_draft(case_id=case.pk, template_code="tc_thong_bao_thu_ly_nguoi_to_cao",
                           actor=boss, origin="test")
    with django_capture_on_commit_callbacks(execute=True):
        document = document_issue(document_id=draft.pk, actor=boss, origin="test",
                                  signed_confirmed=True)
    day = timezone.localtime(document.issued_at).date()
    row = next(i for i in deadline_rows(case, day)[0] if i["row"].step == "notify_acceptance")
    assert [d["parties"] for d in row["issued"]] == [{"denouncer"}]

    act(case, "record_notice", boss, notice="notify_acceptance", sent_on=day.isoformat(),
        sent_via="post", recipients=["denouncer"], document_ref=document.symbol)
    row = next(i for i in deadline_rows(case, day)[0] if i["row"].step == "notify_acceptance")
    assert not row["settled"] and row["issued"] is None  # the accused's notice: nothing issued
    assert row["owed_to"] == "Người bị tố cáo"


def test_a_petition_s_filing_notice_issued_is_shown_as_issued_not_sent(
    client, django_capture_on_commit_callbacks
):
    """The notice that a phản ánh is filed away goes to its reporter (the notice row's party
    "reporter", khoản 3 Điều 4 Nghị định 154/2026/NĐ-CP): issued and not mailed, it reads
    as issued, not yet sent to them, as a complaint's notice does."""
    _department, hospital = province()
    boss = director(hospital)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    _no_e_mail(case)
    act(case, "file", boss, reason="duplicate")
    case.refresh_from_db()
    draft = document_draft(case_id=case.pk, template_code="thong_bao_luu_don", actor=boss,
                           origin="test")
    client.force_login(boss)
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"operation": "issue", "signed_confirmed": "on",
                          "version": draft.version})
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED, draft.status
    current, _superseded = deadline_rows(case, timezone.localdate())
    row = next(item for item in current if item["row"].step == "filing_notice")
    assert [issued["parties"] for issued in row["issued"]] == [{"reporter"}]


def test_an_issued_notice_lists_the_parties_it_addresses_the_others_stay_owed(
    client, django_capture_on_commit_callbacks
):
    """A denunciation's acceptance is owed to the denouncer and to the person denounced
    (khoản 3 Điều 29 Luật Tố cáo); the letter to the denouncer, issued and not yet sent,
    reads as issued for the denouncer only: the person denounced, whom it does not address,
    is still owed the notice (not issued), and the sending step is filled in for the
    denouncer alone."""
    from complaints.documents.services import document_issue

    _department, hospital = province()
    boss = director(hospital)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    _no_e_mail(case)
    act(case, "accept", boss, decided_on="2026-09-01")
    draft = document_draft(case_id=case.pk, template_code="tc_thong_bao_thu_ly_nguoi_to_cao",
                           actor=boss, origin="test")
    with django_capture_on_commit_callbacks(execute=True):
        document = document_issue(document_id=draft.pk, actor=boss, origin="test",
                                  signed_confirmed=True)
    day = timezone.localtime(document.issued_at).date()
    row = next(i for i in deadline_rows(case, day)[0] if i["row"].step == "notify_acceptance")
    [issued] = row["issued"]
    assert issued["parties"] == {"denouncer"} and issued["parties_named"] == "Người tố cáo"
    assert row["not_issued_to"] == "Người bị tố cáo"
    assert row["owed_to"] == "Người tố cáo, Người bị tố cáo"  # owed: neither is sent yet

    client.force_login(boss)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    html = html.decode()
    assert (f"đã ban hành văn bản số {document.symbol} ngày {day:%d/%m/%Y}, chưa ghi nhận "
            "gửi cho: Người tố cáo</span>") in html
    assert "chưa gửi cho: Người bị tố cáo</span>" in html
    # The sending step: this document, to the party it addresses.
    assert f'name="record_notice-document_ref" value="{document.symbol}"' in html
    assert 'name="record_notice-recipients" value="denouncer"' in html
    checked = re.findall(r'<input[^>]*name="record_notice-recipients"[^>]*>', html)
    assert [tag for tag in checked if "checked" in tag] == [
        tag for tag in checked if 'value="denouncer"' in tag
    ]
