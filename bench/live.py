"""Live updates at scale: staff dashboards and citizen followers over WebSocket.

Starts `--servers` WebSocket processes (`python -m portal.serve`, uvicorn, no per-message
deflate unless `--deflate`) and, with `--http-apart` (the default), one more process for the
staff request, as the Production proxy routes `/ws/` apart; all on one PostgreSQL database and
the Redis channel layer (`--layer pubsub`, production's, or `core`). Files `--cases` cases through
the public API (`POST /api/v1/submissions`, tracking code and PIN as a citizen gets them),
creates the staff (`--province-users` inspectors with `view_all_cases`, `--unit-users` handlers
who are members of the followed cases' units), logs each in once (one session cookie per user,
reused by all of that user's dashboards), then opens from `--client-processes` processes (one
asyncio loop each, `websockets`, no compression):

- `--dashboards` staff dashboards `/ws/dashboard/`, round-robin over the staff users and the
  servers;
- `--followers` citizen followers `/ws/submissions/{code}/?pin=PIN`, spread evenly over the
  followed cases and the servers.

Each round is one staff action over HTTP on one followed case (the staff API,
`POST /api/v1/cases/{code}/actions/request_info`, then `complete_info` the next round: both
public, both change the case's state), with the actor's API token. Per connection it records
when the event arrives (the citizen's `case.event`, the staff's `dashboard.case`) and when the
dashboard's counters reflecting the change arrive (the first `dashboard.counters` whose
`by_status` shows the case's new state), counted from the moment the request was sent; and how
long the staff request took. A round waits until every connection had what it expects (or
`--timeout`), then `--pause` seconds (longer than the counters' coalescing interval, so one
round's counters never wait for the previous round's).

The ceiling, measured in the same run, alternating with the rounds: this process sends a
public event straight into the followed cases' groups (`channel_layer.group_send`: no
request, no database, no counters) and records when the followers receive it; the least any
event can cost through the layer, the servers and these clients.

    # a temporary database on the local server (migrated, demo province), dropped at the end
    .venv/bin/python bench/live.py --postgres postgres://postgres@127.0.0.1:5432/postgres
    # an existing database the benchmark may write to (users, sessions, a few cases)
    .venv/bin/python bench/live.py --database-url postgres://postgres@127.0.0.1:5432/portal_h6_100k

`--gc-pauses` starts the WebSocket processes under `bench/gc_pauses.py` and prints, per
process, the garbage collector's pauses of 10 ms or more during the rounds.

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
            "BENCH_CHANNEL_LAYER": args.layer,
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


def start_servers(args, ports: list[int], var_dir: Path) -> list[subprocess.Popen]:
    """The WebSocket processes (`ports[:args.servers]`) and, with `--http-apart`, one more
    for the staff request (the last port), as the Production proxy routes `/ws/` apart."""
    ws_options = ["--ws", args.ws] + (["--ws-per-message-deflate"] if args.deflate else [])
    commands = [(port, ws_options) for port in ports[: args.servers]]
    if args.http_apart:
        commands.append((ports[args.servers], []))
    processes = []
    for n, (port, options) in enumerate(commands):
        log = open(var_dir / f"server-{n}.log", "w")  # noqa: SIM115 (closed with the process)
        # With --gc-pauses the WebSocket processes record their garbage collector's pauses.
        recorder = (["-m", "bench.gc_pauses", str(gc_log(var_dir, n))]
                    if args.gc_pauses and n < args.servers else [])
        processes.append(
            subprocess.Popen(
                [sys.executable, *recorder, "-m", "portal.serve", "-b", HOST, "-p", str(port),
                 *options, "portal.asgi:application"],
                cwd=ROOT, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT,
            )
        )
    for port, _options in commands:
        wait_until_up(port)
    return processes


def gc_log(var_dir: Path, n: int) -> Path:
    return var_dir / f"gc-{n}.log"


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


# ---- the client: processes of asyncio, thousands of connections each ---------------------
#
# The parent process (this one) runs the rounds: it sends the staff request or the ceiling's
# `group_send` and asks each client process when its connections had what they expect. A
# client process reads each message as text with its arrival time and decodes it only when the
# round is collected, so the time a message takes to reach a connection is not lengthened by
# the client's own parsing. Arrival times are `time.monotonic()`: one clock for every process
# of the machine (CLOCK_MONOTONIC), so the parent's start and a child's arrival compare.


@dataclass
class Connection:
    kind: str  # "dashboard" or "follower"
    port: int
    code: str = ""  # the followed case (followers)
    staff: Staff | None = None
    received: list[tuple[float, str]] = field(default_factory=list)  # (arrival, raw text)
    decoded: int = 0  # how many of `received` are in `events` / `counters`
    events: list[tuple[float, dict]] = field(default_factory=list)
    counters: list[tuple[float, dict]] = field(default_factory=list)
    ws: object = None
    reader: asyncio.Task | None = None
    closed: int | None = None
    retries: int = 0  # handshakes the server dropped before this one succeeded

    def decode(self) -> None:
        for at, raw in self.received[self.decoded:]:
            message = json.loads(raw)
            if message.get("type") == "dashboard.counters":
                self.counters.append((at, message["by_status"]))
            else:
                self.events.append((at, message))
        self.decoded = len(self.received)


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
    """Keep each message's text and arrival time; nothing else while messages arrive."""
    from websockets.exceptions import ConnectionClosed

    received, clock = conn.received, time.monotonic
    try:
        async for raw in conn.ws:
            received.append((clock(), raw))
            if not ready.is_set() and '"dashboard.counters"' in raw:
                ready.set()
    except ConnectionClosed as closed:
        conn.closed = closed.rcvd.code if closed.rcvd else -1
    finally:
        if conn.closed is None:
            conn.closed = 0


