"""The server `make run` starts (`python -m portal.serve`, uvicorn), as a real process on
this machine: HTTP and `/ws/` on one port, PINs redacted in its access log, admission
control in force. The daphne entry point keeps redacting too."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORT_BASE = 15100  # slot 5: ports 15000–15999


def _free_port() -> int:
    for port in range(PORT_BASE, PORT_BASE + 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def _wait_listening(port: int, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not listen")


def _serve(tmp_path: Path, *args: str, **env_extra: str):
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "PORTAL_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT), **env_extra}
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    argv = [a.replace("{port}", str(port)) for a in args]
    output = open(tmp_path / "server.out", "w")  # noqa: SIM115
    process = subprocess.Popen([sys.executable, "-m", "portal.serve", *argv], cwd=ROOT, env=env,
                               stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    _wait_listening(port, process)
    return process, port


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def _request(port: int, raw: bytes, timeout: float = 30) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(raw)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture
def uvicorn_server(tmp_path):
    log = tmp_path / "access.log"
    process, port = _serve(tmp_path, "--port", "{port}", "--access-log", str(log),
                           PORTAL_MAX_IN_FLIGHT="1")
    yield port, log
    _stop(process)


def test_make_run_uses_this_entry_point():
    makefile = (ROOT / "Makefile").read_text()
    assert "-m portal.serve --host 127.0.0.1 --port $(PORT)" in makefile


def test_the_access_log_never_shows_a_pin(uvicorn_server):
    port, log = uvicorn_server
    _request(port, b"GET /api/v1/submissions/YT-2026-000123?pin=73914025 HTTP/1.1\r\n"
                   b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
    deadline = time.monotonic() + 30  # a loaded machine writes the log late
    while "YT-2026-000123" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    text = log.read_text()
    assert "YT-2026-000123?pin=[redacted]" in text
    assert "73914025" not in text


def test_a_websocket_handshake_never_logs_a_pin(capsys):
    """uvicorn logs every handshake, path and query, on its error log ("uvicorn.error"),
    not on the access log: `python -m portal.serve` redacts both."""
    import logging
    import logging.config

    from portal.serve import uvicorn_log_config

    logger = logging.getLogger("uvicorn.error")
    saved = logger.handlers[:], logger.level, logger.propagate
    logging.config.dictConfig(uvicorn_log_config(None))
    try:
        # What uvicorn's websockets protocols log when the consumer accepts.
        logger.info('%s - "WebSocket %s" [accepted]', "127.0.0.1:50000",
                    "/ws/submissions/YT-2026-000126/?pin=48325755")
    finally:
        logger.handlers[:], logger.level, logger.propagate = saved
    text = capsys.readouterr().err
    assert "/ws/submissions/YT-2026-000126/?pin=[redacted]" in text
    assert "48325755" not in text


def test_admission_control_answers_503_while_the_limit_is_in_flight(uvicorn_server):
    port, _log = uvicorn_server
    # A request whose body is still arriving holds the only slot (PORTAL_MAX_IN_FLIGHT=1).
    slow = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        slow.sendall(b"POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
        time.sleep(1.0)
        answer = _request(port, b"GET /tin-tuc/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                b"Connection: close\r\n\r\n")
    finally:
        slow.close()
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 503")
    assert b"retry-after: 5" in head
    assert "Hệ thống đang bận".encode() in answer


def test_websockets_are_served_on_the_same_port(uvicorn_server):
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    port, _log = uvicorn_server

    async def dashboard_without_signing_in() -> int:
        async with connect(f"ws://127.0.0.1:{port}/ws/dashboard/",
                           origin=f"http://127.0.0.1:{port}") as ws:
            try:
                await asyncio.wait_for(ws.recv(), 20)
            except ConnectionClosed as closed:
                return closed.rcvd.code
        return 0

    # Upgraded, then closed by the dashboard consumer: nobody signed in.
    assert asyncio.run(dashboard_without_signing_in()) == 4401


def _negotiated_extensions(port: int) -> str:
    """The extensions the server accepted from a client offering per-message deflate."""
    from websockets.asyncio.client import connect

    async def handshake() -> str:
        async with connect(f"ws://127.0.0.1:{port}/ws/dashboard/",
                           origin=f"http://127.0.0.1:{port}", compression="deflate") as ws:
            return ws.response.headers.get("Sec-WebSocket-Extensions", "")

    return asyncio.run(handshake())


def test_websockets_are_not_compressed_unless_asked(uvicorn_server, tmp_path):
    """Compression is CPU per connection and per message in a live update's fan-out."""
    port, _log = uvicorn_server
    assert "permessage-deflate" not in _negotiated_extensions(port)
    process, other = _serve(tmp_path, "--port", "{port}", "--ws-per-message-deflate")
    try:
        assert "permessage-deflate" in _negotiated_extensions(other)
    finally:
        _stop(process)


