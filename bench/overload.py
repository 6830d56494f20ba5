"""Overload: 10× the measured capacity of POST /api/v1/submissions for 60 s, from many
loopback addresses. Proves that the portal answers 201, 429 or 503 (with Retry-After)
and never a 5xx or a hang, and that every acknowledged tracking code is in the
database afterwards (docs/reliability.md).

It starts its own portal: a temporary directory, a fresh database (SQLite in WAL by
default, or a new database on a loopback PostgreSQL server with `--postgres`),
migrated and loaded with the demo province, served by daphne (`portal.serve`) with the
portal's own settings (admission control, rate limits on), in `--workers` daphne
processes (`portal.serve`) that share one listening socket on `--port`: the script
binds it and each worker adopts it (daphne's `--fd`), so the kernel hands
each connection to whichever worker accepts it first, one port as behind a load
balancer. Each worker has its own admission bound (`PORTAL_MAX_IN_FLIGHT`) and its own
PostgreSQL pool. Then:

1. capacity: `--probe-workers` clients in a closed loop for `--probe` seconds; the
   rate of 201 answers is the capacity C;
2. overload: requests arrive at `--factor` × C per second for `--duration` seconds
   (an open loop: arrivals do not wait for answers), each from the next address of
   127.1.0.0/16 (so the per-address limit sees a crowd of citizens, not one abuser);
3. the counts per status, latency percentiles, and the acknowledged codes missing
   from the database (must be 0) as one JSON object.

    .venv/bin/python bench/overload.py                        # SQLite
    .venv/bin/python bench/overload.py --postgres postgres://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/overload.py --duration 20 --factor 5
    .venv/bin/python bench/overload.py --workers 2 --postgres postgres://…  # 2 processes
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
FACILITIES = ["BV-DKT-QNG", "BV-SAN-QNG", "TTYT-DP", "TYT-PHOCUONG"]
SETUP = """
import io, django
django.setup()
from complaints import demo
from complaints.routing_defaults import install_default_rules
demo.load(stdout=io.StringIO())
install_default_rules()
"""


def body(n: int) -> bytes:
    return json.dumps(
        {
            "kind": "phan_anh",
            "facility": FACILITIES[n % len(FACILITIES)],
            "title": f"Phản ánh thử tải số {n}",
            "content": f"Nội dung phản ánh thử tải số {n}: phục vụ chưa tốt ({uuid.uuid4()}).",
            "reporter": {"name": "Người thử tải", "email": f"tai{n}@example.vn"},
            "anonymous": False,
            "consent": True,
        },
        ensure_ascii=False,
    ).encode()


class Addresses:
    """127.1.0.1, 127.1.0.2, …: each request from the next loopback address."""

    def __init__(self):
        self.n = 0

    def next(self) -> str:
        self.n += 1
        n = self.n % 65_000 + 1
        return f"127.1.{n // 256}.{n % 256 or 1}"


async def submit(port: int, n: int, address: str, timeout: float) -> tuple[int, float, str]:
    """One POST; (status, seconds, tracking code or ""). Status 0: no answer in time."""
    payload = body(n)
    request = (
        f"POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + payload
    started = time.monotonic()
    writer = None
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0)), timeout
        )
        writer.write(request)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    except TimeoutError:
        return 0, time.monotonic() - started, ""
    except OSError:
        return -1, time.monotonic() - started, ""
    finally:
        if writer is not None:
            writer.close()
    elapsed = time.monotonic() - started
    head, _sep, rest = raw.partition(b"\r\n\r\n")
    try:
        status = int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return -2, elapsed, ""
    code = ""
    if status in (200, 201):
        try:
            code = json.loads(rest.decode())["tracking_code"]
        except (ValueError, KeyError):
            status = -3
    if status == 503 and b"retry-after" not in head.lower():  # names are case-insensitive
        status = -503  # a 503 without Retry-After counts as a failure
    return status, elapsed, code


async def capacity(port: int, workers: int, seconds: float, addresses: Addresses) -> float:
    done, deadline, counter = [], time.monotonic() + seconds, [0]

    async def loop():
        while time.monotonic() < deadline:
            counter[0] += 1
            status, _elapsed, _code = await submit(port, counter[0], addresses.next(), 30)
            if status == 201:
                done.append(1)

    started = time.monotonic()
    await asyncio.gather(*(loop() for _ in range(workers)))
    return len(done) / (time.monotonic() - started)


async def overload(port: int, rate: float, seconds: float, addresses: Addresses, timeout: float):
    results: list[tuple[int, float, str]] = []
    tasks = []
    started = time.monotonic()
    n = 1_000_000
    while (now := time.monotonic()) - started < seconds:
        due = int((now - started) * rate)
        while n - 1_000_000 < due:
            n += 1
            task = asyncio.create_task(submit(port, n, addresses.next(), timeout))
            task.add_done_callback(lambda t: results.append(t.result()))
            tasks.append(task)
        await asyncio.sleep(0.005)
    await asyncio.gather(*tasks)
    return results, time.monotonic() - started


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def stored_codes(env: dict) -> set[str]:
    url = env.get("DATABASE_URL")
    if not url:
        path = Path(env["PORTAL_VAR_DIR"]) / "portal.sqlite3"
        with sqlite3.connect(path) as db:
            return {row[0] for row in db.execute("SELECT tracking_code FROM complaints_case")}
    import psycopg

    with psycopg.connect(url) as db:
        return {row[0] for row in db.execute("SELECT tracking_code FROM complaints_case")}


def cpu_seconds(pid: int) -> float | None:
    """CPU time a worker used (Linux /proc): shows that every worker took its share."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 1)


