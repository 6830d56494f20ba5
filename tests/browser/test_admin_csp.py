"""The portal's own admin pages under `script-src 'self'` in Chromium (PORTAL_CSP_ADMIN
tightened for the test): the case list (its live updates) and the documents page (its template
switch) run without a CSP violation, their scripts being files. The admin's policy keeps
'unsafe-inline' for Wagtail's own widgets (README, "Reliability and confidentiality")."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from tests.browser.support import sign_in_to_admin
from tests.complaints.workflow.helpers import case_in
from tests.factories import DEFAULT_PASSWORD, UserFactory


@pytest.mark.browser
def test_the_portals_own_pages_need_no_inline_script(
    live_server, browser, province, wagtail_tree, settings
):
    strict = dict(settings.PORTAL_CSP_ADMIN["DIRECTIVES"], **{"script-src": ["'self'"]})
    settings.PORTAL_CSP_ADMIN = {"DIRECTIVES": strict}
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=province)
    UserFactory(username="quantri", is_superuser=True, admin_access=True)
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    sign_in_to_admin(page, live_server.url, "quantri", DEFAULT_PASSWORD)
    for path in (reverse("complaints_admin:index"),
                 reverse("complaints_admin:documents", args=[case.tracking_code])):
        tab = context.new_page()
        violations: list[str] = []
        tab.on("console", lambda message, seen=violations: seen.append(message.text)
               if "Content Security Policy" in message.text else None)
        tab.goto(f"{live_server.url}{path}")
        tab.wait_for_load_state("networkidle")
        own = [text for text in violations if "inline" in text]
        assert own == [], (path, own)
        tab.close()
    context.close()
