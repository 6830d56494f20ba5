"""The "Báo cho tôi khi" boxes of /gui-phan-anh/ start unticked: a pre-ticked box is not
consent (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Điều 9); the block links to the notice."""

from __future__ import annotations

import re

import pytest

from complaints.models import Case, Reporter
from tests.complaints.intake.test_public_views import form_data

pytestmark = pytest.mark.django_db


def test_no_purpose_box_is_ticked_and_the_privacy_notice_is_linked(client, hospital):
    html = client.get("/gui-phan-anh/").content.decode()
    boxes = re.findall(r'<input[^>]*name="notify_purposes"[^>]*>', html)
    assert len(boxes) == 4
    assert not [box for box in boxes if "checked" in box]
    for name in ("consent", "consent_contact", "consent_sms"):
        [box] = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert "checked" not in box
    assert 'href="/du-lieu-ca-nhan/"' in html.split('id="field-consent"')[0].rsplit(
        "<fieldset", 1
    )[-1]


def test_a_channel_with_no_purpose_ticked_is_asked_again(client, hospital):
    response = client.post("/gui-phan-anh/", form_data(hospital, notify_shown="1"))
    assert response.status_code == 200  # the form again, as every refused filing
    assert not Case.objects.exists()
    html = response.content.decode()
    assert "Hãy chọn ít nhất một việc muốn được báo" in html
    assert 'href="#field-notify_purposes"' in html  # in the error summary, linked


def test_no_channel_needs_no_purpose(client, hospital):
    response = client.post(
        "/gui-phan-anh/", form_data(hospital, consent_contact=None, notify_shown="1")
    )
    assert response.status_code == 302
    reporter = Reporter.objects.get()
    assert not (reporter.consent_contact or reporter.notify_receipt or reporter.notify_decision)


def test_the_purposes_ticked_are_the_ones_kept(client, hospital):
    response = client.post("/gui-phan-anh/", form_data(
        hospital, notify_shown="1", notify_purposes=["receipt", "reminder"]
    ))
    assert response.status_code == 302
    reporter = Reporter.objects.get()
    assert (reporter.notify_receipt, reporter.notify_info_request, reporter.notify_decision,
            reporter.notify_reminders) == (True, False, False, True)
