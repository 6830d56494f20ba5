"""What a server process does once, before its first request, so the first citizen does not
wait for it.

Measured (docs/benchmarks.md, "Public intake", eighth round): a process's first submission
took 440–750 ms against 25–35 ms for the next ones. Of that, importing the URLconf and every
view it names took 190 ms, the `holidays` package's table of Vietnam's public holidays 230 ms
(`holidays.country_holidays` imports every country's module) and the cache's backend 190 ms
(importing redis). Under gunicorn's four workers × four threads those first requests were the
1 % slowest of a benchmark level. After those, Django's e-mail validator compiling its regular
expressions on first use took 60 ms.

Only imports and tables computed from code: nothing here reads the database or the cache,
which a process must not touch before it serves (a worker would fail to boot while
PostgreSQL restarts). The first submission still takes the pool's first connection and reads
the intake's reference data (`complaints.services.reference`): 65–77 ms on one gunicorn worker
with PostgreSQL, against 107–113 ms before the made-up submission and 20–50 ms for the next.

Last, `settle_memory()` moves what the process loaded out of the garbage collector's way."""

from __future__ import annotations

import gc

from django.utils import timezone


def warm_up() -> None:
    """Import the URLconf and its views, fill the URL resolver's reverse table, build the
    cache backends (no connection yet), compute this year's and next year's public
    holidays and check a made-up submission; then `settle_memory()`. Called by `portal.wsgi`
    and `portal.asgi` when a server process loads the application."""
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
    _check_a_submission()
    settle_memory()


def _check_a_submission() -> None:
    """Run the intake's checks on a made-up submission that names no facility or category
    (so nothing is read): Django's e-mail validator compiles its regular expressions on first
    use, 60 ms of a process's first submission."""
    from complaints.services.intake import ReporterData, SubmissionData, submission_check

    submission_check(
        SubmissionData(
            kind="phan_anh",
            title="Khởi động",
            content="Kiểm tra một hồ sơ mẫu khi tiến trình khởi động.",
            reporter=ReporterData(phone="0912345678", email="khoi-dong@example.vn"),
            consent=True,
        )
    )


# The young generation is collected every this many new container objects (Python's 700).
YOUNG_GENERATION_THRESHOLD = 50_000


def settle_memory() -> None:
    """Keep the garbage collector off what a server process holds for its life.

    Measured (docs/benchmarks.md, "Live updates at scale", sixth round): a WebSocket process
    holding 3,000 connections paused 400–950 ms in a full collection, about one every two
    rounds of the benchmark, and the messages it held waited for the pause. A full collection
    walked the 258,000 objects loaded at start-up (105 ms alone) and every connection's
    objects; with Python's threshold of 700 new objects, young collections ran in the middle
    of a change's fan-out and promoted what was still in flight, until a full one came.

    - `gc.freeze()` after one collection: what the process loaded is never walked again (it
      is kept for the process's life anyway).
    - The young generation every 50,000 new objects: a change's fan-out is done before its
      objects are looked at, so they die young instead of being promoted. The older
      generations keep Python's thresholds."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, *gc.get_threshold()[1:])
