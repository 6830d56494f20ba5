"""One mailbox, one staff account (walk-operator finding 4): a password reset mails a
working link for every account of the address, so whoever reads it could take them all.
The admin's user forms refuse an address another account uses, whatever its case, and
say a taken username in Vietnamese only."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.demo_accounts import ACCOUNTS
from tests.factories import UserFactory

from .test_user_units import form_data

pytestmark = pytest.mark.django_db
PASSWORD = "Bato-2026-strong!"


@pytest.fixture
def admin(client):
    user = UserFactory(superuser=True, username="quantri")
    client.force_login(user)
    return user


def new_user(**changes) -> dict:
    data = {
        "username": "bt_dup2",
        "email": "bt_dup2@example.vn",
        "first_name": "Văn A",
        "last_name": "Nguyễn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "receives_notifications": "on",
    }
    data.update(changes)
    return data


def page_of(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("typed", ["handler.bato@example.vn", "Handler.BATO@example.VN"])
def test_an_address_another_account_uses_is_refused_naming_it(client, admin, typed):
    UserFactory(username="bt_handler", email="handler.bato@example.vn")
    response = client.post(reverse("wagtailusers_users:add"), new_user(email=typed))
    assert response.status_code == 200
    assert "Thư điện tử này đã dùng cho tài khoản bt_handler" in page_of(response)
    assert not get_user_model().objects.filter(username="bt_dup2").exists()


def test_editing_a_user_to_another_accounts_address_is_refused(client, admin):
    UserFactory(username="facility", email="facility@syt.example.vn")
    person = UserFactory(username="bt_dup", email="bt_dup@example.vn")
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        form_data(person, email="FACILITY@syt.example.vn"),
    )
    assert response.status_code == 200
    assert "Thư điện tử này đã dùng cho tài khoản facility" in page_of(response)
    person.refresh_from_db()
    assert person.email == "bt_dup@example.vn"


def test_a_user_keeps_their_own_address_on_edit(client, admin):
    person = UserFactory(username="bt_dup", email="bt_dup@example.vn")
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        form_data(person, first_name="Thị B"),
    )
    assert response.status_code == 302, page_of(response)[:3000]


def test_a_taken_username_is_said_in_vietnamese(client, admin):
    UserFactory(username="bt_handler")
    response = client.post(reverse("wagtailusers_users:add"), new_user(username="bt_handler"))
    assert response.status_code == 200
    page = page_of(response)
    assert "Tên đăng nhập này đã được dùng." in page
    assert "Người dùng với username" not in page


def test_the_demo_accounts_have_one_address_each():
    # load_demo_data gives each account <username>@syt.example.vn (portal/demo_accounts.py).
    addresses = [f"{username}@syt.example.vn".casefold() for username in ACCOUNTS]
    assert len(set(addresses)) == len(addresses)
