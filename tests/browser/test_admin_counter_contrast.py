"""The staff counters can be read: every counter's number has at least 4.5:1 against the box
behind it (WCAG 1.4.3), in Wagtail's light and dark themes, computed from the colours the
browser applies. The warning counter was Wagtail's bright orange on white (2.0:1): its
fallback colour never applied, as Wagtail defines --w-color-warning-100; the overdue counter,
Wagtail's critical red, read 3.0:1 on the dark theme."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.browser.support import DESKTOP
from tests.complaints.admin.helpers import intake_user
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.browser

# Each counter's number: its colour, the first opaque background behind it, and their
# contrast ratio (WCAG 2 relative luminance).
CONTRASTS = """() => {
  function rgb(text) { return (text.match(/[\\d.]+/g) || []).map(Number); }
  function luminance(c) {
    var v = c.slice(0, 3).map(function (x) {
      x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function background(element) {
    for (var e = element; e; e = e.parentElement) {
      var c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.99)) return c;
    }
    return [255, 255, 255];
  }
  return Array.prototype.map.call(document.querySelectorAll(".cw-counter__value"), function (v) {
    var a = luminance(rgb(getComputedStyle(v).color)), b = luminance(background(v));
    return [v.getAttribute("data-counter"), (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
            document.documentElement.className];
  });
}"""


@pytest.fixture
def officer(transactional_db, wagtail_tree):
    cache.clear()
    yield intake_user(username="doitruong")
    cache.clear()


def counters_in(browser, site, scheme: str):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "doitruong")
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{site}/admin/ho-so/")
    found = page.evaluate(CONTRASTS)
    context.close()
    return found


@pytest.mark.parametrize(("theme", "scheme"), [
    ("system", "light"), ("system", "dark"), ("light", "dark"), ("dark", "light"),
])
def test_every_counter_reads_at_4_5_to_1_in_both_themes(
    live_server, browser, officer, theme, scheme
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(officer)
    profile.theme = theme
    profile.save()
    found = counters_in(browser, live_server.url, scheme)
    assert {name for name, _ratio, _html in found} >= {"overdue", "due_soon", "open"}
    dark = theme == "dark" or (theme == "system" and scheme == "dark")
    assert ("w-theme-dark" in found[0][2]) == (theme == "dark"), found[0][2]
    weak = [(name, round(ratio, 2)) for name, ratio, _html in found if ratio < 4.5]
    assert not weak, f"{'dark' if dark else 'light'} theme: {weak}"
