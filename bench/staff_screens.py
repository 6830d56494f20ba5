"""Staff screens at scale: the workspace list, the case page and the dashboards, timed.

Signs in (Django's test Client, the whole request: middleware, Wagtail's admin, the
templates) as a province inspector (`view_all_cases`) and as a facility handler (a member of
the unit with the most cases), both created in the database if missing, and times each screen
`--repeat` times after one warm-up, p50 and p95, with its query count:

- the workspace list `/admin/ho-so/` in its default order and ordered by deadline
  (`?order=due`), page 1 and a later page (`--late-page`), and filtered to the verifications
  past their period without a report (`?verification_overdue=1`);
- the case page of the case whose reporter has the most cases (the "same reporter" panel);
- the admin home (the counters panel) and the steering dashboard `/admin/ho-so/bang-dieu-hanh/`,
  *warm* (the scope's counters and figures in the cache, what most requests see) and *cold*
  (what the first request after a case change pays: the counters forgotten before each
  request, as the case signals forget them);
- two ceilings: a bare `SELECT` of 20 cases through the ORM, and a signed-in Wagtail admin
  page that reads no case (`/admin/account/`), requested once after every run of every
  screen, so each screen's ratio (`p95/ceil`) compares moments of the same load.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_h6_100k \\
        .venv/bin/python bench/staff_screens.py --repeat 20

`--slowest N` prints each screen's N slowest SQL statements (to EXPLAIN them). The database
must be one the benchmark may write to (it adds two users and their membership); clone the
shared dataset rather than pointing at it."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STAFF = ["complaints.view_case", "complaints.act_on_case", "wagtailadmin.access_admin"]


def setup() -> None:
    os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-screens-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def users():
    """(province inspector, facility handler), created once."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db.models import Count

    from complaints.models import Case, FacilityMembership

    def perms(names):
        found = []
        for name in names:
            app, codename = name.split(".")
            found.append(Permission.objects.get(content_type__app_label=app, codename=codename))
        return found

    User = get_user_model()
    inspector, created = User.objects.get_or_create(username="bench-screens-tinh")
    if created:
        inspector.user_permissions.add(*perms([*STAFF, "complaints.view_all_cases"]))
    handler, created = User.objects.get_or_create(username="bench-screens-donvi")
    if created:
        handler.user_permissions.add(*perms(STAFF))
        busiest = (
            Case.objects.exclude(assigned_unit=None).values("assigned_unit")
            .annotate(n=Count("pk")).order_by("-n").first()
        )
        FacilityMembership.objects.create(user=handler, facility_id=busiest["assigned_unit"])
    return User.objects.get(pk=inspector.pk), User.objects.get(pk=handler.pk)


def busiest_reporter_case(user) -> tuple[str, int]:
    """A case of `user`'s scope whose reporter's phone has the most cases, and that number."""
    from django.db.models import Count

    from complaints.models import Case

    scope = Case.objects.in_scope_of(user)
    row = (
        scope.exclude(reporter__phone="").values("reporter__phone")
        .annotate(n=Count("pk")).order_by("-n").first()
    )
    case = scope.filter(reporter__phone=row["reporter__phone"]).order_by("-pk").first()
    return case.tracking_code, Case.objects.filter(reporter__phone=row["reporter__phone"]).count()


