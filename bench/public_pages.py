"""Public pages against the two ceilings of the same server process, in one run.

A portal of its own (temporary SQLite database, or a temporary database on a loopback
PostgreSQL with `--postgres`, caches on Redis with `--redis`), the demo province loaded
(`load_demo_data`: pages, cases), served by ONE process of the server `make run` ships
(`python -m portal.serve`, uvicorn; `--server daphne` for the former one), driven by the
light load generator of bench/http_load.py (one asyncio thread, 4 keep-alive
connections) for `--seconds` a figure:

- hello world (`bench/hello`, through the whole middleware chain) and a 20-row ORM view
  rendered by a Django template (`bench/rows`): the ceilings (bench/urls.py);
- the home page and a news article answered from the page cache (cms/page_cache.py),
  and revalidated (If-None-Match → 304);
- the same two pages uncached: a query string the page ignores keeps the cache out,
  so each request routes, queries and renders the page (the home page's figures come
  from their own 5-minute cache, as in production).

Aims (issue 16 §4): cached above 0.8 of hello world, uncached above 0.5 of the 20-row view.

    .venv/bin/python bench/public_pages.py
    .venv/bin/python bench/public_pages.py --postgres postgres://postgres@127.0.0.1:5432/postgres \\
        --redis redis://127.0.0.1:6379/5
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import http_load, servers  # noqa: E402


def news_article(port: int) -> str:
    html = urllib.request.urlopen(f"http://127.0.0.1:{port}/tin-tuc/", timeout=30).read()
    paths = re.findall(r'href="(/tin-tuc/[a-z0-9-]+/)"', html.decode())
    if not paths:
        raise SystemExit("no news article on /tin-tuc/")
    return paths[0]


def measure(port: int, seconds: float) -> list[tuple[str, str, http_load.Result]]:
    article = news_article(port)
    for path in ("/", article):  # warm the page cache
        http_load.run("127.0.0.1", port, lambda n, p=path: http_load.get(p), connections=1,
                      seconds=0.3)
    etag = None
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
        etag = response.headers["ETag"]
    plan = [
        ("hello world", "ceiling", lambda n: http_load.get("/bench/hello")),
        ("20-row template view", "ceiling", lambda n: http_load.get("/bench/rows")),
        ("home page", "cached", lambda n: http_load.get("/")),
        ("news article", "cached", lambda n: http_load.get(article)),
        ("home page, 304", "cached",
         lambda n: http_load.get("/", headers=f"If-None-Match: {etag}\r\n")),
        ("home page", "uncached", lambda n: http_load.get(f"/?bench={n}")),
        ("news article", "uncached", lambda n: http_load.get(f"{article}?bench={n}")),
    ]
    results = []
    for label, kind, make in plan:
        result = http_load.run("127.0.0.1", port, make, connections=4, seconds=seconds)
        results.append((label, kind, result))
    return results


def print_table(results, title: str) -> None:
    hello = results[0][2].rate
    rows = results[1][2].rate
    print(title)
    print(f"{'page':<22}{'':<10}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
          f"{'÷hello':>8}{'÷rows':>8}{'non-2xx/304':>12}")
    for label, kind, result in results:
        bad = sum(c for s, c in result.statuses.items() if s not in (200, 304))
        print(f"{label:<22}{kind:<10}{result.rate:>8.0f}{result.percentile(0.5):>8.1f}"
              f"{result.percentile(0.95):>8.1f}{result.rate / hello:>8.2f}"
              f"{result.rate / rows:>8.2f}{bad + result.errors:>12}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--server", choices=["uvicorn", "daphne"], default="uvicorn")
    parser.add_argument("--postgres", help="a loopback PostgreSQL server URL")
    parser.add_argument("--redis", help="a loopback Redis URL for the caches")
    parser.add_argument("--no-fragments", action="store_true",
                        help="render the listings' fragments every time "
                             "(PORTAL_FRAGMENT_SECONDS=0, cms/fragments.py)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="portal-pages-") as tmp_name:
        tmp = Path(tmp_name)
        database = url = None
        if args.postgres:
            database, url = servers.create_postgres(args.postgres)
        try:
            env = servers.prepare(tmp, url, args.redis)
            if args.no_fragments:
                env["PORTAL_FRAGMENT_SECONDS"] = "0"
            process, port = servers.start(args.server, 1, env, tmp)
            try:
                results = measure(port, args.seconds)
            finally:
                servers.stop(process)
        finally:
            if database:
                servers.drop_postgres(args.postgres, database)
    where = "PostgreSQL" + (" + Redis" if args.redis else "") if database else "SQLite"
    where += ", no fragment cache" if args.no_fragments else ", fragment cache"
    print_table(results, f"# {where}, one {args.server} process, {args.seconds:g} s a figure, "
                         f"4 connections, cores: {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
