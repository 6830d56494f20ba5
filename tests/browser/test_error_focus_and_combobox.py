"""Keyboard and screen-reader paths found by the accessibility audit, in a real browser:
a refused answer to a request for information lands on its error summary (focused, first
in the page, the title saying "Lỗi:"), with and without JavaScript; the facility search
of the filing form is a combobox (arrows move, Enter picks, the input keeps the focus
and a live region says what was chosen)."""

import pytest

from tests.browser.support import PHONE, shoot
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser


def _asked(facility):
    from complaints.services.workflow import case_transition
    from tests.factories import CaseFactory, UserFactory

    case = CaseFactory(facility=facility, assigned_unit=facility)
    officer = UserFactory(perms=["complaints.view_all_cases", "complaints.act_on_case"])
    case_transition(case_id=case.pk, action="request_info", actor=officer,
                    data={"message": "Đề nghị gửi ảnh phiếu thu."}, origin="test")
    return case


def _open(page, live_server, case):
    from tests.factories import DEFAULT_PIN

    page.goto(f"{live_server.url}/tra-cuu/{case.tracking_code}/")
    page.fill('input[name="pin"]', DEFAULT_PIN)
    page.click('button[type="submit"].primary')
    page.wait_for_selector("#reply-form")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_refused_answer_lands_on_its_error_summary(live_server, browser, province,
                                                      javascript):
    case = _asked(province)
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    _open(page, live_server, case)
    page.click("#reply-form button[type=submit]")  # nothing typed
    page.wait_for_selector("#error-summary")
    assert page.title().startswith(f"Lỗi: Hồ sơ {case.tracking_code}")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    box = page.locator("#error-summary").bounding_box()
    assert 0 <= box["y"] < PHONE["height"]  # in view without scrolling
    assert "Hãy nhập nội dung bổ sung" in page.text_content("#error-summary")
    shoot(page, f"30-reply-refused-summary-{'js' if javascript else 'nojs'}-phone")
    if javascript:
        assert violations(page) == []
        # The summary's link takes the keyboard to the field.
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#field-text'")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "text"
    context.close()


def test_the_facility_search_is_a_combobox_for_the_keyboard(live_server, browser, province):
    hospital = province
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    combobox = page.locator("#facility-query")
    assert combobox.get_attribute("role") == "combobox"
    assert combobox.get_attribute("aria-expanded") == "false"
    combobox.focus()
    page.keyboard.type("duc pho")
    page.wait_for_selector('#facility-listbox [role="option"]')
    assert combobox.get_attribute("aria-expanded") == "true"
    assert combobox.get_attribute("aria-controls") == "facility-listbox"
    assert page.get_attribute("#facility-listbox", "aria-label") == "Cơ sở y tế tìm được"
    page.wait_for_function(
        "document.getElementById('facility-status').textContent.startsWith('Tìm thấy 2 cơ sở')"
    )
    assert violations(page) == []
    # The options are no Tab stops: the list is walked with the arrows from the input.
    assert page.locator('#facility-listbox [role="option"][tabindex]').count() == 0
    page.keyboard.press("ArrowDown")
    first = page.get_attribute('#facility-listbox [role="option"] >> nth=0', "id")
    assert combobox.get_attribute("aria-activedescendant") == first
    page.keyboard.press("ArrowDown")
    second = page.locator('#facility-listbox [role="option"] >> nth=1')
    assert combobox.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    chosen_name = second.text_content().split(" — ")[0]
    shoot(page, "31-facility-combobox-phone")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "facility-query"
    chosen = page.input_value('select[name="facility"]')
    assert chosen and chosen_name == combobox.input_value()
    assert page.text_content("#facility-status") == f"Đã chọn: {chosen_name}"
    assert page.get_attribute("#facility-status span", "lang") == "vi"
    assert combobox.get_attribute("aria-expanded") == "false"
    assert combobox.get_attribute("aria-activedescendant") is None
    assert page.url.endswith("/gui-phan-anh/")  # Enter did not send the form

    # Escape closes the list and leaves the text; Arrow Up goes to the last option.
    combobox.fill("")
    page.keyboard.type("benh vien")
    page.wait_for_selector('#facility-listbox [role="option"]')
    page.keyboard.press("Escape")
    assert combobox.get_attribute("aria-expanded") == "false"
    assert page.is_hidden("#facility-listbox") and combobox.input_value() == "benh vien"
    page.keyboard.press("ArrowUp")
    assert combobox.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Enter")
    assert page.input_value('select[name="facility"]') == hospital.code
    assert page.text_content("#facility-status") == f"Đã chọn: {hospital.name}"
    # Tab leaves the combobox for the select, which stays usable on its own.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "facility"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_refused_workspace_action_lands_on_its_error_summary(live_server, browser, javascript):
    """The back office's action forms (the keyboard walk, finding 3): "Ghi nhận đã gửi thông
    báo" sent without its day lands on the summary, focused and in view, the title saying
    "Lỗi:"; its link takes the keyboard to the field."""
    from complaints.kinds import CaseKind, CaseStatus
    from tests.browser.support import DESKTOP, sign_in_to_admin
    from tests.complaints.workflow.helpers import act, case_in
    from tests.factories import DEFAULT_PASSWORD, UserFactory

    leader = UserFactory(superuser=True, username="truongphong")
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript)
    page = context.new_page()
    sign_in_to_admin(page, live_server.url, "truongphong", DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/admin/ho-so/{case.tracking_code}/thao-tac/record_notice/")
    assert page.input_value("#id_record_notice-notice") == "notify_acceptance"  # the one owed
    page.click("form[action$='thao-tac/record_notice/'] button[type=submit]")
    page.wait_for_selector("#cw-errors-record_notice")
    assert page.title().startswith("Lỗi: ")
    assert page.evaluate("document.activeElement.id") == "cw-errors-record_notice"
    box = page.locator("#cw-errors-record_notice").bounding_box()
    assert 0 <= box["y"] < DESKTOP["height"]
    assert "#" not in page.url
    shoot(page, f"32-workspace-action-refused-{'js' if javascript else 'nojs'}")
    page.keyboard.press("Tab")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href.startswith("#id_record_notice-")
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '{href}'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == href[1:]
    context.close()
