"""The filing form in a real browser: without JavaScript the server's summary of a refused
form takes the focus."""

import pytest

from tests.browser.support import PHONE
from tests.browser.test_file_and_track import province  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def test_without_javascript_the_summary_takes_the_focus(live_server, browser, province):  # noqa: F811
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.check('input[name="kind"][value="phan_anh"]')
    page.click("#submit-button")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Lỗi:")
    context.close()
