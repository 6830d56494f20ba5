"""Live updates at scale: staff dashboards and citizen followers over WebSocket.

Starts `--servers` portal processes (`python -m portal.serve`, daphne, `bench.settings`) on one
PostgreSQL database and the Redis channel layer, files `--cases` cases through the public API
(`POST /api/v1/submissions`, tracking code and PIN as a citizen gets them), creates the staff
(`--province-users` inspectors with `view_all_cases`, `--unit-users` handlers who are members
of the followed cases' units), logs each in once (one session cookie per user, reused by all
of that user's dashboards), then opens from this one asyncio process (`websockets`):

- `--dashboards` staff dashboards `/ws/dashboard/`, round-robin over the staff users and the
  servers;
- `--followers` citizen followers `/ws/submissions/{code}/?pin=PIN`, spread evenly over the
  followed cases and the servers.

Each round is one staff action over HTTP on one followed case (the staff API,
`POST /api/v1/cases/{code}/actions/request_info`, then `complete_info` the next round: both
public, both change the case's state), sent to the servers in turn with the actor's API token.
Per connection it records when the event arrives (the citizen's `case.event`, the staff's
`dashboard.case`) and when the dashboard's counters reflecting the change arrive (the first
`dashboard.counters` whose `by_status` shows the case's new state), counted from the moment
the request was sent; and how long the staff request took. A round waits until every
connection had what it expects (or `--timeout`), then `--pause` seconds (longer than the
counters' coalescing interval, so one round's counters never wait for the previous round's).

The ceiling, measured in the same run, alternating with the rounds: this process sends a
public event straight into the followed cases' groups (`channel_layer.group_send`: no
request, no database, no counters) and records when the followers receive it; the least any
event can cost through the layer, the servers and this client.

    # a temporary database on the local server (migrated, demo province), dropped at the end
    .venv/bin/python bench/live.py --postgres postgres://postgres@127.0.0.1:5432/postgres
    # an existing database the benchmark may write to (users, sessions, a few cases)
    .venv/bin/python bench/live.py --database-url postgres://postgres@127.0.0.1:5432/portal_h6_100k

The Redis database (`--redis`, default `redis://127.0.0.1:6379/6`) is flushed at the start: it
must be one the benchmark owns. The client and the servers share the machine's cores: read the
delays against the ceiling of the same run."""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
HOST = "127.0.0.1"
ACTIONS = ("request_info", "complete_info")  # received → needs_info → received …
TARGET = {"request_info": "needs_info", "complete_info": "received"}
RETRIES = 5
STAFF_PERMISSIONS = [
    "complaints.view_case",
    "complaints.act_on_case",
    "wagtailadmin.access_admin",
]


# ---- set-up: database, Django, staff, servers ------------------------------------------


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def prepare_environment(args, var_dir: Path) -> str | None:
    """Environment of this process and of the servers; a temporary database when asked.
    Returns the temporary database's name (to drop), or None."""
    temp_db = None
    if args.postgres:
        import psycopg

        temp_db = f"bench_live_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.postgres, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{temp_db}"')
        database_url = _with_database(args.postgres, temp_db)
    else:
        database_url = args.database_url
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PORTAL_VAR_DIR": str(var_dir),  # one SECRET_KEY for the servers and the sessions
            "DATABASE_URL": database_url,
            "REDIS_URL": args.redis,
            "PYTHONPATH": str(ROOT),
        }
    )
    for name in ("ELASTICSEARCH_URL", "EMAIL_URL"):
        os.environ.pop(name, None)
    return temp_db


def setup_django(*, fresh: bool) -> None:
    import io

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if fresh:
        from complaints import demo

        demo.load(stdout=io.StringIO())
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()


def start_servers(count: int, ports: list[int], var_dir: Path) -> list[subprocess.Popen]:
    processes = []
    for n, port in enumerate(ports[:count]):
        log = open(var_dir / f"server-{n}.log", "w")  # noqa: SIM115 (closed with the process)
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "portal.serve", "-b", HOST, "-p", str(port),
                 "portal.asgi:application"],
                cwd=ROOT, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT,
            )
        )
    for port in ports[:count]:
        wait_until_up(port)
    return processes


