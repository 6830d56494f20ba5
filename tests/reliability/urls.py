"""Views that meet the faults a running portal meets (tests/reliability/test_overload.py)."""

from django.db import OperationalError
from django.urls import include, path


def locked(request):
    # What SQLite raises when its busy timeout runs out.
    raise OperationalError("database is locked")


def broken(request):
    raise ValueError("a bug, not a fault")


urlpatterns = [
    path("api/v1/locked", locked),
    path("locked", locked),
    path("broken", broken),
    path("", include("portal.urls")),
]
