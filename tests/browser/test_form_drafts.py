"""Nothing typed is lost when the session ends while a case form is being filled (the
reviewer pasted an article into the press intake form, the session ended, "Ghi nhận hồ sơ"
led to the sign-in page and back to an empty form): complaints/admin/form_drafts.js.
Screenshot: test-artifacts/screenshots/form-draft-restored.png."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from complaints.models import Case
from tests.browser.support import DESKTOP, shoot
from tests.complaints.admin.helpers import intake_user
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.browser

ARTICLE = "Sáng 31/8, nhiều bệnh nhân phải chờ khám hơn 5 giờ tại Trung tâm Y tế..."


@pytest.fixture
def officer(transactional_db):
    cache.clear()
    yield intake_user(username="vanphong")
    cache.clear()


def sign_in(page):
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("button[type=submit]")


def test_the_press_form_comes_back_filled_after_the_session_ended(live_server, browser, officer):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    sign_in(page)
    page.goto(f"{live_server.url}/admin/ho-so/bao-chi/moi/")
    page.fill("#id_outlet", "Báo Quảng Ngãi")
    page.fill("#id_article_title", "Bệnh nhân chờ khám 5 giờ")
    page.fill("#id_article_text", ARTICLE)

    # The session ends (the CSRF cookie stays, as it does when a session expires).
    context.clear_cookies(name="sessionid")
    page.click("form[data-cw-draft] button[type=submit]")
    page.wait_for_url("**/admin/login/**")
    sign_in(page)
    page.wait_for_url("**/admin/ho-so/bao-chi/moi/**")
    assert page.input_value("#id_outlet") == "Báo Quảng Ngãi"
    assert page.input_value("#id_article_text") == ARTICLE
    assert page.locator("form[data-cw-draft] [role=status]").is_visible()
    shoot(page, "form-draft-restored")

    # Completed and received: the draft is forgotten, a new form is empty.
    page.fill("#id_published_on", "2026-09-01")
    page.fill("#id_matter", "Thời gian chờ khám kéo dài")
    page.click("form[data-cw-draft] button[type=submit]")
    page.wait_for_url("**/admin/ho-so/YT-**")
    assert Case.objects.filter(press_outlet="Báo Quảng Ngãi").count() == 1
    page.goto(f"{live_server.url}/admin/ho-so/bao-chi/moi/")
    assert page.input_value("#id_outlet") == ""
    context.close()
