"""One form of a date-time on every machine interface (docs/api.md, "Dates and times"):
RFC 3339 in UTC, to the second, with `Z`; a day stays YYYY-MM-DD.

The partner files through the API and staff accept through the API while the citizen's
tracking socket and a dashboard socket are open: the same instants are then read from the
citizen API, the partner API, the staff API (cases and drafts), the webhook notice, both
sockets, Open311 (JSON and XML), the national export and the OpenAPI schema. They used to
come as `…Z` with milliseconds (citizen and partner APIs), `+00:00` with microseconds
(staff drafts, the export) and `+07:00` (webhooks, sockets)."""

from __future__ import annotations

import datetime
import json
import re
from xml.etree import ElementTree

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from complaints.exports.national import national_record
from complaints.kinds import CaseKind
from complaints.models import ApiToken, Case, FacilityKind, Partner, PartnerKey, Reporter
from complaints.partners.webhooks import webhook_payload
from tests.complaints.intake_factories import api_body
from tests.complaints.live.helpers import communicator
from tests.complaints.workflow.helpers import valid_data
from tests.factories import CategoryFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
STAFF = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases"]


def _instant(value: str) -> datetime.datetime:
    assert INSTANT.fullmatch(value), value
    return datetime.datetime.fromisoformat(value)


def _file_as_partner() -> tuple[str, str, str, object]:
    """A phản ánh filed by a partner: its code, PIN, the partner's key, and a staff user."""
    department = FacilityFactory(code="SYT-TG", kind=FacilityKind.DEPARTMENT)
    hospital = FacilityFactory(code="BV-TG", parent=department)
    CategoryFactory(code="thai-do-tg")
    partner = Partner.objects.create(code="cong-tg", name="Cổng thử")
    _row, key = PartnerKey.issue(partner=partner, name="k")
    response = Client().post(
        "/api/v1/submissions",
        data=json.dumps(api_body(CaseKind.PHAN_ANH, facility=hospital.code)),
        content_type="application/json",
        HTTP_X_API_KEY=key,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    _instant(body["received_at"])
    assert DAY.fullmatch(body["accept_by"] or "2026-01-01")
    staff = UserFactory(perms=[*STAFF, "complaints.approve_case"], admin_access=True)
    return body["tracking_code"], body["pin"], key, staff


def _read_everything(code: str, pin: str, key: str, staff) -> dict[str, list[str]]:
    """Accept the case through the staff API, then read every interface but the sockets."""
    _token, token = ApiToken.issue(user=staff, name="t")
    as_staff = Client(headers={"Authorization": f"Token {token}"})
    accepted = as_staff.post(
        f"/api/v1/cases/{code}/actions/accept", data="{}", content_type="application/json"
    )
    assert accepted.status_code == 200, accepted.json()
    accepted = accepted.json()
    seen: dict[str, list[str]] = {}
    seen["staff action"] = [accepted["event"]["at"], accepted["accepted_at"]]
    detail = as_staff.get(f"/api/v1/cases/{code}").json()
    seen["staff case"] = [detail["received_at"], detail["accepted_at"]] + [
        e["at"] for e in detail["events"]
    ]
    seen["staff list"] = [as_staff.get("/api/v1/cases").json()["results"][0]["received_at"]]
    draft = as_staff.post(
        f"/api/v1/cases/{code}/drafts/conclude",
        data=json.dumps({**valid_data("conclude", facility_code="x"), "note": "Trình duyệt."}),
        content_type="application/json",
    )
    assert draft.status_code == 201, draft.json()
    seen["staff draft"] = [draft.json()["proposed_at"], draft.json()["comments"][0]["at"]]
    assert draft.json()["due"] is None or DAY.fullmatch(draft.json()["due"])

    citizen = Client().get(f"/api/v1/submissions/{code}", {"pin": pin}).json()
    seen["citizen API"] = [citizen["received_at"]] + [e["at"] for e in citizen["timeline"]]
    assert all(DAY.fullmatch(d["due"]) for d in citizen["deadlines"])
    as_partner = Client(headers={"X-API-Key": key})
    seen["partner list"] = [
        as_partner.get("/api/v1/partner/submissions").json()["results"][0]["received_at"]
    ]
    partner_case = as_partner.get(f"/api/v1/partner/submissions/{code}").json()
    seen["partner case"] = [partner_case["received_at"]] + [
        e["at"] for e in partner_case["timeline"]
    ]

    case = Case.objects.get(tracking_code=code)
    event = case.events.get(action="accept")
    seen["webhook"] = [webhook_payload(case=case, event=event, delivery_id=1)["event"]["at"]]
    open311 = Client().get(f"/open311/v2/requests/{code}.json").json()[0]
    seen["open311 json"] = [open311["requested_datetime"], open311["updated_datetime"]]
    xml = ElementTree.fromstring(Client().get(f"/open311/v2/requests/{code}.xml").content)
    seen["open311 xml"] = [xml.findtext("request/requested_datetime")]
    record = national_record(
        case, reporter=Reporter.objects.filter(case=case).first(), events=list(case.events.all())
    )
    seen["national export"] = [record["received_at"], record["accepted_at"]] + [
        h["at"] for h in record["history"]
    ]
    assert DAY.fullmatch(record["resolve_by"])

    schema = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name, field in [("PublicCaseOut", "received_at"), ("InfoRequestOut", "asked_at")]:
        assert schema[name]["properties"][field] == {
            "format": "date-time", "title": schema[name]["properties"][field]["title"],
            "type": "string",
        }  # fmt: skip
    return seen


async def test_every_interface_writes_an_instant_in_the_same_form():
    code, pin, key, staff = await database_sync_to_async(_file_as_partner)()
    citizen_socket = await communicator(f"/ws/submissions/{code}/?pin={pin}")
    dashboard_socket = await communicator("/ws/dashboard/", user=staff)
    assert (await citizen_socket.connect())[0] and (await dashboard_socket.connect())[0]
    # The dashboard has joined its groups once its first counters come.
    assert (await dashboard_socket.receive_json_from(timeout=10))["type"] == "dashboard.counters"

    seen = await database_sync_to_async(_read_everything)(code, pin, key, staff)

    citizen = await citizen_socket.receive_json_from(timeout=10)
    assert citizen["type"] == "case.event" and citizen["action"] == "accept"
    seen["citizen socket"] = [citizen["at"]]
    while (dashboard := await dashboard_socket.receive_json_from(timeout=10))["type"] != (
        "dashboard.case"
    ) or dashboard["action"] != "accept":
        pass
    seen["dashboard socket"] = [dashboard["at"]]
    await citizen_socket.disconnect()
    await dashboard_socket.disconnect()

    case = await database_sync_to_async(Case.objects.get)(tracking_code=code)
    received = case.received_at.replace(microsecond=0)
    accepted = (await database_sync_to_async(case.events.get)(action="accept")).at
    for interface, values in seen.items():
        assert values, interface
        for value in values:
            _instant(value)  # the one form, everywhere
    # …and the same instant is the same text whichever interface says it.
    accept_at = accepted.replace(microsecond=0)
    for interface in ("staff action", "webhook", "citizen socket", "dashboard socket"):
        assert _instant(seen[interface][0]) == accept_at, interface
    assert seen["citizen API"][-1] == seen["partner case"][-1] == seen["citizen socket"][0]
    for interface in ("citizen API", "partner list", "staff case", "open311 json"):
        assert _instant(seen[interface][0]) == received, interface
    assert seen["open311 xml"][0] == seen["open311 json"][0] == seen["national export"][0]
