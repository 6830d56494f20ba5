"""`revoke_partner_key PREFIX`: the admin's "Thu hồi khóa này" from the command line
(interop walk, finding 12): the key stops working, its call log stays, and the revocation
is recorded in the key's history like the admin's."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import ModelLogEntry

from complaints.models import PartnerKey

pytestmark = pytest.mark.django_db


def test_a_key_is_revoked_by_its_prefix_and_stops_working(partner, partner_key):
    client = Client(headers={"X-API-Key": partner_key})
    assert client.get("/api/v1/partner/submissions").status_code == 200
    out = io.StringIO()
    call_command("revoke_partner_key", partner_key[:10], stdout=out)
    key = PartnerKey.objects.get()
    assert key.revoked_at is not None and partner_key[:10] in out.getvalue()
    assert client.get("/api/v1/partner/submissions").status_code == 401
    entry = ModelLogEntry.objects.get(object_id=str(key.pk))
    assert entry.action == "wagtail.edit" and entry.content_type.model == "partnerkey"
    # Again: said, nothing changed.
    revoked_at = key.revoked_at
    again = io.StringIO()
    call_command("revoke_partner_key", partner_key[:10], stdout=again)
    assert "đã bị thu hồi" in again.getvalue()
    key.refresh_from_db()
    assert key.revoked_at == revoked_at and ModelLogEntry.objects.count() == 1


def test_an_unknown_or_ambiguous_prefix_revokes_nothing(partner):
    with pytest.raises(CommandError, match="Không có khóa"):
        call_command("revoke_partner_key", "yp_khongco", stdout=io.StringIO())
    first, _raw = PartnerKey.issue(partner=partner, name="một")
    second, _raw = PartnerKey.issue(partner=partner, name="hai")
    PartnerKey.objects.filter(pk=second.pk).update(prefix=first.prefix)
    with pytest.raises(CommandError, match="2 khóa"):
        call_command("revoke_partner_key", first.prefix, stdout=io.StringIO())
    assert not PartnerKey.objects.filter(revoked_at__isnull=False).exists()
