"""The case list's live updates in Chromium when the dashboard socket closes because the
session ended (complaints/admin/live.js): the page says so in Vietnamese and offers to sign in
again, instead of going on as if it were still updating. The live server speaks no WebSocket,
so the socket is Playwright's (`route_web_socket`), closing with the server's codes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.support import sign_in_to_admin
from tests.factories import DEFAULT_PASSWORD, UserFactory


@pytest.mark.browser
@pytest.mark.parametrize(
    ("code", "says"),
    [
        (4440, "Phiên làm việc đã kết thúc vì lâu không thao tác"),
        (4401, "Phiên làm việc đã kết thúc, trang này không còn tự cập nhật."),
    ],
)
def test_the_page_says_the_session_ended_and_offers_sign_in(
    live_server, browser, province, wagtail_tree, code, says
):
    UserFactory(username="quantri", is_superuser=True, admin_access=True)
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    sign_in_to_admin(page, live_server.url, "quantri", DEFAULT_PASSWORD)
    opened = []

    def server(socket):
        opened.append(socket)
        socket.close(code=code, reason="")

    page.route_web_socket("**/ws/dashboard/", server)
    listing = f"{live_server.url}{reverse('complaints_admin:index')}"
    page.goto(listing)
    notice = page.locator("#cw-live")
    notice.wait_for(state="visible", timeout=10_000)
    assert says in notice.inner_text()
    link = notice.get_by_role("link", name="Đăng nhập lại")
    assert link.get_attribute("href") == listing
    page.wait_for_timeout(1500)
    assert len(opened) == 1  # no reconnecting to a session that ended
    context.close()
