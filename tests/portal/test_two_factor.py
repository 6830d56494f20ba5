"""Two-factor sign-in for staff (portal/twofactor), through the real sign-in form, the real
django-otp devices and codes computed here from the device's key (RFC 6238)."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from tests.factories import DEFAULT_PASSWORD, UserFactory

# The bare password sign-in: force_login is not marked verified here (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.second_factor]

LOGIN = "/admin/login/"
SETUP = "/admin/xac-thuc-hai-buoc/thiet-lap/"
VERIFY = "/admin/xac-thuc-hai-buoc/nhap-ma/"
MANAGE = "/admin/xac-thuc-hai-buoc/"
IDENTITY = "complaints.view_denouncer_identity"
WRONG = "Mã xác thực không đúng hoặc đã hết hạn"
THROTTLED = "Đã nhập sai mã quá nhiều lần"


def signed_in(user, address="203.0.113.9") -> Client:
    """A client after the password only, through the admin's sign-in form."""
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": user.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or in a later 30-second step: a code already
    used in this step is refused, django-otp's replay protection)."""
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    clock.time = time.time() + steps_ahead * device.step
    return f"{clock.token():06d}"


def set_up(client, user) -> tuple[TOTPDevice, list[str]]:
    """The setup page: read the key, answer with the app's code; the backup codes shown."""
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'data-secret="([A-Z2-7 ]+)"', page.content.decode())[1]
    assert secret.replace(" ", "") in device.config_url
    done = client.post(SETUP, {"code": code_for(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", done.content.decode())
    device.refresh_from_db()
    return device, codes


def superuser(**kwargs):
    return UserFactory(superuser=True, **kwargs)


def test_an_administrator_without_a_device_is_sent_to_the_setup_and_nowhere_else():
    user = superuser()
    client = signed_in(user)
    for path in ("/admin/", "/admin/ho-so/", "/admin/users/", "/admin/account/", MANAGE):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SETUP + "?next="), path
    page = client.get(SETUP)
    text = page.content.decode()
    assert "Thiết lập xác thực hai bước" in text and "Điều 47 Luật Tố cáo" in text
    assert "<svg" in text and "Để sau" not in text  # the QR code, drawn here; no skipping
    assert '<label class="w-field__label" for="id_code">Mã xác thực</label>' in text


def test_the_identity_permission_makes_it_required():
    user = UserFactory(admin_access=True, perms=[IDENTITY])
    response = signed_in(user).get("/admin/")
    assert response["Location"].startswith(SETUP)


def test_setup_with_the_apps_code_opens_the_admin_and_shows_backup_codes_once():
    user = superuser()
    client = signed_in(user)
    device, codes = set_up(client, user)
    assert device.confirmed and len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(
        object_id=str(user.pk), action="portal.twofactor.setup", user=user
    ).exists()
    # Shown once: the settings page says how many are left, not which.
    manage = client.get(MANAGE).content.decode()
    assert "Còn 10 mã dự phòng" in manage and codes[0] not in manage


def test_a_wrong_setup_code_is_refused_in_vietnamese_and_the_key_stays():
    user = superuser()
    client = signed_in(user)
    first = client.get(SETUP).content.decode()
    response = client.post(SETUP, {"code": "000000"})
    text = response.content.decode()
    assert response.status_code == 200 and WRONG in text and 'aria-invalid="true"' in text
    assert re.search(r'data-secret="([^"]+)"', first)[1] in text
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_each_session_asks_for_the_code_after_the_password():
    user = superuser()
    device, _codes = set_up(signed_in(user), user)

    client = signed_in(user, "203.0.113.10")
    response = client.get("/admin/ho-so/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fho-so%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Nhập mã xác thực" in page and "còn 10 mã" in page

    wrong = client.post(VERIFY, {"code": "123 456", "next": "/admin/ho-so/"})
    assert wrong.status_code == 200 and WRONG in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    time.sleep(1.1)  # the one-second wait django-otp sets after one wrong code
    right = client.post(VERIFY, {"code": code_for(device, steps_ahead=1), "next": "/admin/ho-so/"})
    assert right.status_code == 302 and right["Location"] == "/admin/ho-so/"
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_are_throttled_with_retry_after_never_a_500():
    user = superuser()
    device, _codes = set_up(signed_in(user), user)
    client = signed_in(user, "203.0.113.11")
    client.raise_request_exception = False
    answers = [client.post(VERIFY, {"code": "999999"}) for _ in range(4)]
    assert answers[0].status_code == 200 and WRONG in answers[0].content.decode()
    throttled = answers[-1]
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) >= 1
    assert THROTTLED in throttled.content.decode()
    # While throttled even the right code is refused (django-otp's per-device back-off).
    refused = client.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    assert refused.status_code == 429
    assert client.get("/admin/").status_code == 302
    # Odd input is a form error, never a 500.
    for odd in ("", "x" * 500, "'; drop table--", "١٢٣٤٥٦", "\u202e123456"):
        assert client.post(VERIFY, {"code": odd}).status_code in (200, 429)


def test_a_backup_code_opens_one_session_only_and_the_use_is_logged():
    user = superuser()
    _device, codes = set_up(signed_in(user), user)
    first = signed_in(user, "203.0.113.12")
    response = first.post(VERIFY, {"code": codes[0].upper(), "next": "/admin/"})
    assert response.status_code == 302 and first.get("/admin/").status_code == 200
    assert StaticDevice.objects.get(user=user).token_set.count() == 9
    assert ModelLogEntry.objects.filter(action="portal.twofactor.backup_code_used").count() == 1

    second = signed_in(user, "203.0.113.13")
    again = second.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200 and WRONG in again.content.decode()
    assert second.get("/admin/").status_code == 302


def test_an_optional_user_may_skip_and_once_set_up_is_asked_too():
    user = UserFactory(admin_access=True, perms=["complaints.view_case"])
    client = signed_in(user)
    assert client.get("/admin/").status_code == 200
    page = client.get(f"{SETUP}?next=/admin/").content.decode()
    assert 'id="twofactor-skip"' in page and "Để sau" in page
    assert "Xác thực hai bước" in client.get("/admin/account/").content.decode()

    device, _codes = set_up(client, user)
    later = signed_in(user, "203.0.113.14")
    assert later.get("/admin/")["Location"].startswith(VERIFY)
    later.post(VERIFY, {"code": code_for(device, steps_ahead=1)})
    # Not required: the user may turn it off again.
    assert later.post("/admin/xac-thuc-hai-buoc/tat/").status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert signed_in(user, "203.0.113.15").get("/admin/").status_code == 200


def test_the_admin_home_offers_it_to_whoever_signs_in_with_a_password_alone():
    """Optional for a hospital's leader, but offered where they land: the admin home says
    why (they issue the unit's documents) and links to the setup; gone once set up."""
    leader = UserFactory(admin_access=True, perms=["complaints.view_case",
                                                   "complaints.approve_case"])
    client = signed_in(leader)
    page = client.get("/admin/").content.decode()
    assert "data-twofactor-offer" in page and "Bảo vệ tài khoản bằng xác thực hai bước" in page
    assert "phê duyệt và ban hành văn bản" in page and f'href="{MANAGE}"' in page
    handler = UserFactory(admin_access=True, perms=["complaints.view_case"])
    other = signed_in(handler, "203.0.113.16").get("/admin/").content.decode()
    assert "data-twofactor-offer" in other and "phê duyệt và ban hành văn bản" not in other

    set_up(client, leader)
    assert "data-twofactor-offer" not in client.get("/admin/").content.decode()


def test_a_required_user_cannot_turn_it_off():
    user = superuser()
    client = signed_in(user)
    set_up(client, user)
    client.post("/admin/xac-thuc-hai-buoc/tat/")
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_the_staff_api_refuses_a_session_until_the_second_factor():
    user = UserFactory(
        admin_access=True, perms=[IDENTITY, "complaints.view_case", "complaints.view_all_cases"]
    )
    client = signed_in(user)
    refused = client.get("/api/v1/cases")
    assert refused.status_code == 403
    assert "xác thực hai bước" in refused.json()["detail"]
    set_up(client, user)
    assert client.get("/api/v1/cases").status_code == 200


def test_a_device_holder_cannot_add_another_device_with_the_password_alone():
    user = UserFactory(admin_access=True)
    set_up(signed_in(user), user)
    thief = signed_in(user, "198.51.100.7")
    response = thief.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert thief.post(SETUP, {"code": "123456"})["Location"].startswith(VERIFY)


def test_an_administrator_resets_a_users_devices_and_it_is_logged():
    officer = UserFactory(admin_access=True, perms=[IDENTITY])
    device, _codes = set_up(signed_in(officer), officer)
    admin = superuser()
    admin_client = signed_in(admin, "203.0.113.20")
    set_up(admin_client, admin)

    users_page = admin_client.get("/admin/users/").content.decode()
    reset_url = f"/admin/xac-thuc-hai-buoc/dat-lai/{officer.pk}/"
    assert reset_url in users_page and "Đặt lại xác thực hai bước" in users_page
    assert "Đang dùng xác thực hai bước" in admin_client.get(reset_url).content.decode()
    assert admin_client.post(reset_url).status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    entry = ModelLogEntry.objects.get(action="portal.twofactor.reset")
    assert entry.object_id == str(officer.pk) and entry.user_id == admin.pk
    # The officer's next sign-in starts over with the setup.
    assert signed_in(officer, "203.0.113.21").get("/admin/")["Location"].startswith(SETUP)
    # Nobody else may reset.
    assert signed_in(officer, "203.0.113.22").get(reset_url).status_code in (302, 403)


def test_the_switch_off_requires_nothing(settings):
    settings.PORTAL_REQUIRE_2FA = False
    assert signed_in(superuser()).get("/admin/").status_code == 200


@pytest.mark.django_db(transaction=True)
async def test_the_dashboard_websocket_refuses_a_session_without_its_second_factor():
    from asgiref.sync import sync_to_async
    from channels.db import database_sync_to_async
    from django.db import connections

    from complaints.consumers import CLOSE_FORBIDDEN
    from tests.complaints.live.helpers import close_code, communicator

    try:
        user = await database_sync_to_async(UserFactory)(superuser=True)
        comm = await communicator("/ws/dashboard/", user=user)  # force_login: password only
        assert await close_code(comm) == CLOSE_FORBIDDEN
    finally:
        await sync_to_async(connections.close_all, thread_sensitive=True)()
