"""The uncached render of the public pages (cms/serving.py, cms/routing.py, cms/sites.py,
cms/privacy.py, cms/fragments.py): the queries it makes stay few and do not grow with
the number of pages; the lists kept as fragments follow publishing, unpublishing,
deleting and view restrictions; Wagtail's routing and privacy rules still hold."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from cms import fragments, privacy, tree
from cms.models import NewsCategory, NewsPage
from cms.sites import match_site
from portal.process_cache import shared_cache
from tests.cms.helpers import add_page, directive, news, publish

pytestmark = pytest.mark.django_db


def warm(client) -> None:
    """What a process reads once and keeps (Wagtail's site root paths, the home page's
    figures), then the tree moved on: the next render reads the tree's parts again and
    renders its fragments anew (cold)."""
    assert client.get("/?warm").status_code == 200
    tree.changed()


def render(client, path: str):
    """A render that the page cache does not answer (a query string it ignores)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{path}?render")
    assert response.status_code == 200, path
    return response, len(queries)


# --- query counts ----------------------------------------------------------------------


def test_home_page_queries_do_not_grow_with_the_pages(client, cms_site):
    for n in range(1, 4):
        news(cms_site.news, n)
        directive(cms_site.directives, n)
    warm(client)
    _, cold_few = render(client, "/")  # the lists are read and kept
    _, warm_few = render(client, "/")  # the lists come from their fragment
    for n in range(4, 16):
        news(cms_site.news, n)
        directive(cms_site.directives, n)
    _, cold_many = render(client, "/")
    _, warm_many = render(client, "/")

    # Warm: the page's row, nothing else (the sites, the page's id and type by path and
    # the view restrictions are kept in the process until the tree changes, the lists
    # in their fragment). Cold, after the tree changed: those three once, the page's
    # row, then the three lists (news, directives, good example).
    assert (warm_few, cold_few) == (1, 7)
    assert (warm_many, cold_many) == (1, 7)


def test_news_article_queries_do_not_grow_with_the_pages(client, cms_site):
    category = NewsCategory.objects.create(name="Tiêm chủng", slug="tiem-chung")
    article = news(cms_site.news, 1)
    article.categories = [category]
    article.tags.add("sởi", "vắc xin")
    publish(article)
    warm(client)
    _, cold_few = render(client, article.url)
    _, warm_few = render(client, article.url)
    for n in range(2, 14):
        news(cms_site.news, n)
    _, cold_many = render(client, article.url)
    _, warm_many = render(client, article.url)

    # Warm: the page's row (its meta tags and structured data, with the tags, come
    # from their fragment); cold: the sites, the page's id and type, the restrictions,
    # the tags, the breadcrumb and the categories as well.
    assert (warm_few, cold_few) == (1, 7)
    assert (warm_many, cold_many) == (1, 7)


# the tree's parts after a change (sites, the page's id and type, restrictions: 3), the
# page's row, the filters' choices (news: categories, tags, years;
# directives: one read of the facts, tags), the count, the page of teasers; the
# breadcrumb (kept) on the first render.
@pytest.mark.parametrize(("section", "expected"), [("news", 10), ("directives", 9)])
def test_section_index_queries_do_not_grow_with_the_pages(client, cms_site, section, expected):
    make = {"news": news, "directives": directive}[section]
    index = getattr(cms_site, section)
    for n in range(1, 4):
        make(index, n)
    warm(client)
    _, few = render(client, index.url)
    for n in range(4, 16):
        make(index, n)
    _, many = render(client, index.url)
    assert few == many == expected


# --- the fragments follow the tree -------------------------------------------------------


def test_a_published_page_appears_in_the_kept_home_lists(client, cms_site):
    news(cms_site.news, 1, title="Tin thứ nhất")
    assert "Tin thứ nhất" in render(client, "/")[0].content.decode()
    news(cms_site.news, 2, title="Tin thứ hai")
    assert "Tin thứ hai" in render(client, "/")[0].content.decode()


def test_an_unpublished_or_deleted_page_leaves_the_kept_home_lists(client, cms_site):
    gone = news(cms_site.news, 1, title="Tin sẽ gỡ")
    deleted = directive(cms_site.directives, 1, title="Văn bản sẽ xóa")
    html = render(client, "/")[0].content.decode()
    assert "Tin sẽ gỡ" in html and "Văn bản sẽ xóa" in html

    gone.unpublish()
    deleted.delete()
    html = render(client, "/")[0].content.decode()
    assert "Tin sẽ gỡ" not in html and "Văn bản sẽ xóa" not in html


