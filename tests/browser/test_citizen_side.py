"""The citizen's side in a real browser (issue 12, items 5 and 6): the form reports
every problem at once and refuses oversized files before uploading, uploads with a
progress bar; the new pages (PIN re-send, 404) pass axe."""

import datetime

import pytest

from complaints.models import Case
from tests.browser.support import DESKTOP, PHONE, shoot
from tests.browser.test_accessibility import violations
from tests.complaints.intake_factories import jpeg_with_gps

pytestmark = pytest.mark.browser


def test_every_missing_field_is_reported_before_sending(live_server, browser, province):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.check('input[name="kind"][value="khieu_nai"]')
    requests = []
    page.on("request", lambda r: requests.append(r) if r.method == "POST" else None)
    page.click("#submit-button")
    summary = page.locator("#client-errors")
    summary.wait_for()
    items = summary.locator("li").all_text_contents()
    # Facility, title, content, name, address, ID number, consent, declaration… at once.
    assert len(items) >= 6, items
    assert any("Họ và tên" in item for item in items)
    assert page.evaluate("document.activeElement.id") == "client-errors"
    assert requests == [] and Case.objects.count() == 0
    shoot(page, "10-client-errors-phone")


def test_an_oversized_file_is_refused_before_upload(live_server, browser, province):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.set_input_files(
        'input[name="attachments"]',
        files=[{"name": "to.pdf", "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)}],
    )
    errors = page.locator("#attachments-client-errors li")
    errors.first.wait_for()
    assert "lớn hơn" in errors.first.text_content()
    assert "10,0 MB" in page.text_content("#field-attachments").replace("\xa0", " ")


def test_files_upload_with_progress_and_a_day_first_date(live_server, browser, province):
    hospital = province
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.check('input[name="kind"][value="phan_anh"]')
    page.select_option('select[name="facility"]', hospital.code)
    page.fill('input[name="title"]', "Nhà vệ sinh khoa Nội không có nước")
    page.fill('textarea[name="content"]',
              "Ba ngày liền nhà vệ sinh khoa Nội không có nước, người bệnh phải xin nước.")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    page.fill('input[name="incident_date"]', yesterday.strftime("%d/%m/%Y"))
    page.fill('input[name="reporter_name"]', "Lê Văn Hùng")
    page.fill('input[name="reporter_phone"]', "0905000111")
    page.set_input_files(
        'input[name="attachments"]',
        files=[{"name": "anh.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
    )
    page.check('input[name="consent"]')
    page.click("#submit-button")
    page.wait_for_url("**/gui-phan-anh/da-gui/**")
    assert page.locator("#upload-progress").count() == 0  # a new page: the receipt
    case = Case.objects.get()
    assert case.incident_date == yesterday
    assert case.attachments.count() == 1


@pytest.mark.parametrize("path", ["/tra-cuu/quen-ma-pin/", "/khong-co-trang-nay/"])
def test_new_pages_have_no_wcag_violations(live_server, browser, province, path):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}{path}")
    assert violations(page) == []
    shoot(page, "11-" + path.strip("/").replace("/", "-"))


def test_the_reply_form_on_the_tracking_page(live_server, browser, province):
    from complaints.services.workflow import case_transition
    from tests.factories import DEFAULT_PIN, CaseFactory, UserFactory

    case = CaseFactory(facility=province, assigned_unit=province)
    officer = UserFactory(perms=["complaints.view_all_cases", "complaints.act_on_case"])
    case_transition(case_id=case.pk, action="request_info", actor=officer,
                    data={"message": "Đề nghị gửi ảnh phiếu thu."}, origin="test")
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/tra-cuu/{case.tracking_code}/")
    page.fill('input[name="pin"]', DEFAULT_PIN)
    page.click('button[type="submit"].primary')
    page.wait_for_selector("#reply-form")
    assert "Đề nghị gửi ảnh phiếu thu." in page.text_content("#bo-sung")
    assert violations(page) == []
    page.fill('textarea[name="text"]', "Tôi gửi kèm ảnh phiếu thu.")
    page.set_input_files(
        'input[name="attachments"]',
        files=[{"name": "phieu-thu.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
    )
    page.click("#reply-form button[type=submit]")
    page.wait_for_selector(".message.success")
    shoot(page, "12-reply-sent-phone")
    case.refresh_from_db()
    assert case.status == "received" and case.attachments.count() == 1


def _english_page(browser, live_server, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/gui-phan-anh/")
    return page


def test_the_script_speaks_the_page_language(live_server, browser, province):
    """The script's texts come from the page (a json_script block), numbers and sizes
    are written the language's way: nothing Vietnamese is hard-coded in intake.js."""
    page = _english_page(browser, live_server)
    assert page.evaluate("document.documentElement.lang") == "en"
    # 20,000 in English (20.000 in Vietnamese).
    assert "/20,000" in page.text_content("#field-content .counter")
    page.click("#submit-button")  # no kind chosen
    summary = page.locator("#client-errors")
    summary.wait_for()
    assert summary.locator("h2").text_content() == (
        "Your submission could not be sent: please correct the following"
    )
    items = summary.locator("li").all_text_contents()
    assert items[0] == "Please choose a type: feedback, recommendation, complaint or denunciation."
    # …and what every kind requires, at once (the kind was reported alone).
    assert any(item.startswith("Title") for item in items), items
    assert len(items) >= 4, items  # kind, title, content, consent
    assert not any("ID number" in item for item in items), items
    page.set_input_files(
        'input[name="attachments"]',
        files=[{"name": "to.pdf", "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)}],
    )
    errors = page.locator("#attachments-client-errors li")
    errors.first.wait_for()
    assert errors.first.text_content().replace("\xa0", " ") == "File to.pdf: larger than 10.0 MB."


def test_browser_errors_are_marked_beside_the_fields(live_server, browser, province):
    """As the server renders them: has-error, an errorlist beside the input, aria-invalid
    and aria-describedby; the summary's links put the cursor in the input itself."""
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.check('input[name="kind"][value="khieu_nai"]')
    page.fill('input[name="decision_date"]', "31/02/2026")
    page.click("#submit-button")
    page.locator("#client-errors").wait_for()

    name = page.locator("#id_reporter_name")
    assert name.get_attribute("aria-invalid") == "true"
    assert "id_reporter_name_error" in name.get_attribute("aria-describedby").split()
    assert page.text_content("#field-reporter_name .errorlist") == "Chưa điền (bắt buộc)."
    assert "has-error" in page.get_attribute("#field-reporter_name", "class")
    # The help text stays described too.
    content = page.locator("#id_content")
    assert content.get_attribute("aria-describedby").split() == [
        "id_content_helptext", "id_content_error"
    ]
    # A checkbox is ticked, not filled in.
    consent = page.locator("#id_consent")
    assert consent.get_attribute("aria-invalid") == "true"
    assert page.text_content("#field-consent .errorlist") == "Chưa đánh dấu (bắt buộc)."
    # 31/02/2026 is written the right way: not on the calendar, not a format mistake.
    assert "không có trên lịch" in page.text_content("#field-decision_date .errorlist")

    # The summary's link focuses the input, not the field's box.
    page.click('#client-errors a[href="#id_reporter_name"]')
    assert page.evaluate("document.activeElement.id") == "id_reporter_name"

    # Filled in, sent again: that field's browser error goes away.
    page.fill("#id_reporter_name", "Lê Văn Hùng")
    page.click("#submit-button")
    page.locator("#client-errors").wait_for()
    assert name.get_attribute("aria-invalid") is None
    assert page.locator("#field-reporter_name .errorlist").count() == 0
    assert name.get_attribute("aria-describedby") in (None, "")
    assert consent.get_attribute("aria-invalid") == "true"


def test_a_day_not_on_the_calendar_is_named_as_such_before_sending(live_server, browser, province):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.check('input[name="kind"][value="phan_anh"]')
    page.fill('input[name="incident_date"]', "31/02/2026")
    page.click("#submit-button")
    summary = page.locator("#client-errors")
    summary.wait_for()
    items = summary.locator("li").all_text_contents()
    assert any("không có trên lịch" in item for item in items), items
    assert not any("dd/mm/yyyy" in item for item in items), items


# A 390-px phone at 200 % zoom (walk-english F13): the language button was pushed off-screen
# (its right edge at 250 px) and the kinds' fieldset overflowed.
ZOOMED_PHONE = {"width": 195, "height": 422}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_at_200_percent_zoom_on_a_phone_nothing_leaves_the_screen(
    live_server, browser, province, lang
):
    page = browser.new_page(viewport=ZOOMED_PHONE)
    page.goto(f"{live_server.url}/gui-phan-anh/?lang={lang}")
    for selector in ("form.language", "form.language button", "#section-kind", ".kind-option"):
        box = page.locator(selector).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= ZOOMED_PHONE["width"] + 0.5, (
            selector, box,
        )
    shoot(page, f"13-zoomed-phone-form-{lang}")
