"""Staff sign-in is throttled by account and by address (django-axes), in Vietnamese."""

import pytest
from django.test import Client

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_wrong_passwords_lock_the_account_from_anywhere(settings):
    UserFactory(username="canbo", admin_access=True)
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(Client(REMOTE_ADDR=f"192.0.2.{n + 1}"), "canbo", "sai").status_code == 200
    # The failure that reaches the limit is refused, and so is the right password after it.
    assert attempt(Client(REMOTE_ADDR="192.0.2.98"), "canbo", "sai").status_code == 429
    locked = attempt(Client(REMOTE_ADDR="192.0.2.99"), "canbo", DEFAULT_PASSWORD)
    assert locked.status_code == 429 and int(locked["Retry-After"]) > 0
    assert "Đăng nhập sai quá nhiều lần" in locked.content.decode()


def test_wrong_passwords_from_one_address_lock_that_address(settings):
    UserFactory(username="khac", admin_access=True)
    client = Client(REMOTE_ADDR="198.51.100.50")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"doan{n}", "sai")
    assert attempt(client, "khac", DEFAULT_PASSWORD).status_code == 429
    # Another address signs in as usual.
    ok = attempt(Client(REMOTE_ADDR="198.51.100.51"), "khac", DEFAULT_PASSWORD)
    assert ok.status_code == 302


def test_a_successful_sign_in_is_not_slowed_down():
    UserFactory(username="dung", admin_access=True)
    client = Client(REMOTE_ADDR="203.0.113.5")
    attempt(client, "dung", "sai")
    assert attempt(client, "dung", DEFAULT_PASSWORD).status_code == 302
