"""Health probes for nginx, systemd or a monitor (README, Production, "Health probes").

- `/healthz`, liveness: the process answers. No I/O at all, so a busy database never gets
  a process restarted. "ok", 200.
- `/readyz`, readiness: a query on the database, a round trip through the cache's Redis
  (past the memory fallback of `portal.cache`, which would hide it) and, when
  `ELASTICSEARCH_URL` is set, a ping of the search engine; the checks run side by side,
  each given `PORTAL_READYZ_TIMEOUT` seconds (2). JSON naming each part "ok",
  "unavailable" or "timeout"; 200 when all are ok, else 503. The answer never carries an
  address, a name or an error message (the log line does).
- `/healthz/queue`, the background queue, for a monitor that alerts: one indexed query on
  django-tasks' database queue (portal/queue_state.py), given the same time. JSON with the
  tasks waiting for the worker and the oldest one's wait in seconds; 503 ("stale") when that
  wait is over `PORTAL_QUEUE_STALE_MINUTES`, else 200 ("ok"); 503 "unavailable" or
  "timeout" when the database does not answer; 200 "not_measured" on a queue kept
  elsewhere. Never part of `/readyz`: a backlog is the worker's trouble, and taking every
  web server out of the load balancer for it would stop the citizens too.

`HealthProbeMiddleware` answers all three right after admission control, before anything else:
no HTTPS redirect, no host check (a monitor may call 127.0.0.1), no page cache, session,
language or rate limit. `/healthz` passes admission control too (`_EXEMPT_PATHS`); a
full process answers `/readyz` and `/healthz/queue` 503, which is what "not ready" means
(each is a database query: never one that a flood of calls could run past the limit).
The URL routes (`portal/urls.py`) name them for `reverse()` and the permission matrix.

django-health-check (4.x) was considered: one endpoint rather than two, 500 instead of 503,
per-check error text in the answer, no Elasticsearch check and no time limit per check,
and it brings psutil and dnspython; the three checks here are a few lines each."""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor, wait

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpResponse, JsonResponse

from portal.middleware import SyncAndAsyncMiddleware

logger = logging.getLogger("portal.reliability")

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"
QUEUE_PATH = "/healthz/queue"
DEFAULT_TIMEOUT = 2.0


def _database() -> None:
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()  # this thread's own connection (back to the pool, if any)


def _cache() -> None:
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    key, value = f"readyz:{uuid.uuid4().hex}", "ok"
    # Redis itself when it is the cache: `FallbackRedisCache` would answer from memory.
    backend = RedisCache if isinstance(cache, RedisCache) else type(cache)
    backend.set(cache, key, value, 10)
    if backend.get(cache, key) != value:
        raise RuntimeError("the cache did not give back what was stored")
    backend.delete(cache, key)


def _search() -> None:
    from search.backends import get_backend

    seconds = _timeout()
    client = get_backend().client.options(request_timeout=seconds, max_retries=0)
    if not client.ping():
        raise ConnectionError("the search engine did not answer the ping")


CHECKS = {"database": _database, "cache": _cache, "search": _search}


def _timeout() -> float:
    return float(getattr(settings, "PORTAL_READYZ_TIMEOUT", DEFAULT_TIMEOUT))


def _checked_parts() -> list[str]:
    parts = ["database", "cache"]
    if getattr(settings, "ELASTICSEARCH_URL", None):
        parts.append("search")
    return parts


def _run(name: str) -> str:
    try:
        CHECKS[name]()
    except Exception as error:  # noqa: BLE001 (any failure is "unavailable", logged)
        logger.warning("readiness: %s unavailable: %s: %s", name, type(error).__name__, error)
        return "unavailable"
    return "ok"


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def liveness(request) -> HttpResponse:
    return _no_store(HttpResponse(b"ok", content_type="text/plain; charset=utf-8"))


def readiness(request) -> JsonResponse:
    parts = _checked_parts()
    executor = ThreadPoolExecutor(max_workers=len(parts), thread_name_prefix="readyz")
    futures = {name: executor.submit(_run, name) for name in parts}
    wait(futures.values(), timeout=_timeout())
    executor.shutdown(wait=False, cancel_futures=True)  # a hung check is not waited for
    checks = {}
    for name, future in futures.items():
        checks[name] = future.result() if future.done() else "timeout"
        if checks[name] == "timeout":
            logger.warning("readiness: %s did not answer within %s s", name, _timeout())
    healthy = all(state == "ok" for state in checks.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    return _no_store(JsonResponse(body, status=200 if healthy else 503))


def _queue_state():
    from portal.queue_state import read_queue_state

    try:
        return read_queue_state()
    finally:
        from django.db import connection

        connection.close()  # this thread's own connection (back to the pool, if any)


def _queue_answer() -> tuple[dict, int]:
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz-queue")
    future = executor.submit(_queue_state)
    wait([future], timeout=_timeout())
    executor.shutdown(wait=False, cancel_futures=True)  # a hung query is not waited for
    if not future.done():
        logger.warning("queue probe: the database did not answer within %s s", _timeout())
        return {"status": "timeout"}, 503
    try:
        state = future.result()
    except Exception as error:  # noqa: BLE001 (any failure is "unavailable", logged)
        logger.warning("queue probe: unavailable: %s: %s", type(error).__name__, error)
        return {"status": "unavailable"}, 503
    if not state.measured:
        return {"status": "not_measured"}, 200
    from portal.queue_state import stale_after

    oldest = state.oldest_wait
    queue = {
        "waiting": state.waiting,
        "oldest_wait_seconds": int(oldest.total_seconds()) if oldest is not None else None,
        "stale_after_seconds": int(stale_after().total_seconds()),
    }
    if state.stale:
        return {"status": "stale", "queue": queue}, 503
    return {"status": "ok", "queue": queue}, 200


def queue(request) -> JsonResponse:
    body, status = _queue_answer()
    return _no_store(JsonResponse(body, status=status))


class HealthProbeMiddleware(SyncAndAsyncMiddleware):
    """Answers `/healthz`, `/readyz` and `/healthz/queue` before the rest of the chain (sync
    and async)."""

    def before(self, request):
        if request.path_info == LIVENESS_PATH:
            return liveness(request)
        if request.path_info == READINESS_PATH:
            return readiness(request)
        if request.path_info == QUEUE_PATH:
            return queue(request)
        return None

    async def abefore(self, request):
        if request.path_info == LIVENESS_PATH:
            return liveness(request)
        # In a thread of its own: its wait never holds the event loop or the thread that
        # runs the sync views.
        if request.path_info == READINESS_PATH:
            return await sync_to_async(readiness, thread_sensitive=False)(request)
        if request.path_info == QUEUE_PATH:
            return await sync_to_async(queue, thread_sensitive=False)(request)
        return None
