"""The approval queue on a phone (390 × 844): a director reads every draft's case, step,
proposer, unit, date proposed and the case's deadline. The queue was a 517 px table inside
Wagtail's content column (overflow-x: hidden), which cut "Ngày trình" and "Hạn của hồ sơ"
off; it now turns into cards as the case list does (complaints/admin/_styles.html).
Screenshot: test-artifacts/screenshots/approval-queue-phone.png."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from complaints.approvals.services import draft_propose
from complaints.kinds import CaseKind, CaseStatus
from tests.browser.support import PHONE, shoot, sign_in_to_admin
from tests.complaints.workflow.helpers import case_in, valid_data
from tests.factories import DEFAULT_PASSWORD, FacilityFactory, UserFactory

pytestmark = pytest.mark.browser

HANDLER = ["complaints.view_case", "complaints.act_on_case"]


@pytest.fixture
def draft(transactional_db):
    cache.clear()
    unit = FacilityFactory(code="BV-DTT", name="Bệnh viện Đa khoa khu vực Đặng Thùy Trâm")
    handler = UserFactory(username="canbo", facility=unit, admin_access=True, perms=HANDLER,
                          last_name="Nguyễn Thị", first_name="Lan")
    UserFactory(username="giamdoc", facility=unit, admin_access=True,
                perms=[*HANDLER, "complaints.approve_case"], last_name="Huỳnh Văn",
                first_name="Giám")
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit,
                   resolve_by=timezone.localdate() + datetime.timedelta(days=9))
    made = draft_propose(case_id=case.pk, action="conclude",
                         data=valid_data("conclude", facility_code=unit.code), actor=handler,
                         origin="test")
    yield made
    cache.clear()


def test_the_queue_shows_every_cell_on_a_phone(live_server, browser, draft):
    page = browser.new_page(viewport=PHONE, locale="vi-VN")
    sign_in_to_admin(page, live_server.url, "giamdoc", DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/admin/phe-duyet/")
    cells = page.locator("section[aria-labelledby='cw-queue'] tbody td").evaluate_all(
        """cells => cells.map(c => {
            const r = c.getBoundingClientRect();
            return {label: c.dataset.label, text: c.innerText.trim(), left: r.left,
                    right: r.right, width: r.width, scroll: c.scrollWidth,
                    client: c.clientWidth};
        })"""
    )
    assert [c["label"] for c in cells] == [
        "Hồ sơ", "Đề xuất", "Người đề xuất", "Đơn vị", "Ngày trình", "Hạn của hồ sơ"]
    for cell in cells:  # each within the screen, nothing of it hidden
        assert cell["left"] >= 0 and cell["right"] <= PHONE["width"] + 0.5, cell
        assert cell["scroll"] <= cell["client"] + 1, cell
    by_label = {c["label"]: c["text"] for c in cells}
    assert draft.case.tracking_code in by_label["Hồ sơ"]
    assert draft.proposed_at.astimezone(timezone.get_current_timezone()).strftime(
        "%d/%m/%Y") in by_label["Ngày trình"]
    assert "ngày làm việc" in by_label["Hạn của hồ sơ"]
    # The unit's name reads on one or two lines, not a word per line.
    unit_cell = page.locator("td[data-label='Đơn vị']").first
    assert unit_cell.evaluate("c => c.getBoundingClientRect().height") < 60
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate(
        "document.querySelector('main').scrollWidth <= document.querySelector('main').clientWidth"
    )
    shoot(page, "approval-queue-phone")
