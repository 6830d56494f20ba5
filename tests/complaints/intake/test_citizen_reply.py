"""The citizen answers a request for information (issue 11, item 3): on the tracking
page and by the API, within the period, files checked as at intake, staff alerted."""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone

from complaints.kinds import CaseStatus
from complaints.models import Attachment, Case, CaseEvent
from complaints.services.workflow import case_transition
from tests.complaints.intake_factories import jpeg_with_gps, upload
from tests.factories import DEFAULT_PIN, CaseFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(django_capture_on_commit_callbacks):
    """A case waiting for the citizen: staff asked for a signed copy."""
    unit = FacilityFactory(email="khoa-nhi@bv.example.vn")
    case = CaseFactory(assigned_unit=unit, facility=unit)
    officer = UserFactory(perms=["complaints.view_all_cases", "complaints.act_on_case"])
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="request_info", actor=officer,
                        data={"message": "Đề nghị gửi ảnh hoá đơn viện phí."}, origin="test")
    mail.outbox.clear()
    case.refresh_from_db()
    assert case.status == CaseStatus.NEEDS_INFO
    case.officer = officer
    return case


def opened(client, case):
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    return client


def test_the_page_shows_the_request_and_its_deadline(client, asked):
    page = opened(client, asked).get(f"/tra-cuu/{asked.tracking_code}/").content.decode()
    assert "Đề nghị gửi ảnh hoá đơn viện phí." in page
    assert "Hạn gửi bổ sung" in page
    assert f'action="/tra-cuu/{asked.tracking_code}/bo-sung/"' in page


def test_answer_with_text_and_photo_moves_the_case_and_alerts_staff(
    client, asked, django_capture_on_commit_callbacks
):
    opened(client, asked)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/tra-cuu/{asked.tracking_code}/bo-sung/", {
            "text": "Tôi gửi kèm ảnh hoá đơn.",
            "attachments": [upload("hoa-don.jpg", jpeg_with_gps(), "image/jpeg")],
        })
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == CaseStatus.RECEIVED  # the table's complete_info row
    event = CaseEvent.objects.get(case=asked, action="complete_info")
    assert event.is_public and event.actor is None and event.data["origin"] == "citizen"
    assert event.data["reply"] == "Tôi gửi kèm ảnh hoá đơn."
    [photo] = Attachment.objects.filter(case=asked)
    assert photo.pk in event.data["attachments"]
    assert b"GPS" not in photo.file.read()  # re-encoded as at intake
    staff_mail = [m for m in mail.outbox if "khoa-nhi@bv.example.vn" in m.to]
    assert staff_mail and asked.officer.email in staff_mail[0].to
    assert "Nguyễn Thị Dân" not in staff_mail[0].body  # never the reporter
    follow = client.get(response["Location"]).content.decode()
    assert "Đã gửi thông tin bổ sung" in follow
    assert "Ông/bà đã bổ sung thông tin" in follow  # told to the citizen as theirs


def test_an_answer_from_a_reader_of_english_is_recorded_in_vietnamese(client, asked):
    """The event is the record: written in the portal's language whatever the citizen reads,
    as the workflow's events are (the timeline shows it to everyone, marked Vietnamese)."""
    client.cookies["django_language"] = "en"
    opened(client, asked)
    client.post(f"/tra-cuu/{asked.tracking_code}/bo-sung/", {"text": "Bill attached."})
    event = CaseEvent.objects.get(case=asked, action="complete_info")
    assert event.public_message == "Người gửi đã bổ sung thông tin; hồ sơ tiếp tục được xem xét."
    assert event.note == "Nội dung bổ sung của người gửi: Bill attached."


def test_bad_file_or_empty_answer_saves_nothing(client, asked):
    opened(client, asked)
    url = f"/tra-cuu/{asked.tracking_code}/bo-sung/"
    response = client.post(url, {"text": "", "attachments": [upload("x.jpg", b"not an image")]})
    assert response.status_code == 400
    assert "x.jpg" in response.content.decode()
    response = client.post(url, {"text": "   "})
    assert response.status_code == 400
    assert "Hãy nhập nội dung bổ sung" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == CaseStatus.NEEDS_INFO
    assert not Attachment.objects.filter(case=asked).exists()


def test_a_second_answer_is_refused_politely(client, asked):
    opened(client, asked)
    url = f"/tra-cuu/{asked.tracking_code}/bo-sung/"
    assert client.post(url, {"text": "Lần một"}).status_code == 302
    response = client.post(url, {"text": "Lần hai (bấm hai lần)"}, follow=True)
    assert "không chờ bạn bổ sung" in response.content.decode()
    assert CaseEvent.objects.filter(case=asked, action="complete_info").count() == 1


def test_the_period_is_enforced(client, asked):
    CaseEvent.objects.filter(case=asked, action="request_info").update(
        at=timezone.now() - datetime.timedelta(days=60)
    )
    opened(client, asked)
    response = client.post(f"/tra-cuu/{asked.tracking_code}/bo-sung/", {"text": "Muộn"},
                           follow=True)
    assert "Đã hết hạn bổ sung thông tin" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == CaseStatus.NEEDS_INFO


