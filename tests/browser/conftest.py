import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import ON_CI

if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # On SQLite the test database is in memory, and the live server's request threads share
    # the test's one connection. Chromium asks for a page and its scripts at once; two
    # threads on that connection can deadlock in the sqlite3 module (one holds the GIL
    # waiting for the connection's mutex, the other holds the mutex in a Python SQL function
    # waiting for the GIL: the browser tests hung this way). One request at a time, then:
    # Django answers `Connection: close` from a server without threads, so Chromium's
    # requests queue instead of waiting on each other. PostgreSQL keeps the threaded server
    # (a connection per thread, as in production).
    class OneRequestAtATime(WSGIServer):
        """Requests answered on the live server's own thread, which already uses the
        test's connection (`LiveServerThread.run`)."""

        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    LiveServerThread.server_class = OneRequestAtATime


@pytest.fixture(autouse=True)
def _sync_orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in this thread; the ORM calls made by
    the test itself are synchronous and safe. Only for these tests, never leaked. While
    that loop runs, Django gives the thread database connections of their own (its
    `connections` are thread-critical: an async context gets separate ones), which
    `browser` closes before the loop stops."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    """Headless Chromium from Debian's package (installed by .ci/run), driven by
    Playwright with `executable_path`: nothing is downloaded."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if ON_CI:
            pytest.fail(message + " (CI must provide it)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
            # The connections the test and its fixtures opened while Playwright's loop ran
            # (`_sync_orm_beside_playwright`): reachable only while it still runs, and closed
            # by nothing else. Left open, the pool's connection stays checked out and the
            # session's teardown cannot drop the test database ("being accessed by other
            # users", PostgreSQL).
            connections.close_all()


@pytest.fixture
def wagtail_tree(transactional_db):
    """What Wagtail's migrations make and the flush after a transactional test removes:
    the default locale, the page tree's root and the root collection. The admin's home shows
    the tree (with no root it fails: NoReverseMatch for `wagtailadmin_explore`), and the
    editors' roles are given permissions on the root collection, so a test that opens it
    must not depend on whether another transactional test ran before it."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def province(transactional_db):
    """A department, a district hospital (the fixture's value) and a commune station under
    it, and two categories: what the citizen's and the documents' browser tests file to."""
    from django.core.cache import cache

    from complaints.models import FacilityKind
    from tests.factories import CategoryFactory, FacilityFactory

    cache.clear()
    department = FacilityFactory(
        code="SYT-QNG", name="Sở Y tế tỉnh Quảng Ngãi", kind=FacilityKind.DEPARTMENT,
        area="Quảng Ngãi",
    )
    hospital = FacilityFactory(
        code="BVDK-DUC-PHO", name="Bệnh viện đa khoa khu vực Đức Phổ", area="Đức Phổ",
        parent=department,
    )
    FacilityFactory(code="TYT-PHO-CUONG", name="Trạm y tế xã Phổ Cường", area="Đức Phổ",
                    kind=FacilityKind.COMMUNE_STATION, parent=department)
    CategoryFactory(code="bhyt-vien-phi", name="Bảo hiểm y tế và viện phí")
    CategoryFactory(code="thai-do-phuc-vu", name="Thái độ phục vụ - y đức")
    yield hospital
    cache.clear()
