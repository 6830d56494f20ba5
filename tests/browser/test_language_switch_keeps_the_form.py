"""The language switch keeps what was typed in the filing form (an exploratory tester started
in Vietnamese, found the English button and lost a long text): intake.js keeps the fields in
the tab's sessionStorage when the switch is pressed and puts them back in the page the switch
leads to, saying so. The files cannot be kept (a page never chooses a file): the note names
them. The consents and the declaration are given again, once read in the new language.
Without JavaScript the note beside the form says before anything is typed that switching
empties the form. Screenshot: test-artifacts/screenshots/language-switch-draft.png."""

from __future__ import annotations

import pytest

from tests.browser.support import DESKTOP, shoot

pytestmark = pytest.mark.browser

CONTENT = "Ngày 02/12 tôi chờ khám ở khoa Nhi hơn bốn giờ mà không ai hướng dẫn. " * 5


def test_what_was_typed_survives_the_language_switch(live_server, browser, province):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    assert "trước khi điền" not in page.text_content("#language-note")  # the script's note
    page.check('input[name="kind"][value="khieu_nai"]')
    page.select_option('select[name="facility"]', province.code)
    page.fill('input[name="title"]', "Thu thêm tiền giường bệnh")
    page.fill('textarea[name="content"]', CONTENT)
    page.fill('input[name="reporter_name"]', "Nguyễn Thị Lan")
    page.set_input_files('input[name="attachments"]', files=[
        {"name": "hoa-don.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF"},
    ])
    page.check('input[name="consent"]')

    page.click("form.language button[name=language]")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.is_checked('input[name="kind"][value="khieu_nai"]')
    assert page.is_visible("#section-khieu-nai")  # the kind's own fields shown again
    assert page.input_value('select[name="facility"]') == province.code
    assert page.input_value('input[name="title"]') == "Thu thêm tiền giường bệnh"
    assert page.input_value('textarea[name="content"]') == CONTENT
    assert page.input_value('input[name="reporter_name"]') == "Nguyễn Thị Lan"
    # Given again once read in English; the file chosen again.
    assert not page.is_checked('input[name="consent"]')
    note = page.locator("#draft-restored")
    assert note.get_attribute("role") == "status"
    assert "hoa-don.pdf" in note.text_content()
    assert page.evaluate("document.activeElement.id") == "draft-restored"
    shoot(page, "language-switch-draft")

    # Put back once: a reload, or the next visit, starts empty.
    page.reload()
    assert page.input_value('input[name="title"]') == ""
    assert page.locator("#draft-restored").count() == 0


def test_without_javascript_the_form_says_switching_empties_it(live_server, browser, province):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/gui-phan-anh/")
    note = page.text_content("#language-note")
    assert "xoá những gì bạn đã nhập" in note and "trước khi điền" in note
    # Before the form, where it is read before anything is typed.
    assert page.evaluate(
        "document.getElementById('language-note').compareDocumentPosition("
        "document.getElementById('intake-form')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    context.close()
