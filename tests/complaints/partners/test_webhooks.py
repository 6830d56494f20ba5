"""Webhooks (issue 15): a partner that filed a case hears of its public status changes,
signed with HMAC-SHA256, retried with backoff by the background task queue."""

from __future__ import annotations

import datetime
import json
import re
import time
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone, translation

from complaints.models import Case, CaseEvent, Partner, WebhookDelivery
from complaints.partners.webhooks import (
    MAX_ATTEMPTS,
    SIGNATURE_HEADER,
    webhook_deliver,
    webhook_signature,
    webhook_signature_check,
)
from complaints.services.workflow import case_transition
from portal.tasks import retry_delay
from tests.complaints.intake_factories import api_body
from tests.complaints.partners.receiver import Receiver
from tests.complaints.workflow.helpers import act
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INTAKE = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases"]


@pytest.fixture
def receiver_factory():
    made = []

    def make(answers=()):
        receiver = Receiver(list(answers))
        made.append(receiver)
        return receiver

    yield make
    for receiver in made:
        receiver.close()


def _file(partner_key, hospital, kind="to_cao"):
    response = Client().post(
        "/api/v1/submissions", data=json.dumps(api_body(kind, facility=hospital.code)),
        content_type="application/json", HTTP_X_API_KEY=partner_key,
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    return Case.objects.get(tracking_code=response.json()["tracking_code"])


def test_signature_round_trip_and_tampering():
    body = b'{"a": 1}'
    now = int(time.time())
    header = webhook_signature("bi-mat", body, now)
    assert webhook_signature_check("bi-mat", body, header)
    assert not webhook_signature_check("bi-mat", b'{"a": 2}', header)
    assert not webhook_signature_check("khac", body, header)
    assert not webhook_signature_check("bi-mat", body, header, now=now + 3600)  # replayed later


def test_a_public_status_change_is_posted_signed_without_identity(
    partner, partner_key, hospital, receiver_factory, django_capture_on_commit_callbacks
):
    receiver = receiver_factory()
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    partner.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        case = _file(partner_key, hospital)
    officer = UserFactory(perms=INTAKE)
    # procedure: an online denunciation is accepted once its signature is recorded.
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="confirm_signature", actor=officer,
                        data={"method": "in_person"}, origin="api")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        # Given to the hospital, whose head accepts it (complaints/rules/resolver.py).
        case_transition(case_id=case.pk, action="assign", actor=officer,
                        data={"facility": hospital.code}, origin="api")  # fmt: skip
        head = UserFactory(perms=[*INTAKE, "complaints.approve_case"], facility=hospital)
        case_transition(case_id=case.pk, action="accept", actor=head,
                        data={}, origin="api")  # fmt: skip
    assert len(receiver.requests) == 2  # received, then accepted
    headers, body = receiver.requests[-1]
    assert webhook_signature_check(partner.webhook_secret, body, headers[SIGNATURE_HEADER])
    payload = json.loads(body)
    assert payload["tracking_code"] == case.tracking_code
    assert payload["status"] == "accepted" and payload["event"]["action"] == "accept"
    text = body.decode()
    for secret in ("Nguyễn Thị Lan", "051190000123", "0905123456", "lan.nguyen@example.vn"):
        assert secret not in text
    assert WebhookDelivery.objects.filter(status="delivered").count() == 2


def test_internal_events_and_other_partners_cases_send_nothing(
    partner, hospital, receiver_factory, django_capture_on_commit_callbacks
):
    receiver = receiver_factory()
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/api/v1/submissions", data=json.dumps(api_body(facility=hospital.code)),
            content_type="application/json",
        )  # fmt: skip
    case = Case.objects.get(tracking_code=response.json()["tracking_code"])
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="accept", actor=UserFactory(perms=INTAKE),
                        data={}, origin="api")  # fmt: skip
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


def test_a_failing_endpoint_is_retried_until_it_answers(
    partner, partner_key, hospital, receiver_factory, django_capture_on_commit_callbacks
):
    receiver = receiver_factory(answers=[503, 500])
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        case = _file(partner_key, hospital, kind="phan_anh")
    delivery = WebhookDelivery.objects.get(case=case)
    assert delivery.status == "delivered" and delivery.attempts == 3
    assert delivery.last_status_code == 200 and len(receiver.requests) == 3
    # The same delivery each time (its id in the header), for the partner to de-duplicate.
    assert {h["X-Portal-Delivery"] for h, _b in receiver.requests} == {str(delivery.pk)}


