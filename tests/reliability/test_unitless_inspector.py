"""A leak of a denouncer's identity found by review, replayed on the demo portal
(khoản 3 Điều 8, Điều 47 Luật Tố cáo; README "Roles and scope"): an inspector without a
unit, counted as one of the people of the Sở's own units to be named handler, escaped
the rule "never to the unit denounced": assigned a denunciation of the inspectorate by
the leader, they read the denouncer through the staff API. The helpers here also serve
`test_denouncer_files.py`."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from complaints.models import ApiToken, Case, IdentityAccessLog
from tests.complaints.intake_factories import api_body, pdf_bytes, upload

pytestmark = pytest.mark.django_db

FILE_NAME = "Don to cao cua Mai Van Tep CCCD 051266003333.pdf"
NEEDLES = ("Mai Van Tep", "051266003333")
DENOUNCER = {
    "name": "Mai Văn Tệp",
    "phone": "0905 111 333",
    "email": "mai.van.tep@example.vn",
    "address": "Số 9 đường Tệp, phường Cẩm Thành",
    "id_number": "051266003333",
}


@pytest.fixture
def demo(settings):
    call_command("load_demo_data", stdout=io.StringIO())


def _user(username):
    return get_user_model().objects.get(username=username)


def _browser(username) -> Client:
    client = Client()
    client.force_login(_user(username))
    return client


def _api(username) -> Client:
    _token, key = ApiToken.issue(user=_user(username), name="test")
    return Client(headers={"Authorization": f"Token {key}"})


def _action(client, case, action, body):
    return client.post(
        f"/api/v1/cases/{case.tracking_code}/actions/{action}",
        data=json.dumps({"expected_status": Case.objects.get(pk=case.pk).status, **body}),
        content_type="application/json",
    )


def _denounce(facility: str) -> Case:
    """A denunciation filed through the public API, with a file named as citizens do."""
    body = api_body("to_cao", facility=facility)
    body["reporter"] = dict(DENOUNCER)
    response = Client().post(
        "/api/v1/submissions",
        data={"data": json.dumps(body), "attachments": [upload(FILE_NAME, pdf_bytes())]},
        REMOTE_ADDR="192.0.2.78",
    )
    assert response.status_code == 201, response.content
    return Case.objects.get(tracking_code=response.json()["tracking_code"])


def _assign(case, *, unit: str, user: str):
    response = _action(_api("leader"), case, "assign", {"facility": unit, "user": user})
    assert response.status_code == 200, response.content


def test_an_inspector_without_a_unit_never_reads_a_denunciation_of_the_inspectorate(demo):
    """The demo inspector belongs to no unit: one of the people of the inspectorate (they
    may be named its handler), so a denunciation of the inspectorate is kept from them
    as from its members, even given to them by the leader."""
    case = _denounce("SYT-QNG-TTRA")
    _assign(case, unit="SYT-QNG", user="inspector")
    body = _api("inspector").get(f"/api/v1/cases/{case.tracking_code}").json()
    assert body["reporter"]["visible"] is False
    text = json.dumps(body, ensure_ascii=False)
    for value in DENOUNCER.values():
        assert value not in text
    page = _browser("inspector").get(f"/admin/ho-so/{case.tracking_code}/?danh_tinh=1")
    assert page.status_code == 200
    assert DENOUNCER["name"] not in page.content.decode()
    assert "giữ bí mật cùng danh tính người tố cáo" in page.content.decode()
    assert not IdentityAccessLog.objects.filter(case=case, user__username="inspector").exists()
    # The leader of the Sở, above the inspectorate, is not denounced and still reads it.
    leader = _api("leader").get(f"/api/v1/cases/{case.tracking_code}").json()
    assert leader["reporter"]["visible"] is True
    assert leader["reporter"]["name"] == DENOUNCER["name"]


def test_an_inspector_without_a_unit_still_reads_a_denunciation_of_a_hospital(demo):
    case = _denounce("BV-DKT-QNG")
    _assign(case, unit="SYT-QNG-TTRA", user="inspector")
    body = _api("inspector").get(f"/api/v1/cases/{case.tracking_code}").json()
    assert body["reporter"]["visible"] is True
    assert body["reporter"]["id_number"] == DENOUNCER["id_number"]
