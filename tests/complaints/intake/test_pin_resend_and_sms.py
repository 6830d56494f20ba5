"""Quên mã PIN (issue 12, item 3) and notices by SMS (item 4)."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings

from complaints.kinds import Channel
from complaints.models import Case, PinReissue, Reporter
from complaints.notifications import sms
from complaints.services.intake import case_submit
from complaints.services.workflow import case_transition
from tests.complaints.intake_factories import submission
from tests.factories import DEFAULT_PIN, CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

RESEND = "/tra-cuu/quen-ma-pin/"


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def _new_pin_from_mail(code):
    message = mail.outbox[-1]
    assert code in message.subject
    return re.search(r"^\s+(\d{8})\s*$", message.body, re.M).group(1), message


def test_a_lost_pin_goes_to_the_email_on_file_never_to_the_screen(
    client, django_capture_on_commit_callbacks
):
    case = CaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESEND, {"tracking_code": case.tracking_code.lower()})
    assert response.status_code == 200
    page = response.content.decode()
    assert "mã PIN mới đã được gửi" in page
    new_pin, message = _new_pin_from_mail(case.tracking_code)
    assert message.to == [case.reporter.email]
    assert new_pin not in page
    # The old PIN still works until the new one is used (a stranger's request takes nothing).
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    assert client.get(f"/tra-cuu/{case.tracking_code}/").context["case"]
    other = client.__class__()
    response = other.post(f"/tra-cuu/{case.tracking_code}/", {"pin": new_pin})
    assert response.status_code == 302
    assert other.get(response["Location"]).context["case"].tracking_code == case.tracking_code
    # Used: the new PIN replaced the old one.
    assert not PinReissue.objects.filter(case=case).exists()
    assert client.__class__().post(
        f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN}
    ).status_code == 200  # the PIN form again, with the error


def test_the_link_in_the_message_opens_the_case_and_leaves_the_address_bar(
    client, django_capture_on_commit_callbacks
):
    case = CaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESEND, {"tracking_code": case.tracking_code})
    _pin, message = _new_pin_from_mail(case.tracking_code)
    link = re.search(r"(/tra-cuu/[^\s]+\?khoa=[0-9a-f]{32})", message.body).group(1)
    response = client.get(link)
    assert response.status_code == 302 and "khoa" not in response["Location"]
    assert client.get(response["Location"]).context["case"].tracking_code == case.tracking_code
    # A made-up secret opens nothing.
    stranger = client.__class__()
    assert stranger.get(f"/tra-cuu/{case.tracking_code}/?khoa={'0' * 32}").status_code == 404


def test_same_answer_for_unknown_codes_and_cases_without_contact(
    client, django_capture_on_commit_callbacks
):
    silent = CaseFactory()
    Reporter.objects.filter(case=silent).update(consent_contact=False, consent_sms=False)
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(RESEND, {"tracking_code": silent.tracking_code})
        unknown = client.post(RESEND, {"tracking_code": "YT-2026-987654"})
    assert known.status_code == unknown.status_code == 200
    assert mail.outbox == [] and sms.outbox == []
    assert "mã PIN mới đã được gửi" in unknown.content.decode()


@pytest.mark.parametrize("typed", ["rác", "YT-2026-12", "2026-000123", "YT-26-000123"])
def test_a_code_that_cannot_be_one_is_refused_beside_its_field(client, typed):
    """No code has that form, so saying so tells nothing; before, the page promised a PIN
    the citizen would wait for in vain."""
    response = client.post(RESEND, {"tracking_code": typed})
    assert response.status_code == 400
    html = response.content.decode()
    field = re.search(r'<div class="field has-error" id="field-tracking_code">.*?</div>', html,
                      re.S).group(0)
    assert "Mã hồ sơ có dạng YT-2026-000123." in field
    assert "mã PIN mới đã được gửi" not in html


@pytest.mark.parametrize("typed", ["YT-2026-999999", "yt 2026 999999", "yt2026999999"])
def test_a_well_formed_unknown_code_gets_the_same_answer_as_ever(client, typed):
    response = client.post(RESEND, {"tracking_code": typed})
    assert response.status_code == 200
    assert "mã PIN mới đã được gửi" in response.content.decode()


def test_resending_is_limited_per_case(client, django_capture_on_commit_callbacks):
    case = CaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for _n in range(3):
            assert client.post(RESEND, {"tracking_code": case.tracking_code}).status_code == 200
        refused = client.post(RESEND, {"tracking_code": case.tracking_code})
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert "vừa được gửi lại nhiều lần" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_the_pin_goes_by_sms_when_the_citizen_chose_sms(
    client, django_capture_on_commit_callbacks
):
    case = CaseFactory()
    Reporter.objects.filter(case=case).update(consent_contact=False, consent_sms=True,
                                              phone="0905 123 456")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESEND, {"tracking_code": case.tracking_code})
    assert mail.outbox == []
    [message] = sms.outbox
    assert message.to == "+84905123456"
    assert case.tracking_code in message.body and "mã PIN mới" in message.body


def test_sms_file_backend_writes_one_file_per_message(tmp_path, settings):
    settings.SMS_BACKEND = "complaints.notifications.sms.FileBackend"
    settings.SMS_FILE_PATH = str(tmp_path / "sms")
    assert sms.send_sms(to="0905123456", body="Hồ sơ YT-2026-000001 đã được tiếp nhận.") == 1
    assert sms.send_sms(to="không phải số", body="x") == 0
    [written] = list(Path(settings.SMS_FILE_PATH).iterdir())
    text = written.read_text(encoding="utf-8")
    assert text.startswith("To: +84905123456\n")
    assert "Hồ sơ YT-2026-000001 đã được tiếp nhận." in text


def test_receipt_and_decision_by_sms_and_email_as_consented(
    hospital, django_capture_on_commit_callbacks
):
    data = submission(facility=hospital.code, consent_sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        case = case_submit(data=data, channel=Channel.WEB).case
    assert [m.to for m in sms.outbox] == ["+84905123456"]
    assert case.tracking_code in sms.outbox[0].body
    assert ".." not in sms.outbox[0].body  # the event's sentence keeps its one stop
    assert len(mail.outbox) == 1
    # The citizen wants no news of decisions: nothing for the request for information
    # either unless chosen; here they keep "info_request" only.
    Reporter.objects.filter(case=case).update(notify_decision=False)
    staff = UserFactory(perms=["complaints.view_all_cases", "complaints.act_on_case"])
    sms.outbox.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="request_info", actor=staff,
                        data={"message": "Đề nghị gửi ảnh hoá đơn."}, origin="test")
    assert len(sms.outbox) == 1 and len(mail.outbox) == 1
    # Both say until when the citizen may answer (the tracking page's date).
    from complaints.services.citizen_reply import open_info_request

    case.refresh_from_db()
    reply_by = open_info_request(case).reply_by.strftime("%d/%m/%Y")
    assert f"Hạn bổ sung: {reply_by}." in sms.outbox[0].body
    assert f"Hạn bổ sung thông tin: hết ngày {reply_by}" in mail.outbox[0].body
    assert "Đề nghị gửi ảnh hoá đơn. Hạn bổ sung" in sms.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="complete_info", actor=staff, data={},
                        origin="test")
    assert len(sms.outbox) == 1 and len(mail.outbox) == 1  # a "decision" purpose: not wanted


def test_the_sms_never_names_a_denouncer(hospital, django_capture_on_commit_callbacks):
    data = submission("to_cao", facility=hospital.code, consent_sms=True,
                      accused_name="Trần Văn Bình", accused_position="Bác sĩ",
                      truth_declaration=True)
    with django_capture_on_commit_callbacks(execute=True):
        case_submit(data=data, channel=Channel.WEB)
    [message] = sms.outbox
    for secret in ("Nguyễn Thị Lan", "051190000123", "Trần Văn Bình"):
        assert secret not in message.body


@override_settings(SMS_BACKEND="complaints.notifications.sms.LocmemBackend")
def test_the_form_records_sms_consent_and_purposes(client, hospital):
    from tests.complaints.intake.test_public_views import form_data

    response = client.post("/gui-phan-anh/", form_data(
        hospital, consent_sms="on", notify_shown="1", notify_purposes=["decision"]
    ))
    assert response.status_code == 302
    reporter = Reporter.objects.get(case=Case.objects.get())
    assert reporter.consent_sms and reporter.consent_contact
    assert (reporter.notify_receipt, reporter.notify_decision) == (False, True)


def _lock_out(client, code):
    """Five wrong PINs from this client's address: its PIN tries on the code are used up."""
    for n in range(5):
        client.post(f"/tra-cuu/{code}/", {"pin": f"{n:08d}"})
    refused = client.post(f"/tra-cuu/{code}/", {"pin": DEFAULT_PIN})
    assert refused.status_code == 429


