"""The list's bulk form in a real browser: an officer who is not a leader ticks a tố cáo
and the officers' list goes away (khoản 1 Điều 31, Điều 47 Luật Tố cáo: only a leader names
who verifies it), with the reason shown; unticked, it is back. Screenshot:
test-artifacts/screenshots/bulk-assign-denunciation.png."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from complaints.kinds import CaseKind, CaseStatus
from tests.browser.support import DESKTOP, shoot
from tests.complaints.admin.helpers import intake_user
from tests.factories import DEFAULT_PASSWORD, CaseFactory, FacilityFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def cases(transactional_db):
    cache.clear()
    unit = FacilityFactory(code="BV-SN", name="Bệnh viện Sản - Nhi")
    made = {
        kind: CaseFactory(kind=kind, status=CaseStatus.RECEIVED, facility=unit,
                          assigned_unit=unit)
        for kind in (CaseKind.TO_CAO, CaseKind.PHAN_ANH)
    }
    intake_user(username="tiepnhan")
    yield made
    cache.clear()


def test_ticking_a_denunciation_hides_the_officers_list(live_server, browser, cases):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "tiepnhan")
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/ho-so/")
    officers = page.locator("#cw-bulk-form select[name=user]")
    assert page.locator("#cw-bulk-handler-help").inner_text().count("Điều 31") == 1
    page.check(f"#chon-{cases[CaseKind.PHAN_ANH].pk}")
    assert officers.is_visible()
    page.check(f"#chon-{cases[CaseKind.TO_CAO].pk}")
    assert not officers.is_visible() and officers.is_disabled()
    page.locator("#cw-bulk-form").scroll_into_view_if_needed()
    shoot(page, "bulk-assign-denunciation")
    page.uncheck(f"#chon-{cases[CaseKind.TO_CAO].pk}")
    assert officers.is_visible() and officers.is_enabled()
