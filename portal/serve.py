"""`python -m portal.serve`: the portal's ASGI server (HTTP and `/ws/` on one port) with
an access log that never shows a secret of a URL (a PIN, a re-send link's `khoa`…).

    python -m portal.serve --host 127.0.0.1 --port 8000 [--workers N] [--access-log FILE]
        uvicorn (uvloop, httptools, websockets): what `make run` uses (HTTP and /ws/), and
        production's /ws/; measured against daphne and gunicorn in docs/benchmarks.md.
        WebSockets without per-message compression unless `--ws-per-message-deflate`.
    python -m portal.serve --server daphne [daphne options] portal.asgi:application
        daphne, as before, same options as `daphne`.
    gunicorn -k gthread --logger-class portal.serve.GunicornAccessLog portal.wsgi:application
        production's HTTP on WSGI (no `/ws/`), its access log redacted the same way.

An access log line shows the query string: `GET /api/v1/submissions/YT-2026-000123?pin=…`.
A tracking code and its PIN are the key to a citizen's case, so every server's logs say
`?pin=[redacted]` instead, and so for every secret `portal.logs` names (`?khoa=`, …).
Admission control is in the ASGI application itself (`portal.asgi`,
`AsgiAdmissionControl`), so it holds under either server."""

from __future__ import annotations

import argparse
import copy
import logging
import os
import sys
from pathlib import Path

from daphne.access import AccessLogGenerator

from portal.logs import RedactSecretsFilter, redact_secrets

APPLICATION = "portal.asgi:application"


# ---- daphne -------------------------------------------------------------------------------


class RedactingAccessLog(AccessLogGenerator):
    def write_entry(self, host, date, request, *args, **kwargs):
        super().write_entry(host, date, redact_secrets(request), *args, **kwargs)


def _daphne(argv: list[str]) -> None:
    from daphne import cli

    cli.AccessLogGenerator = RedactingAccessLog
    cli.CommandLineInterface().run(argv)


# ---- uvicorn ------------------------------------------------------------------------------


class RedactSecretArgs(logging.Filter):
    """uvicorn's access record keeps the path in its arguments (its formatter unpacks
    them), so the secrets are redacted there rather than in the formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_secrets(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def uvicorn_log_config(access_log: str | None) -> dict:
    """uvicorn's own logging configuration with the secrets' filter on its access log, written
    to `access_log` (a file; "-" or None: standard output), and on its error log, where
    uvicorn writes each WebSocket handshake (`"WebSocket /ws/submissions/<code>/?pin=…"
    [accepted]`, the citizen's tracking page)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact_secrets": {"()": "portal.serve.RedactSecretArgs"}}
    access = config["handlers"]["access"]
    if access_log and access_log != "-":
        access.pop("stream", None)
        access.update({"class": "logging.FileHandler", "filename": access_log})
    access["filters"] = ["redact_secrets"]
    config["handlers"]["default"]["filters"] = ["redact_secrets"]
    return config


def access_log_problem(access_log: str | None) -> str:
    """Why the access log cannot be written ("" when it can): said in one line before the
    server starts, not as logging's traceback from inside uvicorn."""
    if not access_log or access_log == "-":
        return ""
    folder = Path(access_log).resolve().parent
    if not folder.is_dir():
        return (f"--access-log {access_log}: thư mục {folder} không có. Tạo thư mục "
                "(mkdir -p) hoặc dùng --access-log - để ghi ra màn hình.")
    if not os.access(folder, os.W_OK) or (
        Path(access_log).exists() and not os.access(access_log, os.W_OK)
    ):
        return (f"--access-log {access_log}: tài khoản chạy cổng không có quyền ghi vào "
                f"{folder}. Cấp quyền ghi hoặc chọn thư mục khác.")
    return ""


def _uvicorn(argv: list[str]) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m portal.serve")
    parser.add_argument("--host", "-b", default="127.0.0.1")
    parser.add_argument("--port", "-p", type=int, default=int(os.environ.get("PORT") or 8000))
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--access-log", default="-", help="a file, or - for standard output")
    parser.add_argument("--proxy-headers", action="store_true",
                        help="trust X-Forwarded-For/-Proto from --forwarded-allow-ips")
    parser.add_argument("--forwarded-allow-ips", default="127.0.0.1")
    # Live updates are a few hundred bytes of JSON: compressing them saves little and costs
    # CPU per connection and per message, the fan-out's own cost (docs/benchmarks.md, "Live
    # updates at scale"). Off unless asked for.
    parser.add_argument("--ws-per-message-deflate", action="store_true",
                        help="offer per-message compression on WebSockets (off by default)")
    parser.add_argument("--ws", default="auto",
                        help="uvicorn's WebSocket implementation (auto, websockets, "
                             "websockets-sansio, wsproto)")
    parser.add_argument("application", nargs="?", default=APPLICATION)
    args = parser.parse_args(argv)
    problem = access_log_problem(args.access_log)
    if problem:
        parser.error(problem)
    uvicorn.run(
        args.application,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=uvicorn_log_config(args.access_log),
        proxy_headers=args.proxy_headers,
        forwarded_allow_ips=args.forwarded_allow_ips,
        ws=args.ws,
        ws_per_message_deflate=args.ws_per_message_deflate,
        # Django's lifespan is not used; say so once rather than on every start.
        lifespan="off",
    )


# ---- gunicorn (WSGI, portal/wsgi.py): production's HTTP (README, Production) ---------------


def _gunicorn_logger():
    from gunicorn.glogging import Logger

    class GunicornAccessLog(Logger):
        """`gunicorn --logger-class portal.serve.GunicornAccessLog`: every field of the
        access line (request line, query string, referrer, headers) without a secret, and
        its error log ("Error handling request /path?…") too."""

        def setup(self, cfg):
            super().setup(cfg)
            if not any(isinstance(f, RedactSecretsFilter) for f in self.error_log.filters):
                self.error_log.addFilter(RedactSecretsFilter())

        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            for name, value in atoms.items():
                if isinstance(value, str):
                    atoms[name] = redact_secrets(value)
            if atoms.get("q"):  # the query string alone has no "?" before its first name
                atoms["q"] = redact_secrets("?" + atoms["q"])[1:]
            return atoms

    return GunicornAccessLog


def __getattr__(name: str):
    if name == "GunicornAccessLog":  # gunicorn is imported only by a gunicorn process
        return _gunicorn_logger()
    raise AttributeError(name)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    server = "uvicorn"
    if "--server" in argv:
        index = argv.index("--server")
        server = argv[index + 1]
        del argv[index:index + 2]
    from portal.settings.env import SettingsError

    try:
        if server == "daphne":
            _daphne(argv)
        elif server == "uvicorn":
            _uvicorn(argv)
        else:
            raise SystemExit(f"--server: daphne or uvicorn, not {server!r}")
    except SettingsError as error:  # one line naming the variable, as manage.py says it
        sys.exit(f"ImproperlyConfigured: {error}")


if __name__ == "__main__":
    main()
