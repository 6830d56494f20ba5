"""`notify_purposes` in POST /api/v1/submissions: each purpose is a consent of its own
(Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Điều 9); the notifier sends only those."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.test import Client

from complaints.models import Case, Reporter
from complaints.notifications import sms
from tests.complaints.intake_factories import api_body

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def _post(body):
    return Client().post(
        "/api/v1/submissions", data=json.dumps(body), content_type="application/json"
    )


def test_the_purposes_listed_are_stored_and_the_receipt_is_not_sent(
    hospital, django_capture_on_commit_callbacks
):
    body = api_body(facility=hospital.code, consent_sms=True, notify_purposes=["decision"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(body)
    assert response.status_code == 201, response.content
    reporter = Reporter.objects.get(case=Case.objects.get())
    assert reporter.consent_contact and reporter.consent_sms
    assert (
        reporter.notify_receipt,
        reporter.notify_info_request,
        reporter.notify_decision,
        reporter.notify_reminders,
    ) == (False, False, True, False)
    # "receipt" was not chosen: neither the e-mail nor the SMS of the receipt goes.
    assert mail.outbox == [] and sms.outbox == []


def test_without_the_list_a_consented_channel_keeps_every_purpose(
    hospital, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(api_body(facility=hospital.code))
    assert response.status_code == 201
    reporter = Reporter.objects.get()
    assert reporter.notify_receipt and reporter.notify_decision and reporter.notify_reminders
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("purposes", "message"),
    [
        (["decision", "newsletter"], "Mục đích thông báo không hợp lệ: newsletter"),
        ("decision", "Phải là một danh sách chuỗi ký tự."),
        ([], "Hãy chọn ít nhất một việc muốn được báo"),
    ],
)
def test_a_wrong_list_is_a_field_error(hospital, purposes, message):
    response = _post(api_body(facility=hospital.code, notify_purposes=purposes))
    assert response.status_code == 400
    [error] = response.json()["errors"]["notify_purposes"]
    assert error.startswith(message)
    assert not Case.objects.exists()


def test_the_schema_lists_the_purposes():
    schema = Client().get("/api/v1/openapi.json").json()
    submission = schema["components"]["schemas"]["SubmissionIn"]["properties"]
    assert submission["notify_purposes"]["items"]["enum"] == [
        "receipt", "info_request", "decision", "reminder"
    ]


def test_without_a_channel_no_purpose_is_recorded(hospital):
    response = _post(api_body(facility=hospital.code, consent_contact=False))
    assert response.status_code == 201
    reporter = Reporter.objects.get()
    assert not (reporter.notify_receipt or reporter.notify_decision or reporter.notify_reminders)