def test_a_restricted_section_leaves_the_kept_lists(client, cms_site):
    secret = news(cms_site.news, 1, title="Tin nội bộ")
    assert "Tin nội bộ" in render(client, "/")[0].content.decode()

    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )
    assert "Tin nội bộ" not in render(client, "/")[0].content.decode()
    assert "Tin nội bộ" not in render(client, "/tin-tuc/")[0].content.decode()
    # The page itself still asks for its password, through Wagtail's own check.
    response = client.get(secret.url)
    assert "Tin nội bộ" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_the_password_form_of_a_private_page_lets_the_reader_in(client, cms_site):
    # Wagtail's `_util/` URLs come before the portal's page view, whose pattern matches
    # their paths too (the password posted to a 404).
    secret = news(cms_site.news, 2, title="Tin nội bộ")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )
    action = f"/_util/authenticate_with_password/{restriction.pk}/{secret.pk}/"
    assert f'action="{action}"' in client.get(secret.url).content.decode()

    wrong = client.post(action, {"password": "sai", "return_url": secret.url})
    assert wrong.status_code == 200 and 'name="password"' in wrong.content.decode()
    given = client.post(action, {"password": "bimat", "return_url": secret.url})
    assert given.status_code == 302 and given["Location"] == secret.url
    assert "Tin nội bộ" in client.get(secret.url).content.decode()


def test_a_renamed_category_is_shown_on_the_kept_article(client, cms_site):
    category = NewsCategory.objects.create(name="Tiêm chủng", slug="tiem-chung")
    article = news(cms_site.news, 1)
    article.categories = [category]
    publish(article)
    assert "Tiêm chủng" in render(client, article.url)[0].content.decode()
    category.name = "Tiêm chủng mở rộng"
    category.save()
    assert "Tiêm chủng mở rộng" in render(client, article.url)[0].content.decode()


def test_the_kept_meta_tags_follow_a_publish(client, cms_site):
    article = news(cms_site.news, 1, title="Tiêu đề cũ")
    article.tags.add("sởi")
    publish(article)
    html = render(client, article.url)[0].content.decode()
    assert '"keywords": "sởi"' in html and 'content="Tiêu đề cũ"' in html
    article.title = "Tiêu đề mới"
    article.tags.set(["vắc xin"])
    publish(article)
    html = render(client, article.url)[0].content.decode()
    assert '"keywords": "vắc xin"' in html and 'content="Tiêu đề mới"' in html


def test_the_kept_meta_tags_name_the_request_host(client, cms_site, settings):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "moi.example.vn"]
    article = news(cms_site.news, 1)
    article.image = get_image_model().objects.create(title="Ảnh", file=get_test_image_file())
    publish(article)
    first = render(client, article.url)[0].content.decode()
    other = client.get(f"{article.url}?render", HTTP_HOST="moi.example.vn").content.decode()
    assert 'property="og:image" content="http://testserver/' in first
    assert 'property="og:image" content="http://moi.example.vn/' in other


def test_a_preview_neither_reads_nor_keeps_fragments(cms_site):
    request = RequestFactory().get("/")
    request.is_preview = True
    first, second = fragments.template_context(request), fragments.template_context(request)
    assert first["fragment_seconds"] == 0
    assert first["fragment_generation"] != second["fragment_generation"]
    assert first["fragment_generation"] != tree.generation()


def test_the_generation_moves_on_when_a_page_is_published(cms_site):
    before = tree.generation()
    assert tree.generation() == before
    news(cms_site.news, 1)
    assert tree.generation() != before


# --- routing and privacy keep Wagtail's rules ---------------------------------------------


def test_routing_serves_live_pages_and_404s_the_rest(client, cms_site):
    live = news(cms_site.news, 1, title="Tin đã đăng")
    draft = add_page(cms_site.news, NewsPage(
        title="Bản nháp", slug="ban-nhap", lead="x"), live=False)
    assert client.get(live.url).status_code == 200
    assert client.get("/tin-tuc/ban-nhap/").status_code == 404
    assert client.get("/tin-tuc/khong-co/").status_code == 404
    assert client.get("/van-ban-chi-dao/tin-1/").status_code == 404  # right slug, wrong parent
    assert client.get(f"/tin-tuc/{live.slug}/khong-co/").status_code == 404
    assert draft.pk


def test_a_page_below_an_unpublished_section_is_still_served(client, cms_site):
    # Wagtail's walk asks only the last page to be live.
    article = news(cms_site.news, 1, title="Tin trong mục đã gỡ")
    cms_site.news.unpublish()
    assert client.get(article.url).status_code == 200


