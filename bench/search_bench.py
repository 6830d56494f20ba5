"""Benchmark of search: indexing throughput and p50/p95/p99 of typical public and
staff queries, with and without diacritics, per backend.

Runs on the database DATABASE_URL names (fill it first with bench/generate.py), and
on Elasticsearch-compatible servers it starts itself on 127.0.0.1 (noida-db,
osmem-server, from the test extras):

    DATABASE_URL=postgres://… DJANGO_SETTINGS_MODULE=portal.settings.dev \\
        .venv/bin/python bench/search_bench.py --repeat 20 --engines database,noida,osmem

Public queries go through the backend's `search()` (count and first page of 10, with
highlighted snippets); staff queries through `complaints.case_search.case_search`
inside `Case.objects.in_scope_of(user)` (count, first page of 20, facet counts), on
the database (search/cases.py) and on each server (search/cases_es.py, the case index
rebuilt there first). Each engine also gets a ceiling measured in the same run (a bare
`count(*)` of the cases; a bare `match_all` request of size 0), and the tables give
p50 / ceiling, so figures from a noisy machine compare:

    DATABASE_URL=postgres://… .venv/bin/python bench/search_bench.py --repeat 5 \
        --engines database,osmem,noida --no-public

On the database the staff rows are compared with a bare count(*) of the user's own
scope instead (what listing that scope costs at least). The staff part alone, on the
database, its case index already built:

    DATABASE_URL=postgres://… DJANGO_SETTINGS_MODULE=portal.settings.dev \
        .venv/bin/python bench/search_bench.py --staff-only --skip-case-index --repeat 10"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import setup_django  # noqa: E402

PUBLIC = {
    "with diacritics": ["phòng chống dịch", "tiêm chủng", "ngộ độc thực phẩm", "đóng cửa",
                        "bệnh viện tỉnh", "người hùng"],
    "without diacritics": ["phong chong dich", "tiem chung", "ngo doc thuc pham", "dong cua",
                           "benh vien tinh", "nguoi hung"],
    "synonyms": ["vaccine", "covid19"],
}  # fmt: skip
STAFF = {
    "with diacritics": ["phong bì", "chờ khám quá lâu", "viện phí"],
    "without diacritics": ["phong bi", "cho kham qua lau", "vien phi"],
    "tracking code": ["YT-2025-B0001234", "B000777", "B00123"],
}


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return q[49], q[94], q[98]


def timed(func, repeat: int) -> list[float]:
    func()  # warm
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        out.append((time.perf_counter() - started) * 1000)
    return out


def row(label: str, samples: list[float], ceiling: tuple[float, float] | None = None) -> str:
    """A table row; with `ceiling` ((p50, p95) measured in the same run), p50 and p95 as
    multiples of it."""
    p50, p95, p99 = percentiles(samples)
    ratios = f"{p50 / ceiling[0]:.1f} | {p95 / ceiling[1]:.1f}" if ceiling else " | "
    line = f"| {label} | {len(samples)} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {ratios} |"
    print(line, flush=True)  # as it comes: a long run shows its progress
    return line


def ceiling_database(repeat: int) -> tuple[float, str]:
    """A bare count of the cases: what any query on this database costs at least."""

    samples = timed(lambda: base_cases().count(), repeat * 4)
    return percentiles(samples)[:2], row("database: ceiling, count(*) of the cases", samples)


def ceiling_elasticsearch(index, label: str, repeat: int) -> tuple[float, str]:
    """A bare request to the case index (match_all, size 0): one round trip."""
    samples = timed(lambda: index.client.search(index=index.alias, size=0), repeat * 4)
    return percentiles(samples)[:2], row(f"{label}: ceiling, match_all size 0", samples)


def bench_public(backend, repeat: int) -> list[str]:
    lines = []
    for group, queries in PUBLIC.items():
        samples = []
        for q in queries:
            samples += timed(lambda q=q: backend.search(q, limit=10), repeat)
        lines.append(row(f"{backend.name}: public, {group}", samples))
    return lines


BASE = {"cases": None}  # --subset: the newest cases only, for every engine alike


def base_cases():
    from complaints.models import Case

    return Case.objects.all() if BASE["cases"] is None else Case.objects.filter(**BASE["cases"])


def staff_users():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from complaints.models import Facility, FacilityMembership

    User = get_user_model()
    inspector, _ = User.objects.get_or_create(username="bench-inspector")
    inspector.user_permissions.add(
        Permission.objects.get(content_type__app_label="complaints", codename="view_all_cases")
    )
    handler, _ = User.objects.get_or_create(username="bench-handler")
    unit = Facility.objects.filter(cases_assigned__isnull=False).order_by("code").first()
    FacilityMembership.objects.get_or_create(user=handler, facility=unit)
    return {
        "inspector (province)": User.objects.get(pk=inspector.pk),
        f"handler ({unit.code})": User.objects.get(pk=handler.pk),
    }


def bench_staff(repeat: int, label: str = "database", ceiling=None) -> list[str]:
    """Through `complaints.case_search`, whichever implementation settings name: per
    query the workspace's unit of work (count, first page of 20, facets). Without an
    engine's `ceiling`, each user's rows are compared with a bare count(*) of that
    user's scope, measured in the same run."""
    from complaints.case_search import case_facets, case_search
    from complaints.models import Case

    lines = []
    for who, user in staff_users().items():
        user_ceiling = ceiling
        if ceiling is None:
            scope = timed(lambda user=user: Case.objects.in_scope_of(user).count(), 5 * repeat)
            user_ceiling = percentiles(scope)[:2]
            lines.append(row(f"ceiling: count(*) of the scope, {who}", scope))
        for group, queries in STAFF.items():
            samples = []
            for q in queries:

                def run(q=q, user=user):
                    found = case_search(base_cases().in_scope_of(user), q)
                    found.count()
                    list(found.order_by("-received_at", "-id")[:20])
                    case_facets(found)

                samples += timed(run, repeat)
            lines.append(row(f"{label}: staff, {who}, {group} (+ facets)", samples, user_ceiling))
    return lines