async def open_all(conns: list[Connection], cases: dict[str, str], concurrency: int,
                   ready_seconds: float) -> int:
    """Connect every client (at most `concurrency` handshakes at once); the dashboards wait
    for their first counters, up to `ready_seconds` each (on a database autovacuum had not
    yet analyzed, connecting 6,000 pages took two minutes and a dashboard's first counters
    more than 120 s after its handshake). Returns how many closed right after connecting."""
    gate = asyncio.Semaphore(concurrency)

    async def one(conn: Connection):
        async with gate:
            ready = asyncio.Event()
            if conn.kind == "dashboard":
                await open_connection(
                    conn, "/ws/dashboard/", [("Cookie", conn.staff.cookie)], ready
                )
                await asyncio.wait_for(ready.wait(), ready_seconds)
            else:
                path = f"/ws/submissions/{quote(conn.code)}/?pin={quote(cases[conn.code])}"
                await open_connection(conn, path, [], ready)

    await asyncio.gather(*(one(c) for c in conns))
    # A follower whose PIN check failed is closed right after the handshake.
    await asyncio.sleep(1)
    return len([c for c in conns if c.closed is not None])


def counted(by_status: dict, staff: Staff, state: dict[str, str]) -> bool:
    """Do these counters show the followed cases of the user's scope in `state`?"""
    expected = {}
    for code in staff.sees:
        for status, delta in ((staff.base_status[code], -1), (state[code], +1)):
            expected[status] = expected.get(status, 0) + delta
    return all(by_status.get(s, 0) == staff.base_counts.get(s, 0) + d
               for s, d in expected.items())


