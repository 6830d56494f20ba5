"""A day typed into an admin date picker is the day saved (portal/date_inputs.py): the
picker used to replace anything not written dd/mm/yyyy with today when the field lost
focus, so "2026-12-19" typed into "Ngày nghỉ, ngày làm bù" became a holiday today. Now
ISO and dd/mm/yyyy both land on the day typed, and anything else is refused."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.support import DESKTOP, sign_in_to_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "demo-pass-123"


def add_override(page, site: str, typed: str, reason: str) -> None:
    page.goto(f"{site}/admin/danh-muc/lich-nghi/new/")
    page.click("#id_date")
    page.keyboard.type(typed)
    page.keyboard.press("Tab")  # leave the field, as the picker's blur handler saw it
    expect(page.locator("#id_date")).to_have_value(typed)
    page.select_option("#id_kind", "day_off")
    page.fill("#id_reason", reason)
    page.locator("form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state()


def test_a_typed_day_is_kept_iso_or_day_first_and_another_form_refused(
    live_server, browser, wagtail_tree
):
    from complaints.models import CalendarOverride

    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    admin.set_password(PASSWORD)
    admin.save()
    page = browser.new_page(viewport=DESKTOP)
    sign_in_to_admin(page, live_server.url, "quantri", PASSWORD)

    # Weekdays of December 2026 (a day off on a Saturday changes nothing and is refused).
    add_override(page, live_server.url, "2026-12-22", "Nghỉ bù (gõ ISO)")
    assert page.url.endswith("/admin/danh-muc/lich-nghi/")
    add_override(page, live_server.url, "23/12/2026", "Nghỉ bù (gõ ngày/tháng/năm)")
    assert page.url.endswith("/admin/danh-muc/lich-nghi/")
    add_override(page, live_server.url, "24.12.2026", "Nghỉ bù (dấu chấm)")
    expect(page.locator(".error-message")).to_contain_text("Nhập một ngày hợp lệ")

    saved = dict(CalendarOverride.objects.values_list("reason", "date"))
    assert saved == {
        "Nghỉ bù (gõ ISO)": datetime.date(2026, 12, 22),
        "Nghỉ bù (gõ ngày/tháng/năm)": datetime.date(2026, 12, 23),
    }
