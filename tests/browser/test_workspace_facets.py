"""The facet counts of the workspace list in a real browser: an inspector searches,
the counts show with Vietnamese labels, a facet is followed from the keyboard alone and
narrows the list. Screenshot: test-artifacts/screenshots/workspace-facets-<n>.png."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.browser.support import DESKTOP, shoot
from tests.complaints.admin.helpers import intake_user
from tests.factories import DEFAULT_PASSWORD, CaseFactory, CategoryFactory, FacilityFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def cases(transactional_db):
    cache.clear()
    a = FacilityFactory(code="TTYT-A", name="Trung tâm Y tế Đức Phổ")
    b = FacilityFactory(code="TTYT-B", name="Bệnh viện Đa khoa Sơn Tịnh")
    fees = CategoryFactory(code="vien-phi", name="Viện phí")
    for unit, title in [(a, "Thu viện phí sai"), (a, "Viện phí quá cao"), (b, "Viện phí cao")]:
        CaseFactory(assigned_unit=unit, category=fees, title=title)
    CaseFactory(assigned_unit=b, title="Bếp ăn mất vệ sinh")
    yield intake_user(username="thanhtra")
    cache.clear()


def test_facets_in_the_browser_followed_from_the_keyboard(live_server, browser, cases):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "thanhtra")
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/ho-so/?q=vien+phi")
    facets = page.locator("nav.cw-facets")
    assert facets.is_visible()
    text = facets.inner_text()
    assert "Trung tâm Y tế Đức Phổ" in text and "Viện phí" in text and "Phản ánh" in text
    shoot(page, "workspace-facets-1")
    unit = page.locator('a[data-facet="unit"]', has_text="Trung tâm Y tế Đức Phổ")
    for _ in range(200):  # Tab through the page to the facet link
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.facet") == "unit" and (
            "Đức Phổ" in page.evaluate("document.activeElement.textContent")
        ):
            break
    else:
        pytest.fail("the unit facet is not reachable with Tab")
    assert unit.count() == 1
    page.keyboard.press("Enter")
    page.wait_for_url("**unit=TTYT-A**")
    assert page.locator("table.cw-table tbody tr").count() == 2
    active = page.locator('nav.cw-facets a[aria-current="true"]')
    assert "Đức Phổ" in active.inner_text()
    shoot(page, "workspace-facets-2")
