"""Views that meet the faults a running portal meets (tests/reliability/test_overload.py)."""

from django.db import OperationalError
from django.urls import include, path


def locked(request):
    # What SQLite raises when its busy timeout runs out.
    raise OperationalError("database is locked")


def search_down(request):
    # What the Elasticsearch client raises when nothing answers at ELASTICSEARCH_URL.
    from elastic_transport import ConnectionError as SearchConnectionError

    raise SearchConnectionError("Connection refused")


def broken(request):
    raise ValueError("a bug, not a fault")


urlpatterns = [
    path("api/v1/locked", locked),
    path("locked", locked),
    path("broken", broken),
    path("api/v1/search-down", search_down),
    path("", include("portal.urls")),
]