def test_an_endpoint_that_never_answers_is_given_up_and_the_request_stands(
    partner, partner_key, hospital, receiver_factory, django_capture_on_commit_callbacks
):
    receiver = receiver_factory(answers=[500] * 20)
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        case = _file(partner_key, hospital, kind="phan_anh")  # still 201
    delivery = WebhookDelivery.objects.get(case=case)
    assert delivery.status == "failed" and delivery.attempts == MAX_ATTEMPTS
    assert len(receiver.requests) == MAX_ATTEMPTS


def test_a_redirect_is_not_followed_but_retried_with_the_new_address_named(
    partner, partner_key, hospital, receiver_factory, django_capture_on_commit_callbacks
):
    # urllib would re-send the notice as a bodiless GET, signed, to the other host, and
    # count that as delivered: the notice must stay with the address the partner gave.
    elsewhere = receiver_factory()
    receiver = receiver_factory(answers=[(301, {"Location": elsewhere.url})] * 20)
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        case = _file(partner_key, hospital, kind="phan_anh")
    delivery = WebhookDelivery.objects.get(case=case)
    assert elsewhere.requests == []
    assert len(receiver.requests) == MAX_ATTEMPTS
    assert delivery.status == "failed" and delivery.attempts == MAX_ATTEMPTS
    assert delivery.last_status_code == 301 and delivery.delivered_at is None
    assert delivery.last_error == (
        f"HTTP 301: chuyển hướng tới {elsewhere.url}: hãy cập nhật địa chỉ webhook"
    )


@pytest.mark.parametrize("change", [{"is_active": False}, {"webhook_url": ""}])
def test_a_queued_notice_is_given_up_once_the_partner_is_deactivated_or_its_address_cleared(
    change, partner, partner_key, hospital, receiver_factory, django_capture_on_commit_callbacks
):
    receiver = receiver_factory()
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    # Queued, not yet sent (the worker is behind, or a retry waits for its backoff).
    with mock.patch("complaints.partners.webhooks.enqueue_on_commit") as queued:
        with django_capture_on_commit_callbacks(execute=True):
            case = _file(partner_key, hospital, kind="phan_anh")
    delivery = WebhookDelivery.objects.get(case=case)
    queued.assert_called_once_with(webhook_deliver, delivery.pk)
    Partner.objects.filter(pk=partner.pk).update(**change)
    webhook_deliver.call(delivery.pk)  # what the worker runs
    delivery.refresh_from_db()
    assert receiver.requests == []
    assert delivery.status == "failed" and delivery.attempts == 0
    assert delivery.last_error == (
        "Không gửi: đối tác đã ngừng hoạt động hoặc không còn địa chỉ webhook."
    )


def test_the_event_time_is_utc_to_the_second_as_documented_and_signed(
    partner, partner_key, hospital, receiver_factory, django_capture_on_commit_callbacks
):
    receiver = receiver_factory()
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        case = _file(partner_key, hospital, kind="phan_anh")
    (headers, body), = receiver.requests
    at = json.loads(body)["event"]["at"]  # docs/api.md: "2026-07-02T02:00:00Z"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", at)
    event = case.events.get(action="received")
    assert datetime.datetime.fromisoformat(at) == event.at.replace(microsecond=0)
    # The signature covers the body as sent, with its time in this form.
    secret = Partner.objects.get(pk=partner.pk).webhook_secret
    assert webhook_signature_check(secret, body, headers[SIGNATURE_HEADER])


