"""What a partner's developer needs to file without asking the Sở (interop walk, findings
7 and 8): the facility codes as a public list kept with the intake's reference data, the
schema pointing at it with the limits the server enforces, and the schema in Vietnamese
with no internal file names."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from complaints.models import FacilityKind
from complaints.services.intake import MAX_CONTENT_LENGTH, MAX_LENGTHS
from tests.factories import FacilityFactory

pytestmark = pytest.mark.django_db

# A letter only Vietnamese writes (an English docstring holds none).
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def test_the_active_facilities_are_listed_for_anyone(hospital, department):
    FacilityFactory(code="BV-DONG", name="Bệnh viện đã đóng", is_active=False)
    FacilityFactory(code="UBND-XA", name="Ủy ban nhân dân xã", kind=FacilityKind.EXTERNAL)
    response = Client().get("/api/v1/facilities")
    assert response.status_code == 200
    page = response.json()
    assert {"count", "page", "page_size", "num_pages", "next", "previous"} <= page.keys()
    rows = {row["code"]: row for row in page["results"]}
    assert set(rows) == {hospital.code, department.code}  # no closed unit, no outside body
    assert rows[hospital.code] == {
        "code": hospital.code, "name": hospital.name, "parent": department.code,
        "kind": "hospital", "kind_label": "Bệnh viện",
    }  # fmt: skip
    assert rows[department.code]["parent"] is None
    one = Client().get("/api/v1/facilities", {"page_size": 1, "page": 2}).json()
    assert one["count"] == 2 and len(one["results"]) == 1 and one["previous"]
    assert Client().get("/api/v1/facilities", {"page_size": 500}).status_code == 400


def test_the_list_is_the_reference_copy_and_follows_a_change(
    hospital, department, django_assert_num_queries
):
    Client().get("/api/v1/facilities")
    with django_assert_num_queries(0):  # read from the intake's reference data
        assert Client().get("/api/v1/facilities").status_code == 200
    FacilityFactory(code="TYT-PHO-CUONG", name="Trạm y tế xã Phổ Cường", parent=hospital)
    codes = [r["code"] for r in Client().get("/api/v1/facilities").json()["results"]]
    assert "TYT-PHO-CUONG" in codes
    hospital.is_active = False
    hospital.save()
    codes = [r["code"] for r in Client().get("/api/v1/facilities").json()["results"]]
    assert hospital.code not in codes


@pytest.fixture
def schema():
    return Client().get("/api/v1/openapi.json").json()


def test_the_schema_says_where_codes_come_from_and_the_limits(schema):
    components = schema["components"]["schemas"]
    submission = components["SubmissionIn"]["properties"]
    assert "/api/v1/facilities" in submission["facility"]["description"]
    assert "/open311/v2/services.json" in submission["category"]["description"]
    assert submission["title"]["maxLength"] == MAX_LENGTHS["title"]
    assert submission["content"]["maxLength"] == MAX_CONTENT_LENGTH
    assert submission["facility"]["maxLength"] == MAX_LENGTHS["facility"]
    reporter = components["ReporterIn"]["properties"]
    for name in ("name", "phone", "email", "address", "id_number"):
        assert reporter[name]["maxLength"] == MAX_LENGTHS[f"reporter.{name}"], name
        assert VIETNAMESE.search(reporter[name]["description"]), name
    assert "/api/v1/facilities" in schema["paths"]


def test_every_operation_is_described_in_vietnamese_without_internal_files(schema):
    text = json.dumps(schema, ensure_ascii=False)
    assert not re.search(r"CONTRACT\.md|DOMAIN\.md|\.py\b", text)
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            description = operation.get("description", "")
            assert VIETNAMESE.search(description), (method, path, description)
    for name in ("SubmissionIn", "ReporterIn", "ErrorsOut", "DetailOut", "PublicCaseOut"):
        assert VIETNAMESE.search(schema["components"]["schemas"][name]["description"]), name
    partner = schema["paths"]["/api/v1/partner/submissions/{tracking_code}"]["get"]
    assert "404" in partner["description"]
    auth = schema["components"]["securitySchemes"]["PartnerAuth"]
    assert auth["name"] == "X-API-Key" and VIETNAMESE.search(auth["description"])


def test_an_english_reader_leaves_the_next_reader_a_vietnamese_schema():
    """The translation works on a copy: ninja hands out some parts of its document (the
    security schemes, a form's field) as the same objects at every request."""
    client = Client()
    before = client.get("/api/v1/openapi.json").json()
    english = client.get("/api/v1/openapi.json?lang=en").json()
    after = client.get("/api/v1/openapi.json").json()
    assert english["components"]["securitySchemes"] != before["components"]["securitySchemes"]
    assert after == before
