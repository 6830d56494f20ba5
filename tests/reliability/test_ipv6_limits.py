"""Per-address limits count an IPv6 client by its /64 (`PORTAL_RATELIMIT_IPV6_PREFIX`): one
ordinary IPv6 host holds 2⁶⁴ addresses, and counted one by one it walked around the PIN guard,
the submission limit, the PIN re-send limit and sign-in throttling."""

from __future__ import annotations

import json

import pytest
from django.test import Client, RequestFactory

from complaints import ratelimit
from complaints.kinds import Channel
from complaints.services.intake import case_submit
from tests.complaints.intake_factories import api_body, submission
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

HOST = "2001:db8:1:2:"  # one host's /64: HOST + any 64 bits


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.5", "203.0.113.5"),
        ("::ffff:203.0.113.5", "203.0.113.5"),  # IPv4-mapped: the IPv4 client
        ("2001:db8:1:2:aaaa:bbbb:cccc:1", "2001:db8:1:2::"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::"),
        ("2001:DB8:1:3::1", "2001:db8:1:3::"),  # the next /64: another client
        ("unknown", "unknown"),
    ],
)
def test_address_key(address, key):
    assert ratelimit.address_key(address) == key


def test_the_prefix_length_is_a_setting(settings):
    settings.PORTAL_RATELIMIT_IPV6_PREFIX = 48
    assert ratelimit.address_key("2001:db8:1:2::1") == ratelimit.address_key("2001:db8:1:ffff::9")
    assert ratelimit.address_key("203.0.113.5") == "203.0.113.5"


def test_client_address_is_the_key_directly_and_behind_a_proxy(settings):
    direct = RequestFactory().get("/", REMOTE_ADDR=f"{HOST}:1")
    assert ratelimit.client_address(direct) == "2001:db8:1:2::"
    settings.COMPLAINTS_TRUSTED_PROXY_COUNT = 1
    proxied = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="::ffff:198.51.100.7"
    )
    assert ratelimit.client_address(proxied) == "198.51.100.7"


def test_the_submission_limit_holds_across_addresses_of_one_64(client, hospital):
    def post(address, n):
        body = api_body(facility=hospital.code, title=f"Việc số {n} khác hẳn")
        return client.post("/api/v1/submissions", data=json.dumps(body),
                           content_type="application/json", REMOTE_ADDR=address)

    for n in range(5):  # the "submission" limit: 5 accepted per 10 minutes
        assert post(f"{HOST}{n + 1:x}:0:0:1", n).status_code == 201
    assert post(f"{HOST}ffff:ffff:ffff:fffe", 5).status_code == 429
    assert post("2001:db8:1:3::1", 6).status_code == 201  # another /64 is another client


def test_the_pin_guard_holds_across_addresses_of_one_64(client, hospital):
    filed = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    url = f"/api/v1/submissions/{filed.case.tracking_code}"
    for n in range(5):  # "pin_code_address": 5 wrong PINs an hour
        wrong = client.get(url, {"pin": f"{n:08d}"}, REMOTE_ADDR=f"{HOST}{n + 1:x}::1")
        assert wrong.status_code == 404
    refused = client.get(url, {"pin": filed.pin}, REMOTE_ADDR=f"{HOST}beef::2")
    assert refused.status_code == 429


def test_sign_in_throttling_holds_across_addresses_of_one_64(settings):
    UserFactory(username="khac", admin_access=True)
    # The pair (account, address): wrong passwords from five addresses of one /64.
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR=f"{HOST}{n + 1:x}::1").post(
            "/admin/login/", {"username": "khac", "password": "sai"}
        )
    again = Client(REMOTE_ADDR=f"{HOST}abcd::1").post(
        "/admin/login/", {"username": "khac", "password": DEFAULT_PASSWORD}
    )
    assert again.status_code == 429
    elsewhere = Client(REMOTE_ADDR="2001:db8:1:3::1").post(
        "/admin/login/", {"username": "khac", "password": DEFAULT_PASSWORD}
    )
    assert elsewhere.status_code == 302


def test_the_sign_in_address_limit_holds_across_addresses_of_one_64(settings):
    settings.PORTAL_SIGN_IN_ADDRESS_LIMIT = 6
    UserFactory(username="khac", admin_access=True)
    for n in range(settings.PORTAL_SIGN_IN_ADDRESS_LIMIT):
        Client(REMOTE_ADDR=f"{HOST}{n + 1:x}::1").post(
            "/admin/login/", {"username": f"doan{n}", "password": "sai"}
        )
    again = Client(REMOTE_ADDR=f"{HOST}abcd::1").post(
        "/admin/login/", {"username": "khac", "password": DEFAULT_PASSWORD}
    )
    assert again.status_code == 429
