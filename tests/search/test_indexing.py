"""Published pages reach the index after commit; drafts and unpublished pages do not."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

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


def test_guide_pages_are_indexed(site, committed):
    from cms.models import GuidePage

    with committed():
        add_page(
            site.guides, GuidePage(title="Cách gửi khiếu nại", slug="khieu-nai", intro="Các bước")
        )
    hits = get_backend().search("cach gui khieu nai").hits
    assert [(h.title, h.type) for h in hits] == [("Cách gửi khiếu nại", "guide")]


def test_directive_fields_are_filters_and_the_file_name_is_not_indexed(site, committed):
    from tests.cms.helpers import directive

    with committed():
        page = directive(site.directives, 77, title="Công văn về tiêm chủng", signer="Lê Văn C")
        page.source_file = "cong-van-bi-mat-xyzzy.txt"
        page.save()
        page.save_revision().publish()
    assert get_backend().search("tiem chung", filters={"signer": "Lê Văn C"}).count == 1
    assert get_backend().search("tiem chung", filters={"number": "77/SYT-VP"}).count == 1
    assert get_backend().search("tiem chung", filters={"signer": "Người khác"}).count == 0
    assert get_backend().search("xyzzy").count == 0


def test_a_view_restriction_and_a_move_update_the_index(site, committed):
    with committed():
        page = news(site.news, 6, title="Thông báo tuyển dụng bác sĩ")
    with committed():
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert found("tuyen dung") == []
    with committed():
        restriction.delete()
    assert found("tuyen dung") == ["Thông báo tuyển dụng bác sĩ"]
    with committed():  # a section's new slug moves the URL of every page below it
        site.news.slug = "tin-moi"
        site.news.save_revision().publish()
    assert get_backend().search("tuyen dung").hits[0].url.endswith("/tin-moi/tin-6/")
    with committed():
        from cms.models import NewsIndexPage

        archive = add_page(site.home, NewsIndexPage(title="Tin cũ", slug="tin-cu"))
        Page.objects.get(pk=page.pk).move(archive, pos="last-child")
    assert get_backend().search("tuyen dung").hits[0].url.endswith("/tin-cu/tin-6/")


def test_deleting_a_page_removes_it(site, committed):
    with committed():
        page = news(site.news, 7, title="Tin sẽ bị xóa")
    with committed():
        page.delete()
    assert found("se bi xoa") == []


def test_search_engine_down_never_breaks_an_editor_or_the_public_search(
    site, committed, settings, client
):
    from search import backends
    from tests.search.servers import free_port

    with committed():
        page = news(site.news, 8, title="Tin về sởi")
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    backends.get_backend.cache_clear()
    try:
        with committed():
            page.unpublish()  # the index task fails and is retried; the editor is not told
        response = client.get("/tim-kiem/", {"q": "soi"})
        assert response.status_code == 503 and response["Retry-After"]
        assert "tạm thời gián đoạn" in response.content.decode()
        api = client.get("/api/v1/search", {"q": "soi"})
        assert api.status_code == 503 and "detail" in api.json() and api["Retry-After"]
    finally:
        backends.get_backend.cache_clear()
