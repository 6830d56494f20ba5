""""Ngừng nhận thông báo" on the tracking page: the citizen withdraws the consent to
e-mail and/or SMS notices (Điều 10 Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15); the next
notice goes by no stopped channel, and the reporter's history records the change."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from complaints.models import Reporter
from complaints.notifications import sms
from complaints.services.workflow import case_transition
from tests.factories import DEFAULT_PIN, CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def case():
    case = CaseFactory()
    Reporter.objects.filter(case=case).update(
        consent_contact=True, consent_sms=True, phone="0905 123 456",
        notify_info_request=True,
    )
    return case


def _open(client, case):
    response = client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    assert response.status_code == 302
    return client.get(response["Location"])


def _ask_info(case, django_capture_on_commit_callbacks):
    staff = UserFactory(perms=["complaints.view_all_cases", "complaints.act_on_case"])
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="request_info", actor=staff,
                        data={"message": "Đề nghị gửi ảnh hoá đơn."}, origin="test")


def test_stopping_email_stops_the_next_email_and_keeps_the_sms(
    client, case, django_capture_on_commit_callbacks
):
    page = _open(client, case).content.decode()
    assert 'id="ngung-thong-bao"' in page
    assert 'value="email"' in page and 'value="sms"' in page
    response = client.post(f"/tra-cuu/{case.tracking_code}/ngung-thong-bao/",
                           {"channels": ["email"]})
    assert response.status_code == 302
    after = client.get(response["Location"]).content.decode()
    assert "Đã ngừng gửi thông báo về hồ sơ" in after and "qua thư điện tử" in after
    assert 'value="email"' not in after and 'value="sms"' in after
    reporter = Reporter.objects.get(case=case)
    assert not reporter.consent_contact and reporter.consent_sms
    last = reporter.history.first()
    assert last.history_change_reason == "origin=citizen action=notices_stop channels=email"
    assert last.prev_record.consent_contact

    _ask_info(case, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    [message] = sms.outbox
    assert "Ngừng nhận thông báo" in message.body


def test_stopping_both_sends_nothing_and_hides_the_form(
    client, case, django_capture_on_commit_callbacks
):
    _open(client, case)
    response = client.post(f"/tra-cuu/{case.tracking_code}/ngung-thong-bao/",
                           {"channels": ["email", "sms"]})
    assert 'id="ngung-thong-bao"' not in client.get(response["Location"]).content.decode()
    _ask_info(case, django_capture_on_commit_callbacks)
    assert mail.outbox == [] and sms.outbox == []


def test_before_stopping_the_email_says_how_to_stop(case, django_capture_on_commit_callbacks):
    _ask_info(case, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "mục “Ngừng nhận thông báo”" in message.body
    assert f"/tra-cuu/{case.tracking_code}/" in message.body


def test_without_the_pin_or_the_csrf_token_nothing_changes(client, case):
    url = f"/tra-cuu/{case.tracking_code}/ngung-thong-bao/"
    response = client.post(url, {"channels": ["email", "sms"]})  # the case not opened
    assert response.status_code == 302
    guarded = Client(enforce_csrf_checks=True)
    _open_with_token = guarded.get(f"/tra-cuu/{case.tracking_code}/")
    assert _open_with_token.status_code == 200
    assert guarded.post(url, {"channels": ["email"]}).status_code == 403
    reporter = Reporter.objects.get(case=case)
    assert reporter.consent_contact and reporter.consent_sms


def test_nothing_ticked_is_asked_again(client, case):
    _open(client, case)
    response = client.post(f"/tra-cuu/{case.tracking_code}/ngung-thong-bao/", {}, follow=True)
    assert "Hãy chọn kênh bạn muốn ngừng nhận thông báo." in response.content.decode()
    assert Reporter.objects.get(case=case).consent_contact


def test_in_english(client, case):
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    page = client.get(f"/tra-cuu/{case.tracking_code}/?lang=en").content.decode()
    assert "<h2 id=\"stop-notices-title\">Stop notifications</h2>" in page
    assert "You may withdraw your consent" in page
    response = client.post(f"/tra-cuu/{case.tracking_code}/ngung-thong-bao/",
                           {"channels": ["email", "sms"]}, follow=True)
    assert "are no longer sent by e-mail and SMS" in response.content.decode()
