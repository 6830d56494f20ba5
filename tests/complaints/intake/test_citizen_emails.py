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


def test_the_receipt_promises_only_the_notices_the_citizen_chose(
    hospital, django_capture_on_commit_callbacks
):
    """Each purpose is a consent of its own (Điều 9 Luật Bảo vệ dữ liệu cá nhân): a citizen
    who asked only for the receipt is not told "we will write whenever there is news"."""
    submit(django_capture_on_commit_callbacks, facility=hospital.code,
           notify_purposes=("receipt",))
    only = mail.outbox[0].body
    assert "mỗi khi" not in only and "sẽ báo tiếp" not in only
    assert "đây là thông báo duy nhất chúng tôi gửi về hồ sơ này" in only

    mail.outbox.clear()
    submit(django_capture_on_commit_callbacks, facility=hospital.code,
           notify_purposes=("receipt", "decision"))
    chosen = mail.outbox[0].body
    promised = (
        "chúng tôi sẽ báo tiếp:\n- khi hồ sơ chuyển sang bước giải quyết mới và khi có kết quả."
    )
    assert promised in chosen
    assert "bổ sung thông tin" not in chosen and "sắp hết hạn" not in chosen
    assert "Ngừng nhận thông báo" in chosen


def test_an_online_complaints_receipt_says_the_signed_letter_must_arrive_by_its_deadline(
    hospital, department, django_capture_on_commit_callbacks
):
    """As the receipt page says it (`signature_notice_for_citizen`): the e-mail is what the
    citizen keeps (khoản 2 Điều 8, khoản 5 Điều 11 Luật Khiếu nại)."""
    case = submit(django_capture_on_commit_callbacks, kind="khieu_nai", facility=hospital.code)
    body = mail.outbox[0].body
    assert "Cần đơn có chữ ký để thụ lý: Đơn khiếu nại phải có chữ ký" in body
    deadline = case.accept_by.strftime("%d/%m/%Y")
    # No unit holds it yet (no routing rule here): the letter goes to the Sở.
    assert f"cần đến {department.name} chậm nhất trong ngày {deadline}" in body
    assert case.tracking_code in body

    mail.outbox.clear()
    submit(django_capture_on_commit_callbacks, facility=hospital.code)
    assert "chữ ký" not in mail.outbox[0].body  # a phản ánh owes none


def test_the_english_receipt_names_the_department_as_a_sentence_does(
    hospital, django_capture_on_commit_callbacks
):
    from django.utils import translation

    with translation.override("en"):
        submit(django_capture_on_commit_callbacks, kind="khieu_nai", facility=hospital.code,
               notify_purposes=("receipt",))
    body = mail.outbox[0].body
    assert "\nThe Department of Health of " in body and " has received your complaint" in body
    assert "A signed letter is needed for the case to be accepted: " in body
    assert "whenever there is news" not in body
    assert "As you chose, this is the only message we send about this case" in body
