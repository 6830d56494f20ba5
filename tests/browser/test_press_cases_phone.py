"""The press response list on a phone (390 × 844), presswalk #3: it was a 442 px table in
Wagtail's content column (overflow-x: hidden), which cut off "Mở trang phản hồi" and
"Soạn phản hồi". It now turns into cards as the approval queue does
(complaints/admin/_styles.html). Screenshot: test-artifacts/screenshots/press-cases-phone.png."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from cms.services import press_response_create_from_case
from tests.browser.support import PHONE, shoot, sign_in_to_admin
from tests.cms.helpers import build_site, press_roles
from tests.cms.test_press_response import concluded_press_case
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def press_cases(wagtail_tree):
    cache.clear()
    roles = press_roles(build_site().home)
    editor = UserFactory(username="bientap", groups=[roles.editor])
    answered = concluded_press_case(
        press_outlet="Báo Quảng Ngãi",
        press_article_title="Bệnh nhân phải chờ khám ba giờ tại Bệnh viện Đa khoa tỉnh",
    )
    press_response_create_from_case(tracking_code=answered.tracking_code, user=editor)
    concluded_press_case(press_outlet="Báo Sức khỏe & Đời sống",
                         press_article_title="Trạm y tế xã thiếu thuốc thiết yếu")
    yield editor
    cache.clear()


def test_the_press_list_s_buttons_are_on_the_screen_of_a_phone(live_server, browser,
                                                              press_cases):
    page = browser.new_page(viewport=PHONE, locale="vi-VN")
    sign_in_to_admin(page, live_server.url, press_cases.username, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/admin/phan-hoi-bao-chi/")

    buttons = page.locator("main table a.button, main table button")
    assert buttons.count() == 2
    for button in buttons.all():
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, box
        button.scroll_into_view_if_needed()
        assert button.is_visible()
    assert {b.inner_text().strip() for b in buttons.all()} == {
        "Mở trang phản hồi", "Soạn phản hồi"}
    # Every cell is on the screen, with its column's name, and nothing is cut off.
    cells = page.locator("main tbody td").evaluate_all(
        """cells => cells.map(c => {
            const r = c.getBoundingClientRect();
            return {label: c.dataset.label, right: r.right, left: r.left,
                    scroll: c.scrollWidth, client: c.clientWidth};
        })""")
    for cell in cells:
        assert cell["label"], cell
        assert cell["left"] >= 0 and cell["right"] <= PHONE["width"] + 0.5, cell
        assert cell["scroll"] <= cell["client"] + 1, cell
    assert page.evaluate(
        "document.querySelector('main').scrollWidth <= document.querySelector('main').clientWidth"
    )
    shoot(page, "press-cases-phone")
