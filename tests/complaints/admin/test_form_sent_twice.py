"""The same step or note form sent twice (a page re-sent, a double click without
JavaScript, two requests racing) is recorded once: each form carries its own token, the
step's key in the one service (`case_transition(idempotency_key=…)`)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent, InternalNote
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory

from .helpers import handler_user, leader_user

pytestmark = pytest.mark.django_db

REPORT = {
    "verification_result": "Bệnh viện thu tiền khám cao hơn bảng giá 20.000 đồng.",
    "proposed_finding": "partly_correct",
    "recommendation": "Sửa đổi quyết định thu tiền, hoàn trả phần thu thừa.",
}


def token(html: str, name: str) -> str:
    [value] = re.findall(rf'name="{name}" value="([0-9a-f]{{32}})"', html)
    return value


def detail(case) -> str:
    return reverse("complaints_admin:detail", args=[case.tracking_code])


def action_url(case, action: str) -> str:
    return reverse("complaints_admin:action", args=[case.tracking_code, action])


@pytest.fixture
def verifying(client):
    unit = FacilityFactory()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit)
    client.force_login(handler_user(unit))
    return case


def report_form(client, case) -> dict:
    html = client.get(action_url(case, "report_verification")).content.decode()
    return {
        "report_verification-expected_status": "verifying",
        "report_verification-form_token": token(html, "report_verification-form_token"),
        **{f"report_verification-{name}": value for name, value in REPORT.items()},
    }


def test_a_report_sent_twice_is_recorded_once(client, verifying):
    """A step that keeps the case's state (a report) was recorded as often as it was sent."""
    form = report_form(client, verifying)
    first = client.post(action_url(verifying, "report_verification"), form)
    again = client.post(action_url(verifying, "report_verification"), form, follow=True)
    assert first.status_code == 302 and again.status_code == 200
    assert CaseEvent.objects.filter(case=verifying, action="report_verification").count() == 1
    assert "đã được gửi và ghi nhận trước đó; không ghi thêm lần nữa" in again.content.decode()
    # A new form is a new report: the step may be taken again.
    assert client.post(action_url(verifying, "report_verification"),
                       report_form(client, verifying)).status_code == 302
    assert CaseEvent.objects.filter(case=verifying, action="report_verification").count() == 2


def test_a_step_that_moved_the_case_sent_again_says_it_was_done(client):
    """Sent again after it moved the case, the same form is no stale-page conflict: it was
    this very step, done."""
    unit = FacilityFactory()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    client.force_login(leader_user(facility=unit))
    html = client.get(detail(case)).content.decode()
    form = {"accept-expected_status": "received",
            "accept-form_token": token(html, "accept-form_token")}
    assert client.post(action_url(case, "accept"), form).status_code == 302
    again = client.post(action_url(case, "accept"), form)
    assert again.status_code == 302 and again["Location"] == detail(case)
    assert CaseEvent.objects.filter(case=case, action="accept").count() == 1
    # Without the token (an old page), the second click is refused as before.
    assert client.post(action_url(case, "accept"),
                       {"accept-expected_status": "received"}).status_code == 409


def test_a_form_refused_for_its_values_keeps_its_token_for_the_corrected_one(client, verifying):
    form = report_form(client, verifying)
    refused = client.post(action_url(verifying, "report_verification"),
                          {**form, "report_verification-verification_result": ""})
    assert refused.status_code == 400
    assert token(refused.content.decode(), "report_verification-form_token") == (
        form["report_verification-form_token"])
    assert client.post(action_url(verifying, "report_verification"), form).status_code == 302
    assert CaseEvent.objects.filter(case=verifying, action="report_verification").count() == 1


def test_a_note_sent_twice_is_added_once(client, verifying):
    html = client.get(detail(verifying)).content.decode()
    form = {"text": "Đã gọi điện cho khoa Khám bệnh.", "form_token": token(html, "form_token")}
    url = reverse("complaints_admin:add_note", args=[verifying.tracking_code])
    assert client.post(url, form).status_code == 302
    again = client.post(url, form, follow=True)
    assert "Ghi chú này đã được thêm trước đó" in again.content.decode()
    assert InternalNote.objects.filter(case=verifying).count() == 1
    # A note refused (empty) does not use up its form: the same form, filled, is added.
    fresh = token(client.get(detail(verifying)).content.decode(), "form_token")
    assert client.post(url, {"text": "", "form_token": fresh}).status_code == 400
    filled = {"text": "Hẹn làm việc lúc 9 giờ.", "form_token": fresh}
    assert client.post(url, filled).status_code == 302
    assert InternalNote.objects.filter(case=verifying).count() == 2