def wait_until_up(port: int, seconds: float = 90) -> None:
    from bench.submissions import wait_until_up as wait_for_portal

    wait_for_portal(HOST, port, seconds)


def http_json(port: int, method: str, path: str, body=None, headers=None) -> tuple[int, dict]:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    payload = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    connection.request(
        method, path, body=payload,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, (json.loads(data) if data else {})


def submit_cases(port: int, count: int) -> list[tuple[str, str]]:
    """File `count` phản ánh through the public API: (tracking code, PIN) of each."""
    stamp = int(time.time())
    facilities = ["BV-DKT-QNG", "BV-SAN-QNG", "BV-DTT", "TTYT-DP"]
    cases = []
    for n in range(count):
        status, answer = http_json(
            port, "POST", "/api/v1/submissions",
            {
                "kind": "phan_anh",
                "facility": facilities[n % len(facilities)],
                "category": "thai-do-phuc-vu",
                "title": f"Thử tải theo dõi trực tuyến {stamp}-{n}",
                "content": "Nhân viên khoa khám bệnh không hướng dẫn người bệnh, phải chờ lâu.",
                "incident_date": time.strftime("%Y-%m-%d"),
                "reporter": {"name": f"Người theo dõi {n}", "phone": f"08{stamp % 10**7:07d}{n}",
                             "email": f"theodoi{stamp}-{n}@example.vn"},
                "anonymous": False,
                "consent": True,
                "consent_contact": False,
            },
            {"Idempotency-Key": uuid.uuid4().hex},
        )
        if status != 201:
            raise SystemExit(f"submission refused ({status}): {answer}")
        cases.append((answer["tracking_code"], answer["pin"]))
    return cases


@dataclass
class Staff:
    username: str
    cookie: str
    sees: set[str]  # the followed cases in this user's scope (Case.objects.in_scope_of)
    base_status: dict[str, str]  # their state when the dashboards connect
    base_counts: dict[str, int] = field(default_factory=dict)  # by_status at connect


def create_staff(args, codes: list[str]) -> tuple[list[Staff], str]:
    """Province inspectors and unit handlers (members of the followed cases' units), one
    session each; an API token for the inspector who acts. Returns (staff, token key)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.test import Client

    from complaints.models import ApiToken, Case, FacilityMembership

    def permission(name: str) -> Permission:
        app, codename = name.split(".")
        return Permission.objects.get(content_type__app_label=app, codename=codename)

    staff_perms = [permission(p) for p in STAFF_PERMISSIONS]
    province_perm = permission("complaints.view_all_cases")
    cases = list(Case.objects.filter(tracking_code__in=codes))
    units = sorted({c.assigned_unit_id for c in cases if c.assigned_unit_id})
    if args.unit_users and not units:
        raise SystemExit("the followed cases were routed to no unit: no unit handlers")
    run = uuid.uuid4().hex[:6]
    User = get_user_model()
    users = []
    for n in range(args.province_users):
        user = User.objects.create_user(f"bench-live-{run}-tinh-{n}", password=None)
        user.user_permissions.add(*staff_perms, province_perm)
        users.append(user)
    for n in range(args.unit_users):
        user = User.objects.create_user(f"bench-live-{run}-donvi-{n}", password=None)
        user.user_permissions.add(*staff_perms)
        FacilityMembership.objects.create(user=user, facility_id=units[n % len(units)])
        users.append(user)
    staff = []
    for user in users:
        user = User.objects.get(pk=user.pk)  # fresh permission caches
        client = Client()
        client.force_login(user)
        in_scope = Case.objects.in_scope_of(user).filter(tracking_code__in=codes)
        staff.append(
            Staff(
                username=user.username,
                cookie=f"sessionid={client.cookies['sessionid'].value}",
                sees=set(in_scope.values_list("tracking_code", flat=True)),
                base_status={c.tracking_code: c.status for c in cases},
            )
        )
    actor = User.objects.get(pk=users[0].pk) if args.province_users else None
    if actor is None:
        actor = User.objects.create_user(f"bench-live-{run}-actor", password=None)
        actor.user_permissions.add(*staff_perms, province_perm)
    _token, key = ApiToken.issue(user=actor, name=f"bench live {run}")
    return staff, key


# ---- the client: one asyncio process, thousands of connections ------------------------


@dataclass
class Connection:
    kind: str  # "dashboard" or "follower"
    port: int
    code: str = ""  # the followed case (followers)
    staff: Staff | None = None
    events: list[tuple[float, dict]] = field(default_factory=list)
    counters: list[tuple[float, dict]] = field(default_factory=list)
    ws: object = None
    reader: asyncio.Task | None = None
    closed: int | None = None
    retries: int = 0  # handshakes the server dropped before this one succeeded


async def open_connection(conn: Connection, path: str, headers: list, ready: asyncio.Event):
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidHandshake

    uri = f"ws://{HOST}:{conn.port}{path}"
    for attempt in range(RETRIES + 1):
        try:
            conn.ws = await connect(
                uri,
                origin=f"http://{HOST}:{conn.port}",
                additional_headers=headers,
                compression=None,
                ping_interval=None,
                open_timeout=120,
                close_timeout=5,
                max_queue=None,
            )
            break
        except (TimeoutError, OSError, InvalidHandshake):
            # As a browser's page would: reconnect after a pause (counted in the report).
            if attempt == RETRIES:
                raise
            conn.retries += 1
            await asyncio.sleep(1 + attempt)
    conn.reader = asyncio.get_running_loop().create_task(read(conn, ready))


async def read(conn: Connection, ready: asyncio.Event) -> None:
    from websockets.exceptions import ConnectionClosed

    try:
        async for raw in conn.ws:
            now = time.monotonic()
            message = json.loads(raw)
            kind = message.get("type")
            if kind == "dashboard.counters":
                conn.counters.append((now, message["by_status"]))
                ready.set()
            else:
                conn.events.append((now, message))
    except ConnectionClosed as closed:
        conn.closed = closed.rcvd.code if closed.rcvd else -1
    finally:
        if conn.closed is None:
            conn.closed = 0


async def open_all(conns: list[Connection], cases: dict[str, str], concurrency: int) -> float:
    """Connect every client (at most `concurrency` handshakes at once); the dashboards wait
    for their first counters. Returns the seconds it took."""
    started = time.monotonic()
    gate = asyncio.Semaphore(concurrency)

    async def one(conn: Connection):
        async with gate:
            ready = asyncio.Event()
            if conn.kind == "dashboard":
                await open_connection(
                    conn, "/ws/dashboard/", [("Cookie", conn.staff.cookie)], ready
                )
                await asyncio.wait_for(ready.wait(), 120)
            else:
                path = f"/ws/submissions/{quote(conn.code)}/?pin={quote(cases[conn.code])}"
                await open_connection(conn, path, [], ready)

    await asyncio.gather(*(one(c) for c in conns))
    # A follower whose PIN check failed is closed right after the handshake.
    await asyncio.sleep(1)
    refused = [c for c in conns if c.closed is not None]
    if refused:
        raise SystemExit(f"{len(refused)} connections closed at connect "
                         f"(codes {sorted({c.closed for c in refused})})")
    return time.monotonic() - started


@dataclass
class Sample:
    name: str
    values: list[float] = field(default_factory=list)  # seconds
    missing: int = 0

    def add(self, at: float | None, started: float) -> None:
        """One connection's arrival time (None: it never came within the round)."""
        if at is None:
            self.missing += 1
        else:
            self.values.append(at - started)

    def pct(self, p: float) -> float:
        if not self.values:
            return float("nan")
        ordered = sorted(self.values)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index] * 1000


