"""What a server process does once, before its first request, so the first citizen does not
wait for it.

Measured (docs/benchmarks.md, "Public intake", eighth round): a process's first submission
took 440–750 ms against 25–35 ms for the next ones. Of that, importing the URLconf and every
view it names took 190 ms, the `holidays` package's table of Vietnam's public holidays 230 ms
(`holidays.country_holidays` imports every country's module) and the cache's backend 190 ms
(importing redis). Under gunicorn's four workers × four threads those first requests were the
1 % slowest of a benchmark level.

Only imports and tables computed from code: nothing here reads the database or the cache,
which a process must not touch before it serves (a worker would fail to boot while
PostgreSQL restarts). The reference data of the intake (`complaints.services.reference`)
is still read by the first submission (about 100 ms)."""

from __future__ import annotations

from django.utils import timezone


def warm_up() -> None:
    """Import the URLconf and its views, fill the URL resolver's reverse table, build the
    cache backends (no connection yet) and compute this year's and next year's public
    holidays. Called by `portal.wsgi` and `portal.asgi` when a server process loads the
    application."""
    from django.conf import settings
    from django.core.cache import caches
    from django.urls import get_resolver

    from complaints.calendar import vietnam_public_holidays

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 (imports the URLconf and every view it names)
    resolver.reverse_dict  # noqa: B018 (populates what the first `reverse()` would build)
    for alias in settings.CACHES:  # builds the backends (imports redis: 190 ms); no connection
        caches[alias]  # noqa: B018
    year = timezone.localdate().year
    for each in (year, year + 1):  # a deadline counted in December reaches into January
        vietnam_public_holidays(each)
