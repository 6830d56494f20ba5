"""The narrowest phone in use (375 px wide): the citizen's tracking page, open with its
PIN, and the staff's two-factor setup page with its QR code (the portal's one QR code)
fit the screen, nothing scrolling sideways. Screenshots: test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser.support import shoot
from tests.browser.test_two_factor import password_step
from tests.factories import DEFAULT_PIN, CaseFactory, UserFactory

pytestmark = pytest.mark.browser

NARROW = {"width": 375, "height": 812}
FITS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_the_tracking_page_fits_a_375px_phone(live_server, browser, province):
    case = CaseFactory(facility=province, assigned_unit=province)
    page = browser.new_page(viewport=NARROW)
    page.goto(f"{live_server.url}/tra-cuu/{case.tracking_code}/")
    assert page.evaluate(FITS)
    page.fill('input[name="pin"]', DEFAULT_PIN)
    page.click('button[type="submit"].primary')
    page.wait_for_selector("main")
    assert case.tracking_code in page.inner_text("main")
    shoot(page, "narrow-375-tracking")
    assert page.evaluate(FITS), page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    page.close()


def test_the_two_factor_qr_code_fits_a_375px_phone(live_server, browser, wagtail_tree):
    UserFactory(username="quantri", superuser=True)
    context = browser.new_context(viewport=NARROW, locale="vi-VN")
    page = context.new_page()
    password_step(page, live_server.url)
    page.wait_for_url("**/admin/xac-thuc-hai-buoc/thiet-lap/**")
    qr = page.locator(".twofactor-qr svg")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    assert abs(box["width"] - box["height"]) < 1  # shrunk whole, not cropped or squashed
    shoot(page, "narrow-375-two-factor-qr")
    assert page.evaluate(FITS), page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    context.close()