def counted(by_status: dict, staff: Staff, state: dict[str, str]) -> bool:
    """Do these counters show the followed cases of the user's scope in `state`?"""
    expected = {}
    for code in staff.sees:
        for status, delta in ((staff.base_status[code], -1), (state[code], +1)):
            expected[status] = expected.get(status, 0) + delta
    return all(by_status.get(s, 0) == staff.base_counts.get(s, 0) + d
               for s, d in expected.items())


async def staff_round(round_no: int, code: str, port: int, token: str, state: dict,
                      dashboards: list[Connection], followers: list[Connection],
                      results: dict[str, Sample], timeout: float) -> None:
    action = ACTIONS[round_no % 2]
    marks = {id(c): (len(c.events), len(c.counters)) for c in dashboards + followers}

    def act() -> tuple[float, float, int, dict]:
        started = time.monotonic()
        status, answer = http_json(
            port, "POST", f"/api/v1/cases/{quote(code)}/actions/{action}",
            {"message": "Đề nghị bổ sung bản chụp hóa đơn."} if action == "request_info" else {},
            {"Authorization": f"Token {token}"},
        )
        return started, time.monotonic(), status, answer

    started, ended, status, answer = await asyncio.to_thread(act)
    if status != 200:
        raise SystemExit(f"the staff action {action} on {code} answered {status}: {answer}")
    results["request"].values.append(ended - started)
    state[code] = TARGET[action]
    watching = [c for c in dashboards if code in c.staff.sees]
    fol = [c for c in followers if c.code == code]

    def event_at(conn: Connection) -> float | None:
        for at, message in conn.events[marks[id(conn)][0]:]:
            if message.get("action") == action and (
                conn.kind == "follower" or message.get("tracking_code") == code
            ):
                return at
        return None

    def counters_at(conn: Connection) -> float | None:
        for at, by_status in conn.counters[marks[id(conn)][1]:]:
            if counted(by_status, conn.staff, state):
                return at
        return None

    deadline = started + timeout
    while time.monotonic() < deadline:
        if all(event_at(c) for c in fol + watching) and all(counters_at(c) for c in watching):
            break
        await asyncio.sleep(0.05)
    for conn in fol:
        results["follower event"].add(event_at(conn), started)
    for conn in watching:
        results["dashboard event"].add(event_at(conn), started)
        results["dashboard counters"].add(counters_at(conn), started)


