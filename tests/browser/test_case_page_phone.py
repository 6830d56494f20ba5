"""The staff pages on a phone (390 px): every step form of the case page, opened as a person
opens it, stays within the screen (a long facility name in "Giao xử lý" once widened the page's
column past it, a long choice widened its field, text boxes stuck out by their padding), and
the verifier's report is recorded from there, the timeline showing its proposal; a document's
draft and the list's further filters fit too (the draft's text was cut off at the right).
Screenshots: test-artifacts/screenshots/case-page-phone-report.png, document-draft-phone.png."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from tests.browser.support import PHONE, shoot, sign_in_to_admin
from tests.complaints.admin.helpers import PROVINCE
from tests.factories import DEFAULT_PASSWORD, CaseFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.browser
User = get_user_model()

LONG_NAME = ("Trung tâm Kiểm soát bệnh tật tỉnh Quảng Ngãi – Cơ sở 2 (Khoa Xét nghiệm, "
             "Chẩn đoán hình ảnh và Thăm dò chức năng)")


@pytest.fixture
def case(transactional_db):
    cache.clear()
    unit = FacilityFactory(code="BV-SN", name="Bệnh viện Sản - Nhi tỉnh")
    FacilityFactory(code="CDC-CS2", name=LONG_NAME)
    # a leader who also records withdrawals (the steps with the longest choices)
    UserFactory(username="lanhdao", facility=unit, admin_access=True, perms=[
        *PROVINCE, "complaints.approve_case", "complaints.view_denouncer_identity",
        "complaints.record_withdrawal"])
    made = CaseFactory(
        kind=CaseKind.TO_CAO, status=CaseStatus.VERIFYING, facility=unit, assigned_unit=unit,
        accused_name="Phạm Văn Bị", received_at=timezone.now(), accepted_at=timezone.now(),
        resolve_by=timezone.localdate() + datetime.timedelta(days=30),
        verification_team="Nguyễn Văn An, Phó Chánh Thanh tra Sở\nTrần Thị Bình, Thanh tra viên",
        # signed: the withdrawal's steps, whose long choices once widened their fields
        signature_method="in_person", signature_recorded_at=timezone.now(),
    )
    yield made
    cache.clear()


def _open(page, action: str):
    details = page.locator(f"details:has(form[action$='/thao-tac/{action}/'])")
    details.locator("summary").click()
    return details


def _right_edges(details) -> list[tuple[str, float]]:
    return details.evaluate("""d => [d, ...d.querySelectorAll(
        'textarea, select, input:not([type=hidden]):not([type=checkbox])')]
        .map(e => [e.name || e.tagName, e.getBoundingClientRect().right])""")


def test_step_forms_fit_a_phone_and_the_report_is_recorded(live_server, browser, case):
    page = browser.new_page(viewport=PHONE, locale="vi-VN")
    sign_in_to_admin(page, live_server.url, "lanhdao", DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/admin/ho-so/{case.tracking_code}/")
    assert "Nguyễn Văn An, Phó Chánh Thanh tra Sở — Tổ trưởng" in page.locator(
        "[data-verification-team]").inner_text()
    for details in page.locator("details.cw-action").all():  # each opened, then closed
        details.locator("summary").click()
        wide = [(name, right) for name, right in _right_edges(details)
                if right > PHONE["width"] + 0.5]
        assert not wide, wide
        details.locator("summary").click()
    _open(page, "report_verification")
    form = page.locator("form[action$='/thao-tac/report_verification/']")
    form.locator("[name='report_verification-verification_result']").fill(
        "Ca trực đêm 12 vắng nữ hộ sinh 40 phút.")
    form.locator("[name='report_verification-proposed_finding']").select_option("partly_correct")
    form.locator("[name='report_verification-recommendation']").fill(
        "Kiểm điểm nữ hộ sinh trực đêm 12.")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    timeline = page.locator(".cw-timeline").inner_text()
    assert "Báo cáo kết quả xác minh" in timeline
    assert "Đề xuất: Tố cáo đúng một phần" in timeline
    page.get_by_text("Đề xuất: Tố cáo đúng một phần").first.scroll_into_view_if_needed()
    shoot(page, "case-page-phone-report")
    # The draft of a document: its text boxes within the screen, the preview scrolled in
    # its own box.
    draft = document_draft(case_id=case.pk, template_code="tc_bao_cao_ket_qua_xac_minh",
                           actor=User.objects.get(username="lanhdao"), origin="test")
    page.goto(f"{live_server.url}/admin/ho-so/{case.tracking_code}/van-ban/{draft.pk}/")
    wide = [(name, right) for name, right in _right_edges(page.locator("main form").first)
            if right > PHONE["width"] + 0.5]
    assert not wide, wide
    shoot(page, "document-draft-phone")
    # The list's further filters, dates included.
    page.goto(f"{live_server.url}/admin/ho-so/")
    page.locator("details.cw-more summary").click()
    wide = [(name, right) for name, right in _right_edges(page.locator("details.cw-more"))
            if right > PHONE["width"] + 0.5]
    assert not wide, wide


def _columns(table) -> list[dict]:
    """Each heading of the table's first row and the first data row's cell under it, with
    their horizontal extents as the browser lays them out."""
    return table.evaluate("""t => {
        const heads = [...t.tHead.rows[0].cells];
        const cells = [...t.tBodies[0].rows[0].cells];
        return heads.map((h, i) => ({
            heading: h.textContent.trim(), shown: h.getBoundingClientRect().height > 1,
            left: h.getBoundingClientRect().left, right: h.getBoundingClientRect().right,
            cell: cells[i] ? cells[i].textContent.trim() : null,
            cell_left: cells[i] ? cells[i].getBoundingClientRect().left : null}));
    }""")


def test_the_dashboard_and_the_report_keep_each_figure_under_its_heading(
    live_server, browser, case
):
    """On a phone the figures stay tables: each number under its column's heading (the
    list's card layout once hid the headings and left bare numbers), nothing past the
    screen; the dashboard counts the verification past its period without a report."""
    from complaints.models import Case

    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(
        verification_days=10, verification_until=today - datetime.timedelta(days=2))
    cache.clear()
    page = browser.new_page(viewport=PHONE, locale="vi-VN")
    sign_in_to_admin(page, live_server.url, "lanhdao", DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/admin/ho-so/bang-dieu-hanh/")
    by_unit = page.locator("#qua-han table.cw-report-table").first
    columns = _columns(by_unit)
    assert [c["heading"] for c in columns] == [
        "Đơn vị", "Đang xử lý", "Quá hạn", "Đến hạn trong 3 ngày làm việc",
        "Quá hạn xác minh"]
    assert all(c["shown"] for c in columns), columns
    for column in columns:  # the cell starts within its heading's column
        assert column["left"] - 0.5 <= column["cell_left"] <= column["right"], column
    assert columns[-1]["cell"] == "1"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    by_unit.scroll_into_view_if_needed()
    shoot(page, "dashboard-phone")
    # The periodic report's flow table: its headings shown, wider than the screen it
    # scrolls in its own box, which the keyboard reaches.
    page.goto(f"{live_server.url}/admin/ho-so/bao-cao/")
    flow = page.locator("table.cw-flow-table")
    assert all(c["shown"] for c in _columns(flow))
    assert flow.evaluate("t => t.parentElement.tabIndex") == 0
    # Wider than its box here (its right edge past the screen's), yet neither the page
    # scrolls sideways nor Wagtail's content column (overflow-x: hidden) cuts it off: the
    # box scrolls.
    box = flow.evaluate("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]")
    assert box[0] > box[1], box
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("document.querySelector('main').scrollWidth <= window.innerWidth")
    flow.scroll_into_view_if_needed()
    shoot(page, "report-flow-phone")
