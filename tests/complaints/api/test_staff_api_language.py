"""The staff API answers in the language the call asks (docs/api.md: Vietnamese unless the call
asks for English), its 409 refusals too: the workflow service decides and records in
Vietnamese (`case_transition` runs under the site's language, so the events stay the
Vietnamese record), and the refusal is written again in the caller's language at the answer
(`TransitionNotAllowed.read`). Before, a caller asking English got `Content-Language: en`
over a Vietnamese refusal."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import ApiToken, CaseEvent
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

LEADER = [
    "complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases",
    "complaints.view_denouncer_identity", "complaints.approve_case",
]


def leader_client(facility) -> Client:
    _token, key = ApiToken.issue(user=UserFactory(perms=LEADER, facility=facility), name="t")
    return Client(headers={"Authorization": f"Token {key}"})


def post(client, code, action, body=None, **extra):
    return client.post(
        f"/api/v1/cases/{code}/actions/{action}", data=json.dumps(body or {}),
        content_type="application/json", **extra,
    )


def test_a_refused_step_reads_in_english_when_asked_and_the_record_stays_vietnamese():
    unit = FacilityFactory()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    client = leader_client(unit)
    assert post(client, case.tracking_code, "accept", {"note": "Đủ điều kiện"}).status_code == 200

    english = post(client, f"{case.tracking_code}", "accept", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 409 and english["Content-Language"] == "en"
    assert english.json()["detail"] == (
        "The action “Accept” is not possible while the case has the status “Accepted”."
    )
    by_query = client.post(
        f"/api/v1/cases/{case.tracking_code}/actions/accept?lang=en", data="{}",
        content_type="application/json",
    )
    assert by_query.json()["detail"] == english.json()["detail"]

    vietnamese = post(client, case.tracking_code, "accept")
    assert vietnamese.status_code == 409
    assert vietnamese.json()["detail"] == (
        "Không thể “Thụ lý” khi hồ sơ đang ở trạng thái “Đã thụ lý”."
    )

    stale = post(
        client, case.tracking_code, "close", {"expected_status": "received"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert stale.status_code == 409
    assert stale.json()["detail"].startswith("The case moved to the status “Accepted”")


def test_a_refusal_of_the_procedures_table_reads_in_english_and_the_step_stays_vietnamese():
    """A guard of `complaints.transitions` (the signature an online complaint owes, Điều 8,
    11 Luật Khiếu nại) is written again in English; the step taken in English is recorded
    in Vietnamese."""
    unit = FacilityFactory()
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=unit,
                        channel=Channel.WEB, signature_method="")
    client = leader_client(unit)
    refused = post(client, complaint.tracking_code, "accept", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 409
    detail = refused.json()["detail"]
    assert detail.startswith("This online filing has no signed copy"), detail
    assert "Law on Complaints" in detail and "Luật" not in detail

    report = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    taken = post(client, report.tracking_code, "accept", {"note": "ok"},
                 HTTP_ACCEPT_LANGUAGE="en")
    assert taken.status_code == 200
    event = CaseEvent.objects.get(case=report, action="accept")
    assert event.public_message.startswith("Phản ánh, kiến nghị đã được tiếp nhận để xử lý")


def test_the_vietnamese_list_of_allowed_values_has_no_english_or():
    unit = FacilityFactory()
    client = leader_client(unit)
    detail = client.get("/api/v1/cases?kind=x").json()["errors"]["kind"][0]
    assert " or " not in detail, detail
    assert detail == (
        "Giá trị không hợp lệ; chọn một trong: 'phan_anh', 'kien_nghi', 'khieu_nai', "
        "'to_cao', 'bao_chi'."
    )
    english = client.get("/api/v1/cases?kind=x&lang=en").json()["errors"]["kind"][0]
    assert english.startswith("Invalid value; choose one of: 'phan_anh', ")
