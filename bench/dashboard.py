"""Benchmark of the staff dashboard counters at 1,000 → 100,000 cases.

For each size it times, over the same data in one run (the machine is shared: compare ratios):

- ceiling: a bare count of the cases by state and kind (`GROUP BY status, kind`), the least a
  one-pass aggregate of the counters can cost;
- before: the counters as they were computed before (five `pk IN (subquery)` filters);
- cold: today's one pass of conditional counts (`_count`), what one change costs per scope;
- warm: `dashboard_counters` with the scope's counters in the cache (the user's own open cases
  only), what every other open dashboard of that scope costs;
- the steering figures of `/admin/ho-so/bang-dieu-hanh/` (`steering_figures`).

    .venv/bin/python bench/dashboard.py                      # SQLite in a temporary folder
    .venv/bin/python bench/dashboard.py --postgres postgres://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/dashboard.py --sizes 1000,10000 --repeat 10

With `--postgres SERVER_URL` it runs on a new, temporary database created on that (loopback)
PostgreSQL server and dropped at the end. Cases are inserted in bulk (no history: the counters
do not read it)."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup(args) -> str | None:
    os.environ["PORTAL_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-dashboard-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    temp_db = None
    if args.postgres:
        parts = urlsplit(args.postgres)
        assert parts.hostname in {"127.0.0.1", "localhost", "::1"}, "loopback only"
        import psycopg

        temp_db = f"bench_dashboard_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.postgres, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{temp_db}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{temp_db}"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import io

    from complaints import demo

    demo.load(stdout=io.StringIO())
    return temp_db


def grow(to: int, rng: random.Random) -> None:
    """Insert cases until there are `to`: statuses, kinds, units and deadlines spread."""
    import datetime

    from django.utils import timezone

    from complaints.kinds import CaseKind, CaseStatus, Channel
    from complaints.models import Case, Category, Facility

    have = Case.objects.count()
    units = list(Facility.objects.values_list("pk", flat=True))
    categories = list(Category.objects.values_list("pk", flat=True))
    statuses = [s for s in CaseStatus.values]
    weights = [3 if s in ("closed", "concluded") else 1 for s in statuses]
    kinds = [k for k in CaseKind.values if k != "to_cao"]
    today = timezone.localdate()
    now = timezone.now()
    batch = []
    for n in range(have, to):
        received = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 400))
        status = rng.choices(statuses, weights)[0]
        batch.append(
            Case(
                tracking_code=f"BD-{n:07d}",
                pin_hash="x",
                kind=rng.choice(kinds),
                channel=rng.choice(Channel.values),
                status=status,
                title=f"Hồ sơ thử {n}",
                content="Nội dung thử.",
                facility_id=rng.choice(units),
                category_id=rng.choice(categories),
                assigned_unit_id=rng.choice(units),
                accept_by=today + datetime.timedelta(days=rng.randint(-20, 20)),
                resolve_by=today + datetime.timedelta(days=rng.randint(-30, 40)),
                received_at=received,
                concluded_at=received + datetime.timedelta(days=rng.randint(1, 60))
                if status in ("concluded", "closed")
                else None,
                rating=rng.choice([None, None, 3, 4, 5]) if status == "closed" else None,
            )
        )
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    if batch:
        Case.objects.bulk_create(batch)


def before_counters(user, today):
    """The counters as computed before (kept here only to compare)."""
    from django.db.models import Count, Q

    from complaints.models import Case
    from complaints.selectors.dashboard import due_soon_horizon

    horizon = due_soon_horizon(today=today)
    open_cases = Case.objects.all().open()

    def sub(qs):
        return Q(pk__in=qs.values("pk"))

    return (
        Case.objects.in_scope_of(user)
        .order_by()
        .aggregate(
            total=Count("pk"),
            open=Count("pk", filter=sub(open_cases)),
            overdue=Count("pk", filter=sub(open_cases.overdue(at=today))),
            due_soon=Count(
                "pk", filter=sub(open_cases.due_within(days=(horizon - today).days, at=today))
            ),
            unassigned=Count("pk", filter=sub(open_cases.unassigned())),
            mine=Count("pk", filter=sub(open_cases.filter(assigned_user_id=user.pk))),
        )
    )


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm the connection and the plans
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a loopback PostgreSQL server URL")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    temp_db = setup(args)
    try:
        from django.contrib.auth import get_user_model
        from django.core.cache import cache
        from django.db import connection
        from django.db.models import Count
        from django.utils import timezone

        from complaints.models import Case
        from complaints.reports.figures import _steering_figures
        from complaints.selectors.dashboard import _count, dashboard_counters

        user = get_user_model().objects.create_superuser("bench", "bench@example.vn", "x")
        today = timezone.localdate()
        rng = random.Random(7)
        backend = connection.vendor
        print(
            f"| {backend} cases | ceiling ms | before ms | cold ms | warm ms "
            "| steering ms | cold / ceiling | before / cold |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in [int(s) for s in args.sizes.split(",")]:
            grow(size, rng)
            if backend == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE complaints_case")
            cases = Case.objects.all()
            p50 = lambda xs: statistics.median(xs)  # noqa: E731
            ceiling = p50(
                timed(
                    lambda: list(
                        Case.objects.order_by().values("status", "kind").annotate(n=Count("pk"))
                    ),
                    args.repeat,
                )
            )
            before = p50(timed(lambda: before_counters(user, today), args.repeat))
            cold = p50(timed(lambda c=cases: _count(c, today=today), args.repeat))
            cache.clear()
            dashboard_counters(user=user, today=today)
            warm = p50(timed(lambda: dashboard_counters(user=user, today=today), args.repeat))
            cache.clear()
            steering = p50(timed(lambda: _steering_figures(user=user, today=today), args.repeat))
            print(
                f"| {size:,} | {ceiling:.1f} | {before:.1f} | {cold:.1f} | {warm:.2f} "
                f"| {steering:.1f} | {cold / ceiling:.1f} | {before / cold:.1f} |"
            )
    finally:
        if temp_db:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(args.postgres, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{temp_db}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
