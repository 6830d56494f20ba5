"""Every message names the Sở and its hotline from the portal's settings: a centrally run
city's citizen reads "Sở Y tế thành phố Huế" and the hotline the administrator set, in the
subject and the body of each e-mail and in each SMS, never a name or number typed into a
template."""

from __future__ import annotations

import pytest

from complaints import emails
from complaints.kinds import CaseKind, CaseStatus
from complaints.notifications.citizen import event_context
from complaints.notifications.notifier import _sms_text
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CODES = [
    "citizen_received", "citizen_event", "citizen_pin", "citizen_reminder",
    "citizen_document_issued", "citizen_linked_case", "staff_case_assigned",
    "staff_citizen_replied", "staff_deadline_before", "staff_deadline_overdue",
    "staff_draft_proposed", "staff_draft_returned", "staff_draft_approved",
    "staff_dialogue_cancelled", "staff_dialogue_scheduled", "citizen_dialogue_invitation",
    "staff_press_verification_reported", "partner_key_expiring", "staff_first_round_informed",
]


@pytest.fixture
def city(settings):
    settings.PORTAL_PROVINCE = "Huế"
    settings.PORTAL_PROVINCE_KIND = ""
    settings.PORTAL_HOTLINE = "0234 3822 111"


@pytest.mark.parametrize("code", CODES)
def test_each_mail_names_the_department_from_the_settings(city, code):
    subject, body = emails.render(code, {"tracking_code": "PA-2026-000001"})
    assert subject.startswith("[Sở Y tế thành phố Huế]"), subject
    assert "1900 9095" not in subject + body
    if code.startswith("citizen_"):
        assert "Đường dây nóng ngành Y tế: 0234 3822 111." in body


def test_no_hotline_line_when_none_is_set(settings):
    settings.PORTAL_HOTLINE = ""
    _subject, body = emails.render("citizen_event", {"tracking_code": "PA-2026-000001"})
    assert "Đường dây nóng" not in body


def test_the_sms_names_the_department(city):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    event = act(case, "accept", UserFactory(superuser=True))
    case.refresh_from_db()
    text = _sms_text("citizen_event", event_context(case, event))
    assert text.startswith(f"Sở Y tế thành phố Huế: hồ sơ {case.tracking_code} - ")


def test_an_administrators_template_may_still_read_province(city):
    from complaints.models import EmailTemplate

    EmailTemplate.objects.create(
        code="citizen_event", subject="[Sở Y tế {{ province }}] {{ tracking_code }}",
        body="{{ department }} — {{ hotline }}",
    )
    subject, body = emails.render("citizen_event", {"tracking_code": "PA-2026-000001"})
    assert subject == "[Sở Y tế Huế] PA-2026-000001"
    assert body == "Sở Y tế thành phố Huế — 0234 3822 111\n"
