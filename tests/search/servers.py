"""Real Elasticsearch-compatible servers for the search tests, started on 127.0.0.1
in this slot's port range (16000–16999), nothing downloaded at run time:

- noida-db (answers as Elasticsearch 8.15, its defaults kept), `--only elasticsearch`
  so PostgreSQL's and Redis's ports are left alone;
- osmem-server (in-memory OpenSearch API). It refuses the Elasticsearch client's
  compatibility Content-Type, so the client talks to it through `PlainJsonNode`.

A server that cannot start fails the test on CI and skips it elsewhere."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

from elastic_transport import HttpHeaders, Urllib3HttpNode

PORTS = range(int(os.environ.get("TEST_SEARCH_PORT_FROM", "16200")), 17000)


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 16200–16999")


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server at {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer within {timeout} s")


class Server:
    def __init__(self, name: str, url: str, process: subprocess.Popen, cleanup=None):
        self.name, self.url, self.process, self._cleanup = name, url, process, cleanup

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._cleanup:
            self._cleanup()


def _noida_binary() -> str | None:
    """The bundled binary itself: the `noida-db` console script is a Python wrapper
    that would outlive nothing but leave the server running when terminated."""
    try:
        from importlib.resources import files

        path = files("noida_db").joinpath("noida-db")
    except ModuleNotFoundError:
        return None
    if not path.is_file():
        return None
    os.chmod(str(path), 0o755)
    return str(path)


def start_noida() -> Server:
    binary = _noida_binary()
    if not binary:
        raise RuntimeError("noida-db is not installed (pip install -e '.[test]')")
    port = free_port()
    data = tempfile.mkdtemp(prefix="noida-search-")
    process = subprocess.Popen(
        [binary, "start", "--only", "elasticsearch", "--host", "127.0.0.1",
         "--elasticsearch-port", str(port), "--data-dir", data],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url, process)
    return Server("noida-db", url, process, lambda: shutil.rmtree(data, ignore_errors=True))


def start_osmem() -> Server:
    from osmem_server import resolve_binary

    port = free_port()
    process = subprocess.Popen(
        [resolve_binary(), "--addr", f"127.0.0.1:{port}", "--no-ja",
         "--parent-pid", str(os.getpid())],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url, process)
    return Server("osmem-server", url, process)


class PlainJsonNode(Urllib3HttpNode):
    """Test-only transport node: plain `application/json` instead of the client's
    `application/vnd.elasticsearch+json; compatible-with=8`, which osmem refuses,
    and the product header the client checks for, which osmem does not send."""

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        headers = dict(headers or {})
        for name in list(headers):
            if name.lower() in ("content-type", "accept") and "vnd.elasticsearch" in headers[name]:
                headers[name] = "application/json"
        response = super().perform_request(
            method, target, body=body, headers=headers, request_timeout=request_timeout
        )
        if "x-elastic-product" not in response.meta.headers:
            patched = HttpHeaders(response.meta.headers)
            patched["X-Elastic-Product"] = "Elasticsearch"
            response.meta.headers = patched.freeze()
        return response