def arrivals(conns: list[Connection], marks: dict[int, int], spec: dict) -> dict[str, list]:
    """Per measure, each concerned connection's arrival time since the mark (None: not yet)."""
    code, action, tag, state = spec["code"], spec.get("action"), spec.get("tag"), spec["state"]

    def new(conn, kind):
        conn.decode()
        events, counters = marks[id(conn)]
        return conn.events[events:] if kind == "events" else conn.counters[counters:]

    def event_at(conn: Connection) -> float | None:
        for at, message in new(conn, "events"):
            if tag is not None:
                if message.get("message") == tag:
                    return at
            elif message.get("action") == action and (
                conn.kind == "follower" or message.get("tracking_code") == code
            ):
                return at
        return None

    def counters_at(conn: Connection) -> float | None:
        for at, by_status in new(conn, "counters"):
            if counted(by_status, conn.staff, state):
                return at
        return None

    followers = [c for c in conns if c.kind == "follower" and c.code == code]
    if tag is not None:  # the ceiling: the followers only
        return {"ceiling: follower event": [event_at(c) for c in followers]}
    watching = [c for c in conns if c.kind == "dashboard" and code in c.staff.sees]
    return {
        "follower event": [event_at(c) for c in followers],
        "dashboard event": [event_at(c) for c in watching],
        "dashboard counters": [counters_at(c) for c in watching],
    }


async def client_main(pipe, conns: list[Connection], cases: dict[str, str]) -> None:
    """One client process: opens its connections, then answers the parent's requests."""
    loop = asyncio.get_running_loop()

    async def ask():
        return await loop.run_in_executor(None, pipe.recv)

    marks: dict[int, tuple[int, int]] = {}
    counts: dict[int, int] = {}
    while True:
        request, spec = await ask()
        if request == "open":
            refused = await open_all(conns, cases, spec["concurrency"], spec["ready_seconds"])
            for conn in conns:
                if conn.kind == "dashboard" and conn.closed is None:
                    conn.decode()  # each user's counters when connected (the same for all)
                    conn.staff.base_counts = conn.counters[0][1]
            pipe.send((refused, sum(c.retries for c in conns)))
        elif request == "mark":
            for conn in conns:
                conn.decode()
            marks = {id(c): (len(c.events), len(c.counters)) for c in conns}
            counts = {id(c): len(c.received) for c in conns}
            pipe.send(None)
        elif request == "collect":
            concerned = [c for c in conns if c.code == spec["code"] or (
                c.kind == "dashboard" and spec["code"] in c.staff.sees and "tag" not in spec)]
            while True:  # until every concerned connection had it, or the round's deadline
                # Decoding and matching run only once every concerned connection has received
                # something new (a count): the client's loop stays free to read while messages
                # arrive, and their arrival times are not delayed by the check.
                late = time.monotonic() >= spec["deadline"]
                if late or all(len(c.received) > counts[id(c)] for c in concerned):
                    found = arrivals(conns, marks, spec)
                    done = all(at is not None for values in found.values() for at in values)
                    if done or late:
                        break
                    await asyncio.sleep(0.5)
                else:
                    await asyncio.sleep(0.1)
            pipe.send(found)
        elif request == "close":
            closed = sorted({c.closed for c in conns if c.closed is not None})
            count = len([c for c in conns if c.closed is not None])
            await asyncio.gather(*(c.ws.close() for c in conns if c.ws is not None),
                                 return_exceptions=True)
            pipe.send((count, closed))
            return


def client_process(pipe, conns: list[Connection], cases: dict[str, str]) -> None:
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    runner(client_main(pipe, conns, cases))


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

    def pct(self, p: float, values: list[float] | None = None) -> float:
        values = self.values if values is None else values
        if not values:
            return float("nan")
        ordered = sorted(values)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index] * 1000

    def last_pct(self, p: float, since: int) -> float:
        """The percentile of the values added since the first `since` (one round's)."""
        return self.pct(p, self.values[since:])


class Clients:
    """The client processes, driven from the parent over one pipe each."""

    def __init__(self, count: int, conns: list[Connection], cases: dict[str, str]):
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.pipes, self.processes = [], []
        for n in range(count):
            parent_end, child_end = context.Pipe()
            process = context.Process(
                target=client_process, args=(child_end, conns[n::count], cases), daemon=True
            )
            process.start()
            self.pipes.append(parent_end)
            self.processes.append(process)

    def ask(self, request: str, spec: dict | None = None) -> list:
        for pipe in self.pipes:
            pipe.send((request, spec or {}))
        return [pipe.recv() for pipe in self.pipes]

    def collect(self, spec: dict, results: dict[str, Sample], started: float) -> None:
        for found in self.ask("collect", spec):
            for name, values in found.items():
                for at in values:
                    results[name].add(at, started)

    def stop(self) -> None:
        for process in self.processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()