def bench_staff_elasticsearch(server, repeat: int) -> tuple[list, list]:
    """The case index rebuilt on `server`, then the staff queries through it."""
    from django.conf import settings

    from search.cases_es import all_case_entries, get_case_index

    settings.ELASTICSEARCH_URL = server.url
    settings.ELASTICSEARCH_NODE_CLASS = "tests.search.servers.PlainJsonNode"
    settings.SEARCH_INDEX_PREFIX = f"bench-{uuid.uuid4().hex[:6]}"
    settings.COMPLAINTS_CASE_SEARCH = "search.cases_es.case_search"
    settings.COMPLAINTS_CASE_FACETS = "search.cases_es.case_facets"
    index = get_case_index()
    index.client = index.client.options(request_timeout=120)  # bulk on a loaded machine
    label = f"elasticsearch ({server.name})"
    throughput = []
    try:
        started = time.perf_counter()
        count = index.rebuild(all_case_entries(cases=base_cases()))
        seconds = time.perf_counter() - started
        throughput.append(f"| {label} (cases) | {count} | {seconds:.1f} | {count / seconds:.0f} |")
        print(throughput[-1], flush=True)
        ceiling, line = ceiling_elasticsearch(index, label, repeat)
        return throughput, [line, *bench_staff(repeat, label, ceiling)]
    finally:
        settings.ELASTICSEARCH_URL = None
        settings.COMPLAINTS_CASE_SEARCH = "search.cases.case_search"
        settings.COMPLAINTS_CASE_FACETS = "search.cases.case_facets"


def generated_documents(count: int, seed: int = 19):
    import datetime
    import random

    from bench.generate import DETAILS, NEWS
    from search.documents import SearchDocument

    rng = random.Random(seed)
    base = datetime.date(2024, 1, 1)
    return [
        SearchDocument(
            key=f"bench:{n}",
            type="news",
            title=f"{rng.choice(NEWS)} {2024 + n % 3} (bài {n})",
            url=f"/tin-do/{n}/",
            text=" ".join(rng.sample(DETAILS, 4)),
            date=base + datetime.timedelta(days=n % 900),
        )
        for n in range(count)
    ]