def timed(fn, repeat: int, *, before=None, ceiling=None):
    """Run `fn` once to warm up, then `repeat` times: (seconds each, this process's CPU
    seconds each, queries of the last run, its statements with their seconds, the ceiling's
    seconds). With `ceiling`, one request of the ceiling follows each run, so the screen and
    its ceiling share the machine's load of the same moments (two cores shared with other
    suites: the load changes within a run)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before:
        before()
    fn()
    samples, cpu, ceiling_samples, statements = [], [], [], []
    for _n in range(repeat):
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            fn()
            samples.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        # Read now: the next request's `request_started` empties the connection's log.
        statements = [(float(q["time"]), q["sql"]) for q in captured.captured_queries]
        if ceiling:
            started = time.perf_counter()
            ceiling()
            ceiling_samples.append(time.perf_counter() - started)
    return samples, cpu, len(statements), statements, ceiling_samples


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))] * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--late-page", type=int, default=50)
    parser.add_argument("--slowest", type=int, default=0,
                        help="print each screen's N slowest SQL statements")
    parser.add_argument("--only", default="",
                        help="screen names to time, separated by ';' (names hold commas)")
    args = parser.parse_args(argv)
    setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from complaints.models import Case
    from complaints.selectors.dashboard import forget_counters

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    connection.cursor().execute("ANALYZE")
    inspector, handler = users()
    case_pages = {"inspector": busiest_reporter_case(inspector),
                  "handler": busiest_reporter_case(handler)}
    cases = Case.objects.count()
    clients = {}
    for name, user in (("inspector", inspector), ("handler", handler)):
        clients[name] = Client()
        clients[name].force_login(user)

    def get(who: str, path: str):
        def fetch():
            response = clients[who].get(path)
            assert response.status_code == 200, (path, response.status_code)

        return fetch

    def bare_select():
        list(Case.objects.order_by("-received_at", "-id")[:20])

    late = f"?p={args.late_page}"
    screens = [
        ("ceiling: SELECT 20 cases", "", bare_select, None),
        ("ceiling: admin account page", "inspector", get("inspector", "/admin/account/"), None),
    ]
    steering = "/admin/ho-so/bang-dieu-hanh/"
    for who in ("inspector", "handler"):
        screens += [
            (f"list, {who}", who, get(who, "/admin/ho-so/"), None),
            (f"list p{args.late_page}, {who}", who, get(who, f"/admin/ho-so/{late}"), None),
            (f"list by deadline, {who}", who, get(who, "/admin/ho-so/?order=due"), None),
            (f"list by deadline p{args.late_page}, {who}", who,
             get(who, f"/admin/ho-so/?order=due&p={args.late_page}"), None),
            (f"list overdue, {who}", who, get(who, "/admin/ho-so/?overdue=1"), None),
            (f"list verification overdue, {who}", who,
             get(who, "/admin/ho-so/?verification_overdue=1"), None),
            (f"case page, {who}", who, get(who, f"/admin/ho-so/{case_pages[who][0]}/"), None),
            (f"admin home warm, {who}", who, get(who, "/admin/"), None),
            (f"admin home cold, {who}", who, get(who, "/admin/"), forget_counters),
            (f"steering warm, {who}", who, get(who, steering), None),
            (f"steering cold, {who}", who, get(who, steering), forget_counters),
        ]
    only = {s.strip() for s in args.only.split(";") if s.strip()}
    handler_sees = Case.objects.in_scope_of(handler).count()
    print(f"{cases} cases ({handler_sees} in the handler's scope), {connection.vendor}; "
          + "; ".join(f"{who}'s case page {code}: {n - 1} other cases of its reporter"
                      for who, (code, n) in case_pages.items())
          + f"; {args.repeat} runs each")
    print(f"{'screen':<40}{'p50 ms':>9}{'p95 ms':>9}{'cpu p50':>9}{'queries':>9}"
          f"{'p95/ceil':>9}{'ceil p95':>9}")
    ceiling_fn = get("inspector", "/admin/account/")
    for name, who, fn, before in screens:
        if only and name not in only and not name.startswith("ceiling"):
            continue
        if who == "handler" and handler_sees == 0:
            continue
        # Each screen against the ceiling requested between its own runs (not the first
        # row's, measured minutes earlier under another load).
        interleave = ceiling_fn if not name.startswith("ceiling") else None
        samples, cpu, queries, statements, ceiling_samples = timed(
            fn, args.repeat, before=before, ceiling=interleave
        )
        p95 = pct(samples, 95)
        if ceiling_samples:
            ceiling = pct(ceiling_samples, 95)
            ratio, ceiling_text = f"{p95 / ceiling:>9.2f}", f"{ceiling:>9.1f}"
        else:
            ratio, ceiling_text = f"{'':>9}", f"{'':>9}"
        print(f"{name:<40}{pct(samples, 50):>9.1f}{p95:>9.1f}{pct(cpu, 50):>9.1f}"
              f"{queries:>9}{ratio}{ceiling_text}", flush=True)
        for seconds, sql in sorted(statements, reverse=True)[: args.slowest]:
            print(f"    {seconds * 1000:8.1f} ms  {sql[:600]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
