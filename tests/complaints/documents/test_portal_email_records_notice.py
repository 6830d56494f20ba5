"""The portal's own e-mail of an issued notice or decision to the citizen is a sending of
that notice (leaderwalk finding 2): once the mail went out, the background task records it
through `record_notice`'s handler, for the citizen's party only (the complainant, the
denouncer, the reporter as the notice row names them), by e-mail, on the day it was sent,
with the document's number, by no officer; a retry records nothing twice. The other parties
(the person denounced, …) are still the staff's to record, and the case page says so. A
citizen without e-mail or consent gets no mail and nothing is recorded."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from complaints.admin.views import deadline_rows
from complaints.documents.models import Document
from complaints.documents.services import document_draft, document_issue, document_mark_sent
from complaints.documents.tasks import document_send_to_citizen
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent, CaseNotice
from complaints.selectors.history import case_timeline
from complaints.services.notices import notices_pending
from tests.complaints.documents.helpers import director, province
from tests.complaints.workflow.helpers import act, case_in

pytestmark = pytest.mark.django_db

NOTICE = "complaint_acceptance_notice"


def _accepted(kind=CaseKind.KHIEU_NAI):
    _department, hospital = province()
    boss = director(hospital)
    case = case_in(kind, CaseStatus.RECEIVED, facility=hospital)
    act(case, "accept", boss, decided_on=timezone.localdate().isoformat())  # sent in time
    case.refresh_from_db()
    return case, boss


def _issue(case, boss, template_code, captured, *, execute=True):
    draft = document_draft(case_id=case.pk, template_code=template_code, actor=boss,
                           origin="test")
    mail.outbox.clear()
    with captured(execute=execute):
        document = document_issue(document_id=draft.pk, actor=boss, origin="test",
                                  signed_confirmed=True)
    document.refresh_from_db()
    return document


def test_the_mailed_acceptance_notice_is_recorded_as_sent_to_the_complainant(
    client, django_capture_on_commit_callbacks
):
    case, boss = _accepted()
    document = _issue(case, boss, "kn_thong_bao_thu_ly", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[case.reporter.email]]
    assert document.sent_to_citizen_at is not None

    [sent] = CaseNotice.objects.filter(case=case)
    assert sent.step == NOTICE and sent.method == "email"
    assert sent.recipients == ["complainant"]
    assert sent.reference == document.symbol
    assert sent.sent_on == timezone.localtime(document.sent_to_citizen_at).date()
    assert sent.recorded_by is None
    assert not notices_pending(case).exists()  # the complainant is all this notice must reach
    [event] = CaseEvent.objects.filter(case=case, action="record_notice")
    assert event.actor is None and not event.is_public

    day = sent.sent_on.strftime("%d/%m/%Y")
    [entry] = [e for e in case_timeline(case=case, user=boss) if e.action == "record_notice"]
    assert entry.actor == "Hệ thống"
    assert entry.detail == (
        f"Cổng đã gửi văn bản số {document.symbol} (“Thông báo thụ lý giải quyết khiếu nại”) "
        f"cho Người khiếu nại qua thư điện tử ngày {day}."
    )
    client.force_login(boss)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    html = html.decode()
    assert "chưa ghi nhận gửi cho:" not in html and "chưa gửi cho:" not in html
    assert "Cổng đã gửi văn bản số" in html


def test_a_retried_task_records_the_sending_once(django_capture_on_commit_callbacks):
    case, boss = _accepted()
    # The mail went out and was marked, then the task failed before recording the sending.
    document = _issue(case, boss, "kn_thong_bao_thu_ly", django_capture_on_commit_callbacks,
                      execute=False)
    document_mark_sent(document_id=document.pk)
    assert not CaseNotice.objects.filter(case=case).exists()
    mail.outbox.clear()
    assert document_send_to_citizen.call(document.pk) == 0  # the retry sends no second mail
    assert mail.outbox == []
    document.refresh_from_db()
    [sent] = CaseNotice.objects.filter(case=case)
    assert sent.sent_on == timezone.localtime(document.sent_to_citizen_at).date()
    document_send_to_citizen.call(document.pk)
    assert CaseNotice.objects.filter(case=case).count() == 1
    assert CaseEvent.objects.filter(case=case, action="record_notice").count() == 1


def test_the_denouncer_only_is_recorded_the_accused_is_still_owed(
    client, django_capture_on_commit_callbacks
):
    case, boss = _accepted(CaseKind.TO_CAO)
    document = _issue(case, boss, "tc_thong_bao_thu_ly_nguoi_to_cao",
                      django_capture_on_commit_callbacks)
    [sent] = CaseNotice.objects.filter(case=case)
    assert sent.step == "notify_acceptance" and sent.recipients == ["denouncer"]
    assert sent.reference == document.symbol and sent.method == "email"
    day = timezone.localtime(document.issued_at).date()
    row = next(i for i in deadline_rows(case, day)[0] if i["row"].step == "notify_acceptance")
    assert not row["settled"] and row["owed_to"] == "Người bị tố cáo"
    client.force_login(boss)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    assert "chưa gửi cho: Người bị tố cáo" in html.decode()


def test_a_document_to_the_accused_records_nothing(django_capture_on_commit_callbacks):
    case, boss = _accepted(CaseKind.TO_CAO)
    _issue(case, boss, "tc_thong_bao_thu_ly_nguoi_bi_to_cao", django_capture_on_commit_callbacks)
    assert not CaseNotice.objects.filter(case=case).exists()


@pytest.mark.parametrize("change", [{"email": ""}, {"consent_contact": False}])
def test_without_e_mail_or_consent_nothing_is_recorded(
    change, client, django_capture_on_commit_callbacks
):
    case, boss = _accepted()
    type(case.reporter).objects.filter(pk=case.reporter.pk).update(**change)
    document = _issue(case, boss, "kn_thong_bao_thu_ly", django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Document.objects.get(pk=document.pk).sent_to_citizen_at is None
    assert not CaseNotice.objects.filter(case=case).exists()
    client.force_login(boss)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    assert "chưa ghi nhận gửi cho: Người khiếu nại" in html.decode()


def test_the_mailed_notice_of_a_conclusion_is_recorded_for_the_denouncer(
    client, django_capture_on_commit_callbacks
):
    from complaints.services.workflow import case_transition
    from tests.complaints.documents.helpers import leader, resolver_writes
    from tests.factories import conclusion_finding

    _department, hospital = province()
    boss = leader()
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital)
    step = {"conclusion": "Bác sĩ Trần Văn B thu tiền ngoài quy định hai lần.",
            "public_answer": "Tố cáo đúng một phần; đã kiểm điểm và hoàn trả tiền.",
            **conclusion_finding("partly_correct")}
    conclusion = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=boss,
                                origin="test", step=step)
    notice = document_draft(case_id=case.pk, template_code="tc_thong_bao_ket_luan_nguoi_to_cao",
                            actor=boss, origin="test", step=step)
    conclusion = resolver_writes(conclusion, boss)
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="conclude", actor=boss, data=step,
                        origin="test", document_id=conclusion.pk, signed_confirmed=True)
    conclusion.refresh_from_db()
    assert not CaseNotice.objects.filter(case=case).exists()  # the conclusion is not mailed
    with django_capture_on_commit_callbacks(execute=True):
        notice = document_issue(document_id=notice.pk, actor=boss, origin="test",
                                signed_confirmed=True)
    [sent] = CaseNotice.objects.filter(case=case)
    assert sent.step == "decision_notice" and sent.recipients == ["denouncer"]
    assert sent.reference == notice.symbol and sent.recorded_by is None
    day = timezone.localtime(notice.issued_at).date()
    row = next(i for i in deadline_rows(case, day)[0] if i["row"].step == "decision_notice")
    assert not row["settled"] and row["owed_to"] == "Người bị tố cáo"
    # The conclusion itself, issued to the person denounced, is still the staff's to send.
    client.force_login(boss)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    assert (f"đã ban hành văn bản số {conclusion.symbol} ngày {day:%d/%m/%Y}, chưa ghi nhận "
            "gửi cho: Người bị tố cáo") in html.decode()