def index_throughput(backend, documents) -> str:
    started = time.perf_counter()
    count = backend.rebuild(iter(documents))
    seconds = time.perf_counter() - started
    return f"| {backend.name} | {count} | {seconds:.1f} | {count / seconds:.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--engines", default="database,noida,osmem")
    parser.add_argument("--skip-case-index", action="store_true")
    parser.add_argument(
        "--subset",
        type=int,
        default=0,
        help="staff queries over the N newest cases only, on every engine (a slow server)",
    )
    parser.add_argument(
        "--no-public", action="store_true", help="staff queries only (no page index)"
    )
    parser.add_argument(
        "--staff-only",
        action="store_true",
        help="the inspectors' case search on the database only (--no-public --engines "
        "database); with --skip-case-index the case index must be built already",
    )
    parser.add_argument(
        "--documents",
        type=int,
        default=10_000,
        help="top the live pages up to this many documents with generated news (same "
        "vocabulary as bench/generate.py) when the database holds fewer pages",
    )
    args = parser.parse_args()
    if args.staff_only:
        args.no_public, args.engines = True, "database"
    setup_django()
    from django.db import connection

    from search.backends import DatabaseBackend, ElasticsearchBackend
    from search.documents import page_documents

    print(f"database: {connection.vendor}")
    from complaints.models import Case

    print(f"cases: {Case.objects.count()}")
    if args.subset:
        cutoff = Case.objects.order_by("-pk").values_list("pk", flat=True)[args.subset - 1]
        BASE["cases"] = {"pk__gte": cutoff}
        print(f"staff queries over the {args.subset} newest cases (id >= {cutoff})")
    started = time.perf_counter()
    documents = [] if args.no_public else list(page_documents())
    print(f"pages read and rendered: {len(documents)} in {time.perf_counter() - started:.1f} s")
    if not args.no_public and len(documents) < args.documents:
        extra = generated_documents(args.documents - len(documents))
        print(f"generated documents added: {len(extra)}")
        documents += extra

    throughput = ["| backend | documents | seconds | documents/s |", "|---|---|---|---|"]
    timings = [
        "| queries | samples | p50 ms | p95 ms | p99 ms | p50 / ceiling | p95 / ceiling |",
        "|---|---|---|---|---|---|---|",
    ]
    engines = args.engines.split(",")
    if "database" in engines:
        from search.models import SearchEntry

        if not args.no_public:
            SearchEntry.objects.all().delete()
            throughput.append(index_throughput(DatabaseBackend(), documents))
        if not args.skip_case_index:
            from search.management.commands.search_index import Command

            started = time.perf_counter()
            cases = Command().rebuild_cases()
            seconds = time.perf_counter() - started
            throughput.append(
                f"| database (cases) | {cases} | {seconds:.1f} | {cases / seconds:.0f} |"
            )
        if connection.vendor == "postgresql":  # fresh statistics, as autovacuum would give
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE search_searchentry, search_casesearchentry, complaints_case"
                )
        _, line = ceiling_database(args.repeat)  # the staff rows use each scope's own
        timings.append(line)
        if not args.no_public:
            timings += bench_public(DatabaseBackend(), args.repeat)
        timings += bench_staff(args.repeat)
    for name in ("noida", "osmem"):
        if name not in engines:
            continue
        from django.utils.module_loading import import_string

        from tests.search import servers as test_servers

        server = {"noida": test_servers.start_noida, "osmem": test_servers.start_osmem}[name]()
        backend = ElasticsearchBackend(
            server.url,
            f"bench-{uuid.uuid4().hex[:6]}",
            node_class=import_string("tests.search.servers.PlainJsonNode"),
        )
        backend.name = f"elasticsearch ({server.name})"
        try:
            if not args.no_public:
                throughput.append(index_throughput(backend, documents))
                timings += bench_public(backend, args.repeat)
            more_throughput, more_timings = bench_staff_elasticsearch(server, args.repeat)
            throughput += more_throughput
            timings += more_timings
        except Exception as error:  # noqa: BLE001 (a server that gives up is reported)
            print(f"{server.name}: stopped: {error!r}", flush=True)
        finally:
            server.stop()
    print("\nIndexing\n" + "\n".join(throughput))
    print("\nQueries\n" + "\n".join(timings))


if __name__ == "__main__":
    main()