def test_a_notice_stored_before_the_rule_goes_out_in_the_one_form_and_signed(
    partner, partner_key, hospital, receiver_factory
):
    """A notice queued by the previous version (`at` in +07:00, fractions) and retried after
    the upgrade: sent in UTC to the second, the signature over the body as sent."""
    case = _file(partner_key, hospital, kind="phan_anh")  # no webhook address yet: no notice
    receiver = receiver_factory()
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    event = case.events.get(action="received")
    delivery = WebhookDelivery.objects.create(
        partner=partner, case=case, event=event,
        payload={"id": 1, "tracking_code": case.tracking_code,
                 "event": {"action": "received", "message": "Đã tiếp nhận",
                           "at": "2026-07-02T09:00:00.123456+07:00"}},
    )  # fmt: skip
    webhook_deliver.call(delivery.pk)
    (headers, body), = receiver.requests
    assert json.loads(body)["event"] == {
        "action": "received", "message": "Đã tiếp nhận", "at": "2026-07-02T02:00:00Z"
    }
    secret = Partner.objects.get(pk=partner.pk).webhook_secret
    assert webhook_signature_check(secret, body, headers[SIGNATURE_HEADER])


def test_the_notice_is_in_vietnamese_whatever_the_language_of_who_made_the_event(
    partner, partner_key, hospital, receiver_factory, django_capture_on_commit_callbacks
):
    receiver = receiver_factory()
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/api/v1/submissions", data=json.dumps(api_body("phan_anh", facility=hospital.code)),
            content_type="application/json", HTTP_X_API_KEY=partner_key,
            HTTP_ACCEPT_LANGUAGE="en",
        )  # fmt: skip
    assert response.status_code == 201 and response["Content-Language"] == "en"
    case = Case.objects.get(tracking_code=response.json()["tracking_code"])
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        # an officer reading the admin in English makes the next event
        case_transition(case_id=case.pk, action="accept", actor=UserFactory(perms=INTAKE),
                        data={}, origin="api")  # fmt: skip
    received, accepted = (json.loads(body)["event"] for _h, body in receiver.requests)
    assert received["status_label"] == "Đã tiếp nhận"
    assert accepted["status_label"] == "Đang xử lý"  # a phản ánh: tiếp nhận, xử lý


def test_the_parts_of_a_split_partner_case_stay_the_partners(
    partner, partner_key, hospital, receiver_factory, django_capture_on_commit_callbacks
):
    receiver = receiver_factory()
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        case = _file(partner_key, hospital, kind="phan_anh")
    with django_capture_on_commit_callbacks(execute=True):
        event = act(case, "split", UserFactory(superuser=True), parts=[
            {"title": "Thái độ bác sĩ", "content": "Bác sĩ quát mắng người bệnh."},
            {"title": "Thêm ghế chờ", "content": "Đề nghị thêm ghế chờ.", "kind": "kien_nghi"},
        ])  # fmt: skip
    codes = event.data["split_into"]
    assert len(codes) == 2
    assert set(Case.objects.filter(tracking_code__in=codes).values_list("partner", flat=True)) == {
        partner.pk
    }
    client = Client(headers={"X-API-Key": partner_key})
    for code in codes:
        assert client.get(f"/api/v1/partner/submissions/{code}").status_code == 200
    told = [json.loads(body) for _h, body in receiver.requests]
    assert sorted((n["tracking_code"], n["event"]["action"]) for n in told) == sorted(
        [(case.tracking_code, "received"), (case.tracking_code, "split")]
        + [(code, "received") for code in codes]
    )
    (split,) = [n for n in told if n["event"]["action"] == "split"]
    assert all(code in split["event"]["message"] for code in codes)


def test_backoff_doubles():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]


def test_each_notice_carries_its_place_among_the_cases_public_events(
    partner, partner_key, hospital, receiver_factory, django_capture_on_commit_callbacks
):
    """A retried notice may arrive after a newer one, both of the same second: `sequence`
    (1, 2, 3… of the case's public events) tells the partner which is the latest; an
    internal event takes no number."""
    receiver = receiver_factory()
    Partner.objects.filter(pk=partner.pk).update(webhook_url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        case = _file(partner_key, hospital, kind="phan_anh")
    officer = UserFactory(perms=INTAKE)
    CaseEvent.objects.create(case=case, action="assign", is_public=False, actor=officer,
                             at=timezone.now())  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="accept", actor=officer, data={},
                        origin="api")  # fmt: skip
    sent = [json.loads(body) for _headers, body in receiver.requests]
    assert [(n["event"]["action"], n["sequence"]) for n in sent] == [
        ("received", 1), ("accept", 2),
    ]
    stored = WebhookDelivery.objects.order_by("pk").values_list("payload__sequence", flat=True)
    assert list(stored) == [1, 2]
