"""Benchmark of the public intake: POST /api/v1/submissions at increasing concurrency.

By default it starts its own portal: a temporary directory with a SQLite database
(WAL), migrated and loaded with the demo province's facilities, categories and
routing rules, served by daphne on 127.0.0.1 with `bench.settings` (which adds the
bare insert-only endpoint used as the ceiling). With `--url` it targets a portal
already running on this machine (loopback only); the ceiling is then measured only
if that portal was started with `bench.settings`.

For each concurrency level it sends a bounded number of submissions (and stops at a
time limit), then prints accepted submissions per second, p50/p95/p99 latency, the
errors, how many acknowledged tracking codes are missing from the database (must
be 0) and how many were flagged as possible duplicates (every citizen is distinct:
should be 0), beside the same figures for the two ceilings of `bench.urls`: the
fair insert (the same rows the intake writes, in plain SQL, one transaction) and
the bare insert (one case row), and the intake's rate as a ratio of each. With its own
portal it also prints the CPU each request cost (`bench/cpu.py`, from /proc): `cpu ms` in
the server's processes, `db ms` in PostgreSQL's backends of its database (SQLite's writes are
the server's own). On a shared machine the rates move with the neighbours; these move less.
Before the first level, `--warmup` requests (100) go to each endpoint, not counted: every server
thread's first requests would otherwise be the first level's slowest, and only the intake's.

    .venv/bin/python bench/submissions.py                       # 1, 4, 16, 32 workers
    .venv/bin/python bench/submissions.py --concurrency 1,8 --requests 100
    .venv/bin/python bench/submissions.py --url http://127.0.0.1:8000
    .venv/bin/python bench/submissions.py --postgres postgres://postgres@127.0.0.1:5432/postgres

With `--postgres SERVER_URL` its own portal runs on a new, temporary database
created on that (loopback) PostgreSQL server and dropped at the end.

`--server` picks what serves its own portal (the ceilings on the same server, same run):
`daphne` (default: one process), `uvicorn` (`python -m portal.serve --workers N`) or
`gunicorn` (WSGI, production's `-c python:portal.gunicorn_conf` with `-w N --threads T`: README
Production):

    .venv/bin/python bench/submissions.py --server gunicorn --workers 4 --threads 4

`--redis URL` (loopback) gives its portal production's Redis (channel layer, cache): the live
updates then leave the request on their own thread (`complaints.broadcasts`).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.cpu import cpu_per_request, cpu_reading  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
FACILITIES = ["BV-DKT-QNG", "BV-SAN-QNG", "BV-DTT", "TTYT-DP", "TYT-PHOCUONG", "TYT-PHOMINH"]
CATEGORIES = ["kham-chua-benh", "thai-do-phuc-vu", "thuoc-vat-tu", "bhyt-vien-phi"]

SETUP_SCRIPT = """
import io, django
django.setup()
from complaints import demo
from complaints.routing_defaults import install_default_rules
demo.load(stdout=io.StringIO())
install_default_rules()
"""


@dataclass
class Level:
    endpoint: str
    workers: int
    latencies: list[float] = field(default_factory=list)
    accepted: list[tuple[str, str]] = field(default_factory=list)  # (code, pin)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    missing: int | None = None
    duplicates: int | None = None  # accepted cases flagged as a possible duplicate
    cpu: tuple[float, float | None] | None = None  # (server, PostgreSQL) ms CPU per request

    @property
    def rate(self) -> float:
        return len(self.accepted) / self.elapsed if self.elapsed else 0.0

    def add_error(self, key: str) -> None:
        self.errors[key] = self.errors.get(key, 0) + 1

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index] * 1000


MOBILE_PREFIXES = ("09", "03", "07", "08", "05")  # Vietnamese mobile numbers: 10 digits


def phone(n: int) -> str:
    """A valid 10-digit Vietnamese mobile number, distinct for every n below 5×10⁸ (the
    old `f"09{n:08d}"[:10]` cut the run's offset off: most "different citizens" shared
    a number and were flagged as duplicates)."""
    prefix = MOBILE_PREFIXES[(n // 10**8) % len(MOBILE_PREFIXES)]
    return f"{prefix}{n % 10**8:08d}"


def body(n: int) -> dict:
    """A valid phản ánh from a different citizen each time (no duplicate flags)."""
    return {
        "kind": "phan_anh",
        "facility": FACILITIES[n % len(FACILITIES)],
        "category": CATEGORIES[n % len(CATEGORIES)],
        "title": f"Phản ánh thử tải số {n}: chờ khám quá lâu",
        "content": (
            f"Người bệnh số {n} phải chờ khám hơn ba giờ tại khoa khám bệnh, không có bảng "
            "thông báo số thứ tự và thiếu ghế ngồi cho người cao tuổi."
        ),
        "incident_date": time.strftime("%Y-%m-%d"),
        "reporter": {"name": f"Người dân {n}", "phone": phone(n),
                     "email": f"nguoidan{n}@example.vn"},
        "anonymous": False,
        "consent": True,
        "consent_contact": False,
    }


def run_level(host: str, port: int, path: str, endpoint: str, workers: int, total: int,
              max_seconds: float, offset: int) -> Level:
    level = Level(endpoint=endpoint, workers=workers)
    lock = threading.Lock()
    counter = iter(range(total))
    deadline = time.monotonic() + max_seconds

    def worker() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=60)
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            payload = json.dumps(body(offset + n), ensure_ascii=False).encode()
            headers = {"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex}
            started = time.perf_counter()
            try:
                connection.request("POST", path, body=payload, headers=headers)
                response = connection.getresponse()
                data = response.read()
                latency = time.perf_counter() - started
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    level.add_error(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
                continue
            with lock:
                if response.status == 201:
                    answer = json.loads(data)
                    level.latencies.append(latency)
                    level.accepted.append((answer["tracking_code"], answer.get("pin", "")))
                else:
                    level.add_error(str(response.status))
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    level.elapsed = time.perf_counter() - started
    return level


def missing_in_database(db_path: Path, codes: list[str]) -> tuple[int, int]:
    """(acknowledged codes not in the database, cases flagged as possible duplicates)."""
    if not codes:
        return 0, 0
    connection = sqlite3.connect(db_path, timeout=30)
    try:
        found, duplicates = set(), 0
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = connection.execute(
                "SELECT tracking_code, possible_duplicate_of_id FROM complaints_case "  # noqa: S608
                f"WHERE tracking_code IN ({marks})", chunk
            )
            for code, duplicate in rows:
                found.add(code)
                duplicates += duplicate is not None
    finally:
        connection.close()
    return len(set(codes) - found), duplicates


def missing_in_postgres(url: str, codes: list[str]) -> tuple[int, int]:
    """(acknowledged codes not in the database, cases flagged as possible duplicates)."""
    import psycopg

    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT tracking_code, possible_duplicate_of_id FROM complaints_case "
            "WHERE tracking_code = ANY(%s)", [codes]
        ).fetchall()
    duplicates = sum(1 for _code, duplicate in rows if duplicate is not None)
    return len(set(codes) - {row[0] for row in rows}), duplicates


def analyze_postgres(url: str) -> None:
    """Fresh planner statistics before each run, as autovacuum's analyze keeps them on a
    production server while its tables grow (this machine's PostgreSQL runs with autovacuum
    off: statistics taken on the empty tables made the planner walk the whole
    received-at index for the duplicate check, slower with every run)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("ANALYZE")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return parts._replace(path=f"/{name}").geturl()