def test_restrictions_of_an_alias_are_left_to_wagtail(cms_site):
    source = news(cms_site.news, 1)
    PageViewRestriction.objects.create(
        page=source, restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )
    assert privacy.tree_privacy().alias_paths == ()  # read and kept before the alias
    alias = source.create_alias(parent=cms_site.directives, update_slug="ban-sao")
    request = RequestFactory().get("/")
    assert privacy.restriction_ids_for(alias, request) is None
    assert privacy.restriction_ids_for(source, request) == [
        PageViewRestriction.objects.get(page=source).pk
    ]


def test_a_page_moved_without_signals_is_looked_up_anew(client, cms_site):
    article = news(cms_site.news, 1, title="Tin sẽ đổi đường dẫn")
    render(client, article.url)  # its path is kept
    # Renamed in the database alone (no publish, no signal): the kept path is checked.
    Page.objects.filter(pk=article.pk).update(
        slug="duong-dan-moi", url_path=article.url_path.replace(article.slug, "duong-dan-moi")
    )
    assert client.get(f"{article.url}?render").status_code == 404
    render(client, "/tin-tuc/duong-dan-moi/")


def test_another_process_moving_the_tree_on_is_seen_at_the_next_request(client, cms_site):
    article = news(cms_site.news, 1)
    client.get(f"{article.url}?warm")
    _, warm_count = render(client, article.url)
    # What `tree.changed()` does in another process: only the shared generation moves.
    shared_cache().set(tree.GENERATION_KEY, "moved-by-another-process", None)
    _, cold_count = render(client, article.url)
    _, again = render(client, article.url)
    assert cold_count > warm_count == again


def test_a_site_saved_moves_the_tree_on(cms_site):
    before = tree.generation()
    Site.objects.get(is_default_site=True).save()
    assert tree.generation() != before


def test_the_root_paths_read_after_a_site_change_are_the_new_ones(cms_site):
    assert Site.get_site_root_paths()  # kept in Wagtail's cache
    site = Site.objects.get(is_default_site=True)
    Site.objects.filter(pk=site.pk).update(hostname="moi.example.vn")  # no signal yet
    # Only the tree's receiver has run (Wagtail's own comes after it): a process that
    # reads the parts now must not keep Wagtail's old list for the new generation.
    tree._site_changed(Site, instance=site)
    root_paths = tree.tree().part("site_root_paths", Site.get_site_root_paths)
    assert [root.root_url for root in root_paths] == ["http://moi.example.vn"]


@pytest.mark.parametrize(
    ("hostname", "port", "expected"),
    [
        ("a.vn", 80, "a80"),  # hostname and port
        ("a.vn", 8080, "a8080"),
        ("b.vn", 443, "default"),  # the default site's hostname, another port
        ("c.vn", 80, "c"),  # the only site with that hostname
        ("x.vn", 80, "default"),  # no such hostname: the default
    ],
)
def test_the_site_is_chosen_as_wagtail_chooses_it(hostname, port, expected):
    sites = [
        Site(hostname="a.vn", port=80, site_name="a80"),
        Site(hostname="a.vn", port=8080, site_name="a8080"),
        Site(hostname="b.vn", port=80, site_name="default", is_default_site=True),
        Site(hostname="c.vn", port=8000, site_name="c"),
    ]
    assert match_site(sites, hostname, port).site_name == expected


def test_no_site_without_a_default_or_a_single_match():
    sites = [Site(hostname="a.vn", port=80), Site(hostname="a.vn", port=8080)]
    assert match_site(sites, "a.vn", 443) is None
    assert match_site(sites, "x.vn", 80) is None


def test_a_new_site_is_seen_by_the_next_request(client, cms_site, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "moi.example.vn"]
    assert client.get("/", HTTP_HOST="moi.example.vn").status_code == 200  # the default
    Site.objects.filter(is_default_site=True).update(is_default_site=False)  # no signal
    other = Site.objects.create(hostname="moi.example.vn", port=80, root_page=cms_site.news)
    response = client.get("/?render", HTTP_HOST="moi.example.vn")
    assert response.context["page"].pk == other.root_page_id


def test_no_fragment_is_kept_with_fragment_seconds_zero(client, cms_site, settings):
    settings.PORTAL_FRAGMENT_SECONDS = 0
    news(cms_site.news, 1)
    warm(client)
    render(client, "/")  # the tree's parts, read once
    # The page's row and its three lists, every time.
    assert render(client, "/")[1] == render(client, "/")[1] == 4