def test_the_link_of_a_resent_pin_opens_the_case_for_an_owner_locked_out_by_typos(
    client, django_capture_on_commit_callbacks
):
    """docs/citizen.md: the `?khoa=` link opens the case even when the PIN tries are used up
    (it was refused by the per-address rules, "chờ 54 phút")."""
    case = CaseFactory()
    _lock_out(client, case.tracking_code)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESEND, {"tracking_code": case.tracking_code})
    _pin, message = _new_pin_from_mail(case.tracking_code)
    link = re.search(r"(/tra-cuu/[^\s]+\?khoa=[0-9a-f]{32})", message.body).group(1)
    response = client.get(link)
    assert response.status_code == 302
    assert client.get(response["Location"]).context["case"].tracking_code == case.tracking_code


def test_a_pin_resent_at_the_locked_out_addresss_request_opens_the_case(
    client, django_capture_on_commit_callbacks
):
    case = CaseFactory()
    _lock_out(client, case.tracking_code)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESEND, {"tracking_code": case.tracking_code})
    new_pin, _message = _new_pin_from_mail(case.tracking_code)
    response = client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": new_pin})
    assert response.status_code == 302
    assert client.get(response["Location"]).context["case"].tracking_code == case.tracking_code
    # Opened: the owner's earlier typos no longer count against the address (the live
    # updates and the API keep asking with the PIN).
    assert client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": new_pin}).status_code == 302