def test_daphne_still_redacts(tmp_path):
    log = tmp_path / "daphne.log"
    process, port = _serve(tmp_path, "--server", "daphne", "-b", "127.0.0.1", "-p", "{port}",
                           "--access-log", str(log), "portal.asgi:application")
    try:
        _request(port, b"GET /tra-cuu/YT-2026-000124/?pin=55512345 HTTP/1.1\r\n"
                       b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
        time.sleep(0.5)
    finally:
        _stop(process)
    text = log.read_text()
    assert "pin=[redacted]" in text and "55512345" not in text


def _gunicorn(tmp_path: Path, *args: str) -> tuple[subprocess.Popen, int]:
    """Production's command (README, Production): `gunicorn -c python:portal.gunicorn_conf`,
    on a port of the tests."""
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "PORTAL_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    for name in ("DATABASE_URL", "REDIS_URL", "WEB_CONCURRENCY"):
        env.pop(name, None)
    output = open(tmp_path / "gunicorn.out", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:portal.gunicorn_conf",
         "portal.wsgi:application", "-b", f"127.0.0.1:{port}", *args],
        cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
    )
    _wait_listening(port, process)
    return process, port


def test_gunicorn_redacts_with_the_portals_logger_class(tmp_path):
    log = tmp_path / "gunicorn.log"
    process, port = _gunicorn(tmp_path, "-w", "1", "--threads", "2",
                              "--access-logfile", str(log))
    try:
        _request(port, b"GET /tra-cuu/YT-2026-000125/?pin=66612345&x=1 HTTP/1.1\r\n"
                       b"Host: 127.0.0.1\r\nReferer: http://127.0.0.1/?pin=66612345\r\n"
                       b"Connection: close\r\n\r\n")
        deadline = time.monotonic() + 10
        while "YT-2026-000125" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        _stop(process)
    text = log.read_text()
    assert "YT-2026-000125/?pin=[redacted]" in text and "66612345" not in text


def _workers(master: subprocess.Popen) -> set[int]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text()
    return {int(pid) for pid in children.split()}


def _reload(master: subprocess.Popen, seconds: float = 60) -> None:
    """HUP the master and wait until every worker is a new one (a worker still loading the
    portal accepts nothing yet: what it would take waits in the listening socket's queue)."""
    old = _workers(master)
    os.kill(master.pid, signal.SIGHUP)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = _workers(master)
        if now and not now & old:
            return
        time.sleep(0.2)
    raise RuntimeError("the workers were not replaced")


@pytest.mark.parametrize("reloaded", [False, True], ids=["started", "after-a-reload"])
def test_a_busy_gunicorn_worker_leaves_new_connections_to_a_free_one(tmp_path, reloaded):
    """`portal.gunicorn_conf`: a worker accepts only as many connections as it has threads
    (whatever `--threads` says, and again after a reload), so a request never waits behind a
    busy worker while another is free. Two workers of one thread; one of them is held by a
    request whose body never comes. With gunicorn's default (1,000 connections per worker)
    about half of the next requests would be accepted by the held worker and wait behind it."""
    process, port = _gunicorn(tmp_path, "-w", "2", "--threads", "1")
    if reloaded:  # new workers, from settings read again
        _reload(process)
    held = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        held.sendall(b"POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
        time.sleep(1)  # accepted, its thread waiting for the rest of the body
        # (a worker still loading the portal takes it when loaded: nothing else is sent)
        for _ in range(8):  # each answered while the held request still holds its worker
            answer = _request(port, b"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    b"Connection: close\r\n\r\n", timeout=30)
            assert answer.startswith(b"HTTP/1.1 "), answer[:100]
    finally:
        held.close()
        _stop(process)


def test_the_server_without_its_settings_refuses_in_one_line(tmp_path):
    """`python -m portal.serve` started without DJANGO_SETTINGS_MODULE gets the production
    settings (portal/asgi.py): without the environment file it stops at once with the one
    line naming the variable, never serving the development settings with DEBUG on."""
    env = {"PATH": os.environ["PATH"], "PORTAL_VAR_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "portal.serve", "--port", str(_free_port())],
        cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )
    assert out.returncode == 1
    [line] = out.stderr.strip().splitlines()
    assert line.startswith("ImproperlyConfigured: SECRET_KEY chưa được đặt"), line


def test_a_body_too_large_is_refused_before_it_is_read(uvicorn_server):
    """Without a reverse proxy (`python -m portal.serve` alone): 413 in Vietnamese as soon as
    the headers announce more than the cap (portal/body_limit.py), the 40 MB never sent."""
    port, _log = uvicorn_server
    started = time.monotonic()
    answer = _request(port, b"POST /gui-phan-anh/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            b"Content-Type: multipart/form-data; boundary=x\r\n"
                            b"Content-Length: 41943040\r\n\r\n--x\r\n")
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 413")
    assert "Tệp đính kèm quá lớn".encode() in answer
    assert time.monotonic() - started < 20


def test_an_access_log_in_a_missing_folder_is_refused_in_one_line(tmp_path):
    """An access log in a folder that does not exist stops the server at once with one
    line naming the folder and what to do, not logging's traceback from inside uvicorn."""
    missing = tmp_path / "logs" / "access.log"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    out = subprocess.run(
        [sys.executable, "-m", "portal.serve", "--port", str(_free_port()),
         "--access-log", str(missing)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert f"thư mục {missing.parent} không có" in out.stderr
    assert "--access-log -" in out.stderr
