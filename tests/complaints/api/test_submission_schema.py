"""The OpenAPI schema of `POST /api/v1/submissions` says what the server requires
(`kind` among the citizens' kinds, `title`, `content`, `consent: true`) while the body
is read as before: a missing field still answers the intake's Vietnamese message."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_schema_names_the_required_fields_and_the_kinds():
    schema = Client().get("/api/v1/openapi.json").json()
    validate(schema)
    submission = schema["components"]["schemas"]["SubmissionIn"]
    assert submission["required"] == ["kind", "title", "content", "consent"]
    assert submission["properties"]["kind"]["enum"] == [
        "phan_anh", "kien_nghi", "khieu_nai", "to_cao",
    ]  # fmt: skip
    assert submission["properties"]["consent"]["const"] is True
    assert "reporter.id_number" in submission["description"]


def test_a_body_without_them_is_still_answered_by_the_intake_in_vietnamese():
    response = Client().post("/api/v1/submissions", data=json.dumps({"title": "Thiếu loại"}),
                             content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["errors"]["kind"] == [
        "Hãy chọn loại: phản ánh, kiến nghị, khiếu nại hoặc tố cáo."
    ]
