"""E-mails to the citizen on public events, with consent, without identity."""

import pytest
from django.core import mail
from django.utils import timezone

from complaints.kinds import CaseStatus, Channel
from complaints.models import CaseEvent
from complaints.services.intake import ReporterData, case_submit
from complaints.signals import case_event_recorded
from tests.complaints.intake_factories import submission

pytestmark = pytest.mark.django_db


def submit(django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return case_submit(data=submission(**overrides), channel=Channel.WEB).case


def test_receipt_mail_when_the_citizen_agreed(hospital, django_capture_on_commit_callbacks):
    case = submit(django_capture_on_commit_callbacks, facility=hospital.code)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lan.nguyen@example.vn"]
    assert case.tracking_code in message.subject
    assert f"/tra-cuu/{case.tracking_code}/" in message.body


def test_no_mail_without_contact_consent(hospital, django_capture_on_commit_callbacks):
    submit(django_capture_on_commit_callbacks, facility=hospital.code, consent_contact=False)
    assert mail.outbox == []


def test_denouncer_mail_goes_to_them_only_and_names_nobody(
    hospital, django_capture_on_commit_callbacks
):
    case = submit(django_capture_on_commit_callbacks, kind="to_cao", facility=hospital.code,
                  accused_name="Trần Văn Bình", accused_position="Bác sĩ", truth_declaration=True)
    assert [m.to for m in mail.outbox] == [["lan.nguyen@example.vn"]]
    body = mail.outbox[0].subject + mail.outbox[0].body
    for secret in ("Nguyễn Thị Lan", "051190000123", "0905123456", "Phổ Cường"):
        assert secret not in body
    assert case.tracking_code in body


def test_public_events_mail_internal_ones_do_not(hospital, django_capture_on_commit_callbacks):
    case = submit(django_capture_on_commit_callbacks, facility=hospital.code)
    mail.outbox.clear()
    internal = CaseEvent.objects.create(case=case, action="assign", at=timezone.now(),
                                        is_public=False, note="Ghi chú nội bộ bí mật")
    with django_capture_on_commit_callbacks(execute=True):
        case_event_recorded.send(sender=type(case), case=case, event=internal)
    assert mail.outbox == []

    case.status = CaseStatus.CONCLUDED
    case.public_answer = "Bệnh viện đã xin lỗi và bố trí thêm bàn khám."
    case.save()
    public = CaseEvent.objects.create(case=case, action="conclude", to_status="concluded",
                                      at=timezone.now(), is_public=True,
                                      note="Ghi chú nội bộ bí mật")
    with django_capture_on_commit_callbacks(execute=True):
        case_event_recorded.send(sender=type(case), case=case, event=public)
    assert len(mail.outbox) == 1
    assert "Bệnh viện đã xin lỗi" in mail.outbox[0].body
    assert "Ghi chú nội bộ" not in mail.outbox[0].body


def test_anonymous_report_with_email_gets_news(hospital, django_capture_on_commit_callbacks):
    submit(django_capture_on_commit_callbacks, facility=hospital.code, anonymous=True,
           reporter=ReporterData(email="andanh@example.vn"))
    assert [m.to for m in mail.outbox] == [["andanh@example.vn"]]


def test_mail_failure_does_not_break_the_submission(
    hospital, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.complaints.intake.test_citizen_emails.BrokenBackend"
    case = submit(django_capture_on_commit_callbacks, facility=hospital.code)
    assert case.pk


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP down")
