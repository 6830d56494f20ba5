"""What two-factor sign-in costs a staff request in queries (portal/twofactor): a session
without its second factor asks once whether the user has a device (one query for every
kind of device), a verified session only reads its device (django-otp's OTPMiddleware)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.twofactor import policy
from tests.factories import UserFactory

from .test_two_factor import signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.second_factor]

STAFF = ["complaints.view_case", "complaints.act_on_case"]


def device_queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "otp_" in q["sql"]]


@pytest.mark.parametrize("path", ["/admin/", "/admin/ho-so/", "/api/v1/cases"])
def test_a_staff_session_without_a_device_asks_once(path):
    client = signed_in(UserFactory(admin_access=True, perms=STAFF))
    client.get(path)
    asked = device_queries(client, path)
    assert len(asked) == 1
    assert "otp_totp_totpdevice" in asked[0] and "otp_static_staticdevice" in asked[0]


def test_a_verified_session_reads_only_its_device(client):
    user = UserFactory(admin_access=True, perms=STAFF)
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # as django_otp.login keeps it
    session.save()
    client.get("/admin/ho-so/")
    read = device_queries(client, "/admin/ho-so/")
    assert len(read) == 1 and "EXISTS" not in read[0]


def test_public_pages_ask_nothing():
    client = signed_in(UserFactory(admin_access=True, perms=STAFF))
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not [q for q in captured.captured_queries if "otp_" in q["sql"]]


def test_has_device_counts_confirmed_devices_of_every_kind():
    user = UserFactory()
    assert not policy.has_device(user)
    TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    assert not policy.has_device(user)  # a setup not finished
    StaticDevice.objects.create(user=UserFactory(), name="someone else's", confirmed=True)
    assert not policy.has_device(user)
    StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    assert policy.has_device(user)
