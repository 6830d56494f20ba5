"""The filing form checks in the browser what the intake service would refuse, with the
service's own rules and messages (the tester's round trip: a bad phone, a bad e-mail and a
short content reached the server, which refused them and the browser dropped the photos);
without JavaScript the server's summary takes the focus."""

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from complaints.models import Case
from complaints.validation import phone_problem
from tests.browser.support import DESKTOP, PHONE, shoot
from tests.complaints.intake_factories import jpeg_with_gps

pytestmark = pytest.mark.browser

PHONE_MESSAGE = "Số điện thoại không hợp lệ."
EMAIL_MESSAGE = "Địa chỉ thư điện tử không hợp lệ."
SHORT_MESSAGE = "Nội dung quá ngắn: hãy mô tả sự việc (ít nhất 20 ký tự)."


def test_phone_email_and_short_content_refused_before_sending(live_server, browser, province):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    assert "Ít nhất 20 ký tự. Tối đa 20.000 ký tự." in page.text_content("#field-content")
    page.check('input[name="kind"][value="phan_anh"]')
    page.fill('input[name="title"]', "Nhà vệ sinh khoa Nội không có nước")
    page.fill('textarea[name="content"]', "Không có nước.")
    page.fill('input[name="reporter_phone"]', "12345")
    page.fill('input[name="reporter_email"]', "lan@example")
    page.set_input_files(
        'input[name="attachments"]',
        files=[{"name": "anh.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
    )
    page.check('input[name="consent"]')
    posted = []
    page.on("request", lambda r: posted.append(r) if r.method == "POST" else None)
    page.click("#submit-button")

    summary = page.locator("#client-errors")
    summary.wait_for()
    items = summary.locator("li").all_text_contents()
    assert len(items) == 3, items
    assert items[0].startswith("Nội dung sự việc: " + SHORT_MESSAGE)
    assert items[1].startswith("Số điện thoại: " + PHONE_MESSAGE)
    assert items[2] == "Thư điện tử: " + EMAIL_MESSAGE
    assert page.text_content("#field-reporter_email .errorlist") == EMAIL_MESSAGE
    assert page.evaluate("document.activeElement.id") == "client-errors"
    # Nothing left the browser, and the photo is still chosen.
    assert posted == [] and Case.objects.count() == 0
    assert page.evaluate("document.querySelector('input[name=attachments]').files.length") == 1
    shoot(page, "intake-client-phone-email-content-phone")

    # Corrected, the same form goes through: the browser refuses nothing the server takes.
    page.fill('textarea[name="content"]', "Ba ngày liền khoa Nội không có nước.")
    page.fill('input[name="reporter_phone"]', "0905 000 111")
    page.fill('input[name="reporter_email"]', "lan@example.vn")
    page.click("#submit-button")
    page.wait_for_url("**/gui-phan-anh/da-gui/**")
    assert Case.objects.get().attachments.count() == 1


PHONES = [
    "0912 345 678", "0912.345.678", "(0255) 3822 123", "024 3825 1234", "+84 912 345 678",
    "84912345678", "+44 20 7946 0958", "12345", "09123", "0112345678", "+84 112 345 678",
    "0912 345 67", "abc 0912345678", "+8412",
]
EMAILS = [
    "lan@example.vn", "Lan.Nguyen@Example.VN", "lan+yte@benhvien.gov.vn", "lan@localhost",
    "lan@[192.0.2.1]", '"lan nguyen"@example.vn', "lan@example", "lan@@example.vn",
    "lan@exa_mple.vn", "lan.@example.vn", "lan@-example.vn", "lan@example.v", "lan",
    "lan@bệnhviện.vn",
]


def _refused_in_the_browser(page, field: str, value: str) -> bool:
    page.fill(f'input[name="{field}"]', value)
    page.click("#submit-button")  # refused for the missing fields anyway: never sent
    page.locator("#client-errors").wait_for()
    errors = page.locator(f"#field-{field} .errorlist")
    return errors.count() > 0 and bool(errors.text_content().strip())


def _refused_by_the_server(field: str, value: str) -> bool:
    if field == "reporter_phone":
        return phone_problem(value) is not None
    try:
        validate_email(value.strip().lower())
    except ValidationError:
        return True
    return False


def test_browser_and_server_agree_on_phones_and_e_mails(live_server, browser, province):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.check('input[name="kind"][value="phan_anh"]')
    disagree = [
        (field, value)
        for field, values in (("reporter_phone", PHONES), ("reporter_email", EMAILS))
        for value in values
        if _refused_in_the_browser(page, field, value) != _refused_by_the_server(field, value)
    ]
    assert disagree == []


def test_without_javascript_the_summary_takes_the_focus(live_server, browser, province):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.check('input[name="kind"][value="phan_anh"]')
    page.click("#submit-button")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Lỗi:")
    context.close()
