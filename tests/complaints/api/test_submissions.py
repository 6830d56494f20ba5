"""POST /api/v1/submissions and GET /api/v1/submissions/{code}?pin= (CONTRACT.md)."""

import datetime
import json

import pytest
from django.test import override_settings

from complaints.models import Attachment, Case
from tests.complaints.intake_factories import api_body, jpeg_with_gps, upload

pytestmark = pytest.mark.django_db

URL = "/api/v1/submissions"


def post(client, body, **headers):
    return client.post(URL, data=json.dumps(body), content_type="application/json", **headers)


def test_created_answers_201_with_code_pin_and_deadlines(client, hospital, category):
    response = post(client, api_body(facility=hospital.code, category=category.code))
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get()
    assert body["tracking_code"] == case.tracking_code
    assert len(body["pin"]) == 8
    assert body["kind"] == "phan_anh"
    assert body["status"] == "received"
    assert body["accept_by"] == case.accept_by.isoformat()
    assert "resolve_by" in body
    assert case.channel == "api"
    assert body["tracking_url"].endswith(f"/tra-cuu/{case.tracking_code}/")


def test_no_csrf_token_needed(hospital):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post(strict, api_body(facility=hospital.code)).status_code == 201


def test_same_idempotency_key_and_body_answers_200_with_the_same_case(client, hospital):
    body = api_body(facility=hospital.code)
    first = post(client, body, HTTP_IDEMPOTENCY_KEY="2b7e1516-28ae-4d2a")
    again = post(client, body, HTTP_IDEMPOTENCY_KEY="2b7e1516-28ae-4d2a")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["tracking_code"] == first.json()["tracking_code"]
    assert again.json()["pin"] == first.json()["pin"]
    assert Case.objects.count() == 1


