"""Open311 GeoReport v2 (issue 15), checked against the specification's own examples
(http://wiki.open311.org/GeoReport_v2): the same requests, the same element names, in
JSON and XML."""

from __future__ import annotations

import datetime
import json
from xml.etree import ElementTree

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from complaints.models import Case, PartnerCall
from complaints.services.workflow import case_transition
from tests.complaints.intake_factories import api_body
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
INTAKE = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases"]
# Keys of the specification's example answers.
SERVICE_KEYS = {"service_code", "service_name", "description", "metadata", "type", "keywords",
                "group"}  # fmt: skip
REQUEST_KEYS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long",
    "media_url",
}  # fmt: skip
ATTRIBUTE_KEYS = {"variable", "code", "datatype", "required", "datatype_description", "order",
                  "description"}  # fmt: skip


def xml(response):
    assert response["Content-Type"].startswith("text/xml")
    return ElementTree.fromstring(response.content)


def spec_post(partner_key, category, hospital, **overrides):
    """The specification's example POST (its parameter names), with our codes."""
    data = {
        "api_key": partner_key,
        "jurisdiction_id": "syt.example.vn",
        "service_code": category.code,
        "lat": "15.0140",
        "long": "108.8240",
        "address_string": "Khoa Khám bệnh, tầng 1",
        "email": "lan.nguyen@example.vn",
        "device_id": "tt222111",
        "account_id": "123456",
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
        "phone": "0905123456",
        "description": "Nhà vệ sinh khu khám bệnh không có nước từ sáng đến trưa.",
        "media_url": "http://example.vn/anh.jpg",
        "attribute[facility]": hospital.code,
        "attribute[consent]": "true",
    }
    data.update(overrides)
    return data


def test_discovery_in_both_formats():
    body = Client().get(f"{BASE}/discovery.json").json()
    assert {"changeset", "contact", "key_service", "endpoints"} <= body.keys()
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert endpoint["url"].endswith("/open311/v2")
    root = xml(Client().get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.find("endpoints/endpoint/formats")] == [
        "text/xml", "application/json",
    ]  # fmt: skip


def test_services_are_the_categories(category):
    body = Client().get(f"{BASE}/services.json").json()
    assert len(body) == 1 and body[0].keys() == SERVICE_KEYS
    assert body[0]["service_code"] == category.code and body[0]["metadata"] is True
    assert body[0]["type"] == "realtime"
    root = xml(Client().get(f"{BASE}/services.xml"))
    assert root.tag == "services" and root[0].tag == "service"
    assert {child.tag for child in root[0]} == SERVICE_KEYS
    assert root[0].findtext("metadata") == "true"


