"""Under ASGI the request stays on the event loop through the portal's middleware: every
middleware of the chain runs in async mode (one sync-only middleware would turn all those
above it sync, and the request would cross sync→async→sync), and each keeps its
behaviour there."""

import pytest
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.test import AsyncClient
from django.utils.module_loading import import_string

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_middleware_of_the_chain_is_async_capable():
    sync_only = [
        path for path in settings.MIDDLEWARE
        if not getattr(import_string(path), "async_capable", False)
    ]
    assert sync_only == []


def test_the_asgi_chain_is_async_from_the_top_to_the_view():
    from asgiref.sync import iscoroutinefunction

    handler = ASGIHandler()  # loads the middleware in async mode
    node, instances = handler._middleware_chain, []
    while hasattr(node, "__wrapped__"):  # convert_exception_to_response's wrapper
        instance = node.__wrapped__
        instances.append(instance)
        node = getattr(instance, "get_response", None)  # a function middleware: the end
    # Each one async, none behind async_to_sync (which a sync-only one below would need).
    assert all(iscoroutinefunction(instance) for instance in instances)
    # The settings' middleware in order, none wrapped, down to simple-history's (a
    # function middleware, sync and async, whose inner chain the walk cannot follow).
    from django.conf import settings

    expected = [dotted.rsplit(".", 1)[1] for dotted in settings.MIDDLEWARE]
    names = [type(i).__name__ for i in instances]
    assert names[-1] == "function"
    assert names[:-1] == expected[: expected.index("HistoryRequestMiddleware")]


async def test_locale_no_store_and_query_guard_behave_the_same_under_asgi():
    client = AsyncClient()
    page = await client.get("/gui-phan-anh/")
    assert page.status_code == 200
    assert page["Content-Language"] == "vi" and "Cookie" in page["Vary"]

    english = await client.get("/gui-phan-anh/?lang=en")
    assert english["Content-Language"] == "en"

    api = await client.get("/api/v1/submissions/YT-2026-000001?pin=12345678")
    assert api.status_code == 404 and api["Cache-Control"] == "no-store, private"

    hostile = await client.get("/api/v1/submissions/YT-2026-000001?pin=%00")
    assert hostile.status_code == 400 and "errors" in hostile.json()


async def test_static_files_are_served_under_asgi():
    response = await AsyncClient().get("/static/complaints/public.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)  # WhiteNoise's file response


async def test_a_refused_query_string_gets_its_page_under_asgi():
    response = await AsyncClient().get("/tim-kiem/?q=%00")
    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Địa chỉ chứa ký tự không hợp lệ.</h1>" in html and "site-header" in html