def test_same_key_other_body_is_a_conflict(client, hospital):
    post(client, api_body(facility=hospital.code), HTTP_IDEMPOTENCY_KEY="k")
    other = api_body(facility=hospital.code, title="Khác")
    response = post(client, other, HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 409
    assert "detail" in response.json()


def test_bad_input_answers_400_with_field_errors(client, hospital):
    response = post(
        client,
        api_body(
            "khieu_nai",
            facility=hospital.code,
            consent=False,
            reporter={"name": "Lan", "email": "lan@example.vn"},
        ),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"consent", "reporter.address", "reporter.id_number"} <= errors.keys()
    assert all(isinstance(m, str) for messages in errors.values() for m in messages)
    assert Case.objects.count() == 0


def test_wrong_types_are_reported_per_field(client, hospital):
    response = post(
        client,
        api_body(facility=hospital.code, anonymous="yes", incident_date="20/01/2026",
                 reporter="Lan"),
    )
    assert response.status_code == 400
    assert {"anonymous", "incident_date", "reporter"} <= response.json()["errors"].keys()


def test_a_field_the_schema_cannot_read_does_not_hide_the_others(client, hospital):
    """One round, as the web form: the unreadable date, and what the intake service finds
    in the fields that could be read (the phone, the e-mail, the content's length)."""
    response = post(client, api_body(
        facility=hospital.code, incident_date="31/02/2026", content="Quá ngắn",
        reporter={"name": "Lan", "phone": "12345", "email": "lan@example"},
    ))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["incident_date"] == ["Ngày không hợp lệ (định dạng YYYY-MM-DD)."]
    assert errors["reporter.phone"][0].startswith("Số điện thoại không hợp lệ.")
    assert errors["reporter.email"] == ["Địa chỉ thư điện tử không hợp lệ."]
    assert "ít nhất 20 ký tự" in errors["content"][0]
    assert Case.objects.count() == 0


def test_a_field_keeps_its_own_error_only(client, hospital):
    """A khiếu nại's unreadable decision date is not also "missing"; a reporter that is
    not an object is not also missing its name."""
    response = post(client, api_body(
        "khieu_nai", facility=hospital.code, decision_date="hôm qua", reporter="Lan",
    ))
    errors = response.json()["errors"]
    assert errors["decision_date"] == ["Ngày không hợp lệ (định dạng YYYY-MM-DD)."]
    assert errors["reporter"] == ["Phải là một đối tượng JSON."]
    assert not any(key.startswith("reporter.") for key in errors)


@pytest.mark.parametrize("body", [b"", b"  \n"])
def test_an_empty_body_says_the_json_is_missing(client, body):
    response = client.post(URL, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"errors": {"__all__": ["Thiếu nội dung JSON của yêu cầu."]}}


def test_anonymous_denunciation_answers_400_with_the_explanation(client, hospital):
    response = post(client, api_body("to_cao", facility=hospital.code, anonymous=True))
    assert response.status_code == 400
    assert "Điều 25" in response.json()["errors"]["anonymous"][0]


@pytest.mark.parametrize("kind", ["phan_anh", "kien_nghi", "khieu_nai", "to_cao"])
def test_each_kind_through_the_api(client, hospital, kind):
    response = post(client, api_body(kind, facility=hospital.code))
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == kind


def test_late_complaint_is_accepted_with_a_warning(client, hospital):
    late = (datetime.date.today() - datetime.timedelta(days=150)).isoformat()
    response = post(client, api_body("khieu_nai", facility=hospital.code, decision_date=late))
    assert response.status_code == 201
    assert "Điều 9" in response.json()["warnings"][0]


def test_invalid_json_and_wrong_content_type(client):
    response = client.post(URL, data="{nope", content_type="application/json")
    assert response.status_code == 400
    assert "__all__" in response.json()["errors"]
    response = client.post(URL, data="kind=phan_anh", content_type="text/plain")
    assert response.status_code == 400
    response = client.post(URL, data="[1]", content_type="application/json")
    assert response.status_code == 400


def test_only_post(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_multipart_with_attachments(client, hospital):
    body = api_body(facility=hospital.code)
    response = client.post(
        URL, {"data": json.dumps(body), "attachments": [upload("anh.jpg", jpeg_with_gps())]}
    )
    assert response.status_code == 201
    assert Attachment.objects.filter(case__tracking_code=response.json()["tracking_code"]).count()


def test_multipart_bad_attachment_is_named(client, hospital):
    response = client.post(
        URL,
        {"data": json.dumps(api_body(facility=hospital.code)),
         "attachments": [upload("so-lieu.pdf", b"PK\x03\x04 zip")]},
    )
    assert response.status_code == 400
    assert "so-lieu.pdf" in response.json()["errors"]["attachments"][0]
    assert Case.objects.count() == 0


@override_settings(COMPLAINTS_RATE_LIMITS={"submission": (2, 600)})
def test_429_with_retry_after(client, hospital):
    for n in range(2):
        assert post(client, api_body(facility=hospital.code, title=f"Việc {n} khác nhau hẳn")
                    ).status_code == 201
    response = post(client, api_body(facility=hospital.code, title="Việc thứ ba"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"].startswith(
        "Địa chỉ mạng này đã gửi 2 hồ sơ trong 10 phút vừa qua."
    )


@override_settings(COMPLAINTS_RATE_LIMITS={"submission": (1, 600)})
def test_past_the_limit_an_invalid_body_gets_its_field_errors(client, hospital):
    assert post(client, api_body(facility=hospital.code)).status_code == 201
    response = post(client, {})
    assert response.status_code == 400
    assert {"kind", "title", "content", "consent"} <= response.json()["errors"].keys()


def test_detail_shows_status_deadlines_and_timeline_never_identity(client, hospital):
    created = post(client, api_body("to_cao", facility=hospital.code)).json()
    response = client.get(f"{URL}/{created['tracking_code']}", {"pin": created["pin"]})
    assert response.status_code == 200
    body = response.json()
    assert body["tracking_code"] == created["tracking_code"]
    assert body["status"] == "received"
    assert body["timeline"][0]["action"] == "received"
    assert {"step", "due", "legal_basis"} <= body["deadlines"][0].keys()
    text = response.content.decode()
    for secret in ("Nguyễn Thị Lan", "051190000123", "0905123456", "lan.nguyen@example.vn",
                   "Phổ Cường"):
        assert secret not in text


def test_unknown_code_and_wrong_pin_answer_the_same_404(client, hospital):
    created = post(client, api_body(facility=hospital.code)).json()
    wrong = client.get(f"{URL}/{created['tracking_code']}", {"pin": "00000000"})
    unknown = client.get(f"{URL}/YT-2026-999999", {"pin": created["pin"]})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    assert "detail" in wrong.json()


@override_settings(
    COMPLAINTS_RATE_LIMITS={"pin_code_address": (2, 3600), "lookup_address": (100, 60)}
)
def test_pin_guessing_is_slowed(client, hospital):
    created = post(client, api_body(facility=hospital.code)).json()
    code = created["tracking_code"]
    for pin in ("1", "2"):
        assert client.get(f"{URL}/{code}", {"pin": pin}).status_code == 404
    response = client.get(f"{URL}/{code}", {"pin": created["pin"]})
    assert response.status_code == 429
    assert response["Retry-After"]


@pytest.mark.parametrize("phone", ["0112345678", "0012345678"])
def test_a_number_no_vietnamese_phone_starts_with_is_refused(client, hospital, phone):
    body = api_body(facility=hospital.code)
    body["reporter"] = {**body.get("reporter", {}), "phone": phone}
    response = post(client, body)
    assert response.status_code == 400
    assert not Case.objects.exists()
