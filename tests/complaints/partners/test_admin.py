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
