"""CPU time spent by the benchmark's own server and by its database's PostgreSQL backends,
read from Linux's /proc (user + system time of each process).

A rate measured on a shared machine moves with its neighbours (another VM on the host,
a helper's tests); the CPU seconds a request costs move less (on 4 December 2026 still by a
third between runs), so the benchmarks print both, and a change is read against a ceiling's
CPU in the same run.

Limits: a process that exits during a run takes its time with it (PostgreSQL backends live
as long as the pool's connections, 600 s; the server's workers as long as the run), and on
a machine without /proc the figures are absent (`None`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class CpuReading:
    server: float  # seconds: the server process and every process below it
    database: float | None  # seconds: PostgreSQL backends of its database (None: SQLite)


def _stat(pid: str) -> tuple[int, float] | None:
    """(parent pid, user + system seconds) of a process, None once it is gone."""
    try:
        text = (PROC / pid / "stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # the name may hold spaces and ")"
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS


def _is_backend_of(pid: str, database: str) -> bool:
    """A PostgreSQL backend's title: "postgres: 15/main: USER DATABASE HOST(PORT) STATE"."""
    try:
        title = (PROC / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return title.startswith("postgres:") and f" {database} " in title


def cpu_reading(server_pid: int | None, database: str | None) -> CpuReading | None:
    """CPU seconds so far of the server's process tree and of the database's backends."""
    if server_pid is None or not PROC.is_dir():
        return None
    stats = {pid: _stat(pid) for pid in os.listdir(PROC) if pid.isdigit()}
    children: dict[int, list[int]] = {}
    for pid, stat in stats.items():
        if stat is not None:
            children.setdefault(stat[0], []).append(int(pid))
    server, todo = 0.0, [server_pid]
    while todo:
        pid = todo.pop()
        stat = stats.get(str(pid))
        if stat is not None:
            server += stat[1]
        todo.extend(children.get(pid, ()))
    backends = None
    if database:
        backends = sum(
            stat[1] for pid, stat in stats.items()
            if stat is not None and _is_backend_of(pid, database)
        )
    return CpuReading(server=server, database=backends)


def cpu_per_request(before: CpuReading | None, after: CpuReading | None,
                    requests: int) -> tuple[float, float | None] | None:
    """(server ms, database ms or None) of CPU per request between two readings."""
    if before is None or after is None or not requests:
        return None
    database = None
    if before.database is not None and after.database is not None:
        database = (after.database - before.database) * 1000 / requests
    return (after.server - before.server) * 1000 / requests, database