async def ceiling_round(round_no: int, code: str, followers: list[Connection],
                        results: dict[str, Sample], timeout: float) -> None:
    from channels.layers import get_channel_layer

    from complaints import broadcasts

    layer = get_channel_layer()
    fol = [c for c in followers if c.code == code]
    marks = {id(c): len(c.events) for c in fol}
    tag = f"ceiling-{round_no}"
    started = time.monotonic()
    await layer.group_send(
        broadcasts.group_for_case(code),
        {"type": broadcasts.CASE_EVENT,
         "payload": {"action": "received", "status": "received", "at": "", "message": tag}},
    )

    def at_of(conn):
        for at, message in conn.events[marks[id(conn)]:]:
            if message.get("message") == tag:
                return at
        return None

    deadline = started + timeout
    while time.monotonic() < deadline and not all(at_of(c) for c in fol):
        await asyncio.sleep(0.05)
    for conn in fol:
        results["ceiling: follower event"].add(at_of(conn), started)


async def run_client(args, ports: list[int], cases: dict[str, str], staff: list[Staff],
                     token: str) -> dict[str, Sample]:
    codes = list(cases)
    dashboards = [
        Connection("dashboard", ports[n % len(ports)], staff=staff[n % len(staff)])
        for n in range(args.dashboards)
    ]
    followers = [
        Connection("follower", ports[n % len(ports)], code=codes[n % len(codes)])
        for n in range(args.followers)
    ]
    seconds = await open_all(dashboards + followers, cases, args.connect_concurrency)
    retried = sum(c.retries for c in dashboards + followers)
    print(f"connected {len(dashboards)} dashboards and {len(followers)} followers "
          f"in {seconds:.1f} s ({retried} handshakes retried)", flush=True)
    # Each user's counters when connected (the same for all of a user's dashboards).
    for conn in dashboards:
        conn.staff.base_counts = conn.counters[0][1]
    state = {code: status for code, status in staff[0].base_status.items()}
    results = {name: Sample(name) for name in (
        "follower event", "dashboard event", "dashboard counters", "request",
        "ceiling: follower event")}
    await asyncio.sleep(args.pause)
    for round_no in range(args.rounds):
        code = codes[round_no % len(codes)]
        await ceiling_round(round_no, code, followers, results, args.timeout)
        await asyncio.sleep(args.pause)
        try:
            await staff_round(round_no, code, ports[round_no % len(ports)], token, state,
                              dashboards, followers, results, args.timeout)
        except (TimeoutError, OSError) as failed:  # the staff request itself did not answer
            print(f"!! round {round_no + 1}: the staff request failed ({failed!r}); "
                  "stopping here", flush=True)
            results["request"].missing += 1
            break
        print(f"  round {round_no + 1}/{args.rounds}: request "
              f"{results['request'].values[-1] * 1000:.0f} ms", flush=True)
        await asyncio.sleep(args.pause)
    closed = [c for c in dashboards + followers if c.closed is not None]
    if closed:
        print(f"!! {len(closed)} connections closed during the run "
              f"(codes {sorted({c.closed for c in closed})})")
    await asyncio.gather(*(c.ws.close() for c in dashboards + followers),
                         return_exceptions=True)
    return results


