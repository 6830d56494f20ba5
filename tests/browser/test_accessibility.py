"""The public pages pass axe-core's WCAG 2 A and AA rules (labels, contrast, names,
landmarks, language) in a real browser, on a phone and a desktop, and the main
path works from the keyboard."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from bench.submissions import free_port, wait_until_up
from tests.browser.support import DESKTOP, PHONE, shoot

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PUBLIC_PAGES = [
    "/",
    "/tin-tuc/",
    "/van-ban-chi-dao/",
    "/huong-dan/",
    "/gui-phan-anh/",
    "/tra-cuu/",
    "/tim-kiem/?q=y+te",
    # citizen: the pages people expect (issue 12, item 5)
    "/phan-hoi-bao-chi/",
    "/guong-dien-hinh/",
    "/gioi-thieu/",
    "/du-lieu-ca-nhan/",
    "/lien-he/",
    "/tra-cuu/quen-ma-pin/",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_portal(tmp_path_factory):
    """The portal as `make run` serves it: its own SQLite database in a temporary
    folder, migrated and loaded with the demo data, behind daphne."""
    var = tmp_path_factory.mktemp("a11y-var")
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "EMAIL_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        PORTAL_VAR_DIR=str(var),
        DEMO_PASSWORD="demo-pass-123",
    )
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo_data"]):
        subprocess.run(
            manage + command, cwd=settings.BASE_DIR, env=env, check=True, capture_output=True
        )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "portal.asgi:application",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up("127.0.0.1", port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def violations(page) -> list[dict]:
    # Loaded through the browser's developer protocol, not as a <script>: the portal's
    # Content-Security-Policy (scripts from the portal only) stays in force for the test.
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']});
            return result.violations.map(v => ({
                rule: v.id, impact: v.impact, help: v.help,
                where: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            }));
        }"""
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages_have_no_wcag_violations(demo_portal, browser, viewport):
    page = browser.new_page(viewport=viewport)
    found = {}
    for path in PUBLIC_PAGES:
        response = page.goto(f"{demo_portal}{path}")
        assert response.status == 200, path
        found[path] = violations(page)
    assert found == {path: [] for path in PUBLIC_PAGES}


def test_the_form_can_be_reached_from_the_keyboard_and_is_labelled(demo_portal, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{demo_portal}/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    # From the home page to the form with the keyboard alone.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "/gui-phan-anh/":
            break
    else:
        pytest.fail("the 'Gửi phản ánh' link is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/gui-phan-anh/")
    # Every form control has an accessible name (a label), so a screen reader reads it.
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('main input, main select, main textarea')]
            .filter(el => el.type !== 'hidden')
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
            .map(el => el.name)"""
    )
    assert unnamed == []
    shoot(page, "09-form-keyboard-desktop")
