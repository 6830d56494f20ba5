import pytest

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import ON_CI


@pytest.fixture(autouse=True)
def _sync_orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in this thread; the ORM calls made by
    the test itself are synchronous and safe. Only for these tests, never leaked."""
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
        yield chromium
        chromium.close()