def staff_round(clients: Clients, round_no: int, code: str, port: int, token: str,
                state: dict, results: dict[str, Sample], timeout: float) -> None:
    action = ACTIONS[round_no % 2]
    clients.ask("mark")
    started = time.monotonic()
    status, answer = http_json(
        port, "POST", f"/api/v1/cases/{quote(code)}/actions/{action}",
        {"message": "Đề nghị bổ sung bản chụp hóa đơn."} if action == "request_info" else {},
        {"Authorization": f"Token {token}"},
    )
    ended = time.monotonic()
    if status != 200:
        raise SystemExit(f"the staff action {action} on {code} answered {status}: {answer}")
    results["request"].values.append(ended - started)
    state[code] = TARGET[action]
    clients.collect({"code": code, "action": action, "state": state,
                     "deadline": started + timeout}, results, started)


def ceiling_round(clients: Clients, loop, round_no: int, code: str,
                  results: dict[str, Sample], timeout: float) -> None:
    from channels.layers import get_channel_layer

    from complaints import broadcasts

    layer = get_channel_layer()
    tag = f"ceiling-{round_no}"
    clients.ask("mark")
    started = time.monotonic()
    loop.run_until_complete(layer.group_send(
        broadcasts.group_for_case(code),
        {"type": broadcasts.CASE_EVENT,
         # A change_id as every published event has: encoded once per process, as they are.
         "payload": {"action": "received", "status": "received", "at": "", "message": tag,
                     "change_id": f"{tag}-{uuid.uuid4().hex}"}},
    ))
    clients.collect({"code": code, "tag": tag, "state": {}, "deadline": started + timeout},
                    results, started)


