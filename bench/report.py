"""The periodic report at a province's scale: `period_report` (what the page, CSV, XLSX and
PDF are made from) on a database already filled (`bench/generate.py`, 100,000 cases), beside
a ceiling measured in the same run. Reads only.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench100k \\
        DJANGO_SETTINGS_MODULE=portal.settings.dev .venv/bin/python bench/report.py

For a month, a year and the year before (the periods an inspectorate files), the median of
`--repeat` runs of the whole report (its queries counted) and of the ceiling: one grouped
count of the same cases (received before the period's end) by kind and round, the table's
grouping without the figures as at the end (`complaints/reports/as_at_end.py`). The report
reads as the first superuser (created if there is none: the database must be a benchmark's).
On a database straight from `bench/generate.py`, run `bench/report_history.py` first: it dates
the deadline rows as the portal stores them and adds the events the report reads.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(run, repeat: int) -> tuple[float, int]:
    """(median seconds, queries of the last run) of `repeat` runs of `run`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            run()
            seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from complaints.models import Case
    from complaints.reports.period import period_report
    from complaints.reports.periods import local_bounds

    users = get_user_model().objects
    user = users.filter(is_superuser=True).first() or users.create_superuser(
        "bench-report", "bench-report@example.vn", None
    )
    print(f"{Case.objects.count()} cases")
    this_year = datetime.date.today().year
    periods = [
        ("a month", datetime.date(this_year, 11, 1), datetime.date(this_year, 11, 30)),
        ("a year", datetime.date(this_year, 1, 1), datetime.date(this_year, 12, 31)),
        ("the year before", datetime.date(this_year - 1, 1, 1),
         datetime.date(this_year - 1, 12, 31)),
    ]  # fmt: skip
    print(f"{'period':<18}{'report s':>10}{'queries':>9}{'ceiling s':>11}{'ratio':>8}")
    for label, start, end in periods:
        _since, until = local_bounds(start, end)
        report, queries = timed(
            lambda start=start, end=end: period_report(user=user, start=start, end=end),
            args.repeat,
        )
        ceiling, _ = timed(
            lambda until=until: list(
                Case.objects.in_scope_of(user).order_by().filter(received_at__lt=until)
                .values("kind", "second_time").annotate(n=Count("pk"))
            ),
            args.repeat,
        )
        print(f"{label:<18}{report:>10.3f}{queries:>9}{ceiling:>11.3f}{ceiling / report:>8.2f}")


if __name__ == "__main__":
    main()
