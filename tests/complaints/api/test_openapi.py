"""The API is described by its OpenAPI 3 schema, generated from the code that serves it
(issue 15): valid by openapi-spec-validator, every endpoint in it, the error shapes of
CONTRACT.md declared, and browsable docs served by the app itself (no CDN)."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_every_endpoint_is_described_with_its_errors(schema):
    paths = schema["paths"]
    assert {
        "/api/v1/submissions", "/api/v1/submissions/{tracking_code}", "/api/v1/cases",
        "/api/v1/cases/{tracking_code}", "/api/v1/cases/{tracking_code}/actions/{action}",
        "/api/v1/partner/submissions", "/api/v1/partner/submissions/{tracking_code}",
    } <= paths.keys()  # fmt: skip
    post = paths["/api/v1/submissions"]["post"]
    assert {"201", "200", "400", "409", "429"} <= post["responses"].keys()
    errors = post["responses"]["400"]["content"]["application/json"]["schema"]["$ref"]
    assert errors.endswith("/ErrorsOut")
    assert schema["components"]["schemas"]["ErrorsOut"]["required"] == ["errors"]
    body = post["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= body.keys()
    submission = schema["components"]["schemas"]["SubmissionIn"]["properties"]
    assert {"kind", "reporter", "consent", "decision_date", "accused_name"} <= submission.keys()
    listing = paths["/api/v1/cases"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"kind", "status", "facility", "overdue", "due_soon", "page", "page_size"} <= names
    assert {"401", "400"} <= listing["responses"].keys()
    action = paths["/api/v1/cases/{tracking_code}/actions/{action}"]["post"]
    assert {"200", "400", "403", "404", "409"} <= action["responses"].keys()
    schemes = schema["components"]["securitySchemes"]
    assert {s["name"] for s in schemes.values()} >= {"Authorization", "X-API-Key"}


def test_the_docs_page_loads_nothing_from_outside():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(not s.startswith(("http:", "https:", "//")) for s in sources), sources
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/swagger-ui-init.js"):
        assert f"/static/{asset}" in html and finders.find(asset)
    assert 'lang="vi"' in html and "/api/v1/openapi.json?lang=vi" in html


def test_the_docs_follow_the_chosen_language():
    english = Client().get("/api/v1/docs?lang=en")
    html = english.content.decode()
    assert 'lang="en"' in html and "/api/v1/openapi.json?lang=en" in html
    schema = Client().get("/api/v1/openapi.json?lang=en")
    assert schema["Content-Language"] == "en"
    vietnamese = Client().get("/api/v1/openapi.json").json()
    assert vietnamese["info"]["title"].startswith("API Cổng tiếp nhận")


def test_the_public_search_is_described_as_it_answers(schema, client):
    """`/api/v1/search` (a view of the search app) is in the document, its parameters the
    ones the view reads, and an answer has the fields the schema requires."""
    from search.backends import get_backend
    from tests.search.corpus import seed_documents

    operation = schema["paths"]["/api/v1/search"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["q"]["required"] is True and parameters["q"]["schema"]["maxLength"] == 200
    assert "directive" in parameters["type"]["schema"]["enum"]
    assert {"limit", "offset", "number", "doc_type", "issuing_body", "signer", "year"} <= set(
        parameters
    )
    assert {"200", "400", "503"} <= operation["responses"].keys()
    get_backend().rebuild(seed_documents())
    body = client.get("/api/v1/search", {"q": "chi thi", "type": "directive", "limit": 2}).json()
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert set(answer["required"]) <= body.keys() and 1 <= len(body["results"]) <= 2
    assert set(answer["properties"]["results"]["items"]["required"]) == set(body["results"][0])
    too_long = client.get("/api/v1/search", {"q": "x" * 201})
    assert too_long.status_code == 400 and "q" in too_long.json()["errors"]


def test_the_document_reads_in_english_with_lang_en():
    english = Client().get("/api/v1/openapi.json?lang=en").json()
    summaries = [
        operation["summary"]
        for item in english["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "summary" in operation
    ]
    assert "Send feedback, a recommendation, a complaint or a denunciation" in summaries
    assert "Search news, directives, press responses and good examples" in summaries
    vietnamese = Client().get("/api/v1/openapi.json").json()
    assert vietnamese["paths"]["/api/v1/submissions"]["post"]["summary"] == (
        "Gửi phản ánh, kiến nghị, khiếu nại, tố cáo"
    )


_VIETNAMESE_LETTER = re.compile(
    r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I
)


def _texts(node, path=""):
    """Every summary and description of the document, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("summary", "description") and isinstance(value, str) and value:
                yield f"{path}/{key}", value
            else:
                yield from _texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, f"{path}[{index}]")


def test_every_text_of_the_document_is_in_the_readers_language(schema):
    """The staff's filters, the drafts' bodies, the Idempotency-Key and each answer's
    meaning (ninja's "Bad Request") were English in the Vietnamese document."""
    english = [where for where, text in _texts(schema) if not _VIETNAMESE_LETTER.search(text)]
    assert english == []
    assert schema["paths"]["/api/v1/cases"]["get"]["responses"]["400"]["description"] == (
        "Dữ liệu gửi lên không hợp lệ: các lỗi theo từng trường"
    )
    in_english = Client().get("/api/v1/openapi.json", {"lang": "en"}).json()
    examples = ("Nguyễn Thị Lan",)  # a Vietnamese name is an example in either language

    def vietnamese_in(text):
        for example in examples:
            text = text.replace(example, "")
        return _VIETNAMESE_LETTER.search(text)

    vietnamese = [where for where, text in _texts(in_english) if vietnamese_in(text)]
    assert vietnamese == []
