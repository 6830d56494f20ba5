"""The Wagtail admin in Vietnamese (issue 11, item 5), in a real browser: each demo role
opens the screens it uses; no English string of the list the project keeps
(tools/admin_vi.tsv: what Wagtail's Vietnamese lacked or got wrong) shows, in text or in
labels; people are named family name first; nothing is fetched from another site (no
Gravatar). Screenshots: test-artifacts/screenshots/admin-vi-<role>-<n>.png."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from bench.submissions import wait_until_up
from tests.browser.support import DESKTOP, shoot, sign_in_to_admin

pytestmark = pytest.mark.browser

TABLE = Path(settings.BASE_DIR) / "tools" / "admin_vi.tsv"
PASSWORD = "demo-pass-123"
# role -> the screens that role works in (not /admin/sites/: Wagtail 8 makes its column
# headings from field names, outside any catalogue; README)
COMMON = ["/admin/", "/admin/ho-so/", "/admin/phe-duyet/", "/admin/account/"]
CMS = ["/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/pages/search/?q=tin"]
SCREENS = {
    "admin": [*COMMON, *CMS, "/admin/users/", "/admin/groups/", "/admin/workflows/list/",
              "/admin/workflows/tasks/index/", "/admin/reports/locked/",
              "/admin/reports/site-history/", "/admin/redirects/",
              "/admin/collections/", "/admin/nguoi_duyet_thay/"],
    "inspector": COMMON,
    "intake": COMMON,
    "facility": COMMON,
    "leader": [*COMMON, "/admin/thong-bao-don-vi/"],
    "press": [*COMMON, *CMS],
    "press_head": [*COMMON, *CMS, "/admin/reports/workflow/"],
}  # fmt: skip
NAMES = {"inspector": "Nguyễn Văn Thanh", "leader": "Phạm Lãnh Đạo", "press": "Võ Thị Báo"}


def english_patterns() -> list[re.Pattern]:
    """The English msgids of the kept list, as whole-line patterns (placeholders match
    any text); entries written the same in both languages are left out."""
    patterns = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, _tab, vietnamese = line.partition("\t")
        english = re.sub(r"^[\w-]+::", "", english)  # a message context ("naturaltime-past::")
        for form in english.split("||"):
            form = re.sub(r"<[^>]+>", "", form).strip()
            if not form or form == vietnamese.strip() or not re.search(r"[A-Za-z]{3}", form):
                continue
            parts = re.split(r"%\(\w+\)[sd]", form)
            body = ".+?".join(re.escape(p) for p in parts)
            patterns.append(re.compile(rf"{body}\*?", re.IGNORECASE if form[0].islower() else 0))
    return patterns


def free_port_in_slot() -> int:
    """A free port of this helper's range (14000–14999), else any."""
    for port in range(14500, 15000):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def demo_admin(tmp_path_factory):
    """The portal as `make run` serves it (demo data, daphne), on a fresh database."""
    var = tmp_path_factory.mktemp("admin-vi-var")
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "EMAIL_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev", PORTAL_VAR_DIR=str(var),
        DEMO_PASSWORD=PASSWORD,
    )  # fmt: skip
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo_data"]):
        subprocess.run(
            manage + command, cwd=settings.BASE_DIR, env=env, check=True, capture_output=True
        )
    port = free_port_in_slot()
    server = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
         "portal.asgi:application"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up("127.0.0.1", port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def visible_strings(page) -> list[str]:
    return page.evaluate(
        """() => {
          const out = document.body.innerText.split('\\n');
          for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')) {
            for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
              const v = el.getAttribute(a); if (v) out.push(v);
            }
          }
          for (const el of document.querySelectorAll('button, summary, label, th, legend, option'))
            out.push(el.textContent);
          return out.map(s => s.replace(/\\s+/g, ' ').trim()).filter(Boolean);
        }"""
    )


@pytest.mark.parametrize("role", list(SCREENS))
def test_the_admin_speaks_vietnamese_to_every_role(demo_admin, browser, role):
    patterns = english_patterns()
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    foreign = []
    page.on(
        "request",
        lambda request: urlsplit(request.url).hostname not in {"127.0.0.1", None}
        and not request.url.startswith("data:")
        and foreign.append(request.url),
    )
    # Two-factor sign-in stays on (administrators and the inspector and leader, who may see
    # a denouncer, set up their app on the first sign-in).
    sign_in_to_admin(page, demo_admin, role, PASSWORD)

    found: dict[str, set[str]] = {}
    for number, path in enumerate(SCREENS[role], 1):
        response = page.goto(f"{demo_admin}{path}")
        page.wait_for_load_state("networkidle")
        assert response is not None and response.status < 400, (role, path)
        shoot(page, f"admin-vi-{role}-{number:02d}")
        for text in visible_strings(page):
            for pattern in patterns:
                if pattern.fullmatch(text):
                    found.setdefault(text, set()).add(path)
        if path == "/admin/" and role in NAMES:
            page.click("[aria-label='Tài khoản'], .sidebar-footer__account", timeout=3000)
            assert NAMES[role] in page.inner_text("body"), "name in Vietnamese order"
    context.close()
    assert found == {}, f"English left for {role}: {found}"
    assert foreign == [], f"requests to other sites: {foreign}"


def test_the_help_menu_and_the_shortcuts_speak_vietnamese(demo_admin, browser):
    """The "Trợ giúp" menu opened, then its keyboard shortcuts dialog: Vietnamese only,
    with no release notes of Wagtail ("What's new in Wagtail") nor its English editor guide
    among the staff's help."""
    patterns = english_patterns()
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    sign_in_to_admin(page, demo_admin, "intake", PASSWORD)
    page.goto(f"{demo_admin}/admin/")
    page.get_by_role("button", name="Trợ giúp").click()
    menu = page.locator(".sidebar-sub-menu-panel").filter(has_text="Trợ giúp")
    menu.get_by_text("Phím tắt").wait_for()
    # No English guide on Wagtail's site (portal/wagtail_hooks.py): the shortcuts only.
    assert menu.get_by_role("listitem").all_inner_texts() == ["Phím tắt"]
    shoot(page, "admin-vi-help-menu")
    menu.get_by_text("Phím tắt").click()
    dialog = page.locator("#keyboard-shortcuts-dialog")
    dialog.get_by_text("Tất cả phím tắt").wait_for(state="attached")
    assert "Phím tắt đang bật; vào tài khoản của bạn để tắt." in dialog.inner_text()
    shoot(page, "admin-vi-shortcuts")
    english = [
        text for text in visible_strings(page) if any(p.fullmatch(text) for p in patterns)
    ]
    context.close()
    assert english == []
