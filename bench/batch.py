"""Batch work at a province's scale: `send_deadline_reminders` and the full CSV export of
the case workspace, on a database already filled (`bench/generate.py`, 100,000 cases),
each beside a ceiling measured in the same run.

    createdb -T portal_bench100k portal_h4_100k        # a clone: this script writes to it
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_h4_100k \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_h4_100k \\
        .venv/bin/python bench/batch.py

What it measures (seconds, queries, peak memory growth of the process):
- export: `CaseExportView` for a province-wide user (every case in scope, no filter),
  its streamed body read to the end; ceiling: one server-side cursor `SELECT` of the
  same columns (joins included) written through the same `csv.writer`, no labels;
- reminders: `send_deadline_reminders` as cron runs it, once with the reminders owed
  (the script first deletes the DeadlineReminder rows of the clone and gives every
  unit without one an e-mail address, so there is work), then again with nothing
  left to send, then with 2,000 owed (a day's work); ceiling: the one `SELECT` of the
  open cases' deadline columns the selection needs. The reminders and the queued tasks it wrote
  are deleted afterwards (the clone stays reusable).
Never point it at a shared database: it refuses a database whose name does not end in
`_100k` or `_bench` unless `--i-own-this-database` is given.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(label: str, run) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    before = peak_rss_mb()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        detail = run()
    seconds = time.perf_counter() - started
    result = {"what": label, "seconds": seconds, "queries": len(queries),
              "peak_rss_growth_mb": peak_rss_mb() - before, "detail": detail}
    print(f"{label:<44}{seconds:>9.2f} s{len(queries):>8} queries"
          f"{result['peak_rss_growth_mb']:>9.1f} MB  {detail}", flush=True)
    return result


def province_user():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username="bench-batch", defaults={"is_superuser": True, "is_staff": True,
                                          "email": "bench-batch@example.vn"}
    )
    return user


def export_run():
    from django.test import RequestFactory

    from complaints.admin.views import CaseExportView

    request = RequestFactory().get("/admin/ho-so/xuat-csv/")
    request.user = province_user()
    response = CaseExportView.as_view()(request)
    rows = size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        rows += 1
    return f"{rows - 2:,} rows, {size / 1e6:.1f} MB streamed"


class _Echo:
    def write(self, value):
        return value


CEILING_SQL = """
SELECT c.tracking_code, c.kind, c.status, c.title, f.name, cat.name, u.name,
       usr.last_name, usr.first_name, c.channel, c.received_at, c.accept_by, c.resolve_by,
       c.anonymous
FROM complaints_case c
LEFT JOIN complaints_facility f ON f.id = c.facility_id
LEFT JOIN complaints_category cat ON cat.id = c.category_id
LEFT JOIN complaints_facility u ON u.id = c.assigned_unit_id
LEFT JOIN auth_user usr ON usr.id = c.assigned_user_id
ORDER BY c.received_at DESC
"""


def export_ceiling():
    from django.db import connection, transaction

    writer = csv.writer(_Echo())
    rows = size = 0
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(CEILING_SQL)
        while batch := cursor.fetchmany(2000):
            for row in batch:
                size += len(writer.writerow(row))
                rows += 1
    return f"{rows:,} rows, {size / 1e6:.1f} MB"


def reminders_run():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("send_deadline_reminders", stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def reminders_ceiling():
    from django.db import connection

    from complaints.notifications.staff import WAITING_ACCEPTANCE, WAITING_RESOLUTION

    statuses = [str(s) for s in (*WAITING_ACCEPTANCE, *WAITING_RESOLUTION)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, status, accept_by, resolve_by, assigned_unit_id, assigned_user_id "
            "FROM complaints_case WHERE status = ANY(%s)", [statuses]
        )
        rows = cursor.fetchall()
    return f"{len(rows):,} open cases read"


def reminders_write_ceiling():
    """What writing that many reminders costs at the least: one plain `INSERT … SELECT`
    of a row per open case into the reminders table (same indexes and foreign key),
    committed. `main` deletes them after the timing."""
    from django.db import connection, transaction

    from complaints.models import DeadlineReminder
    from complaints.notifications.staff import WAITING_ACCEPTANCE, WAITING_RESOLUTION

    statuses = [str(s) for s in (*WAITING_ACCEPTANCE, *WAITING_RESOLUTION)]
    table = DeadlineReminder._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (case_id, step, threshold, due, recipients, sent_at) "  # noqa: S608
            "SELECT id, 'ceiling', 'overdue', accept_by, 1, now() FROM complaints_case "
            "WHERE status = ANY(%s)", [statuses]
        )
        rows = cursor.rowcount
    return f"{rows:,} rows inserted"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--i-own-this-database", action="store_true")
    parser.add_argument("--only", choices=["export", "reminders"], default=None)
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    name = urlsplit(url).path.lstrip("/")
    if not url.startswith("postgres"):
        parser.error("DATABASE_URL must name a PostgreSQL clone of portal_bench100k")
    if not (name.endswith(("_100k", "_bench")) or args.i_own_this_database):
        parser.error(f"{name}: not a clone (name it …_100k) — refusing to write to it")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("PORTAL_VAR_DIR", "/tmp/portal-bench-batch")
    import django

    django.setup()
    from django.db import connection
    from django.utils import translation

    from complaints.models import Case, DeadlineReminder

    translation.activate("vi")
    connection.force_debug_cursor = True  # count queries (DEBUG is off)
    print(f"{Case.objects.count():,} cases in {name}; PostgreSQL "
          f"{connection.cursor().connection.info.server_version}")
    results = []
    if args.only in (None, "export"):
        results.append(measure("export: ceiling (raw SELECT → csv)", export_ceiling))
        results.append(measure("export: CaseExportView, every case", export_run))
    if args.only in (None, "reminders"):
        from django.db.models import Value
        from django.db.models.functions import Concat
        from django_tasks_db.models import DBTaskResult

        from complaints.models import Facility

        DeadlineReminder.objects.all().delete()  # work to do: every reminder owed again
        # Someone to tell: a unit without an address gets one (the generated tree has
        # none; a case with nobody to tell is skipped and would make the run trivial).
        Facility.objects.filter(email="").update(
            email=Concat(Value("don-vi-"), "code", Value("@example.vn"))
        )
        last_task = DBTaskResult.objects.order_by("-enqueued_at").values_list(
            "enqueued_at", flat=True).first()
        results.append(measure("reminders: ceiling (open cases' deadlines)", reminders_ceiling))
        results.append(measure("reminders: write ceiling (a row per open case)",
                               reminders_write_ceiling))
        DeadlineReminder.objects.filter(step="ceiling")._raw_delete(DeadlineReminder.objects.db)
        with connection.cursor() as cursor:  # the run below starts from fresh statistics
            cursor.execute(f"VACUUM ANALYZE {DeadlineReminder._meta.db_table}")
        results.append(measure("reminders: with work to send", reminders_run))
        results.append(measure("reminders: nothing left to send", reminders_run))
        # A day's work: a province's daily run owes reminders for the cases that crossed
        # a threshold that day, a few hundred to a few thousand.
        DeadlineReminder.objects.filter(
            pk__in=DeadlineReminder.objects.order_by("?").values("pk")[:2000]
        ).delete()
        results.append(measure("reminders: 2,000 owed (a day's work)", reminders_run))
        sent = DeadlineReminder.objects.count()
        DeadlineReminder.objects.all().delete()
        queued = DBTaskResult.objects.all()
        if last_task is not None:
            queued = queued.filter(enqueued_at__gt=last_task)
        print(f"cleaned up: {sent:,} reminders, {queued.delete()[0]:,} queued task rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
