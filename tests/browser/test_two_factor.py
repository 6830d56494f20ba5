"""Two-factor sign-in in a real browser (portal/twofactor): an administrator signs in with
the password, sets up the app from the key on the page (a wrong code first), keeps the
backup codes, then signs in again with the password and a code, without JavaScript and
from the keyboard. Screenshots: test-artifacts/screenshots/two-factor-*.png."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.browser.support import DESKTOP, app_code, shoot
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.browser


def password_step(page, site):
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("button[type=submit]")


def test_an_administrator_signs_in_with_a_password_and_a_code(live_server, browser,
                                                              wagtail_tree):
    UserFactory(username="quantri", superuser=True)
    site = live_server.url
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    password_step(page, site)
    page.wait_for_url("**/admin/xac-thuc-hai-buoc/thiet-lap/**")
    assert page.locator(".twofactor-qr svg").is_visible()  # the QR code, drawn by the server
    assert "Điều 47 Luật Tố cáo" in page.inner_text("main")
    shoot(page, "two-factor-01-setup")

    secret = page.get_attribute("#twofactor-secret", "data-secret")
    page.get_by_label("Mã xác thực").fill("000000")
    page.get_by_role("button", name="Xác nhận và bật").click()
    # Waits for the answer to the click (a new page), not the form still on screen.
    expect(page.locator("main")).to_contain_text("Mã xác thực không đúng hoặc đã hết hạn")
    assert page.get_by_label("Mã xác thực").get_attribute("aria-invalid") == "true"
    shoot(page, "two-factor-02-wrong-code")

    time.sleep(1.2)  # django-otp's one-second wait after a wrong code
    page.get_by_label("Mã xác thực").fill(app_code(secret))
    page.get_by_role("button", name="Xác nhận và bật").click()
    expect(page.locator("#twofactor-backup-codes li")).to_have_count(10)
    shoot(page, "two-factor-03-backup-codes")
    page.click("#twofactor-continue")
    page.wait_for_url(f"{site}/admin/")
    context.close()

    # A new session, without JavaScript, by keyboard: the password, then the code.
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    password_step(page, site)
    page.wait_for_url("**/admin/xac-thuc-hai-buoc/nhap-ma/**")
    page.focus("#id_code")
    page.keyboard.type(app_code(secret, steps_ahead=1))
    shoot(page, "two-factor-04-code-after-password")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/admin/")
    shoot(page, "two-factor-05-signed-in")
    # No sidebar without JavaScript: the bar above the page signs out (a POST).
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/admin/login/**")
    shoot(page, "two-factor-06-signed-out-without-javascript")
    context.close()
