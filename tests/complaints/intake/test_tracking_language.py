"""A citizen following their own case's links reads it in the language they filed in
(`Reporter.language`): the links of their e-mails and SMS carry it (`?lang=en`, the way the
portal's English is reached: `PortalLocaleMiddleware`), and the tracking page, opened with
the PIN by a visitor who chose no language, follows the case's. A visitor's own choice (the
language switch's cookie, `?lang=`) is never overridden; the page is never stored by a cache."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from complaints import emails
from complaints.kinds import CaseStatus
from complaints.models import Case, Reporter
from complaints.notifications import sms
from complaints.notifications.citizen import event_context
from complaints.services.pin_resend import pin_resend_request
from tests.complaints.intake.second_round_helpers import concluded_first
from tests.complaints.intake.test_english_visitor import _file_in_english
from tests.complaints.intake.test_public_views import SUBMIT, form_data
from tests.complaints.workflow.helpers import act
from tests.factories import DEFAULT_PIN, CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s),]+/tra-cuu/[^\s),]+", text)


def _path(link: str) -> str:
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


def _english_case(hospital, **reporter):
    case = CaseFactory(facility=hospital)
    Reporter.objects.update_or_create(
        case=case,
        defaults={"language": "en", "email": "lan@example.vn", "consent_contact": True,
                  **reporter},
    )
    return case


def _lang(response) -> str:
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


def test_an_english_filer_s_mail_and_sms_links_open_the_portal_in_english(
    client, hospital, django_capture_on_commit_callbacks, settings
):
    settings.SMS_BACKEND = "complaints.notifications.sms.LocmemBackend"
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _file_in_english(client, hospital, consent_sms="on")
    case = Case.objects.get()
    [message] = mail.outbox
    links = _links(message.body)
    assert links and all(link.endswith(f"/tra-cuu/{case.tracking_code}/?lang=en")
                         for link in links)
    assert f"/tra-cuu/{case.tracking_code}/?lang=en" in sms.outbox[-1].body

    # The link opened in a fresh browser: no cookie, no Accept-Language for English.
    browser = Client(HTTP_ACCEPT_LANGUAGE="vi")
    path = _path(links[0])
    pin_form = browser.get(path)
    assert _lang(pin_form) == "en" and 'name="pin"' in pin_form.content.decode()
    opened = browser.post(path, {"pin": _receipt_pin(client, case)}, follow=True)
    assert _lang(opened) == "en" and case.title in opened.content.decode()


def _receipt_pin(client, case) -> str:
    html = client.get(f"/gui-phan-anh/da-gui/{case.tracking_code}/").content.decode()
    return re.search(r'id="receipt-pin">(\d{8})<', html).group(1)


def test_a_vietnamese_filer_s_links_are_the_portal_s_own(
    client, hospital, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT, form_data(hospital))
    case = Case.objects.get()
    [message] = mail.outbox
    assert _links(message.body)
    assert all(link.endswith(f"/tra-cuu/{case.tracking_code}/") for link in _links(message.body))


def test_an_english_filer_s_event_mail_links_in_english(
    hospital, django_capture_on_commit_callbacks
):
    case = _english_case(hospital)
    case.status = CaseStatus.RECEIVED
    case.save(update_fields=["status"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "accept", UserFactory(superuser=True))
    [message] = mail.outbox
    assert _links(message.body)
    assert all(link.endswith("/?lang=en") for link in _links(message.body))


def test_a_new_pin_s_link_keeps_its_secret_and_adds_the_language(
    hospital, django_capture_on_commit_callbacks
):
    case = _english_case(hospital)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pin_resend_request(tracking_code=case.tracking_code, client_ip="203.0.113.9")
    [message] = mail.outbox
    [link] = _links(message.body)
    assert re.search(r"\?khoa=[\w-]+&lang=en$", link), link
    browser = Client()
    opened = browser.get(_path(link), follow=True)
    assert _lang(opened) == "en" and case.title in opened.content.decode()


def test_the_second_complaint_link_of_an_english_mail_opens_the_form_in_english():
    first, _hospital, boss = concluded_first()
    event = first.events.filter(action="conclude").latest("at")
    with translation.override("en"):
        english = event_context(first, event)["second_complaint_url"]
    vietnamese = event_context(first, event)["second_complaint_url"]
    assert english == vietnamese + "&lang=en"
    assert "lang=" not in vietnamese


def test_the_link_builder_adds_the_language_once():
    assert emails.citizen_url("/tra-cuu/YT-2026-000001/", "vi").endswith(
        "/tra-cuu/YT-2026-000001/"
    )
    assert emails.citizen_url("/tra-cuu/YT-2026-000001/", "en").endswith(
        "/tra-cuu/YT-2026-000001/?lang=en"
    )
    assert emails.citizen_url("/gui-phan-anh/?lan=2", "en").endswith("/gui-phan-anh/?lan=2&lang=en")
    assert emails.citizen_url("/tra-cuu/YT-2026-000001/", "fr").endswith("/YT-2026-000001/")


def test_without_a_choice_the_opened_case_reads_in_its_language(hospital):
    case = _english_case(hospital)
    browser = Client()
    pin_form = browser.get(f"/tra-cuu/{case.tracking_code}/")
    assert _lang(pin_form) == "vi"  # no PIN yet: nothing of the case is told, its language too
    browser.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    page = browser.get(f"/tra-cuu/{case.tracking_code}/")
    html = page.content.decode()
    assert _lang(page) == "en" and page["Content-Language"] == "en"
    assert "&amp;lang=en" in re.search(r'data-ws-path="[^"]*"', html).group(0)
    # Per case and session: never kept by a cache, and no choice is written for the visitor.
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert "Cookie" in page["Vary"]
    assert "django_language" not in browser.cookies


def test_the_visitor_s_own_choice_wins(hospital):
    case = _english_case(hospital)
    browser = Client()
    browser.cookies["django_language"] = "vi"  # the language switch
    browser.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    assert _lang(browser.get(f"/tra-cuu/{case.tracking_code}/")) == "vi"
    del browser.cookies["django_language"]
    assert _lang(browser.get(f"/tra-cuu/{case.tracking_code}/?lang=vi")) == "vi"

    vietnamese = CaseFactory(facility=hospital, title="Hồ sơ tiếng Việt")
    reader = Client()
    reader.cookies["django_language"] = "en"
    reader.post(f"/tra-cuu/{vietnamese.tracking_code}/", {"pin": DEFAULT_PIN})
    assert _lang(reader.get(f"/tra-cuu/{vietnamese.tracking_code}/")) == "en"


def test_the_case_s_answers_and_messages_follow_its_language(hospital):
    case = _english_case(hospital)
    browser = Client()
    browser.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    stop = browser.post(f"/tra-cuu/{case.tracking_code}/ngung-thong-bao/", {}, follow=True)
    html = stop.content.decode()
    assert _lang(stop) == "en"
    assert "Hãy chọn kênh" not in html  # the refusal is written in the page's language
