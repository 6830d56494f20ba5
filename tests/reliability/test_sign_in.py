"""Staff sign-in is throttled by the pair (account, address) and by the address with a higher
limit (django-axes, `portal.sign_in`), in Vietnamese: nobody elsewhere can lock an officer out."""

import pytest
from django.test import Client

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_wrong_passwords_elsewhere_do_not_lock_the_owner_out(settings):
    UserFactory(username="canbo", admin_access=True)
    attacker = Client(REMOTE_ADDR="192.0.2.66")
    for _n in range(settings.AXES_FAILURE_LIMIT + 2):
        attempt(attacker, "canbo", "sai")
    # The owner, at the office, signs in with the right password.
    assert attempt(Client(REMOTE_ADDR="192.0.2.99"), "canbo", DEFAULT_PASSWORD).status_code == 302


def test_the_same_account_and_address_are_locked(settings):
    UserFactory(username="canbo", admin_access=True)
    client = Client(REMOTE_ADDR="192.0.2.7")
    for _n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "canbo", "sai").status_code == 200
    # The failure that reaches the limit is refused, and so is the right password after it.
    assert attempt(client, "canbo", "sai").status_code == 429
    locked = attempt(client, "canbo", DEFAULT_PASSWORD)
    assert locked.status_code == 429 and int(locked["Retry-After"]) == 900
    page = locked.content.decode()
    assert "tài khoản này tạm bị khóa đăng nhập từ địa chỉ này trong 15 phút" in page
    # Another account from the same address is not held back by it.
    UserFactory(username="dongnghiep", admin_access=True)
    assert attempt(client, "dongnghiep", DEFAULT_PASSWORD).status_code == 302


def test_many_addresses_cannot_lock_the_owner(settings):
    UserFactory(username="thanhtra", admin_access=True)
    for n in range(3 * settings.AXES_FAILURE_LIMIT):
        wrong = attempt(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), "thanhtra", "sai")
        assert wrong.status_code == 200
    owner = attempt(Client(REMOTE_ADDR="203.0.113.9"), "thanhtra", DEFAULT_PASSWORD)
    assert owner.status_code == 302


def test_an_address_guessing_made_up_accounts_is_locked_at_its_own_limit(settings):
    settings.PORTAL_SIGN_IN_ADDRESS_LIMIT = 8
    UserFactory(username="khac", admin_access=True)
    office = Client(REMOTE_ADDR="198.51.100.50")
    # Typing mistakes of several colleagues behind one address lock nobody.
    for n in range(settings.PORTAL_SIGN_IN_ADDRESS_LIMIT - 1):
        assert attempt(office, f"doan{n}", "sai").status_code == 200
    assert attempt(office, "khac", DEFAULT_PASSWORD).status_code == 302
    office = Client(REMOTE_ADDR="198.51.100.50")
    # The address's own limit reached: every account is refused from it.
    assert attempt(office, "doan-cuoi", "sai").status_code == 429
    locked = attempt(office, "khac", DEFAULT_PASSWORD)
    assert locked.status_code == 429
    assert "mọi tài khoản tạm bị khóa đăng nhập từ địa chỉ này" in locked.content.decode()
    # Another address signs in as usual.
    elsewhere = attempt(Client(REMOTE_ADDR="198.51.100.51"), "khac", DEFAULT_PASSWORD)
    assert elsewhere.status_code == 302


def test_the_address_limit_defaults_to_thirty():
    from django.conf import settings

    assert settings.PORTAL_SIGN_IN_ADDRESS_LIMIT == 30
    assert settings.AXES_FAILURE_LIMIT == 5


def test_a_successful_sign_in_is_not_slowed_down():
    UserFactory(username="dung", admin_access=True)
    client = Client(REMOTE_ADDR="203.0.113.5")
    attempt(client, "dung", "sai")
    assert attempt(client, "dung", DEFAULT_PASSWORD).status_code == 302
