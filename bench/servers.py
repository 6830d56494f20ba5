"""Which server serves the portal best on this machine: daphne (what `make run` used),
uvicorn (ASGI, `uvicorn[standard]`: uvloop and httptools) and gunicorn (WSGI,
`portal/wsgi.py` with production's `portal/gunicorn_conf.py`: gthread workers of 4 threads,
a connection per request, `portal.serve.GunicornAccessLog`),
uvicorn and gunicorn with 1 and 2 worker processes, all with their access log on
(written to a file, PINs redacted),
driven by the same light load generator (bench/http_load.py: one asyncio thread,
4 keep-alive connections) in the same run, on a portal of its own: a temporary
SQLite database (WAL) with the demo province (`load_demo_data`), `bench.settings`.

For each server: the hello-world view (`bench/hello`), a cached public page (the
home page, answered by cms/page_cache.py) and the intake (`POST /api/v1/submissions`),
each for `--seconds`; requests per second, p50/p95 latency, errors, and each rate as
a ratio of gunicorn's single-worker hello-world rate.

    .venv/bin/python bench/servers.py                    # ~2 minutes
    .venv/bin/python bench/servers.py --seconds 3 --only daphne,uvicorn-1
    .venv/bin/python bench/servers.py --postgres postgres://postgres@127.0.0.1:5432/postgres \\
        --redis redis://127.0.0.1:6379/5

The machine has 2 cores: two worker processes and the load generator share them, so
"2 workers" shows what a second process adds when there is no idle core for it.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import http_load  # noqa: E402

PYTHON = sys.executable
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def free_port() -> int:
    """A free loopback port; within `BENCH_PORTS` ("14000-14999") when set, so that
    benchmarks sharing a machine keep to their own ranges."""
    low, _, high = os.environ.get("BENCH_PORTS", "0-0").partition("-")
    for port in range(int(low), int(high) + 1) if int(low) else [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in BENCH_PORTS={os.environ['BENCH_PORTS']}")


def prepare(tmp: Path, database_url: str | None = None, redis_url: str | None = None) -> dict:
    """The environment of a portal of the benchmark's own under `tmp`, migrated and
    loaded with the demo province (pages included)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings",
           "PORTAL_VAR_DIR": str(tmp), "PYTHONPATH": str(ROOT), "DEBUG": "0",
           "PORTAL_BASE_URL": "http://127.0.0.1:8000"}
    for name in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "EMAIL_URL"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        import redis

        if urlsplit(redis_url).hostname not in LOOPBACK:
            raise SystemExit("--redis must be a loopback server")
        redis.Redis.from_url(redis_url).flushdb()  # no page cached by an earlier run
        env["REDIS_URL"] = redis_url
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT,
                   env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "load_demo_data"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([PYTHON, "-c", "import django; django.setup(); "
                    "from complaints.routing_defaults import install_default_rules; "
                    "install_default_rules()"], cwd=ROOT, env=env, check=True)
    return env


def command(server: str, workers: int, port: int, log: Path) -> list[str]:
    if server == "daphne":  # `make run` before this benchmark; one process
        return [PYTHON, "-m", "portal.serve", "-b", "127.0.0.1", "-p", str(port),
                "--access-log", str(log), "portal.asgi:application"]
    if server == "uvicorn":
        return [PYTHON, "-m", "portal.serve", "--server", "uvicorn", "--host", "127.0.0.1",
                "--port", str(port), "--workers", str(workers), "--access-log", str(log)]
    if server == "gunicorn":
        return [PYTHON, "-m", "gunicorn", "-c", "python:portal.gunicorn_conf",  # production's
                "portal.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", str(workers),
                "--access-logfile", str(log)]
    raise ValueError(server)


