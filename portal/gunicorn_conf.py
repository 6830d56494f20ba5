"""gunicorn's settings for production's HTTP (README, Production):

    .venv/bin/gunicorn -c python:portal.gunicorn_conf portal.wsgi:application \\
        --access-logfile /var/log/portal/access.log

Four gthread workers of four threads on 127.0.0.1:8001, behind nginx; any of it can be
given on the command line too (`-w 8`, `--threads 2`, `-b …`: it wins over this file).

**A worker accepts only the connections its threads can serve now.** By default a gthread
worker accepts up to 1,000 connections and keeps each one, kept alive, for itself: with 16
keep-alive connections on 4 workers of 4 threads, one worker held 9 of them (5 waiting behind
its threads) while another held 1 (docs/benchmarks.md, "Public intake", eighth round). Here
`worker_connections` equals `threads` (set when gunicorn starts and on each reload, whatever
`--threads` says)
and nothing is kept alive (nginx keeps the citizens' connections; between nginx and gunicorn,
on the loopback, a new connection per request costs little): a request left waiting waits in
the listening socket's queue, where the first worker with a free thread takes it. Measured
at 32 clients: p95 352–426 ms and p99 382–461 ms, against 699–829 and 778–896 ms with
gunicorn's defaults, at the same rate."""

import os

bind = "127.0.0.1:8001"
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "gthread"
threads = 4
keepalive = 0  # close after each response: a connection never waits behind a busy worker
logger_class = "portal.serve.GunicornAccessLog"  # secrets redacted from its logs


def on_starting(server):
    """As many connections per worker as threads, after the command line was read."""
    server.cfg.set("worker_connections", server.cfg.threads)


on_reload = on_starting  # a reload (HUP) reads the settings again, then starts new workers
