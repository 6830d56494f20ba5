"""Faults under load: the portal answers 201, 429 or 503 with Retry-After, never a 5xx
or a hang, and loses no acknowledged case (docs/reliability.md).

Each scenario starts what it breaks itself, on its own port, in a temporary directory:

- `postgres`: a PostgreSQL server of its own (initdb, port 17802), restarted
  (`pg_ctl restart -m fast`) a third of the way through the load;
- `redis`: a redis-server of its own (port 17803) as cache and channel layer, stopped
  a third of the way through and started again at two thirds;
- `search`: the search engine stopped: ELASTICSEARCH_URL names a port where nothing
  answers (17804); submissions, the home page and the search API are requested.

Then it sends `--rate` submissions per second for `--duration` seconds from many
loopback addresses (plus the home page and a search in the `search` and `redis` cases)
and prints the counts per status and phase, and the acknowledged codes missing from
the database, as JSON.

    .venv/bin/python bench/faults.py postgres
    .venv/bin/python bench/faults.py redis --rate 15 --duration 45
    .venv/bin/python bench/faults.py search
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.overload import (  # noqa: E402
    PYTHON,
    ROOT,
    SETUP,
    Addresses,
    stored_codes,
    submit,
    wait_for,
)

PG_PORT, REDIS_PORT, SEARCH_PORT, PORTAL_PORT = 17802, 17803, 17804, 17805


def _as_postgres(command: list[str], **kwargs):
    """Run a PostgreSQL tool as the `postgres` user when this is root (initdb refuses root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, **kwargs)


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise SystemExit(f"{name} not found: install PostgreSQL")


class Postgres:
    def __init__(self, base: Path):
        self.data = base / "pgdata"
        self.log = base / "postgres.log"
        base.chmod(0o777)

    def start(self) -> str:
        _as_postgres([_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"],
                     stdout=subprocess.DEVNULL)
        self._ctl("start")
        _as_postgres([_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U",
                      "postgres", "portal"])
        return f"postgres://postgres@127.0.0.1:{PG_PORT}/portal"

    def _ctl(self, action: str, *extra: str) -> None:
        _as_postgres([_pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                      "-o", f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1", action,
                      *extra], stdout=subprocess.DEVNULL)

    def fault(self) -> None:
        self._ctl("restart", "-m", "fast")

    def recover(self) -> None:
        pass

    def stop(self) -> None:
        self._ctl("stop", "-m", "immediate")


class Redis:
    def __init__(self, base: Path):
        self.base = base
        self.process = None

    def start(self) -> str:
        self._run()
        return f"redis://127.0.0.1:{REDIS_PORT}/0"

    def _run(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.base)],
            stdout=subprocess.DEVNULL,
        )
        wait_for(REDIS_PORT, 10)

    def fault(self) -> None:
        self.process.terminate()
        self.process.wait(10)

    def recover(self) -> None:
        self._run()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


async def get(port: int, path: str, address: str, timeout: float) -> int:
    started = time.monotonic()
    writer = None
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0)), timeout
        )
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                     .encode())
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout - (time.monotonic() - started))
    except TimeoutError:
        return 0
    except OSError:
        return -1
    finally:
        if writer is not None:
            writer.close()
    head = raw.partition(b"\r\n\r\n")[0]
    status = int(head.split(b" ", 2)[1])
    # Header names are case-insensitive (uvicorn's h11 writes them in lower case).
    return -503 if status == 503 and b"retry-after" not in head.lower() else status


async def load(args, fault, recover, extra_paths: list[str]):
    addresses = Addresses()
    results: list[tuple[str, str, int, str]] = []
    tasks = []
    started = time.monotonic()
    faulted = recovered = False
    n = 0

    def phase(now: float) -> str:
        if not faulted:
            return "before"
        return "during" if not recovered else "after"

    async def one_submission(n: int, label: str):
        status, _elapsed, code = await submit(PORTAL_PORT, n, addresses.next(), args.timeout)
        results.append((label, "submission", status, code))

    async def one_get(path: str, label: str):
        status = await get(PORTAL_PORT, path, addresses.next(), args.timeout)
        results.append((label, path.split("?")[0], status, ""))

    while (now := time.monotonic()) - started < args.duration:
        elapsed = now - started
        if not faulted and elapsed >= args.duration / 3:
            faulted = True
            await asyncio.get_running_loop().run_in_executor(None, fault)
        if faulted and not recovered and elapsed >= 2 * args.duration / 3:
            recovered = True
            await asyncio.get_running_loop().run_in_executor(None, recover)
        while n < int(elapsed * args.rate):
            n += 1
            label = phase(now)
            tasks.append(asyncio.create_task(one_submission(n, label)))
            if extra_paths and n % 3 == 0:
                tasks.append(asyncio.create_task(one_get(extra_paths[(n // 3) % len(extra_paths)],
                                                         label)))
        await asyncio.sleep(0.01)
    await asyncio.gather(*tasks)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", choices=["postgres", "redis", "search"])
    parser.add_argument("--rate", type=float, default=10.0, help="submissions per second")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix=f"portal-fault-{args.scenario}-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PORTAL_VAR_DIR": str(base / "var"),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    for name in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"):
        env.pop(name, None)
    service = None
    extra_paths: list[str] = []
    if args.scenario == "postgres":
        service = Postgres(base)
        env["DATABASE_URL"] = service.start()
    elif args.scenario == "redis":
        service = Redis(base)
        env["REDIS_URL"] = service.start()
        extra_paths = ["/", "/tra-cuu/"]
    else:
        env["ELASTICSEARCH_URL"] = f"http://127.0.0.1:{SEARCH_PORT}"  # nothing answers
        extra_paths = ["/", "/api/v1/search?q=benh+vien", "/tim-kiem/?q=y+te"]
    run = {"cwd": ROOT, "env": env, "check": True}
    server = None
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], **run)
        subprocess.run([PYTHON, "-c", SETUP], **run)
        server = subprocess.Popen(
            [PYTHON, "-m", "portal.serve", "-b", "127.0.0.1", "-p", str(PORTAL_PORT),
             "--access-log", os.devnull, "portal.asgi:application"],
            cwd=ROOT, env=env, stderr=open(base / "server.log", "w"),
        )
        wait_for(PORTAL_PORT)
        fault = service.fault if service else (lambda: None)
        recover = service.recover if service else (lambda: None)
        results = asyncio.run(load(args, fault, recover, extra_paths))
        missing = {c for *_rest, c in results if c} - stored_codes(env)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
        if service is not None:
            service.stop()
    counts: dict[str, Counter] = defaultdict(Counter)
    for label, what, status, _code in results:
        counts[f"{what} {label}"][str(status)] += 1
    failures = sum(1 for _l, _w, s, _c in results if (s >= 500 and s != 503) or s in (0, -503))
    summary = {
        "scenario": args.scenario,
        "rate_per_s": args.rate,
        "duration_s": args.duration,
        "by_phase_and_status": {k: dict(sorted(v.items())) for k, v in sorted(counts.items())},
        "server_errors_or_hangs": failures,
        "acknowledged": sum(1 for *_r, c in results if c),
        "acknowledged_missing_from_db": len(missing),
        "server_log": str(base / "server.log"),
    }
    print(json.dumps(summary, indent=2))
    sys.exit(1 if failures or missing else 0)


if __name__ == "__main__":
    main()
