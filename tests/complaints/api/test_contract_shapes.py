"""What the move to a schema-described API must not change (CONTRACT.md): every error is
JSON in its shape, Vietnamese is written as such, and a retried body parses the same."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.complaints.intake_factories import api_body

pytestmark = pytest.mark.django_db


def test_a_wrong_method_is_a_json_405_with_allow():
    response = Client().get("/api/v1/submissions")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert response.json()["detail"] == "Phương thức không được hỗ trợ."


def test_answers_are_utf8_json_not_escaped(hospital):
    response = Client().post(
        "/api/v1/submissions",
        data=json.dumps({"kind": "khieu_nai", "facility": hospital.code}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Hãy nhập" in response.content.decode()  # not \\u escapes


def test_nested_and_type_errors_name_their_field(hospital):
    body = api_body(facility=hospital.code, reporter={"name": 5}, consent="true")
    response = Client().post("/api/v1/submissions", data=json.dumps(body),
                             content_type="application/json")  # fmt: skip
    errors = response.json()["errors"]
    assert errors["reporter.name"] == ["Phải là chuỗi ký tự."]
    assert errors["consent"] == ["Phải là true hoặc false."]


def test_english_messages_on_request(hospital):
    response = Client().post(
        "/api/v1/submissions", data="[1]", content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert response.status_code == 400 and response["Content-Language"] == "en"


def test_answers_say_they_vary_by_the_language_asked(hospital):
    # A cache in front must not give the English answer to whoever asks in Vietnamese.
    for language in ("en", "vi"):
        response = Client().post(
            "/api/v1/submissions", data="[1]", content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )  # fmt: skip
        assert response["Content-Language"] == language
        vary = {v.strip().lower() for v in response["Vary"].split(",")}
        assert {"accept-language", "cookie"} <= vary
    search = Client().get("/api/v1/search", {"q": "bệnh viện"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "accept-language" in search["Vary"].lower()


def test_an_empty_body_is_a_400_not_a_crash():
    response = Client().post("/api/v1/submissions", data="", content_type="application/json")
    assert response.status_code == 400 and "errors" in response.json()


def test_text_no_database_can_store_is_a_400(hospital):
    # The one JSON reader (complaints.validation.loads_json, reliability) names the
    # character it refuses, field by field.
    refused = {
        "Tiêu đề\u0000": "Nội dung chứa ký tự NUL không hợp lệ.",
        "\ud800": "Nội dung chứa ký tự Unicode không hợp lệ (surrogate đơn lẻ).",
    }
    for title, message in refused.items():
        body = json.dumps(api_body(facility=hospital.code, title=title))
        response = Client().post("/api/v1/submissions", data=body,
                                 content_type="application/json")  # fmt: skip
        assert response.status_code == 400
        assert response.json()["errors"]["title"] == [message]
    assert Client().get("/api/v1/submissions/YT%00", {"pin": "1"}).status_code == 400
    assert Client().get("/api/v1/submissions/YT-1", {"pin": "1\u0000"}).status_code == 400
