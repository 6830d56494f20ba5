"""Many readers of counters nobody has cached: one count for all (`portal.single_flight`)
against every reader counting, in the same run.

After a case change, a new day or a restart, every open dashboard of a scope misses the
cached counters at once. `--readers` threads (default 20) ask for the province's counters
together, the cache forgotten before each try: once through `counters_of_scope` as it is
(one reader counts, the others wait for its result), once with every reader counting as
before. Prints the wall time until every reader has its counters and how many counts ran,
each the median of `--repeat` tries (default 5), alternating.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench100k \\
    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python bench/herd.py

It reads the database and writes only to the cache (the Redis database it is given)."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.db import connections
    from django.utils import timezone

    from complaints.models import Case
    from complaints.selectors import dashboard

    today = timezone.localdate()
    counts = []
    real_count = dashboard._count

    def counting(cases, *, today):
        counts.append(1)
        return real_count(cases, today=today)

    def every_reader_counts(key, cases, *, today):  # the code before portal.single_flight
        from django.core.cache import cache

        cache_key = f"dashboard:counters:{dashboard.counters_generation()}:{key}:{today}"
        counters = cache.get(cache_key)
        if counters is None:
            counters = dashboard._count(cases(), today=today)
            cache.set(cache_key, counters, timeout=dashboard.CACHE_SECONDS)
        return counters

    def herd(read) -> tuple[float, int]:
        dashboard.forget_counters()
        counts.clear()
        start = threading.Barrier(args.readers + 1)

        def reader():
            start.wait()
            try:
                read(dashboard.ALL_SCOPE, Case.objects.all, today=today)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=reader) for _ in range(args.readers)]
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        return time.perf_counter() - began, len(counts)

    dashboard._count = counting
    herd(dashboard.counters_of_scope)  # warm: the planner's statistics, the process's imports
    results: dict[str, list[tuple[float, int]]] = {"one count": [], "every reader": []}
    for _ in range(args.repeat):
        results["one count"].append(herd(dashboard.counters_of_scope))
        results["every reader"].append(herd(every_reader_counts))
    cases = Case.objects.count()
    print(f"{cases:,} cases, {args.readers} readers at once, median of {args.repeat}")
    print(f"{'':<14}{'seconds':>9}{'counts':>8}")
    for name, runs in results.items():
        seconds = statistics.median(s for s, _n in runs)
        print(f"{name:<14}{seconds:>9.2f}{statistics.median(n for _s, n in runs):>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
