"""Published pages reach the index after commit; drafts and unpublished pages do not."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from cms.models import NewsPage
from search.backends import get_backend
from tests.cms.helpers import add_page, build_site, news

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs the on-commit callbacks (where indexing happens) of what the block does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def site(committed):
    with committed():
        return build_site()


def found(query: str) -> list[str]:
    return [hit.title for hit in get_backend().search(query).hits]


def test_published_news_is_found_with_and_without_diacritics(site, committed):
    with committed():
        news(site.news, 1, title="Bệnh viện tỉnh tiếp nhận máy chụp cộng hưởng từ")
    assert found("cộng hưởng từ") == ["Bệnh viện tỉnh tiếp nhận máy chụp cộng hưởng từ"]
    assert found("cong huong tu") == ["Bệnh viện tỉnh tiếp nhận máy chụp cộng hưởng từ"]
    hit = get_backend().search("cong huong tu").hits[0]
    assert hit.type == "news"
    assert hit.url.endswith("/tin-tuc/tin-1/")


def test_a_draft_is_never_indexed(site, committed):
    with committed():
        add_page(
            site.news,
            NewsPage(title="Bản nháp tiêm chủng", slug="nhap", lead="Chưa duyệt"),
            live=False,
        )
    assert found("tiem chung") == []


def test_unpublishing_removes_the_page(site, committed):
    with committed():
        page = news(site.news, 2, title="Cảnh báo ngộ độc thực phẩm")
    assert found("ngo doc") == ["Cảnh báo ngộ độc thực phẩm"]
    with committed():
        page.unpublish()
    assert found("ngo doc") == []


def test_rebuild_leaves_out_restricted_pages_and_check_agrees(site, committed):
    with committed():
        page = news(site.news, 3, title="Tin nội bộ về sốt xuất huyết")
        news(site.news, 4, title="Tin công khai về sốt xuất huyết")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    call_command("search_index", "--rebuild", stdout=io.StringIO())
    assert found("sot xuat huyet") == ["Tin công khai về sốt xuất huyết"]
    out = io.StringIO()
    call_command("search_index", "--check", stdout=out)
    assert "thiếu 0, thừa 0, lệch nội dung 0" in out.getvalue()


def test_only_content_is_indexed_not_wagtail_tree_fields(site, committed):
    with committed():
        page = news(site.news, 5, title="Tiêm chủng mở rộng")
    document = get_backend().search("tiem chung").hits[0]
    assert document.title == "Tiêm chủng mở rộng"
    # The tree path (e.g. 0001000200010001) is not content: it must not match.
    assert get_backend().search(page.path).count == 0