def print_results(args, results: dict[str, Sample]) -> None:
    print()
    print(f"{args.servers} servers, {args.dashboards} dashboards "
          f"({args.province_users} province + {args.unit_users} unit users), "
          f"{args.followers} followers on {args.cases} case(s), {args.rounds} rounds")
    print(f"{'measure':<26}{'samples':>9}{'missing':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'max ms':>9}")
    for sample in results.values():
        top = max(sample.values) * 1000 if sample.values else float("nan")
        print(f"{sample.name:<26}{len(sample.values):>9}{sample.missing:>9}"
              f"{sample.pct(50):>9.1f}{sample.pct(95):>9.1f}{sample.pct(99):>9.1f}{top:>9.1f}")
    ceiling = results["ceiling: follower event"]
    if ceiling.values:
        print(f"ratio p95 / ceiling p95: followers "
              f"{results['follower event'].pct(95) / ceiling.pct(95):.2f}, dashboards' event "
              f"{results['dashboard event'].pct(95) / ceiling.pct(95):.2f}, counters "
              f"{results['dashboard counters'].pct(95) / ceiling.pct(95):.2f}")
    if results["request"].values:
        print(f"staff request mean {statistics.mean(results['request'].values) * 1000:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--postgres", metavar="SERVER_URL",
                       help="a temporary database on this (loopback) server, dropped at the end")
    where.add_argument("--database-url", help="an existing database the benchmark may write to")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/6",
                        help="a Redis database the benchmark owns (flushed)")
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--ports", default="16001,16002,16003,16004")
    parser.add_argument("--dashboards", type=int, default=1000)
    parser.add_argument("--followers", type=int, default=5000)
    parser.add_argument("--cases", type=int, default=1, help="followed cases (default 1)")
    parser.add_argument("--province-users", type=int, default=10)
    parser.add_argument("--unit-users", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--pause", type=float, default=2.0,
                        help="seconds between rounds (more than the coalescing interval)")
    parser.add_argument("--timeout", type=float, default=20.0,
                        help="seconds a round waits for every connection")
    parser.add_argument("--connect-concurrency", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the servers' folder (logs)")
    args = parser.parse_args(argv)
    for url in (args.postgres, args.database_url, args.redis):
        if url and urlsplit(url).hostname not in LOOPBACK:
            parser.error("the database and Redis must be on this machine")
    ports = [int(p) for p in args.ports.split(",")][: args.servers]
    if len(ports) < args.servers:
        parser.error("give a port for each server")
    if args.province_users + args.unit_users < 1:
        parser.error("at least one staff user")

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.dashboards + args.followers + 1000
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))  # servers inherit

    var_dir = Path(tempfile.mkdtemp(prefix="bench-live-"))
    temp_db = prepare_environment(args, var_dir)
    processes: list[subprocess.Popen] = []
    try:
        setup_django(fresh=bool(temp_db))
        processes = start_servers(args.servers, ports, var_dir)
        cases = dict(submit_cases(ports[0], args.cases))
        staff, token = create_staff(args, list(cases))
        for person in staff:
            if not person.sees:
                print(f"note: {person.username} sees none of the followed cases")
        results = asyncio.run(run_client(args, ports, cases, staff, token))
        print_results(args, results)
        return 0
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        from django.db import connections

        connections.close_all()
        if temp_db:
            import psycopg

            with psycopg.connect(args.postgres, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{temp_db}" WITH (FORCE)')
        if args.keep:
            print(f"kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
