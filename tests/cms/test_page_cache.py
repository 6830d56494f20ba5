"""The public pages' cache (cms/page_cache.py): what it answers, what it never stores,
what purges it; no CSRF cookie or `Vary: Cookie` on pages without forms; ETag and
Last-Modified with 304; the home page's figures cached."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.utils.http import http_date
from wagtail import hooks
from wagtail.models import PageViewRestriction

from cms.page_cache import cache_key
from tests.cms.helpers import news, publish
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def cached(path: str, language: str = "vi"):
    return caches["pages"].get(cache_key(path, language))


def test_a_page_is_served_from_the_cache_without_a_query(
    client, cms_site, django_assert_num_queries
):
    page = news(cms_site.news, 1, title="Tin tiêm chủng mở rộng")
    first = client.get(page.url)
    assert first.status_code == 200 and cached(page.url) is not None

    with django_assert_num_queries(0):
        second = client.get(page.url)

    assert second.status_code == 200
    assert second.content == first.content
    assert "Tin tiêm chủng mở rộng" in second.content.decode()
    assert second["ETag"] == first["ETag"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_languages_are_cached_apart(client, cms_site):
    client.get("/tin-tuc/")
    client.cookies["django_language"] = "en"
    english = client.get("/tin-tuc/")
    assert english["Content-Language"] == "en"
    assert cached("/tin-tuc/", "vi")["etag"] != cached("/tin-tuc/", "en")["etag"]


def test_pages_without_forms_set_no_cookie_and_no_vary_cookie(client, cms_site):
    for path in ("/", "/tin-tuc/", "/huong-dan/", "/tin-tuc/?year=2026"):
        for _ in range(2):  # rendered, then from the cache
            response = client.get(path)
            assert response.status_code == 200
            assert not response.cookies, path
            assert "cookie" not in response.get("Vary", "").lower(), path
            assert "csrfmiddlewaretoken" not in response.content.decode()
            assert response["ETag"] and response["Last-Modified"]


def test_the_language_switch_posts_without_a_csrf_token(cms_site):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/tin-tuc/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    assert client.get("/tin-tuc/")["Content-Language"] == "en"


def test_a_form_page_still_sets_its_csrf_cookie_and_is_never_stored(client, db):
    response = client.get("/gui-phan-anh/")
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert "cookie" in response["Vary"].lower()


def test_etag_and_last_modified_answer_304(client, cms_site):
    page = news(cms_site.news, 2)
    first = client.get(page.url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    assert first["Cache-Control"] == "private, no-cache"

    assert client.get(page.url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(page.url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(page.url, headers={"If-None-Match": '"other"'}).status_code == 200
    old = http_date(0)
    assert client.get(page.url, headers={"If-Modified-Since": old}).status_code == 200


# ---- never stored -----------------------------------------------------------------------


def test_never_for_a_signed_in_user(client, cms_site):
    from cms.models import NewsPage

    page = news(cms_site.news, 3, title="Tin gốc")
    client.get(page.url)  # stored for anonymous visitors
    NewsPage.objects.filter(pk=page.pk).update(title="Tin sửa thẳng")  # no purge
    assert "Tin gốc" in client.get(page.url).content.decode()

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(page.url)
    assert "Tin sửa thẳng" in response.content.decode()  # never the anonymous copy
    assert "no-store" in response["Cache-Control"]
    caches["pages"].delete(cache_key(page.url, "vi"))
    client.get(page.url)
    assert cached(page.url) is None  # and a signed-in page is never stored


def test_never_a_preview(client, cms_site):
    page = news(cms_site.news, 4, title="Tin đã đăng")
    client.get(page.url)
    assert cached(page.url) is not None

    page.title = "Bản nháp đang sửa"
    response = page.make_preview_request()  # no original request: no cookies at all
    assert "Bản nháp đang sửa" in response.content.decode()
    assert "Tin đã đăng" in cached(page.url)["content"].decode()


def test_never_a_private_page(client, cms_site):
    page = news(cms_site.news, 5)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )
    response = client.get(page.url)
    assert response.status_code == 200  # the password form
    assert cached(page.url) is None


def test_never_a_page_with_a_csrf_token(client, cms_site):
    page = news(cms_site.news, 6)

    def uses_a_token(page, request, args, kwargs):
        get_token(request)  # what `{% csrf_token %}` in a page's form does

    with hooks.register_temporarily("before_serve_page", uses_a_token):
        response = client.get(page.url)
    assert response.status_code == 200 and "csrftoken" in response.cookies
    assert cached(page.url) is None


def test_never_the_tracking_page(client, cms_site):
    case = CaseFactory()
    for path in ("/tra-cuu/", case.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "csrftoken" in response.cookies  # its PIN form
        assert cached(path) is None, path


# ---- purged -----------------------------------------------------------------------------


def test_publishing_purges_the_page_its_index_and_the_home_page(client, cms_site):
    page = news(cms_site.news, 7, title="Tiêu đề cũ")
    for path in (page.url, "/tin-tuc/", "/"):
        client.get(path)
        assert cached(path) is not None

    page.title = "Tiêu đề mới"
    publish(page)

    for path in (page.url, "/tin-tuc/", "/"):
        assert cached(path) is None, path
        assert "Tiêu đề mới" in client.get(path).content.decode(), path


def test_a_new_page_appears_in_its_index_and_on_the_home_page(client, cms_site):
    client.get("/tin-tuc/")
    client.get("/")
    news(cms_site.news, 8, title="Tin vừa đăng")
    assert "Tin vừa đăng" in client.get("/tin-tuc/").content.decode()
    assert "Tin vừa đăng" in client.get("/").content.decode()


def test_unpublishing_purges_the_page_and_its_listings(client, cms_site):
    page = news(cms_site.news, 9, title="Tin sẽ gỡ")
    for path in (page.url, "/tin-tuc/", "/"):
        client.get(path)
    page.unpublish()
    assert client.get(page.url).status_code == 404
    assert "Tin sẽ gỡ" not in client.get("/tin-tuc/").content.decode()
    assert "Tin sẽ gỡ" not in client.get("/").content.decode()


def test_deleting_purges_the_page_and_its_listings(client, cms_site):
    page = news(cms_site.news, 10, title="Tin sẽ xóa")
    url = page.url
    for path in (url, "/tin-tuc/", "/"):
        client.get(path)
    page.delete()
    assert client.get(url).status_code == 404
    assert "Tin sẽ xóa" not in client.get("/tin-tuc/").content.decode()
    assert "Tin sẽ xóa" not in client.get("/").content.decode()


def test_moving_purges_the_old_url_and_both_indexes(client, cms_site):
    from cms.models import NewsIndexPage
    from tests.cms.helpers import add_page

    other = add_page(cms_site.home, NewsIndexPage(title="Tin khác", slug="tin-khac"))
    page = news(cms_site.news, 11, title="Tin sẽ chuyển")
    old_url = page.url
    for path in (old_url, "/tin-tuc/", "/tin-khac/"):
        client.get(path)
        assert cached(path) is not None

    page.move(other, pos="last-child")
    page.refresh_from_db()

    assert page.url == "/tin-khac/tin-11/"
    assert client.get(old_url).status_code in (301, 404)  # Wagtail may add a redirect
    assert "Tin sẽ chuyển" not in client.get("/tin-tuc/").content.decode()
    assert "Tin sẽ chuyển" in client.get("/tin-khac/").content.decode()


# ---- the home page's figures ------------------------------------------------------------


def test_the_public_figures_are_cached(cms_site, django_assert_num_queries, settings):
    from complaints.selectors.public_figures import cached_public_figures

    settings.PORTAL_PUBLIC_FIGURES_SECONDS = 300
    CaseFactory()
    first = cached_public_figures(days=30)
    assert first.received == 1
    CaseFactory()
    with django_assert_num_queries(0):
        again = cached_public_figures(days=30)
    assert again == first  # minutes old by design, until the cache forgets them


def test_a_home_page_render_does_not_aggregate_the_cases_again(client, cms_site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")
    caches["pages"].delete(cache_key("/", "vi"))  # rendered again, the figures from their cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [q for q in queries.captured_queries if "complaints_case" in q["sql"]]


def test_the_on_time_figure_counts_over_the_cases_with_a_deadline(client, cms_site):
    """The rate and its bracket have one denominator: a case resolved with no deadline to
    keep (a press case) is in neither, as the reader works the rate out from the bracket."""
    from django.utils import timezone

    today = timezone.localdate()
    for resolve_by in (today, today, None):
        CaseFactory(status="concluded", concluded_at=timezone.now(), resolve_by=resolve_by)
    page = client.get("/").content.decode()
    assert "100,0%" in page and "giải quyết đúng hạn (2/2 hồ sơ có thời hạn)" in page


def test_figures_cached_by_the_previous_release_are_not_read(client, cms_site):
    """A copy of the figures without the field this release added, left in the shared
    cache by the release before, under the key it used: the page computes them anew."""
    from django.core.cache import cache
    from django.utils import timezone

    from complaints.selectors.public_figures import PublicFigures, public_figures

    old = object.__new__(PublicFigures)
    old.__dict__.update(vars(public_figures(days=30)), received=7)
    del old.__dict__["resolved_with_deadline"]
    cache.set(f"public-figures:30:{timezone.localdate().isoformat()}", old, 300)
    CaseFactory(status="concluded", concluded_at=timezone.now(),
                resolve_by=timezone.localdate())
    page = client.get("/").content.decode()
    assert "(1/1 hồ sơ có thời hạn)" in page and "<strong>7</strong>" not in page