def wait_for(port: int, seconds: float = 90) -> None:
    """Until the portal answers HTTP (the listening socket exists before any worker runs,
    so a connection alone proves nothing)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
                sock.sendall(b"GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             b"Connection: close\r\n\r\n")
                if sock.recv(16).startswith(b"HTTP/"):
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the portal did not start on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a loopback PostgreSQL server URL (its own DB)")
    parser.add_argument("--port", type=int, default=17801)
    parser.add_argument("--probe", type=float, default=15.0)
    parser.add_argument("--probe-workers", type=int, default=8)
    parser.add_argument("--factor", type=float, default=10.0)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=60.0, help="a hang, in seconds")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes sharing the one listening socket")
    parser.add_argument("--dbname-prefix", default="portal_overload_",
                        help="the name of the PostgreSQL database made for the run")
    args = parser.parse_args()

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    var = tempfile.mkdtemp(prefix="portal-overload-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PORTAL_VAR_DIR": var,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    database = "sqlite"
    dbname = None
    if args.postgres:
        parts = urlsplit(args.postgres)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("--postgres must be a loopback server")
        import psycopg

        dbname = f"{args.dbname_prefix}{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{dbname}"')
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{dbname}"))
        database = "postgresql"
    run = {"cwd": ROOT, "env": env, "check": True}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], **run)
    subprocess.run([PYTHON, "-c", SETUP], **run)
    listener = socket.create_server(("127.0.0.1", args.port), backlog=4096)
    listener.set_inheritable(True)
    servers = [
        subprocess.Popen(
            [PYTHON, "-m", "portal.serve", "--fd", str(listener.fileno()),
             "--access-log", os.devnull, "portal.asgi:application"],
            cwd=ROOT, env=env, pass_fds=[listener.fileno()],
            stderr=open(Path(var) / f"server-{number}.log", "w"),
        )  # fmt: skip
        for number in range(1, args.workers + 1)
    ]
    listener.close()  # the workers hold it now
    try:
        wait_for(args.port)
        time.sleep(5)  # the other workers loaded and accepting too
        addresses = Addresses()
        measured = asyncio.run(capacity(args.port, args.probe_workers, args.probe, addresses))
        rate = max(1.0, measured * args.factor)
        results, elapsed = asyncio.run(
            overload(args.port, rate, args.duration, addresses, args.timeout)
        )
    finally:
        worker_cpu_s = [cpu_seconds(server.pid) for server in servers]
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    statuses = Counter(status for status, _elapsed, _code in results)
    acknowledged = {code for status, _elapsed, code in results if code}
    missing = acknowledged - stored_codes(env)
    by_status = {str(k): v for k, v in sorted(statuses.items())}
    summary = {
        "database": database,
        "workers": args.workers,
        "worker_cpu_s": worker_cpu_s,
        "capacity_per_s": round(measured, 1),
        "offered_per_s": round(rate, 1),
        "duration_s": round(elapsed, 1),
        "requests": len(results),
        "by_status": by_status,
        "no_answer_within_timeout": statuses.get(0, 0),
        "server_errors_5xx": sum(v for k, v in statuses.items() if k >= 500 and k != 503)
        + statuses.get(-503, 0),
        "accepted_per_s": round(statuses.get(201, 0) / elapsed, 1),
        "latency_s": {
            str(status): {
                "p50": percentile([e for s, e, _c in results if s == status], 0.5),
                "p95": percentile([e for s, e, _c in results if s == status], 0.95),
                "max": percentile([e for s, e, _c in results if s == status], 1.0),
            }
            for status in sorted(statuses)
        },
        "acknowledged": len(acknowledged),
        "acknowledged_missing_from_db": len(missing),
        "server_logs": str(Path(var) / "server-*.log"),
    }
    print(json.dumps(summary, indent=2))
    if dbname:
        import psycopg

        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    failed = summary["server_errors_5xx"] or missing or statuses.get(0, 0)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
