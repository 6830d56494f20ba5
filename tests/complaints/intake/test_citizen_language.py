"""A citizen who filed in English gets their e-mails and SMS in English (Reporter.language,
set at intake from the request's language); staff record calls in Vietnamese; the
administrator's Vietnamese template stays for Vietnamese readers."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import Case, EmailTemplate, Reporter
from complaints.notifications import notifier
from complaints.services.intake import case_submit
from tests.complaints.intake.test_english_visitor import _file_in_english
from tests.complaints.intake.test_public_views import SUBMIT, form_data
from tests.complaints.intake_factories import submission
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_language_filed_in_is_stored(client, hospital):
    _file_in_english(client, hospital)
    assert Reporter.objects.get().language == "en"
    Client().post(SUBMIT, form_data(hospital, form_token="token-2", title="Chờ lâu"))
    assert sorted(Reporter.objects.values_list("language", flat=True)) == ["en", "vi"]


def test_the_api_files_in_the_accept_language(hospital):
    with translation.override("en"):
        english = case_submit(data=submission(facility=hospital.code), channel=Channel.API)
        phoned = case_submit(
            data=submission(facility=hospital.code, title="Gọi điện"), channel=Channel.HOTLINE,
            actor=UserFactory(superuser=True),
        )
    assert english.case.reporter.language == "en"
    assert phoned.case.reporter.language == "vi"  # staff record a call: Vietnamese


def test_an_english_filer_gets_english_mail_and_sms(
    client, hospital, django_capture_on_commit_callbacks, settings
):
    settings.SMS_BACKEND = "complaints.notifications.sms.LocmemBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _file_in_english(client, hospital, consent_sms="on")
    case = Case.objects.get()
    [message] = mail.outbox
    assert message.subject.startswith("[")
    assert f"Case {case.tracking_code} received" in message.subject
    assert "Dear Sir or Madam" in message.body
    assert "Status: Received" in message.body
    assert "Kính gửi" not in message.body and "Trạng thái" not in message.body
    from complaints.notifications import sms

    assert sms.outbox and f"case {case.tracking_code} - " in sms.outbox[-1].body


def test_an_english_filer_s_event_mail_reads_the_event_in_english(
    hospital, django_capture_on_commit_callbacks
):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    Reporter.objects.update_or_create(
        case=case, defaults={"language": "en", "email": "lan@example.vn", "consent_contact": True}
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "accept", UserFactory(superuser=True))
    [message] = mail.outbox
    assert "Your feedback or recommendation has been received for handling" in message.subject
    assert "Status: Open" in message.body
    assert "Phản ánh, kiến nghị đã được tiếp nhận" not in message.subject + message.body


def test_a_vietnamese_filer_s_mail_and_the_administrator_s_template(
    client, hospital, django_capture_on_commit_callbacks
):
    EmailTemplate.objects.create(
        code="citizen_received", subject="[Sở] Nhận hồ sơ {{ tracking_code }}",
        body="Mẫu của quản trị.", is_active=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT, form_data(hospital))
        _file_in_english(Client(), hospital, form_token="token-9", title="Chờ lâu quá")
    vietnamese, english = mail.outbox
    assert vietnamese.subject.startswith("[Sở] Nhận hồ sơ")
    assert "Mẫu của quản trị" in vietnamese.body
    # The administrator's template is Vietnamese: the English reader gets the shipped one.
    assert "received" in english.subject and "Dear Sir or Madam" in english.body


def test_a_staff_message_stays_vietnamese(hospital):
    assert notifier.reader_language(None) == "vi"
    assert notifier.reader_language(Reporter(language="fr")) == "vi"


def test_an_english_filer_s_reminder_is_english(django_capture_on_commit_callbacks):
    from complaints.services.citizen_reply import citizen_reminders_send, open_info_request
    from complaints.services.workflow import case_transition

    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    Reporter.objects.update_or_create(
        case=case, defaults={"language": "en", "email": "lan@example.vn", "consent_contact": True}
    )
    case_transition(case_id=case.pk, action="request_info", actor=UserFactory(superuser=True),
                    data={"message": "Đề nghị gửi ảnh hoá đơn viện phí."}, origin="test")
    case.refresh_from_db()
    mail.outbox.clear()
    reply_by = open_info_request(case).reply_by
    with django_capture_on_commit_callbacks(execute=True):
        assert citizen_reminders_send(today=reply_by) == 1
    [message] = mail.outbox
    assert message.subject.endswith(f"Reminder for case {case.tracking_code}")
    assert "Cơ quan tiếp nhận" not in message.body and "Kính gửi" not in message.body
    assert reply_by.strftime("%d/%m/%Y") in message.body


def test_an_english_filer_s_sms_introduces_the_officer_s_vietnamese_text(
    hospital, django_capture_on_commit_callbacks, settings
):
    """The officer's own words stay in Vietnamese; the SMS says so before them, as the
    mail does, rather than dropping a Vietnamese sentence into an English message."""
    settings.SMS_BACKEND = "complaints.notifications.sms.LocmemBackend"
    from complaints.notifications import sms

    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    Reporter.objects.update_or_create(
        case=case, defaults={"language": "en", "phone": "0912345678", "consent_contact": True,
                             "consent_sms": True},
    )
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "request_info", UserFactory(superuser=True),
            message="Đề nghị gửi ảnh hoá đơn viện phí.")
    [text] = [m.body for m in sms.outbox]
    assert "The resolving body asks you for more information (in Vietnamese): Đề nghị gửi" in text