def run_client(args, ws_ports: list[int], http_port: int | None, cases: dict[str, str],
               staff: list[Staff], token: str) -> tuple[dict[str, Sample], tuple[float, float]]:
    """The samples of every round, and when the rounds began and ended (unix times)."""
    codes = list(cases)
    dashboards = [
        Connection("dashboard", ws_ports[n % len(ws_ports)], staff=staff[n % len(staff)])
        for n in range(args.dashboards)
    ]
    followers = [
        Connection("follower", ws_ports[n % len(ws_ports)], code=codes[n % len(codes)])
        for n in range(args.followers)
    ]
    clients = Clients(args.client_processes, dashboards + followers, cases)
    loop = asyncio.new_event_loop()  # the ceiling's sends: one loop, one layer connection
    try:
        started = time.monotonic()
        answers = clients.ask("open", {"concurrency": args.connect_concurrency,
                                       "ready_seconds": args.ready_seconds})
        refused = sum(r for r, _retried in answers)
        if refused:
            raise SystemExit(f"{refused} connections closed at connect")
        print(f"connected {len(dashboards)} dashboards and {len(followers)} followers "
              f"in {time.monotonic() - started:.1f} s from {args.client_processes} client "
              f"processes ({sum(r for _r, r in answers)} handshakes retried)", flush=True)
        state = {code: status for code, status in staff[0].base_status.items()}
        results = {name: Sample(name) for name in (
            "follower event", "dashboard event", "dashboard counters", "request",
            "ceiling: follower event")}
        time.sleep(args.pause)
        rounds_started = time.time()  # the window --gc-pauses reports on
        for round_no in range(args.rounds):
            code = codes[round_no % len(codes)]
            ceiling = results["ceiling: follower event"]
            before = ceiling.missing
            ceiling_round(clients, loop, round_no, code, results, args.timeout)
            print(f"  round {round_no + 1}/{args.rounds}: ceiling, "
                  f"{ceiling.missing - before} followers missing", flush=True)
            time.sleep(args.pause)
            try:
                port = http_port or ws_ports[round_no % len(ws_ports)]
                mark = {name: len(sample.values) for name, sample in results.items()}
                staff_round(clients, round_no, code, port, token, state, results, args.timeout)
            except (TimeoutError, OSError) as failed:  # the staff request did not answer
                print(f"!! round {round_no + 1}: the staff request failed ({failed!r}); "
                      "stopping here", flush=True)
                results["request"].missing += 1
                break
            print(f"  round {round_no + 1}/{args.rounds}: request "
                  f"{results['request'].values[-1] * 1000:.0f} ms; p95 "
                  + ", ".join(f"{name} {results[name].last_pct(95, mark[name]):.0f} ms"
                              for name in ("follower event", "dashboard event",
                                           "dashboard counters")), flush=True)
            time.sleep(args.pause)
        rounds_window = (rounds_started, time.time())
        closed = clients.ask("close")
        count = sum(n for n, _codes in closed)
        if count:
            codes_seen = sorted({c for _n, seen in closed for c in seen})
            print(f"!! {count} connections closed during the run (codes {codes_seen})")
        return results, rounds_window
    finally:
        clients.stop()
        loop.close()


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
    parser.add_argument("--ready-seconds", type=float, default=300,
                        help="how long a dashboard may wait for its first counters (300)")
    parser.add_argument("--connect-concurrency", type=int, default=200,
                        help="handshakes in flight at once, per client process")
    parser.add_argument("--client-processes", type=int, default=2,
                        help="processes holding the connections (one asyncio loop each)")
    parser.add_argument("--layer", choices=["pubsub", "core"], default="pubsub",
                        help="channels_redis' pub/sub layer (production) or its list-based one")
    parser.add_argument("--http-apart", action=argparse.BooleanOptionalAction, default=True,
                        help="serve the staff request from a process holding no WebSockets")
    parser.add_argument("--deflate", action="store_true",
                        help="per-message deflate on the WebSocket servers (off in production)")
    parser.add_argument("--ws", default="auto", help="uvicorn's WebSocket implementation")
    parser.add_argument("--keep", action="store_true", help="keep the servers' folder (logs)")
    parser.add_argument("--gc-pauses", action="store_true",
                        help="record the WebSocket processes' garbage-collection pauses "
                             "(bench/gc_pauses.py) and print those of the rounds")
    args = parser.parse_args(argv)
    for url in (args.postgres, args.database_url, args.redis):
        if url and urlsplit(url).hostname not in LOOPBACK:
            parser.error("the database and Redis must be on this machine")
    ports = [int(p) for p in args.ports.split(",")]
    if len(ports) < args.servers + args.http_apart:
        parser.error("give a port for each server (and one for the HTTP process)")
    if args.province_users + args.unit_users < 1:
        parser.error("at least one staff user")

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.dashboards + args.followers + 1000  # clients and servers inherit it
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))  # servers inherit

    var_dir = Path(tempfile.mkdtemp(prefix="bench-live-"))
    temp_db = prepare_environment(args, var_dir)
    processes: list[subprocess.Popen] = []
    try:
        setup_django(fresh=bool(temp_db))
        processes = start_servers(args, ports, var_dir)
        ws_ports = ports[: args.servers]
        http_port = ports[args.servers] if args.http_apart else None
        cases = dict(submit_cases(http_port or ws_ports[0], args.cases))
        staff, token = create_staff(args, list(cases))
        for person in staff:
            if not person.sees:
                print(f"note: {person.username} sees none of the followed cases")
        results, rounds_window = run_client(args, ws_ports, http_port, cases, staff, token)
        print_results(args, results)
        if args.gc_pauses:
            from bench.gc_pauses import summary

            for n in range(args.servers):
                pauses = summary(gc_log(var_dir, n), *rounds_window)
                print(f"server {n}: collections of 10 ms or more during the rounds: "
                      f"{pauses.line()}")
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
