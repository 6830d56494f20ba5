"""A link to one of the case page's steps opens it (found on a walk: the deadline row's
"ghi nhận đã gửi" scrolled to the sending step's form and left its <details> closed). The
server renders the step asked by `?buoc=` open (no JavaScript needed:
tests/complaints/admin/test_issued_notice_not_sent.py); with JavaScript a fragment alone
opens it too, when the page is reached with it and when it changes on the page
(complaints/static/complaints/admin/case_steps.js)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from tests.browser.support import sign_in_to_admin
from tests.complaints.admin.helpers import PROVINCE
from tests.factories import DEFAULT_PASSWORD, CaseFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def case(transactional_db):
    cache.clear()
    unit = FacilityFactory(code="BV-SN", name="Bệnh viện Sản - Nhi tỉnh")
    UserFactory(username="canbo", facility=unit, admin_access=True, perms=PROVINCE)
    made = CaseFactory(kind=CaseKind.PHAN_ANH, status=CaseStatus.ACCEPTED, facility=unit,
                       assigned_unit=unit, received_at=timezone.now(),
                       accepted_at=timezone.now())  # fmt: skip
    yield made
    cache.clear()


def test_a_fragment_opens_the_step_it_names(live_server, browser, case):
    page = browser.new_page()
    sign_in_to_admin(page, live_server.url, "canbo", DEFAULT_PASSWORD)
    url = f"{live_server.url}/admin/ho-so/{case.tracking_code}/"
    page.goto(url)
    steps = page.locator("details.cw-action")
    ids = [steps.nth(i).get_attribute("id") for i in range(min(steps.count(), 2))]
    assert len(ids) == 2, ids
    assert not page.locator("details.cw-action[open]").count()

    # reached with the fragment, from another page: the step is open once loaded
    page.goto(f"{live_server.url}/admin/ho-so/")
    page.goto(f"{url}#{ids[0]}")
    page.wait_for_function(f"document.getElementById('{ids[0]}').open")
    assert not page.locator(f"#{ids[1]}").evaluate("d => d.open")

    # the fragment changed on the page (an in-page link): that step opens too
    page.evaluate(f"window.location.hash = '{ids[1]}'")
    page.wait_for_function(f"document.getElementById('{ids[1]}').open")