def test_a_resend_asked_elsewhere_does_not_free_a_guessing_address(
    client, django_capture_on_commit_callbacks
):
    case = CaseFactory()
    _lock_out(client, case.tracking_code)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESEND, {"tracking_code": case.tracking_code}, REMOTE_ADDR="192.0.2.99")
    new_pin, _message = _new_pin_from_mail(case.tracking_code)
    assert client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": new_pin}).status_code == 429


def test_with_no_language_chosen_the_answer_is_also_in_english_for_every_code(client):
    """Reached by a bare link (no cookie, no `?lang=`) the answer was Vietnamese only, the case
    filed in English (walk-english F19). Following the case's language would tell the code
    exists: the answer is said in English too, the same page for a code that exists, filed in
    English, and one that does not."""
    case = CaseFactory()
    Reporter.objects.filter(case=case).update(language="en")
    pages = []
    for code in (case.tracking_code, "YT-2026-999999"):
        response = client.post(RESEND, {"tracking_code": code})
        assert response.status_code == 200
        page = response.content.decode().replace(code, "CODE")
        pages.append(re.sub(r'value="[^"]{64}"', "", page))  # the CSRF tokens
    page = pages[0]
    assert "mã PIN mới đã được gửi" in page
    english = page.split('<div lang="en" class="also-in-english">', 1)[1]
    assert "a new PIN" in english
    assert pages[0] == pages[1]  # nothing tells the codes apart
    chosen = client.__class__()
    chosen.cookies["django_language"] = "vi"
    assert 'class="also-in-english"' not in chosen.post(
        RESEND, {"tracking_code": case.tracking_code}
    ).content.decode()
