"""A tracking code typed the natural way (lower case, without dashes, with spaces) finds
its case everywhere a code comes in from outside, as the citizens' lookup does: the
staff API (detail, action, search), the partner API, Open311, the case_action command
and the admin's case page (`normalize_tracking_code`, the one normaliser)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from complaints.models import ApiToken, Case, Partner, PartnerKey
from tests.complaints.intake_factories import api_body
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STAFF = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case",
         "complaints.view_all_cases"]  # fmt: skip


def typed(code: str) -> str:
    """YT-2026-000008 as a citizen or a partner types it: yt2026000008."""
    return code.replace("-", "").lower()


@pytest.fixture
def filed(hospital, category):
    """A phản ánh filed by a partner (through its key), with its code and the key."""
    partner = Partner.objects.create(code="cong-dvc", name="Cổng Dịch vụ công quốc gia")
    raw = PartnerKey.issue(partner=partner, name="k")[1]
    body = api_body(facility=hospital.code, category=category.code)
    response = Client().post("/api/v1/submissions", data=json.dumps(body),
                             content_type="application/json", HTTP_X_API_KEY=raw)  # fmt: skip
    assert response.status_code == 201, response.json()
    return Case.objects.get(tracking_code=response.json()["tracking_code"]), raw


def test_the_partner_api_and_open311_take_a_typed_code(filed):
    case, raw = filed
    code = typed(case.tracking_code)
    partner = Client(headers={"X-API-Key": raw})
    detail = partner.get(f"/api/v1/partner/submissions/{code}")
    assert detail.status_code == 200 and detail.json()["tracking_code"] == case.tracking_code
    for url in (f"/open311/v2/requests/{code}.json", f"/open311/v2/tokens/{code}.json"):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response.json()[0]["service_request_id"] == case.tracking_code
    listed = Client().get("/open311/v2/requests.json", {"service_request_id": code}).json()
    assert [r["service_request_id"] for r in listed] == [case.tracking_code]


def test_the_staff_api_command_and_admin_take_a_typed_code(filed):
    case, _raw = filed
    code = typed(case.tracking_code)
    user = UserFactory(username="intake", perms=STAFF)
    _token, key = ApiToken.issue(user=user, name="t")
    api = Client(headers={"Authorization": f"Token {key}"})
    assert api.get(f"/api/v1/cases/{code}").json()["tracking_code"] == case.tracking_code
    found = api.get("/api/v1/cases", {"q": code}).json()
    assert [r["tracking_code"] for r in found["results"]] == [case.tracking_code]
    accepted = api.post(f"/api/v1/cases/{code}/actions/accept", data="{}",
                        content_type="application/json")  # fmt: skip
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"

    out = io.StringIO()
    call_command("case_action", code, "start_verification", "--user", "intake", stdout=out)
    assert json.loads(out.getvalue())["tracking_code"] == case.tracking_code
    assert Case.objects.get(pk=case.pk).status == "verifying"

    admin = Client()
    admin.force_login(user)
    page = admin.get(reverse("complaints_admin:detail", args=[code]))
    assert page.status_code == 200 and case.tracking_code in page.content.decode()
