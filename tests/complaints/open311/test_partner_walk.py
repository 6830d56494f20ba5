"""What a partner's developer met filing through Open311 (interop walk, findings 9-11):
a Vietnamese name in its order, errors named by the fields the client sent, limits the
service definition states and the server enforces alike, nothing the client sent dropped
without a word, and a wrong method answered in the specification's error list."""

from __future__ import annotations

import datetime
from xml.etree import ElementTree

import pytest
from django.test import Client

from complaints.models import Case
from complaints.services.intake import MAX_LENGTHS
from tests.complaints.open311.test_georeport import BASE, spec_post

pytestmark = pytest.mark.django_db


def _post(data, fmt="json"):
    return Client().post(f"{BASE}/requests.{fmt}", data)


def _descriptions(response) -> list[str]:
    assert response.status_code == 400, response.content
    return [error["description"] for error in response.json()]


def test_the_family_name_comes_first(partner_key, category, hospital):
    response = _post(spec_post(partner_key, category, hospital, first_name="Lan",
                               last_name="Nguyễn Thị"))  # fmt: skip
    assert response.status_code == 201, response.content
    assert Case.objects.get().reporter.name == "Nguyễn Thị Lan"


def test_errors_name_the_open311_fields_the_client_sent(partner_key, category, hospital):
    data = spec_post(partner_key, category, hospital)
    del data["description"]
    descriptions = _descriptions(_post(data))
    assert descriptions and all(d.startswith("description: ") for d in descriptions), descriptions
    assert not any(d.startswith(("title:", "content:")) for d in descriptions)
    bad = spec_post(partner_key, category, hospital, **{"attribute[facility]": "khong-co"})
    assert _descriptions(_post(bad)) == ["attribute[facility]: Không tìm thấy cơ sở y tế này."]
    assert not Case.objects.exists()


def test_the_stated_title_limit_is_the_enforced_one(partner_key, category, hospital):
    limit = MAX_LENGTHS["title"]
    definition = Client().get(f"{BASE}/services/{category.code}.json").json()
    title = next(a for a in definition["attributes"] if a["code"] == "title")
    assert f"Tối đa {limit} ký tự" in title["datatype_description"]
    too_long = spec_post(partner_key, category, hospital, **{"attribute[title]": "x" * (limit + 1)})
    assert _descriptions(_post(too_long)) == [f"attribute[title]: Tối đa {limit} ký tự."]
    at_limit = spec_post(partner_key, category, hospital, **{"attribute[title]": "x" * limit})
    assert _post(at_limit).status_code == 201


def test_a_bad_incident_date_is_refused_and_a_good_one_kept(partner_key, category, hospital):
    definition = Client().get(f"{BASE}/services/{category.code}.json").json()
    attribute = next(a for a in definition["attributes"] if a["code"] == "incident_date")
    assert attribute["datatype"] == "datetime"  # one of the specification's datatypes
    assert "YYYY-MM-DD" in attribute["datatype_description"]
    assert "T" in attribute["datatype_description"]  # a W3C date-time is read too
    for value in ("31/12/2026", "2026-02-30", "hôm qua"):
        bad = spec_post(partner_key, category, hospital, **{"attribute[incident_date]": value})
        [message] = _descriptions(_post(bad))
        assert message.startswith("attribute[incident_date]: ") and "YYYY-MM-DD" in message
    assert not Case.objects.exists()
    day = datetime.date.today() - datetime.timedelta(days=3)
    moment = f"{day.isoformat()}T09:30:00+07:00"
    good = spec_post(partner_key, category, hospital, **{"attribute[incident_date]": moment})
    assert _post(good).status_code == 201
    assert Case.objects.get().incident_date == day


def test_an_anonymous_request_never_loses_a_contact_silently(partner_key, category, hospital):
    anonymous = {"first_name": "", "last_name": ""}
    with_phone = spec_post(partner_key, category, hospital, email="", **anonymous)
    [message] = _descriptions(_post(with_phone))
    assert message.startswith("phone: ") and "ẩn danh" in message
    with_email = spec_post(partner_key, category, hospital, phone="", **anonymous)
    [message] = _descriptions(_post(with_email))
    assert message.startswith("email: ") and "attribute[consent_contact]" in message
    assert not Case.objects.exists()
    # The e-mail a citizen gives for news of the case is kept, as on the web form.
    notices = spec_post(partner_key, category, hospital, phone="",
                        **anonymous, **{"attribute[consent_contact]": "true"})  # fmt: skip
    assert _post(notices).status_code == 201
    case = Case.objects.get()
    assert case.anonymous and case.reporter.email == "lan.nguyen@example.vn"
    assert case.reporter.name == "" and case.reporter.phone == ""


def test_a_location_is_kept_in_the_text_and_a_half_one_refused(partner_key, category, hospital):
    for bad in ({"long": ""}, {"lat": "mười lăm"}, {"lat": "95", "long": "108.8"}):
        [message] = _descriptions(_post(spec_post(partner_key, category, hospital, **bad)))
        assert message.startswith(("lat: ", "long: ", "lat/long: ")), message
    assert not Case.objects.exists()
    response = _post(spec_post(partner_key, category, hospital))
    assert response.status_code == 201
    case = Case.objects.get()
    assert "(15.0140, 108.8240)" in case.content
    # GET does not read it back (docs/api.md): Open311 never shows the citizen's text.
    [row] = Client().get(f"{BASE}/requests/{case.tracking_code}.json").json()
    assert row["lat"] is None and row["long"] is None


@pytest.mark.parametrize("path", ["discovery", "services", "services/{code}",
                                  "requests/YT-2026-000001", "tokens/YT-2026-000001"])  # fmt: skip
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_wrong_method_is_a_405_in_the_specs_error_list(category, path, fmt):
    url = f"{BASE}/{path.format(code=category.code)}.{fmt}"
    for method in ("post", "put", "delete"):
        response = getattr(Client(enforce_csrf_checks=True), method)(url)
        assert response.status_code == 405, (method, url, response.content[:200])
        assert response["Allow"] == "GET"
        if fmt == "json":
            assert response.json()[0]["code"] == 405
        else:
            root = ElementTree.fromstring(response.content)
            assert root.tag == "errors" and root.findtext("error/code") == "405"
    assert Client().get(url).status_code in (200, 404)


def test_requests_answers_a_wrong_method_the_same_way():
    response = Client().put(f"{BASE}/requests.json")
    assert response.status_code == 405 and response["Allow"] == "GET, POST"
    assert response.json()[0]["code"] == 405
