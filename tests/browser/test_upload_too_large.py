"""A citizen's browser without JavaScript sends files over the body cap: the portal's own 413
page, in Vietnamese, with the way back to the form (portal/body_limit.py).

The cap is applied by the ASGI application (`portal/asgi.py`), which pytest-django's live
server (WSGI) does not run: the portal here is `python -m portal.serve` in a process of its
own (bench/submissions.py's `start_portal`: its own SQLite database with the demo's
facilities), the cap lowered so that a small file passes it."""

import pytest

from tests.browser.support import PHONE, shoot

CAP = 256 * 1024


@pytest.fixture
def portal_with_its_cap(tmp_path):
    from bench.submissions import free_port, start_portal, wait_until_up

    port = free_port()
    process, _db = start_portal(tmp_path, port, server="uvicorn",
                                extra_env={"PORTAL_MAX_REQUEST_BODY": str(CAP)})
    try:
        wait_until_up("127.0.0.1", port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.browser
def test_files_over_the_cap_get_the_portals_413_page_without_javascript(browser,
                                                                        portal_with_its_cap):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    form = f"{portal_with_its_cap}/gui-phan-anh/"
    page.goto(form)
    page.check('input[name="kind"][value="phan_anh"]')
    page.set_input_files('input[name="attachments"]', files=[
        {"name": "anh-chup.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8" * CAP},
    ])

    with page.expect_navigation() as sent:
        page.click("#submit-button")

    assert sent.value.status == 413
    assert page.title().startswith("Tệp đính kèm quá lớn")
    assert page.locator("h1").inner_text() == "Tệp đính kèm quá lớn"
    assert "nên cổng chưa nhận gì" in page.locator("main").inner_text()
    shoot(page, "413-phone")
    page.click("text=Quay lại biểu mẫu")
    page.wait_for_url(form)
    context.close()
