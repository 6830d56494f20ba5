"""The partners' webhook deliveries in the admin: a partner administrator reads each notice's
attempts and last error, and resends one that failed, without ever reading a case's title
(a tố cáo's may name its denouncer: Điều 47 Luật Tố cáo)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from complaints.models import Case, Partner, WebhookDelivery
from complaints.partners.webhooks import MAX_ATTEMPTS
from tests.complaints.intake_factories import REPORTER, api_body
from tests.complaints.partners.receiver import Receiver
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TITLE = f"Tố cáo bác sĩ nhận tiền — người tố cáo {REPORTER.name}"
# What the province's IT operator is given: the admin and the partner models, no case right.
PARTNER_ADMIN = [
    "complaints.view_partner", "complaints.add_partner", "complaints.change_partner",
    "complaints.view_webhookdelivery",
]  # fmt: skip


@pytest.fixture
def receiver():
    made = Receiver([])
    yield made
    made.close()


@pytest.fixture
def denunciation(partner, partner_key, hospital):
    response = Client().post(
        "/api/v1/submissions", data=json.dumps(api_body("to_cao", facility=hospital.code,
                                                        title=TITLE)),
        content_type="application/json", HTTP_X_API_KEY=partner_key,
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    return Case.objects.get(tracking_code=response.json()["tracking_code"])


def _failed(partner, case, **fields):
    values = {"status": "failed", "attempts": MAX_ATTEMPTS, "last_status_code": 500,
              "last_error": "HTTP 500", **fields}  # fmt: skip
    payload = {"tracking_code": case.tracking_code, "type": "case.status_changed"}
    return WebhookDelivery.objects.create(partner=partner, case=case, payload=payload, **values)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_partner_admin_reads_the_code_and_kind_never_the_title_nor_a_link(
    partner, denunciation
):
    _failed(partner, denunciation)
    operator = UserFactory(perms=PARTNER_ADMIN, admin_access=True)
    listing = _client(operator).get(reverse("partner_webhooks:index"))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert denunciation.tracking_code in text and "Tố cáo" in text
    assert "Last status code" not in text and "Mã trả lời lần gần nhất" in text
    assert REPORTER.name not in text and "nhận tiền" not in text
    detail_url = reverse("complaints_admin:detail", args=[denunciation.tracking_code])
    assert detail_url not in text  # they may not open the case: no link to it


def test_who_may_open_the_case_gets_a_link_to_it(partner, denunciation):
    _failed(partner, denunciation)
    admin = UserFactory(superuser=True)
    text = _client(admin).get(reverse("partner_webhooks:index")).content.decode()
    assert reverse("complaints_admin:detail", args=[denunciation.tracking_code]) in text
    assert REPORTER.name not in text


def test_a_case_names_itself_by_its_code_only(denunciation):
    assert str(denunciation) == denunciation.tracking_code


def test_the_detail_shows_the_attempts_and_the_last_error_without_the_title(
    partner, denunciation
):
    delivery = _failed(partner, denunciation, last_status_code=301,
                       last_error="HTTP 301: chuyển hướng tới https://moi.example.vn/hook: "
                                  "hãy cập nhật địa chỉ webhook")  # fmt: skip
    operator = UserFactory(perms=PARTNER_ADMIN, admin_access=True)
    page = _client(operator).get(reverse("partner_webhooks:inspect", args=[delivery.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "HTTP 301: chuyển hướng tới https://moi.example.vn/hook" in text
    assert "Gửi không thành công" in text and denunciation.tracking_code in text
    assert REPORTER.name not in text and "nhận tiền" not in text
    assert reverse("partner_webhooks:resend", args=[delivery.pk]) in text


def test_a_failed_notice_resent_is_delivered_and_who_resent_it_recorded(
    partner, denunciation, receiver, django_capture_on_commit_callbacks
):
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    delivery = _failed(partner, denunciation)
    operator = UserFactory(perms=PARTNER_ADMIN, admin_access=True)
    with django_capture_on_commit_callbacks(execute=True):
        answer = _client(operator).post(reverse("partner_webhooks:resend", args=[delivery.pk]))
    assert answer.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 1
    assert delivery.last_status_code == 200 and delivery.last_error == ""
    (headers, body), = receiver.requests
    assert headers["X-Portal-Delivery"] == str(delivery.pk)
    assert json.loads(body)["tracking_code"] == denunciation.tracking_code
    entry = ModelLogEntry.objects.get(action="complaints.webhook_resend")
    assert entry.user_id == operator.pk and entry.object_id == str(delivery.pk)
    assert entry.data["attempts"] == MAX_ATTEMPTS and entry.data["last_error"] == "HTTP 500"


def test_only_a_failed_notice_is_resent_and_only_by_who_manages_partners(
    partner, denunciation, receiver, django_capture_on_commit_callbacks
):
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    delivered = _failed(partner, denunciation, status="delivered", last_status_code=200,
                        last_error="")  # fmt: skip
    reader = UserFactory(perms=["complaints.view_webhookdelivery"], admin_access=True)
    operator = UserFactory(perms=PARTNER_ADMIN, admin_access=True)
    with django_capture_on_commit_callbacks(execute=True):
        again = _client(operator).post(reverse("partner_webhooks:resend", args=[delivered.pk]))
    assert again.status_code == 302 and receiver.requests == []
    failed = _failed(partner, denunciation)
    with django_capture_on_commit_callbacks(execute=True):
        refused = _client(reader).post(reverse("partner_webhooks:resend", args=[failed.pk]))
    # Wagtail answers a refusal in its admin with a redirect and a message.
    assert refused.status_code in (302, 403) and receiver.requests == []
    assert refused.get("Location", "") != reverse("partner_webhooks:inspect", args=[failed.pk])
    failed.refresh_from_db()
    assert failed.status == "failed" and not ModelLogEntry.objects.filter(
        action="complaints.webhook_resend"
    ).exists()
    assert _client(operator).get(
        reverse("partner_webhooks:resend", args=[failed.pk])
    ).status_code == 405
