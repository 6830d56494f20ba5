"""The partners' admin (issue 15): a key is shown once on issue and works; revoking it in
the admin stops it; the call log and the export log are lists only."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from complaints.models import PartnerKey
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(superuser=True))
    return client


def test_a_key_issued_in_the_admin_is_shown_once_and_revoked_there(admin_client, partner):
    response = admin_client.post(
        reverse("partner_keys:add"), {"partner": partner.pk, "name": "Cổng DVC"}
    )
    assert response.status_code == 200
    raw = re.search(r'value="(yp_[^"]+)"', response.content.decode()).group(1)
    key = PartnerKey.objects.get()
    assert key.name == "Cổng DVC" and raw not in key.key_hash
    listing = admin_client.get(reverse("partner_keys:index")).content.decode()
    assert key.prefix in listing and raw not in listing
    edit = admin_client.get(reverse("partner_keys:edit", args=[key.pk])).content.decode()
    assert raw not in edit

    partner_client = Client(headers={"X-API-Key": raw})
    assert partner_client.get("/api/v1/partner/submissions").status_code == 200
    admin_client.post(reverse("partner_keys:edit", args=[key.pk]),
                      {"name": "Cổng DVC", "revoke": "on"})  # fmt: skip
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert partner_client.get("/api/v1/partner/submissions").status_code == 401


def test_the_logs_are_read_only_lists(admin_client):
    for name in ("partner_calls", "partner_webhooks", "national_exports", "partners"):
        assert admin_client.get(reverse(f"{name}:index")).status_code == 200
    with pytest.raises(Exception):  # noqa: B017  (no add view: the URL does not exist)
        reverse("partner_calls:add")


def _file(partner_key, hospital):
    import json

    from tests.complaints.intake_factories import api_body

    response = Client().post(
        "/api/v1/submissions", data=json.dumps(api_body(facility=hospital.code)),
        content_type="application/json", HTTP_X_API_KEY=partner_key,
    )  # fmt: skip
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("used_by", ["cases", "calls"])
def test_a_partner_with_cases_or_calls_is_not_deleted_and_the_admin_told_to_deactivate_it(
    used_by, admin_client, partner, partner_key, hospital
):
    from complaints.models import Partner, PartnerCall

    if used_by == "cases":
        _file(partner_key, hospital)
    else:
        Client(headers={"X-API-Key": partner_key}).get("/api/v1/partner/submissions")
        assert PartnerCall.objects.filter(partner=partner).exists()
    url = reverse("partners:delete", args=[partner.pk])
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Đang hoạt động" in text and "Đúng, xoá đi" not in text
    refused = admin_client.post(url, follow=True)
    assert refused.status_code == 200
    assert "Đang hoạt động" in refused.content.decode()
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_a_partner_never_used_is_deleted(admin_client, partner):
    from complaints.models import Partner

    PartnerKey.issue(partner=partner, name="chưa dùng")
    answer = admin_client.post(reverse("partners:delete", args=[partner.pk]))
    assert answer.status_code == 302 and not Partner.objects.filter(pk=partner.pk).exists()


def test_the_partner_form_speaks_vietnamese(admin_client):
    form = admin_client.get(reverse("partners:add")).content.decode()
    assert "Địa chỉ webhook" in form
    for help_text in ("issue_partner_key", "trao khóa này cho đối tác", "đổi trạng thái"):
        assert help_text in form
    refused = admin_client.post(reverse("partners:add"), {
        "code": "mã có dấu", "name": "Đối tác", "is_active": "on",
        "webhook_secret": "bi-mat",
    }).content.decode()  # fmt: skip
    assert "Enter a valid" not in refused
    assert "Mã đối tác chỉ gồm chữ cái không dấu" in refused


def test_the_partner_list_shows_ticks_not_true_false(admin_client, partner):
    from complaints.models import Partner

    Partner.objects.create(code="tam-dung", name="Đối tác tạm dừng", is_active=False)
    listing = admin_client.get(reverse("partners:index")).content.decode()
    table = listing[listing.index('class="listing'):]
    assert "True" not in table and "False" not in table
    assert "icon-check" in table and "icon-cross" in table and "Không" in table


def test_a_missing_key_is_said_to_be_missing():
    for headers in ({"X-API-Key": ""}, {}):
        answer = Client(headers=headers).get("/api/v1/partner/submissions")
        assert answer.status_code == 401 and answer["WWW-Authenticate"].startswith("ApiKey")
        assert "Thiếu khóa API" in answer.json()["detail"]
    wrong = Client(headers={"X-API-Key": "yp_sai"}).get("/api/v1/partner/submissions")
    assert "không hợp lệ" in wrong.json()["detail"]
