"""A light HTTP/1.1 load generator for the page and server benchmarks: one asyncio
thread, a few keep-alive connections, each sending its next request when the last
answer is read (closed loop), for a fixed time. No dependency; on this 2-core machine
it takes a fraction of one core, and every figure is compared with a ceiling measured
by the same generator in the same run.

    rate = run(host, port, lambda n: b"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n", ...)
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Result:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def get(path: str, host: str = "127.0.0.1", headers: str = "") -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{headers}\r\n".encode()


def post_json(path: str, body: bytes, host: str = "127.0.0.1") -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """(status, keep-alive) of one response, its body read and dropped."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip().lower()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif status not in (204, 304):
        await reader.read()  # until the server closes
        return status, False
    return status, headers.get("connection") != "close"


async def _load(host, port, make_request, connections, seconds) -> Result:
    result = Result(seconds=seconds)
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def client() -> None:
        reader = writer = None
        while time.perf_counter() < deadline:
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                request = make_request(next(counter))
                started = time.perf_counter()
                writer.write(request)
                status, keep = await _read_response(reader)
                result.latencies.append(time.perf_counter() - started)
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if not keep:
                    writer.close()
                    writer = None
            except (OSError, asyncio.IncompleteReadError, ValueError):
                result.errors += 1
                if writer is not None:
                    writer.close()
                writer = None
                await asyncio.sleep(0.01)
        if writer is not None:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    result.seconds = time.perf_counter() - started
    return result


def run(host: str, port: int, make_request: Callable[[int], bytes], *, connections: int = 4,
        seconds: float = 5.0) -> Result:
    """Send `make_request(n)` over `connections` keep-alive connections for `seconds`."""
    return asyncio.run(_load(host, port, make_request, connections, seconds))


def wait_until_up(host: str, port: int, path: str = "/bench/hello", timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = run(host, port, lambda n: get(path), connections=1, seconds=0.2)
            if result.statuses.get(200):
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"no answer on {host}:{port}{path}")
