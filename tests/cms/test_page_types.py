"""Where each page type may be created, and how each renders (content, Open
Graph, JSON-LD, feed links)."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from wagtail.models import Page

from cms.models import (
    DirectiveIndexPage,
    DirectivePage,
    GuidePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PressResponseIndexPage,
    PressResponsePage,
    StoryIndexPage,
    StoryPage,
)
from complaints.kinds import PressFinding
from tests.cms.helpers import add_page, directive, news
from tests.factories import FacilityFactory

pytestmark = pytest.mark.django_db

INDEXES = [NewsIndexPage, DirectiveIndexPage, PressResponseIndexPage, StoryIndexPage]


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD script"
    return json.loads(match.group(1))


def meta(html: str, prop: str) -> str:
    match = re.search(rf'<meta property="{prop}" content="([^"]*)"', html)
    return match.group(1) if match else ""


# --- creation rules ---------------------------------------------------------------


def test_home_is_created_under_the_root_only_once(cms_site):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)  # max_count 1, already there
    assert not HomePage.can_create_at(cms_site.home)
    assert HomePage in Page.allowed_subpage_models()


@pytest.mark.parametrize("index_model", [*INDEXES, GuidePage])
def test_sections_live_under_the_home_page(cms_site, index_model):
    assert index_model.can_create_at(cms_site.home)
    assert not index_model.can_create_at(Page.get_first_root_node())
    assert not index_model.can_create_at(cms_site.news)


@pytest.mark.parametrize(
    ("child", "parent_attr"),
    [
        (NewsPage, "news"),
        (DirectivePage, "directives"),
        (PressResponsePage, "press"),
        (StoryPage, "stories"),
    ],
)
def test_each_item_type_goes_under_its_own_index_only(cms_site, child, parent_attr):
    parent = getattr(cms_site, parent_attr)
    assert child.can_create_at(parent)
    others = [getattr(cms_site, a) for a in ("news", "directives", "press", "stories", "guides")]
    for other in others:
        if other.pk != parent.pk:
            assert not child.can_create_at(other), other
    assert not child.can_create_at(cms_site.home)
    assert child.allowed_subpage_models() == []


def test_guides_nest_under_guides(cms_site):
    assert GuidePage.can_create_at(cms_site.guides)
    assert GuidePage.allowed_subpage_models() == [GuidePage]


# --- rendering --------------------------------------------------------------------


def test_home_page_shows_latest_news_directives_figures_and_feed_links(client, cms_site):
    news(cms_site.news, 1, title="Tin mới nhất về tiêm chủng")
    directive(cms_site.directives, 1576, title="Công văn số 1576/SYT-VP về đôn đốc")
    directive(cms_site.directives, 99, title="Bản nháp chưa đăng", live=False)

    html = client.get("/").content.decode()

    assert "Tin mới nhất về tiêm chủng" in html
    assert "Công văn số 1576/SYT-VP về đôn đốc" in html
    assert "Bản nháp chưa đăng" not in html
    assert 'href="/gui-phan-anh/"' in html
    assert "Kết quả 30 ngày qua" in html
    assert "hồ sơ đã tiếp nhận" in html
    feeds = re.findall(
        r'<link rel="alternate" type="application/rss\+xml"[^>]*href="([^"]+)"', html
    )
    assert feeds == ["/rss/tin-tuc.xml", "/rss/van-ban-chi-dao.xml"]
    assert json_ld(html)["@type"] == "WebSite"


def test_home_page_names_the_departments_hotline_and_name_from_the_settings(
    client, cms_site, settings
):
    settings.PORTAL_PROVINCE = "Huế"
    settings.PORTAL_PROVINCE_KIND = ""
    settings.PORTAL_HOTLINE = "0234 3822 111"
    news(cms_site.news, 1, title="Tin mới")  # publishing purges the page cache

    html = client.get("/").content.decode()

    assert '<a href="tel:02343822111"><strong>0234 3822 111</strong></a>' in html
    assert "1900 9095" not in html
    publisher = json_ld(html)["publisher"]
    assert publisher["name"] == "Sở Y tế thành phố Huế"
    assert publisher["telephone"] == "0234 3822 111"
    # The feeds as every page's head announces them to feed readers.
    assert 'title="Tin tức — Sở Y tế thành phố Huế"' in html
    assert 'title="Văn bản chỉ đạo — Sở Y tế thành phố Huế"' in html


def test_news_article_renders_with_open_graph_and_news_article_data(client, cms_site):
    page = news(
        cms_site.news,
        7,
        title="Sở Y tế ra mắt đường dây nóng",
        lead="Người dân gọi 1900 9095.",
        date=datetime.date(2026, 3, 2),
        body=[{"type": "paragraph", "value": "<p>Nội dung <b>chi tiết</b>.</p>"}],
    )
    page.tags.add("đường dây nóng")
    page.save_revision().publish()

    response = client.get(page.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert '<h1 lang="vi">Sở Y tế ra mắt đường dây nóng</h1>' in html
    assert "Nội dung <b>chi tiết</b>." in html
    assert "02/03/2026" in html
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "Sở Y tế ra mắt đường dây nóng"
    assert meta(html, "og:description") == "Người dân gọi 1900 9095."
    assert meta(html, "og:url") == "http://testserver" + page.url
    data = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2026-03-02"
    assert data["keywords"] == "đường dây nóng"
    assert data["author"]["name"] == "Sở Y tế tỉnh Quảng Ngãi"


def test_directive_renders_its_metadata_full_text_and_legislation_data(client, cms_site):
    page = directive(
        cms_site.directives,
        1576,
        title="Công văn số 1576/SYT-VP về việc đôn đốc",
        place="Thanh Hóa",
        issued_on=datetime.date(2020, 6, 3),
        signer="Trịnh Hữu Hùng",
        summary="V/v đôn đốc thực hiện Kế hoạch 38/KH-SYT",
        recipients="Như trên\nLưu: VT, VP",
        field="Công tác báo chí",
        effective_from=datetime.date(2020, 6, 3),
        body=[{"type": "paragraph", "value": "<p>Đoạn thứ nhất./.</p>"}],
    )

    html = client.get(page.url).content.decode()

    for text in (
        "1576/SYT-VP",
        "Công văn",
        "Sở Y tế",
        "Thanh Hóa",
        "03/06/2020",
        "Trịnh Hữu Hùng",
        "V/v đôn đốc thực hiện Kế hoạch 38/KH-SYT",
        "<li>Lưu: VT, VP</li>",
        "Công tác báo chí",
        "Đoạn thứ nhất./.",
        "Đang có hiệu lực",
    ):
        assert text in html, text
    data = json_ld(html)
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "1576/SYT-VP"
    assert data["legislationDate"] == "2020-06-03"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"


def test_press_response_renders_the_article_finding_and_claim_review(client, cms_site):
    page = add_page(
        cms_site.press,
        PressResponsePage(
            title="Cải chính bài báo về thời gian chờ khám",
            slug="cai-chinh",
            outlet="Báo Quảng Ngãi",
            article_title="Bệnh nhân chờ khám ba giờ",
            article_url="https://baoquangngai.vn/bai-viet",
            article_published_on=datetime.date(2026, 2, 1),
            finding=PressFinding.INACCURATE,
            response_date=datetime.date(2026, 2, 10),
            response=[{"type": "paragraph", "value": "<p>Thời gian chờ trung bình 40 phút.</p>"}],
        ),
    )

    html = client.get(page.url).content.decode()

    assert "Cải chính thông tin báo chí" in html
    assert "Báo Quảng Ngãi" in html
    assert 'href="https://baoquangngai.vn/bai-viet"' in html
    assert "Phản ánh không đúng" in html
    assert "Thời gian chờ trung bình 40 phút." in html
    data = json_ld(html)
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == "Bệnh nhân chờ khám ba giờ"
    assert data["reviewRating"]["ratingValue"] == 1


def test_story_renders_facility_people_and_story(client, cms_site):
    facility = FacilityFactory(name="Trạm Y tế phường Phổ Hòa")
    page = add_page(
        cms_site.stories,
        StoryPage(
            title="Khám tận nhà cho người cao tuổi",
            slug="kham-tan-nha",
            facility=facility,
            people="Y sĩ Nguyễn Thị Hạnh\nĐiều dưỡng Trần Văn Lộc",
            lead="Mỗi sáng thứ Bảy.",
            body=[{"type": "paragraph", "value": "<p>Câu chuyện.</p>"}],
        ),
    )

    html = client.get(page.url).content.decode()

    assert "Trạm Y tế phường Phổ Hòa" in html
    assert "<li>Y sĩ Nguyễn Thị Hạnh</li>" in html
    assert "<li>Điều dưỡng Trần Văn Lộc</li>" in html
    assert "Câu chuyện." in html
    assert json_ld(html)["about"]["name"] == "Trạm Y tế phường Phổ Hòa"


def test_guide_with_questions_is_an_faq_page(client, cms_site):
    page = add_page(
        cms_site.guides,
        GuidePage(
            title="Câu hỏi thường gặp",
            slug="cau-hoi",
            body=[
                {
                    "type": "question",
                    "value": {"question": "Có gửi ẩn danh được không?", "answer": "<p>Có.</p>"},
                },
                {
                    "type": "legal_basis",
                    "value": {"reference": "Luật Tố cáo, Điều 25", "text": "<p>Nặc danh.</p>"},
                },
            ],
        ),
    )

    parent_html = client.get(cms_site.guides.url).content.decode()
    html = client.get(page.url).content.decode()

    assert f'href="{page.url}"' in parent_html  # the guide root lists its sections
    assert "<summary>Có gửi ẩn danh được không?</summary>" in html
    assert "Luật Tố cáo, Điều 25" in html
    data = json_ld(html)
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Có."


@pytest.mark.parametrize("attr", ["news", "directives", "press", "stories"])
def test_index_pages_render_as_collections(client, cms_site, attr):
    response = client.get(getattr(cms_site, attr).url)
    assert response.status_code == 200
    assert json_ld(response.content.decode())["@type"] == "CollectionPage"


def test_json_ld_cannot_break_out_of_its_script(client, cms_site):
    page = news(cms_site.news, 3, title="</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["headline"] == "</script><script>alert(1)</script>"


def test_a_directive_without_an_issue_date_shows_no_date_not_its_import_date(cms_site):
    from search.documents import _page_date

    undated = directive(cms_site.directives, 901, issued_on=None)
    assert undated.first_published_at is not None  # the day it was imported here
    assert undated.get_listing_date() is None
    assert _page_date(undated) is None  # search and the API
    dated = directive(cms_site.directives, 902, issued_on=datetime.date(2025, 11, 3))
    assert dated.get_listing_date() == datetime.date(2025, 11, 3)