def test_without_the_pin_nothing_is_recorded(client, asked):
    response = client.post(f"/tra-cuu/{asked.tracking_code}/bo-sung/", {"text": "Xin chào"})
    assert response.status_code == 302
    assert Case.objects.get(pk=asked.pk).status == CaseStatus.NEEDS_INFO


API = "/api/v1/submissions"


def test_the_api_shows_the_request_and_takes_the_answer(
    client, asked, django_capture_on_commit_callbacks
):
    detail = client.get(f"{API}/{asked.tracking_code}", {"pin": DEFAULT_PIN}).json()
    assert detail["info_request"]["message"] == "Đề nghị gửi ảnh hoá đơn viện phí."
    assert detail["info_request"]["unconfirmed"] is True
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{API}/{asked.tracking_code}/reply",
            {"data": json.dumps({"pin": DEFAULT_PIN, "text": "Gửi qua ứng dụng."}),
             "attachments": [upload("hd.jpg", jpeg_with_gps(), "image/jpeg")]},
        )
    assert response.status_code == 201
    assert response.json()["status"] == "received"
    assert Attachment.objects.filter(case=asked).count() == 1
    assert any(asked.officer.email in m.to for m in mail.outbox)
    again = client.post(f"{API}/{asked.tracking_code}/reply",
                        json.dumps({"pin": DEFAULT_PIN, "text": "Lần nữa"}),
                        content_type="application/json")
    assert again.status_code == 409


def test_the_api_refuses_wrong_pins_and_bad_input(client, asked):
    url = f"{API}/{asked.tracking_code}/reply"
    wrong = client.post(url, json.dumps({"pin": "00000000", "text": "x"}),
                        content_type="application/json")
    assert wrong.status_code == 404
    empty = client.post(url, json.dumps({"pin": DEFAULT_PIN, "text": ""}),
                        content_type="application/json")
    assert empty.status_code == 400 and "text" in empty.json()["errors"]
    assert client.get(url).status_code == 405


def test_the_citizen_is_reminded_once_before_the_period_ends(
    asked, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from complaints.models import Reporter
    from complaints.notifications import sms
    from complaints.services.citizen_reply import open_info_request

    Reporter.objects.filter(case=asked).update(consent_sms=True)
    sms.outbox.clear()
    reply_by = open_info_request(asked).reply_by
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_citizen_reminders", today=(reply_by - datetime.timedelta(days=30))
                     .isoformat())
    assert mail.outbox == []  # too early
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_citizen_reminders", today=reply_by.isoformat())
    [message] = mail.outbox
    assert asked.tracking_code in message.subject
    assert reply_by.strftime("%d/%m/%Y") in message.body
    assert len(sms.outbox) == 1
    sms.outbox.clear()


def test_the_tracking_page_lists_the_names_of_the_files_the_citizen_sent(client, asked):
    """The PIN holder sees what they sent (names, not links): with the case, and with each
    answer; never the documents the Sở issued."""
    from complaints.documents.models import Document, DocumentTemplate
    from complaints.services.attachments import attachments_clean, attachments_store

    first = attachments_store(case=asked, cleaned=attachments_clean(
        files=[upload("don-khieu-nai.jpg", jpeg_with_gps(), "image/jpeg")]))
    issued = attachments_store(case=asked, cleaned=attachments_clean(
        files=[upload("cong-van-tra-loi.jpg", jpeg_with_gps(), "image/jpeg")]))
    Document.objects.create(
        case=asked, template=DocumentTemplate.objects.first(), action="conclude",
        audience="citizen", issuer=asked.facility, place="Quảng Ngãi", trich_yeu="Trả lời",
        body="…", signer_title="Giám đốc", pdf=issued[0],
    )
    opened(client, asked)
    client.post(f"/tra-cuu/{asked.tracking_code}/bo-sung/", {
        "text": "Tôi gửi kèm ảnh hoá đơn.",
        "attachments": [upload("hoa-don.jpg", jpeg_with_gps(), "image/jpeg")],
    })
    page = client.get(f"/tra-cuu/{asked.tracking_code}/").content.decode()
    import re

    listed = re.search(r'id="tep-da-gui".*?</section>', page, re.S).group(0)
    assert first[0].original_name in listed and "hoa-don.jpg" in listed
    assert "Gửi kèm thông tin bổ sung" in listed
    assert "cong-van-tra-loi" not in listed
    assert "<a " not in listed


@pytest.mark.parametrize(("kind", "own", "other"), [
    ("khieu_nai", "Điều 8 Luật Khiếu nại", "Luật Tố cáo"),
    ("to_cao", "Điều 23 Luật Tố cáo", "Luật Khiếu nại"),
    ("phan_anh", "", "Luật"),
])
def test_the_reply_periods_basis_cites_the_cases_own_law(kind, own, other):
    from complaints.services.citizen_reply import open_info_request

    case = CaseFactory(kind=kind, status=CaseStatus.NEEDS_INFO)
    CaseEvent.objects.create(case=case, action="request_info", at=timezone.now(),
                             is_public=True, public_message="Đề nghị bổ sung.")
    basis = open_info_request(case).legal_basis
    assert own in basis and other not in basis
