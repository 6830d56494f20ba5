"""A portal that sends no SMS (`SMS_BACKEND=…DisabledBackend`, production without a
gateway): `sms.sms_available()` says so, and no form, page or API offers the SMS consent,
nothing goes by SMS, the "Ngừng nhận thông báo" box has no SMS line."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.test import Client

from complaints.models import Case, Reporter
from complaints.notifications import sms
from complaints.services.workflow import case_transition
from tests.complaints.admin.helpers import intake_user
from tests.complaints.admin.test_staff_intake import URL as STAFF_INTAKE
from tests.complaints.admin.test_staff_intake import call
from tests.complaints.intake.test_public_views import form_data
from tests.complaints.intake_factories import api_body
from tests.factories import DEFAULT_PIN, CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

OFF = "complaints.notifications.sms.DisabledBackend"


class _Sending(sms.BaseBackend):
    """A backend that would send: what reaches it is kept (the test checks none does)."""

    sent: list = []

    def send_messages(self, messages):
        self.sent.extend(messages)
        return len(messages)


@pytest.fixture
def sms_off(settings):
    sms.outbox.clear()
    settings.SMS_BACKEND = OFF
    yield
    sms.outbox.clear()


def test_the_one_answer_follows_the_backend(settings):
    assert sms.sms_available()  # the tests' LocmemBackend
    settings.SMS_BACKEND = OFF
    assert not sms.sms_available()
    assert sms.send_sms(to="0905123456", body="x") == 0
    settings.SMS_BACKEND = "complaints.notifications.sms.FileBackend"
    assert sms.sms_available()


def test_the_public_form_offers_no_sms_and_ignores_a_forged_box(client, hospital, sms_off):
    html = client.get("/gui-phan-anh/").content.decode()
    assert 'name="consent_sms"' not in html and "tin nhắn SMS" not in html
    assert 'name="consent_contact"' in html
    response = client.post("/gui-phan-anh/", form_data(
        hospital, consent_sms="on", notify_shown="1", notify_purposes=["decision"]
    ))
    assert response.status_code == 302, response.content.decode()[:500]
    reporter = Reporter.objects.get()
    assert reporter.consent_contact and not reporter.consent_sms


def test_the_public_form_still_offers_sms_with_a_backend_that_sends(client, hospital):
    html = client.get("/gui-phan-anh/").content.decode()
    assert re.search(r'<input[^>]*name="consent_sms"', html)


def test_the_staff_intake_form_offers_no_sms(client, demo_reference_data, sms_off):
    client.force_login(intake_user())
    html = client.get(STAFF_INTAKE).content.decode()
    assert 'name="consent_sms"' not in html and "tin nhắn SMS" not in html
    response = client.post(STAFF_INTAKE, call(consent_sms="on"))
    assert response.status_code == 302
    assert not Reporter.objects.get().consent_sms


def test_the_staff_intake_form_offers_sms_with_a_backend_that_sends(client, demo_reference_data):
    client.force_login(intake_user())
    assert 'name="consent_sms"' in client.get(STAFF_INTAKE).content.decode()


def test_the_api_refuses_consent_sms_in_vietnamese_and_keeps_nothing(hospital, sms_off):
    body = api_body(facility=hospital.code, consent_sms=True)
    response = Client().post(
        "/api/v1/submissions", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    [message] = response.json()["errors"]["consent_sms"]
    assert "Cổng hiện không gửi tin nhắn SMS" in message
    assert not Case.objects.exists()
    # Without it, the same body is filed.
    body["consent_sms"] = False
    response = Client().post(
        "/api/v1/submissions", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content


@pytest.fixture
def consented_case():
    """A case whose citizen consented to e-mail and SMS before SMS was turned off."""
    case = CaseFactory()
    Reporter.objects.filter(case=case).update(
        consent_contact=True, consent_sms=True, phone="0905 123 456", notify_info_request=True,
    )
    return case


def _open(client, case):
    response = client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_the_stop_box_shows_no_sms_line(client, consented_case, sms_off):
    page = _open(client, consented_case)
    assert 'id="ngung-thong-bao"' in page
    assert 'value="email"' in page and 'value="sms"' not in page


def test_no_message_goes_by_sms_the_email_still_does(
    consented_case, sms_off, settings, django_capture_on_commit_callbacks
):
    _Sending.sent.clear()
    # Even a backend that would send is never reached: the notifier asks first.
    settings.SMS_BACKEND = f"{__name__}._SendingOff"
    staff = UserFactory(perms=["complaints.view_all_cases", "complaints.act_on_case"])
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=consented_case.pk, action="request_info", actor=staff,
                        data={"message": "Đề nghị gửi ảnh hoá đơn."}, origin="test")
    assert _Sending.sent == [] and sms.outbox == []
    assert [message.to for message in mail.outbox] == [[consented_case.reporter.email]]


class _SendingOff(_Sending):
    available = False


def test_the_pin_resend_page_promises_no_text_message(
    client, consented_case, sms_off, django_capture_on_commit_callbacks
):
    page = client.get("/tra-cuu/quen-ma-pin/").content.decode()
    assert "số điện thoại" not in page and "thư điện tử bạn đã để lại" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/tra-cuu/quen-ma-pin/", {"tracking_code": consented_case.tracking_code}
        )
    sent = response.content.decode()
    assert "mã PIN mới đã được gửi" in sent and "số điện thoại" not in sent
    assert sms.outbox == [] and len(mail.outbox) == 1