def test_service_definition_lists_the_questions(category):
    body = Client().get(f"{BASE}/services/{category.code}.json").json()
    assert body["service_code"] == category.code
    consent = next(a for a in body["attributes"] if a["code"] == "consent")
    assert ATTRIBUTE_KEYS <= consent.keys() and consent["required"] is True
    assert consent["datatype"] == "singlevaluelist" and consent["values"][0]["key"] == "true"
    assert "Điều 9" in consent["datatype_description"]
    root = xml(Client().get(f"{BASE}/services/{category.code}.xml"))
    assert root.tag == "service_definition"
    assert root.find("attributes/attribute/values/value/key") is not None
    missing = Client().get(f"{BASE}/services/khong-co.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404


def test_post_request_files_a_phan_anh_through_intake(partner, partner_key, category, hospital):
    response = Client().post(f"{BASE}/requests.json", spec_post(partner_key, category, hospital))
    assert response.status_code == 201, response.content
    [answer] = response.json()
    assert {"service_request_id", "service_notice", "account_id"} <= answer.keys()
    case = Case.objects.get(tracking_code=answer["service_request_id"])
    assert (case.kind, case.channel, case.partner, case.category) == (
        "phan_anh", "api", partner, category,
    )  # fmt: skip
    assert case.facility == hospital and "Khoa Khám bệnh" in case.content
    assert case.reporter.name == "Nguyễn Thị Lan" and case.reporter.consent_processing
    assert PartnerCall.objects.get().status_code == 201
    # In XML, the same answer under <service_requests><request>.
    root = xml(Client().post(f"{BASE}/requests.xml", spec_post(
        partner_key, category, hospital, description="Phòng chờ khoa Nhi không có quạt, rất nóng.",
    )))  # fmt: skip
    assert root.tag == "service_requests" and root[0].tag == "request"
    assert root[0].findtext("service_request_id").startswith("YT-")


def test_post_request_errors_in_the_specs_shape(partner_key, category, hospital):
    bad_key = Client().post(f"{BASE}/requests.json",
                            spec_post("yp_sai", category, hospital))  # fmt: skip
    assert bad_key.status_code == 403
    assert bad_key.json()[0].keys() == {"code", "description"}
    no_consent = Client().post(
        f"{BASE}/requests.xml",
        spec_post(partner_key, category, hospital, **{"attribute[consent]": ""}),
    )
    assert no_consent.status_code == 400
    root = xml(no_consent)
    assert root.tag == "errors" and root[0].tag == "error"
    assert root[0].findtext("code") == "400" and "consent" in root[0].findtext("description")
    unknown = Client().post(
        f"{BASE}/requests.json", spec_post(partner_key, category, hospital, service_code="x")
    )
    assert unknown.status_code == 400
    assert not Case.objects.exists()


# Open311 is filed with a partner's key: its own quota (docs/api.md), not an address's.
@override_settings(COMPLAINTS_RATE_LIMITS={"partner_submission": (1, 3600)})
def test_too_many_requests_answers_429_with_retry_after(partner_key, category, hospital):
    first = Client().post(f"{BASE}/requests.json", spec_post(partner_key, category, hospital))
    assert first.status_code == 201
    again = Client().post(f"{BASE}/requests.json", spec_post(
        partner_key, category, hospital, description="Một việc khác hẳn việc trước ở khoa Nội.",
    ))  # fmt: skip
    assert again.status_code == 429 and int(again["Retry-After"]) > 0
    assert "Hệ thống đối tác này đã gửi 1 hồ sơ trong 60 phút vừa qua" in again.json()[0][
        "description"]


def _filed(client, partner_key, category, hospital, **overrides):
    response = client.post(f"{BASE}/requests.json", spec_post(partner_key, category, hospital,
                                                              **overrides))  # fmt: skip
    assert response.status_code == 201, response.content
    return Case.objects.get(tracking_code=response.json()[0]["service_request_id"])


def test_get_requests_shows_public_safe_fields_only(partner_key, category, hospital):
    case = _filed(Client(), partner_key, category, hospital)
    # A denunciation and a complaint never appear, whoever filed them.
    for kind in ("to_cao", "khieu_nai"):
        body = json.dumps(api_body(kind, facility=hospital.code))
        Client().post("/api/v1/submissions", data=body, content_type="application/json")
    assert Case.objects.count() == 3
    body = Client().get(f"{BASE}/requests.json").json()
    assert [r["service_request_id"] for r in body] == [case.tracking_code]
    assert body[0].keys() == REQUEST_KEYS
    assert body[0]["status"] == "open" and body[0]["service_code"] == category.code
    text = Client().get(f"{BASE}/requests.xml").content.decode()
    # Never the identity, never the content beyond its title (it may name people).
    for secret in ("Lan", "0905123456", "lan.nguyen@example.vn", "Khoa Khám bệnh, tầng 1"):
        assert secret not in text
    for kind in ("to_cao", "khieu_nai"):
        code = Case.objects.get(kind=kind).tracking_code
        assert Client().get(f"{BASE}/requests/{code}.json").status_code == 404


def test_get_requests_window_and_filters_of_the_spec(partner_key, category, hospital):
    client = Client()
    recent = _filed(client, partner_key, category, hospital)
    old = _filed(client, partner_key, category, hospital,
                 description="Việc cũ từ bốn tháng trước ở khoa Ngoại.")  # fmt: skip
    Case.objects.filter(pk=old.pk).update(received_at=timezone.now() - datetime.timedelta(days=120))
    codes = [r["service_request_id"] for r in client.get(f"{BASE}/requests.json").json()]
    assert codes == [recent.tracking_code]  # default window: 90 days
    since = (timezone.now() - datetime.timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ")
    codes = [
        r["service_request_id"]
        for r in client.get(f"{BASE}/requests.json", {"start_date": since}).json()
    ]
    assert set(codes) == {recent.tracking_code, old.tracking_code}
    case_transition(case_id=recent.pk, action="reject", actor=UserFactory(perms=INTAKE),
                    data={"reason": "Không thuộc thẩm quyền", "legal_ground": "pa_outside_scope"},
                    origin="api")  # fmt: skip
    closed = client.get(f"{BASE}/requests.json", {"status": "closed"}).json()
    assert [r["service_request_id"] for r in closed] == [recent.tracking_code]
    assert "Không thụ lý" in closed[0]["status_notes"]
    assert client.get(f"{BASE}/requests.json", {"status": "open"}).json() == []
    # The specification's example query, in XML.
    root = xml(client.get(f"{BASE}/requests.xml", {
        "start_date": "2010-05-24T00:00:00Z", "end_date": "2010-06-24T00:00:00Z", "status": "open",
    }))  # fmt: skip
    assert root.tag == "service_requests" and len(root) == 0
    by_id = client.get(
        f"{BASE}/requests.json",
        {"service_request_id": f"{old.tracking_code},{recent.tracking_code}"},
    )
    assert len(by_id.json()) == 2  # with ids, the window does not apply
    assert client.get(f"{BASE}/requests.json", {"status": "pending"}).status_code == 400
    assert client.get(f"{BASE}/requests.json", {"start_date": "hôm qua"}).status_code == 400
    # Offsets past PostgreSQL's ±15:59 are their instants; what cannot be computed (the 90
    # days' window before year 1, an instant past 9999 in UTC) is 400, not a server error.
    far_east = {"start_date": "2010-05-24T20:00:00+21:46"}
    assert len(client.get(f"{BASE}/requests.json", far_east).json()) == 2
    for edge in ({"end_date": "0001-01-01T00:00:00Z"},
                 {"start_date": "9999-12-31T23:00:00-05:00"}):  # fmt: skip
        answer = client.get(f"{BASE}/requests.json", edge)
        assert answer.status_code == 400, edge
        assert answer.json()[0]["code"] == 400, edge


@pytest.mark.parametrize("window", [
    {"start_date": "9999-12-31T23:59:59Z"},
    {"end_date": "9999-12-31T23:59:59Z"},
    {"start_date": "0001-01-01T00:00:00Z", "end_date": "9999-12-31T23:59:59Z"},
    {"start_date": "0001-01-01T00:00:00Z"},
    {"end_date": "0001-04-01T00:00:00Z"},  # its 90 days' window starts on 0001-01-01
])  # fmt: skip
def test_every_window_that_can_be_computed_is_answered(partner_key, category, hospital, window):
    """A valid W3C instant is refused only when its window cannot be computed: 9999-12-31 as
    "no end" (and a second's fraction added to it) or year 1 as "no start" are answered."""
    client = Client()
    case = _filed(client, partner_key, category, hospital)
    answer = client.get(f"{BASE}/requests.json", window)
    assert answer.status_code == 200, answer.content
    codes = [r["service_request_id"] for r in answer.json()]
    # Without start_date the window is the 90 days before end_date (GeoReport v2).
    from_year_one = window.get("start_date", "").startswith("0001")
    assert codes == ([case.tracking_code] if from_year_one else [])


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("name", ["start_date", "service_code", "status"])
def test_a_nul_in_the_query_is_a_georeport_error(name, fmt):
    """A query a view cannot read (NUL, control characters: `QueryGuardMiddleware`) is
    answered in the specification's error list, in the format of the path, not the site's
    HTML page."""
    for path in (f"{BASE}/requests.{fmt}", f"{BASE}/services.{fmt}", f"{BASE}/discovery.{fmt}"):
        answer = Client().get(f"{path}?{name}=%00")
        assert answer.status_code == 400, path
        if fmt == "json":
            assert answer["Content-Type"].startswith("application/json")
            [error] = answer.json()
        else:
            root = xml(answer)
            assert root.tag == "errors"
            error = {child.tag: child.text for child in root[0]}
            error["code"] = int(error["code"])
        assert error["code"] == 400
        assert error["description"] and "<" not in error["description"]


def test_a_requested_datetime_read_back_as_end_date_keeps_its_request(
    partner_key, category, hospital
):
    """docs/api.md, "Dates and times": instants are written to the second, in UTC with Z; an
    end_date to the second takes in its whole second, so the case received at 10:04:05.5
    (Vietnam time) is still within `end_date` = its own `requested_datetime`."""
    case = _filed(Client(), partner_key, category, hospital)
    received = datetime.datetime(2026, 12, 5, 3, 4, 5, 500_000, tzinfo=datetime.UTC)
    Case.objects.filter(pk=case.pk).update(received_at=received)
    (row,) = Client().get(f"{BASE}/requests/{case.tracking_code}.json").json()
    assert row["requested_datetime"] == "2026-12-05T03:04:05Z"
    window = {"start_date": "2026-12-05T03:04:05Z", "end_date": row["requested_datetime"]}
    codes = [r["service_request_id"] for r in Client().get(f"{BASE}/requests.json", window).json()]
    assert codes == [case.tracking_code]
    earlier = {"start_date": "2026-12-05T03:00:00Z", "end_date": "2026-12-05T03:04:04Z"}
    assert Client().get(f"{BASE}/requests.json", earlier).json() == []


def test_request_and_token_lookups(partner_key, category, hospital):
    case = _filed(Client(), partner_key, category, hospital)
    one = Client().get(f"{BASE}/requests/{case.tracking_code}.json").json()
    assert len(one) == 1 and one[0]["service_request_id"] == case.tracking_code
    root = xml(Client().get(f"{BASE}/requests/{case.tracking_code}.xml"))
    assert root[0].findtext("service_request_id") == case.tracking_code
    token = Client().get(f"{BASE}/tokens/{case.tracking_code}.json").json()
    assert token == [{"service_request_id": case.tracking_code, "token": case.tracking_code}]
    assert Client().get(f"{BASE}/tokens/YT-2026-999999.xml").status_code == 404


def test_services_are_named_in_the_callers_language(category):
    category.name_en, category.description_en = "Health insurance", "Payments and fees"
    category.save()
    english = Client().get(f"{BASE}/services.json", headers={"accept-language": "en"}).json()
    assert (english[0]["service_name"], english[0]["description"]) == (
        "Health insurance", "Payments and fees")
    vietnamese = Client().get(f"{BASE}/services.json").json()
    assert vietnamese[0]["service_name"] == category.name