def start(server: str, workers: int, env: dict, tmp: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    log = tmp / f"{server}-{workers}.access.log"
    output = open(tmp / f"{server}-{workers}.out", "w")  # noqa: SIM115
    process = subprocess.Popen(command(server, workers, port, log), cwd=ROOT, env=env,
                               stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        http_load.wait_until_up("127.0.0.1", port)
    except RuntimeError:
        stop(process)
        raise
    return process, port


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def submission(n: int, run: str) -> bytes:
    body = {
        "kind": "phan_anh",
        "facility": "BV-DKT-QNG",
        "category": "kham-chua-benh",
        "title": f"Phản ánh thử tải {run}-{n}: chờ khám quá lâu",
        "content": f"Người bệnh {run}-{n} phải chờ khám hơn ba giờ tại khoa khám bệnh.",
        "incident_date": time.strftime("%Y-%m-%d"),
        "reporter": {"name": f"Người dân {n}", "phone": f"09{(n * 7919) % 10**8:08d}",
                     "email": f"nguoidan.{run}.{n}@example.vn"},
        "anonymous": False,
        "consent": True,
        "consent_contact": False,
    }
    return http_load.post_json("/api/v1/submissions", json.dumps(body).encode())


def create_postgres(server_url: str) -> tuple[str, str]:
    import psycopg

    if urlsplit(server_url).hostname not in LOOPBACK:
        raise SystemExit("--postgres must be a loopback server")
    # BENCH_DB_PREFIX keeps benchmarks sharing a server to their own database names.
    name = f"{os.environ.get('BENCH_DB_PREFIX', 'portal_h5_bench')}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return name, urlsplit(server_url)._replace(path=f"/{name}").geturl()


def drop_postgres(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


SERVERS = [("daphne", 1), ("uvicorn", 1), ("uvicorn", 2), ("gunicorn", 1), ("gunicorn", 2)]


def measure(env: dict, tmp: Path, seconds: float, only: set[str] | None) -> list[dict]:
    rows = []
    run = uuid.uuid4().hex[:6]
    for server, workers in SERVERS:
        name = f"{server}-{workers}"
        if only and name not in only:
            continue
        process, port = start(server, workers, env, tmp)
        try:
            http_load.run("127.0.0.1", port, lambda n: http_load.get("/"), connections=2,
                          seconds=1.0)  # every worker renders and caches the home page
            row = {"server": name}
            for label, make in (
                ("hello", lambda n: http_load.get("/bench/hello")),
                ("cached page", lambda n: http_load.get("/")),
                ("intake POST", lambda n, name=name: submission(n, f"{run}{name}")),
            ):
                result = http_load.run("127.0.0.1", port, make, connections=4, seconds=seconds)
                row[label] = result
        finally:
            stop(process)
        rows.append(row)
        print(f"  measured {name}", file=sys.stderr)
    return rows


def print_table(rows: list[dict]) -> None:
    ceiling = next((r["hello"].rate for r in rows if r["server"] == "gunicorn-1"), None)
    ceiling = ceiling or max(r["hello"].rate for r in rows)
    print(f"{'server':<12}{'what':<14}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p95 ms':>9}"
          f"{'non-2xx':>9}{'errors':>8}")
    for row in rows:
        for label in ("hello", "cached page", "intake POST"):
            result = row[label]
            bad = sum(c for s, c in result.statuses.items() if not 200 <= s < 300)
            print(f"{row['server']:<12}{label:<14}{result.rate:>9.0f}"
                  f"{result.rate / ceiling:>8.2f}{result.percentile(0.5):>9.1f}"
                  f"{result.percentile(0.95):>9.1f}{bad:>9}{result.errors:>8}")
    print("ratio: of gunicorn-1's hello-world rate in this run")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--only", help="comma-separated, e.g. daphne-1,uvicorn-2")
    parser.add_argument("--postgres", help="a loopback PostgreSQL server URL")
    parser.add_argument("--redis", help="a loopback Redis URL for the caches")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    with tempfile.TemporaryDirectory(prefix="portal-servers-") as tmp_name:
        tmp = Path(tmp_name)
        database = None
        if args.postgres:
            database, url = create_postgres(args.postgres)
        try:
            env = prepare(tmp, url if database else None, args.redis)
            rows = measure(env, tmp, args.seconds, only)
        finally:
            if database:
                drop_postgres(args.postgres, database)
    print(f"# {'PostgreSQL' if database else 'SQLite'}, {args.seconds:g} s per figure, "
          f"4 connections, cores: {os.cpu_count()}")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
