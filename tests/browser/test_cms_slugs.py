"""Page slugs in plain letters from the admin itself (cms/slugs.py): the press office types
a Vietnamese title, leaves the slug to the editor, saves a draft; the slug the browser
filled in (Wagtail's script, given Vietnamese letters by `PortalPageForm`) is the one the
page keeps, đ → d, a number and its symbol kept apart ("2145/SYT-NVY" → "2145-syt-nvy", as
the server makes it); a slug typed by hand in plain letters is kept as typed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import DESKTOP, shoot, sign_in_to_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "demo-pass-123"
NEWS_TITLE = "Sở Y tế tập huấn phòng chống dịch sốt xuất huyết cho Trạm y tế xã"
DIRECTIVE_TITLE = "Công văn đôn đốc tăng cường phòng chống dịch bệnh mùa đông xuân"
NEWS_SLUG = "so-y-te-tap-huan-phong-chong-dich-sot-xuat-huyet-cho-tram-y-te-xa"
DIRECTIVE_SLUG = "cong-van-don-doc-tang-cuong-phong-chong-dich-benh-mua-dong-xuan"
OWN_TITLE = "Tin do biên tập viên đặt địa chỉ"
PRESS_TITLE = "Phản hồi bài báo số 2145/SYT-NVY"
PRESS_SLUG = "phan-hoi-bai-bao-so-2145-syt-nvy"


@pytest.fixture
def press_site(wagtail_tree):
    from tests.cms.helpers import build_site, press_roles

    site = build_site()
    roles = press_roles(site.home)
    user = UserFactory(username="press", groups=[roles.editor])
    user.set_password(PASSWORD)
    user.save()
    return site


def save_draft(page, site, parent_id, model, title, *, shown: str, slug: str = "") -> None:
    """Type the title as an editor does, see the slug the browser fills in (`shown`),
    optionally type a slug of one's own, save a draft."""
    page.goto(f"{site}/admin/pages/add/cms/{model}/{parent_id}/")
    page.click("#id_title")
    page.keyboard.type(title)
    page.locator("#id_title").blur()
    # The title fills the slug after the script's pause (100 ms): what the editor sees.
    expect(page.locator("#id_slug")).to_have_value(shown)
    if model == "newspage":
        page.fill("#id_lead", "Tóm tắt.")
    if model == "pressresponsepage":
        page.fill("#id_outlet", "Báo Quảng Ngãi")
        page.fill("#id_article_title", "Bệnh viện thu thêm tiền của người bệnh")
    if slug:
        tab = page.evaluate(
            "document.querySelector('#id_slug').closest('[role=tabpanel]').id"
        )
        page.click(f"[role=tab][aria-controls='{tab}'], [role=tab][href='#{tab}']")
        page.fill("#id_slug", slug)
        page.locator("#id_slug").blur()
    page.click("button[name='action-save'], button:has-text('Lưu bản nháp')")
    page.wait_for_load_state()
    invalid = page.locator("[aria-invalid=true]")
    errors = [title, invalid.evaluate_all("els => els.map(e => e.name)")]
    assert "/edit/" in page.url, errors


def test_the_slug_filled_from_a_vietnamese_title_is_in_plain_letters(
    live_server, browser, press_site
):
    from wagtail.models import Page

    page = browser.new_page(viewport=DESKTOP)
    sign_in_to_admin(page, live_server.url, "press", PASSWORD)

    save_draft(page, live_server.url, press_site.news.pk, "newspage", NEWS_TITLE, shown=NEWS_SLUG)
    save_draft(page, live_server.url, press_site.directives.pk, "directivepage",
               DIRECTIVE_TITLE, shown=DIRECTIVE_SLUG)  # fmt: skip
    shoot(page, "cms-slug-directive")
    save_draft(page, live_server.url, press_site.news.pk, "newspage", OWN_TITLE,
               shown="tin-do-bien-tap-vien-dat-dia-chi", slug="tap-huan-2026")  # fmt: skip
    save_draft(page, live_server.url, press_site.press.pk, "pressresponsepage", PRESS_TITLE,
               shown=PRESS_SLUG)  # fmt: skip

    slugs = dict(Page.objects.filter(depth=4).values_list("title", "slug"))
    assert slugs == {NEWS_TITLE: NEWS_SLUG, DIRECTIVE_TITLE: DIRECTIVE_SLUG,
                     OWN_TITLE: "tap-huan-2026", PRESS_TITLE: PRESS_SLUG}  # fmt: skip
