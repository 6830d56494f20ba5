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

The overdue list is timed apart, in the same runs: from the start of its query (the report's
last, `LIMIT OVERDUE_LIST_LIMIT + 1`) to the report's return (`list s`: its query and its rows
made), and its query alone (`list SQL s`), with the rows it shows ("+" when capped at
`period.OVERDUE_LIST_LIMIT`). `all rows`: the cases the list's conditions select
(`flow.conditions` on `flow.cases_as_at_end`, one count outside the report's time; "-" on a
version before the list read them). `--queries` prints each query's median seconds, in the
report's order.
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


class Clock:
    """Each query's SQL, start and end (`connection.execute_wrapper`): psycopg has the rows
    when `execute` returns, so a query's time includes receiving them."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, float, float]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((sql, started, time.perf_counter()))


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


def timed_report(run, repeat: int, limit: int) -> dict:
    """Medians of `repeat` runs of the report `run` makes: the whole (`s`), the overdue list
    (`list`: from its query's start to the return), its query (`list_sql`), each query by
    position (`each`); the queries and the list's rows of the last run. The list's query is
    the last one whose SQL ends `LIMIT <limit + 1>` (the list reads one row past its cap)."""
    from django.db import connection

    whole, listed, list_sql, each = [], [], [], []
    for _ in range(repeat):
        clock = Clock()
        with connection.execute_wrapper(clock):
            started = time.perf_counter()
            report = run()
            finished = time.perf_counter()
        marker = f"LIMIT {limit + 1}"
        _sql, list_started, list_finished = [
            query for query in clock.queries if query[0].rstrip().endswith(marker)
        ][-1]
        whole.append(finished - started)
        listed.append(finished - list_started)
        list_sql.append(list_finished - list_started)
        each.append([end - start for _sql, start, end in clock.queries])
    return {
        "s": statistics.median(whole),
        "list": statistics.median(listed),
        "list_sql": statistics.median(list_sql),
        "each": [statistics.median(times) for times in zip(*each, strict=True)],
        "queries": len(clock.queries),
        "rows": len(report.overdue),
        "capped": report.overdue_truncated,
    }


def count_listed(user, start: datetime.date, end: datetime.date) -> str:
    """The cases the overdue list's conditions select, uncapped: what the table counts on its
    lines "quá hạn tại cuối kỳ" and "trễ hạn"; "-" on a version without them."""
    from complaints.models import Case
    from complaints.reports.as_at_end import event_cases
    from portal.local_days import local_bounds

    try:
        from complaints.reports.flow import cases_as_at_end, conditions
    except ImportError:
        return "-"
    since, until = local_bounds(start, end)
    events = event_cases(until)
    figures = conditions(since=since, until=until, end=end, events=events)
    scope = Case.objects.in_scope_of(user).order_by()
    return str(
        cases_as_at_end(scope, since=since, until=until, end=end, events=events)
        .filter(figures["pending_overdue"] | figures["resolved_late"])
        .count()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", action="store_true", help="each query's median seconds")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from complaints.models import Case
    from complaints.reports import period
    from portal.local_days import local_bounds

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
    print(
        f"{'period':<18}{'report s':>10}{'queries':>9}{'ceiling s':>11}{'ratio':>8}"
        f"{'list s':>9}{'list SQL s':>12}{'rows':>7}{'all rows':>10}"
    )
    for label, start, end in periods:
        _since, until = local_bounds(start, end)

        def run(start=start, end=end):
            return period.period_report(user=user, start=start, end=end)

        report = timed_report(run, args.repeat, period.OVERDUE_LIST_LIMIT)
        ceiling, _ = timed(
            lambda until=until: list(
                Case.objects.in_scope_of(user).order_by().filter(received_at__lt=until)
                .values("kind", "second_time").annotate(n=Count("pk"))
            ),
            args.repeat,
        )
        all_rows = count_listed(user, start, end)
        rows = f"{report['rows']}{'+' if report['capped'] else ''}"
        print(
            f"{label:<18}{report['s']:>10.3f}{report['queries']:>9}{ceiling:>11.3f}"
            f"{ceiling / report['s']:>8.2f}{report['list']:>9.3f}{report['list_sql']:>12.3f}"
            f"{rows:>7}{all_rows:>10}"
        )
        if args.queries:
            print(f"{'':<18}queries s: " + " ".join(f"{s:.3f}" for s in report["each"]))


if __name__ == "__main__":
    main()
