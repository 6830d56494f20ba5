"""End to end in a real browser: a citizen files a complaint through the form, then
opens the tracking page with the code and PIN it was given.

Headless Chromium from Debian's `chromium` package, driven by Playwright's sync API
against pytest-django's live server. Screenshots of the pages on a phone-sized and
a desktop viewport go to test-artifacts/screenshots/ (gitignored)."""

import datetime
import json
import os
import subprocess
import sys
import urllib.request

import pytest
from django.conf import settings

from complaints.models import Case, Reporter
from tests.browser.support import DESKTOP, PHONE, shoot
from tests.complaints.intake_factories import jpeg_with_gps


@pytest.mark.browser
def test_file_a_complaint_and_track_it(live_server, browser, province):
    hospital = province
    phone = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True,
                                has_touch=True, locale="vi-VN")
    page = phone.new_page()
    page.goto(f"{live_server.url}/gui-phan-anh/")
    assert page.title().startswith("Gửi phản ánh")
    shoot(page, "01-form-phone")

    # The kind shows only its own section.
    page.check('input[name="kind"][value="khieu_nai"]')
    assert page.is_visible("#section-khieu-nai")
    assert not page.is_visible("#section-to-cao")

    # Search-as-you-type, without diacritics, picks the facility.
    page.fill("#facility-query", "duc pho benh vien")
    page.locator("#facility-results li", has_text=hospital.name).click()
    assert page.input_value('select[name="facility"]') == hospital.code

    page.select_option('select[name="category"]', "bhyt-vien-phi")
    page.fill('input[name="title"]', "Bệnh viện thu tiền giường sai quy định")
    page.fill(
        'textarea[name="content"]',
        "Ngày 10 tháng này bệnh viện thu thêm của tôi 2.000.000 đồng tiền giường dịch vụ "
        "dù tôi nằm phòng thường và có thẻ bảo hiểm y tế.",
    )
    page.check('input[name="second_time"][value="0"]')
    page.fill('input[name="decision_complained"]', "Phiếu thu số 125 ngày 10 về tiền giường")
    page.fill('input[name="decision_maker"]', "Phòng Tài chính - Kế toán bệnh viện")
    page.fill(
        'input[name="decision_date"]',
        (datetime.date.today() - datetime.timedelta(days=12)).strftime("%d/%m/%Y"),
    )
    assert not page.is_visible("#late-warning")
    page.fill('input[name="reporter_name"]', "Nguyễn Thị Lan")
    page.fill('input[name="reporter_phone"]', "0905123456")
    page.fill('input[name="reporter_email"]', "lan.nguyen@example.vn")
    page.fill('input[name="reporter_address"]', "Thôn 3, xã Phổ Cường, Quảng Ngãi")
    page.fill('input[name="reporter_id_number"]', "051190000123")
    page.set_input_files(
        'input[name="attachments"]',
        files=[{"name": "phieu-thu.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
    )
    page.check('input[name="consent"]')
    page.check('input[name="consent_contact"]')
    # No purpose is ticked for the citizen: they tick what they want to be told.
    page.check('input[name="notify_purposes"][value="receipt"]')
    page.check('input[name="notify_purposes"][value="decision"]')
    page.check('input[name="truth_declaration"]')
    shoot(page, "02-form-filled-phone")
    page.click("#submit-button")

    page.wait_for_url("**/gui-phan-anh/da-gui/**")
    code = page.text_content("#receipt-code").strip()
    pin = page.text_content("#receipt-pin").strip()
    assert len(pin) == 8
    shoot(page, "03-receipt-phone")

    case = Case.objects.get(tracking_code=code)
    assert (case.kind, case.channel, case.facility_id) == ("khieu_nai", "web", hospital.pk)
    assert Reporter.objects.get(case=case).id_number == "051190000123"
    assert case.attachments.count() == 1

    # Another device, another session: only the code and PIN.
    desktop = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    tracking = desktop.new_page()
    tracking.goto(f"{live_server.url}/tra-cuu/")
    tracking.fill('input[name="tracking_code"]', code.lower())
    tracking.fill('input[name="pin"]', pin)
    tracking.click('button[type="submit"].primary')
    tracking.wait_for_url(f"**/tra-cuu/{code}/")
    assert tracking.text_content("#case-code").strip() == code
    assert tracking.text_content("#case-status").strip() == "Đã tiếp nhận"
    assert "Đã tiếp nhận" in tracking.text_content("#timeline")
    assert "Hạn trả lời việc thụ lý" in tracking.content()
    body = tracking.text_content("body")
    for secret in ("Nguyễn Thị Lan", "051190000123", "0905123456", "lan.nguyen@example.vn"):
        assert secret not in body
    shoot(tracking, "04-tracking-desktop")

    # A wrong PIN looks like an unknown code.
    other = desktop.new_page()
    other.goto(f"{live_server.url}/tra-cuu/")
    other.fill('input[name="tracking_code"]', code)
    other.fill('input[name="pin"]', "00000000")
    other.click('button[type="submit"].primary')
    assert "Không tìm thấy hồ sơ" in other.text_content("main")

    form = desktop.new_page()
    form.goto(f"{live_server.url}/gui-phan-anh/")
    shoot(form, "05-form-desktop")
    phone_tracking = phone.new_page()
    phone_tracking.goto(f"{live_server.url}/tra-cuu/{code}/")
    shoot(phone_tracking, "06-tracking-phone")
    phone.close()
    desktop.close()


@pytest.mark.browser
def test_anonymous_denunciation_offer_in_the_browser(live_server, browser, province):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.check('input[name="kind"][value="to_cao"]')
    page.fill('input[name="title"]', "Bác sĩ nhận phong bì của người bệnh")
    page.fill(
        'textarea[name="content"]',
        "Tôi thấy bác sĩ trực khoa Ngoại nhận tiền của nhiều người nhà bệnh nhân vào đêm qua.",
    )
    page.check('input[name="anonymous"]')
    page.check('input[name="consent"]')
    page.click("#submit-button")
    page.wait_for_selector('button[name="send_as_anonymous_report"]')
    assert "Điều 25" in page.text_content(".offer")
    shoot(page, "07-anonymous-denunciation-phone")
    page.click('button[name="send_as_anonymous_report"]')
    page.wait_for_url("**/gui-phan-anh/da-gui/**")
    case = Case.objects.get()
    assert (case.kind, case.anonymous) == ("phan_anh", True)


def services_free_environ() -> dict:
    """The environment without the suite's service URLs: the portal started by
    `start_portal` uses its own SQLite database, and so must the staff process."""
    return {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "EMAIL_URL"}
    }


@pytest.fixture
def portal_process(redis_url, tmp_path):
    """The portal in a process of its own (daphne + Redis channel layer, as in production),
    a case filed through its API, and `act(action)`: a staff member acting on that case
    from another process."""
    from bench.submissions import free_port, start_portal, wait_until_up

    env = {"REDIS_URL": redis_url.rsplit("/", 1)[0] + "/7"}  # a database of its own
    port = free_port()
    process, _db = start_portal(tmp_path, port, extra_env=env)
    try:
        wait_until_up("127.0.0.1", port)
        base = f"http://127.0.0.1:{port}"
        request = urllib.request.Request(
            f"{base}/api/v1/submissions",
            data=json.dumps({
                "kind": "phan_anh", "facility": "BV-DKT-QNG", "anonymous": True,
                "consent": True, "title": "Thiếu ghế chờ tại khoa Khám bệnh",
                "content": "Người cao tuổi phải đứng chờ khám vì khoa Khám bệnh thiếu ghế.",
            }).encode(),
            headers={"Content-Type": "application/json"},
        )
        created = json.loads(urllib.request.urlopen(request).read())

        def act(action: str, data: dict | None = None) -> None:
            code = (
                "import django; django.setup()\n"
                "from django.contrib.auth import get_user_model\n"
                "from complaints.models import Case\n"
                "from complaints.services.workflow import case_transition\n"
                "users = get_user_model().objects\n"
                "boss = users.filter(username='boss').first() or "
                "users.create_superuser('boss', 'b@example.vn', 'x')\n"
                f"case = Case.objects.get(tracking_code={created['tracking_code']!r})\n"
                f"case_transition(case_id=case.pk, action={action!r}, actor=boss, "
                f"data={data or {}!r}, origin='web')\n"
            )
            subprocess.run(
                [sys.executable, "-c", code], check=True, cwd=settings.BASE_DIR,
                env={**services_free_environ(), "DJANGO_SETTINGS_MODULE": "bench.settings",
                     "PORTAL_VAR_DIR": str(tmp_path), "PYTHONPATH": str(settings.BASE_DIR),
                     **env},
            )

        yield base, created, act
    finally:
        process.terminate()
        process.wait(timeout=10)


def _open_tracking(page, base, created) -> None:
    page.goto(f"{base}/tra-cuu/")
    page.fill('input[name="tracking_code"]', created["tracking_code"])
    page.fill('input[name="pin"]', created["pin"])
    page.click('button[type="submit"].primary')


@pytest.mark.browser
def test_tracking_page_shows_new_events_live(browser, portal_process):
    """The tracking page's WebSocket client appends an event staff record in another
    process."""
    base, created, act = portal_process
    page = browser.new_page(viewport=PHONE)
    english = browser.new_context(viewport=PHONE)  # a reader who chose English
    assert page.locator("#live-changed").count() == 0  # (not opened yet)
    english.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    english_page = english.new_page()
    for tracking in (page, english_page):
        _open_tracking(tracking, base, created)
        tracking.wait_for_selector("#live-note:not([hidden])", timeout=15000)
    act("accept")
    page.wait_for_function("document.querySelectorAll('#timeline li').length >= 2",
                           timeout=15000)
    # A phản ánh is received and handled, not "thụ lý" (Nghị định 154/2026).
    assert page.text_content("#case-status").strip() == "Đang xử lý"
    assert "tiếp nhận để xử lý" in page.text_content("#timeline li:last-child")
    assert page.get_attribute("#timeline li:last-child strong", "lang") == "vi"
    # A new step brings parts only the server renders (deadlines, forms): a reload is offered.
    page.locator("#live-changed").wait_for(state="visible", timeout=5000)
    assert page.get_attribute("#live-changed a", "href").endswith(f"/{created['tracking_code']}/")
    shoot(page, "08-live-update-phone")
    # In English the portal's own sentence comes in English, as the page renders it after a
    # reload (event_text.system_line): no Vietnamese after an English label (a11y report).
    english_page.wait_for_function(
        "document.querySelectorAll('#timeline li').length >= 2", timeout=15000
    )
    live = english_page.text_content("#timeline li:last-child strong")
    assert live.startswith("Your feedback or recommendation has been received for handling."), live
    assert english_page.locator('#timeline li:last-child [lang="vi"]').count() == 0
    shoot(english_page, "08-live-update-phone-english")
    english_page.reload()
    assert english_page.text_content("#timeline li:last-child strong") == live
    # Nothing twice: the live message and the catch-up on connection are one row.
    assert page.locator("#timeline li").count() == 2
    # A report's answer: "Answer given" is its action and its status alike, named
    # once on the line, as the server renders it.
    act("conclude", {"conclusion": "Đã bổ sung ghế chờ.", "public_answer": "Đã bổ sung ghế."})
    english_page.wait_for_function(
        "document.querySelectorAll('#timeline li').length >= 3", timeout=15000
    )
    line = english_page.text_content("#timeline li:last-child")
    assert line.count("Answer given") == 1 and "Đã bổ sung ghế." in line, line
    english.close()


@pytest.mark.browser
def test_an_event_before_the_socket_opened_is_shown_on_connection(browser, portal_process):
    """An event recorded after the page was rendered but before its socket opened (a slow
    phone, a dropped network) reaches no socket: the page reads it on connection."""
    base, created, act = portal_process
    page = browser.new_page(viewport=PHONE)

    def script_after_the_event(route):  # the page is rendered; its script not yet run
        act("accept")
        route.continue_()

    page.route("**/complaints/tracking*.js", script_after_the_event)
    _open_tracking(page, base, created)
    page.locator("#timeline li").nth(1).wait_for(timeout=15000)  # (CSP: no string eval)
    assert "tiếp nhận để xử lý" in page.text_content("#timeline li:last-child")
    assert page.text_content("#case-status").strip() == "Đang xử lý"
    page.wait_for_timeout(500)
    assert page.locator("#timeline li").count() == 2
