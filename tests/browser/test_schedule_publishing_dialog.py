"""A go-live time typed into Wagtail's "Đặt lịch xuất bản" dialog is the time saved
(portal/static/portal/admin/date_inputs.js): the picker's calendar stayed open after
typing and lay over "Lưu lịch", so the click meant for the button picked the day under
it ("2026-12-07 10:35" typed, 14/12/2026 with the clock's time saved). ISO and
dd/mm/yyyy HH:MM are read as typed; anything else is refused in Vietnamese."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Page

from cms.models import GuidePage
from tests.browser.support import DESKTOP, sign_in_to_admin
from tests.cms.helpers import add_page, build_site
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "demo-pass-123"


def schedule(page, site: str, page_id: int, typed: str, *, how: str) -> None:
    page.goto(f"{site}/admin/pages/{page_id}/edit/")
    opener = page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']:visible")
    if not opener.count():  # the status panel stays open from one visit to the next
        page.click("button[data-side-panel-toggle='status']")
    opener.first.click()
    field = page.locator("#schedule-publishing-dialog input[name=go_live_at]")
    if how == "keyboard":  # as a person does: into the field, then the keys
        field.click()
        page.wait_for_timeout(200)  # the calendar is open
        page.keyboard.press("Control+A")
        page.keyboard.type(typed)
    else:  # pasted in at once (the calendar opens after the text is in)
        field.fill(typed)
    page.wait_for_timeout(300)
    page.locator("#schedule-publishing-dialog button:has-text('Lưu lịch')").click(timeout=5000)
    page.wait_for_load_state()


def go_live_saved(page_id: int) -> str | None:
    at = Page.objects.get(pk=page_id).get_latest_revision_as_object().go_live_at
    return timezone.localtime(at).strftime("%d/%m/%Y %H:%M") if at else None


@pytest.mark.parametrize("how", ["keyboard", "fill"])
def test_the_go_live_time_typed_is_the_time_saved(live_server, browser, wagtail_tree, how):
    site = build_site()
    draft = add_page(site.guides, GuidePage(title="Hẹn giờ", slug="hen-gio"), live=False)
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    admin.set_password(PASSWORD)
    admin.save()
    page = browser.new_context(viewport=DESKTOP, locale="vi-VN").new_page()
    sign_in_to_admin(page, live_server.url, "quantri", PASSWORD)

    schedule(page, live_server.url, draft.pk, "2030-12-07 10:35", how=how)
    assert go_live_saved(draft.pk) == "07/12/2030 10:35"

    schedule(page, live_server.url, draft.pk, "08/12/2030 09:05", how=how)
    assert go_live_saved(draft.pk) == "08/12/2030 09:05"

    schedule(page, live_server.url, draft.pk, "9/12/30 9h05", how=how)
    expect(page.locator("body")).to_contain_text("Nhập một ngày/thời gian hợp lệ.")
    assert go_live_saved(draft.pk) == "08/12/2030 09:05"