def create_postgres_database(server_url: str, prefix: str = "portal_bench_") -> tuple[str, str]:
    import psycopg

    if urlsplit(server_url).hostname not in LOOPBACK:
        raise SystemExit("--postgres must point to this machine")
    name = f"{prefix}{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return name, _with_database(server_url, name)


def drop_postgres_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def missing_over_http(host: str, port: int, accepted: list[tuple[str, str]]) -> int:
    missing = 0
    connection = http.client.HTTPConnection(host, port, timeout=30)
    for code, pin in accepted:
        connection.request("GET", f"/api/v1/submissions/{code}?pin={pin}")
        response = connection.getresponse()
        response.read()
        if response.status == 404:
            missing += 1
        elif response.status != 200:
            raise SystemExit(
                f"cannot verify {code}: HTTP {response.status} (look-up rate limit? "
                "run the target with bench.settings)"
            )
    connection.close()
    return missing


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(host: str, port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(host, port, timeout=2)
            connection.request("GET", "/gui-phan-anh/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the portal did not answer on {host}:{port}")


def endpoint_exists(host: str, port: int, path: str) -> bool:
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.request("GET", path)
    status = connection.getresponse().status
    connection.close()
    return status == 405


SERVERS = ("daphne", "uvicorn", "gunicorn")


def server_command(server: str, port: int, workers: int, threads: int) -> list[str]:
    """The command that serves the portal on 127.0.0.1:`port`."""
    python = sys.executable
    if server == "daphne":
        return [python, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
                "portal.asgi:application"]
    if server == "uvicorn":
        return [python, "-m", "portal.serve", "--host", "127.0.0.1", "--port", str(port),
                "--workers", str(workers), "--access-log", os.devnull]
    return [python, "-m", "gunicorn", "-c", "python:portal.gunicorn_conf",  # production's
            "portal.wsgi:application", "-b", f"127.0.0.1:{port}",
            "-w", str(workers), "--threads", str(threads)]


def start_portal(tmp: Path, port: int, database_url: str | None = None,
                 extra_env: dict | None = None, server: str = "daphne", workers: int = 1,
                 threads: int = 4, redis_url: str | None = None,
                 ) -> tuple[subprocess.Popen, Path]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PORTAL_VAR_DIR": str(tmp),
        "PYTHONPATH": str(ROOT),
    }
    for name in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "EMAIL_URL"):
        env.pop(name, None)  # the benchmark's own embedded defaults, nothing shared
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    # Admission control above the largest level (bench/overload.py measures it); the
    # pool keeps production's size, so requests beyond 16 wait for a connection.
    env["PORTAL_MAX_IN_FLIGHT"] = "80"
    # A gthread worker runs `threads` requests at once: its pool needs no more connections
    # (several processes of 16 would crowd PostgreSQL's max_connections).
    env["DATABASE_POOL_MAX_SIZE"] = str(threads if server == "gunicorn" else 16)
    env.update(extra_env or {})
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                   check=True)
    subprocess.run([python, "-c", SETUP_SCRIPT], cwd=ROOT, env=env, check=True)
    log = open(tmp / f"{server}.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        server_command(server, port, workers, threads),
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    return process, tmp / "portal.sqlite3"


def print_table(levels: list[Level]) -> None:
    header = (f"{'endpoint':<16}{'workers':>8}{'accepted':>10}{'per s':>9}{'p50 ms':>9}"
              f"{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'missing':>9}{'dup':>5}{'/bare':>7}"
              f"{'/fair':>7}{'cpu ms':>8}{'db ms':>7}")
    print(header)
    print("-" * len(header))
    rates = {(level.endpoint, level.workers): level.rate for level in levels}
    for level in levels:
        errors = sum(level.errors.values())
        missing = "-" if level.missing is None else str(level.missing)
        duplicates = "-" if level.duplicates is None else str(level.duplicates)
        ratios = ""
        for ceiling in ("bare-insert", "fair-insert"):
            top = rates.get((ceiling, level.workers)) if level.endpoint == "submissions" else None
            ratios += f"{level.rate / top:>7.2f}" if top else f"{'':>7}"
        server_ms, database_ms = level.cpu or (None, None)
        cpu = f"{server_ms:>8.1f}" if server_ms is not None else f"{'-':>8}"
        cpu += f"{database_ms:>7.1f}" if database_ms is not None else f"{'-':>7}"
        print(f"{level.endpoint:<16}{level.workers:>8}{len(level.accepted):>10}{level.rate:>9.1f}"
              f"{level.percentile(50):>9.1f}{level.percentile(95):>9.1f}"
              f"{level.percentile(99):>9.1f}{errors:>8}{missing:>9}{duplicates:>5}{ratios}{cpu}")
        if level.errors:
            print(f"{'':<16}errors: {level.errors}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running portal on this machine (loopback only)")
    parser.add_argument("--postgres", metavar="SERVER_URL",
                        help="run the own portal on a temporary database of this server")
    parser.add_argument("--concurrency", default="1,4,16,32",
                        help="comma-separated worker counts (default 1,4,16,32)")
    parser.add_argument("--requests", type=int, default=300,
                        help="submissions per level (default 300)")
    parser.add_argument("--max-seconds", type=float, default=30,
                        help="time limit per level (default 30)")
    parser.add_argument("--port", type=int, default=0,
                        help="port of the own portal (default: any free one)")
    parser.add_argument("--db-prefix", default="portal_bench_",
                        help="name prefix of the temporary PostgreSQL database")
    parser.add_argument("--warmup", type=int, default=100,
                        help="requests to each endpoint before the measured levels, at the "
                             "largest level's concurrency, not counted (default 100; 0: none)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--server", choices=SERVERS, default="daphne",
                        help="what serves the own portal (default daphne, one process)")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (uvicorn, gunicorn; default 1)")
    parser.add_argument("--threads", type=int, default=4,
                        help="threads per gunicorn worker (default 4)")
    parser.add_argument("--redis", metavar="REDIS_URL",
                        help="the own portal's Redis (loopback; default none, as `make run`)")
    args = parser.parse_args(argv)
    levels_wanted = [int(n) for n in args.concurrency.split(",") if n.strip()]
    if max(levels_wanted) > 64 or args.requests > 5000:
        parser.error("at most 64 workers and 5000 requests per level")

    process = None
    tmpdir = None
    db_path = None
    pg_name = pg_url = None
    try:
        if args.url:
            parts = urlsplit(args.url)
            if parts.hostname not in LOOPBACK:
                parser.error("--url must point to this machine (127.0.0.1, localhost, ::1)")
            host, port = parts.hostname, parts.port or 80
        else:
            tmpdir = tempfile.mkdtemp(prefix="portal-bench-")
            host, port = "127.0.0.1", args.port or free_port()
            if args.redis and urlsplit(args.redis).hostname not in LOOPBACK:
                parser.error("--redis must point to this machine")
            if args.postgres:
                pg_name, pg_url = create_postgres_database(args.postgres, args.db_prefix)
            print(f"starting the portal in {tmpdir} on {host}:{port} …", flush=True)
            process, db_path = start_portal(Path(tmpdir), port, pg_url, server=args.server,
                                            workers=args.workers, threads=args.threads,
                                            redis_url=args.redis)
            if pg_url:
                db_path = None
        wait_until_up(host, port)
        bare = endpoint_exists(host, port, "/bench/bare-insert")

        endpoints = [("submissions", "/api/v1/submissions"),
                     ("fair-insert", "/bench/fair-insert"),
                     ("bare-insert", "/bench/bare-insert")][:3 if bare else 1]
        results: list[Level] = []
        offset = int(time.time()) % 10_000 * 10_000  # below 5×10⁸: distinct phones
        if args.warmup:
            # Every server thread's first requests (its pool's connections, the intake's
            # reference data, lazy imports) would otherwise land in the first level's tail,
            # and only in the intake's: the ceilings run after it.
            for endpoint, path in endpoints:
                run_level(host, port, path, endpoint, max(levels_wanted), args.warmup,
                          args.max_seconds, offset)
                offset += args.warmup
            print(f"  warm-up: {args.warmup} requests to each endpoint, not counted", flush=True)
        for workers in levels_wanted:
            for endpoint, path in endpoints:
                if pg_url:
                    analyze_postgres(pg_url)
                server_pid = process.pid if process is not None else None
                before = cpu_reading(server_pid, pg_name)
                level = run_level(host, port, path, endpoint, workers, args.requests,
                                  args.max_seconds, offset)
                level.cpu = cpu_per_request(before, cpu_reading(server_pid, pg_name),
                                            len(level.accepted))
                offset += args.requests
                if endpoint == "submissions":
                    codes = [code for code, _pin in level.accepted]
                    if pg_url:
                        level.missing, level.duplicates = missing_in_postgres(pg_url, codes)
                    elif db_path:
                        level.missing, level.duplicates = missing_in_database(db_path, codes)
                    else:
                        level.missing = missing_over_http(host, port, level.accepted)
                results.append(level)
                print(f"  {endpoint} × {workers}: {len(level.accepted)} in "
                      f"{level.elapsed:.1f} s", flush=True)
        print()
        database = "PostgreSQL" if pg_url else "SQLite WAL"
        served = {
            "daphne": "one daphne process",
            "uvicorn": f"uvicorn × {args.workers}",
            "gunicorn": f"gunicorn × {args.workers}, gthread × {args.threads}",
        }[args.server]
        if args.redis:
            served += ", Redis"
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU, "
              f"{f'own portal ({database}, {served})' if process else args.url}")
        print_table(results)
        missing = sum(level.missing or 0 for level in results)
        return 1 if missing else 0
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if pg_name:
            drop_postgres_database(args.postgres, pg_name)
        if tmpdir and not args.keep:
            import shutil

            shutil.rmtree(tmpdir, ignore_errors=True)
        elif tmpdir:
            print(f"kept {tmpdir}")


if __name__ == "__main__":
    sys.exit(main())
