"""The portal's URLs plus the two ceilings the submissions benchmark compares with.
Only `bench.settings` uses this urlconf; production URLs never include it.

- `POST /bench/bare-insert` parses the same JSON and inserts one case row in one
  transaction, with none of the intake's work: the ceiling of HTTP + JSON + one write.
- `POST /bench/fair-insert` writes the rows one accepted submission writes — the case
  and its history row, the reporter and its history row, the public "received" event,
  the routing decision, the deadline rows and their history rows, the case's search row
  and the queued task's row — in one transaction, in plain SQL (one `INSERT` per table,
  the deadline rows in one multi-row `INSERT`).
  The routing and the deadlines are those the real code gives a phản ánh today,
  computed once at the first request: what is left out is the intake's own work
  (validation, reads, the duplicate check, routing and deadline computation, the
  tracking number, the ORM, history bookkeeping, signals)."""

import datetime
import functools
import json
import threading
import uuid

from django.db import connection, transaction
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django_tasks_db.models import DBTaskResult, get_date_max

from complaints.models import Case, CaseDeadline, CaseEvent, Reporter, RoutingDecision
from portal.urls import urlpatterns as portal_urlpatterns
from search.models import CaseSearchEntry


@csrf_exempt
def bare_insert(request):
    if request.method != "POST":
        return JsonResponse({"detail": "POST only"}, status=405)
    data = json.loads(request.body)
    code = f"BENCH-{uuid.uuid4().hex[:20]}"
    with transaction.atomic():
        # bulk_create: one INSERT, no history row, no signals.
        Case.objects.bulk_create(
            [
                Case(
                    tracking_code=code,
                    kind=data.get("kind", "phan_anh"),
                    channel="api",
                    title=data.get("title", "")[:255],
                    content=data.get("content", ""),
                    received_at=timezone.now(),
                )
            ]
        )
    return JsonResponse({"tracking_code": code}, status=201)


# ---- the fair ceiling -------------------------------------------------------------------

_plan_lock = threading.Lock()
_plans: dict = {}


def _plan(facility_code: str, category_code: str):
    """(facility, category, route plan, deadline rows) for a phản ánh about this facility
    and category today, computed once by the real routing and deadline code."""
    key = (facility_code, category_code, timezone.localdate())
    with _plan_lock:
        if key not in _plans:
            from complaints.models import Category, Facility
            from complaints.services import deadlines, routing

            facility = Facility.objects.filter(code=facility_code).first()
            category = Category.objects.filter(code=category_code).first()
            case = Case(kind="phan_anh", channel="api", facility=facility, category=category,
                        received_at=timezone.now())
            plan = routing.route_plan(case=case)
            schedule = deadlines.case_schedule(case=case)
            rows = [
                (step.step, deadlines._row_values(step)) for step in schedule.steps
                if step.step not in deadlines.engine.NOTICE_STEPS
            ]
            _plans[key] = (facility, category, plan, schedule, rows)
        return _plans[key]


def _values(instance, fields) -> list:
    return [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]


def _insert(cursor, model, instances) -> list[int]:
    """One plain `INSERT … VALUES (…), (…) RETURNING pk` of `instances`; their ids."""
    quote = connection.ops.quote_name
    pk = model._meta.pk
    # The database numbers an auto primary key; a UUID key is the row's own value.
    fields = [f for f in model._meta.local_concrete_fields if not (f is pk and f.db_returning)]
    columns = ", ".join(quote(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    params = [value for instance in instances for value in _values(instance, fields)]
    cursor.execute(
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES {', '.join([row] * len(instances))} RETURNING {quote(pk.column)}",
        params,
    )
    return [r[0] for r in cursor.fetchall()]


def _history(instance, *, reason: str, at):
    """The simple-history row of an insert, as simple-history would write it."""
    historical = type(instance).history.model
    kept = {f.attname for f in historical._meta.concrete_fields}
    values = {
        f.attname: getattr(instance, f.attname)
        for f in type(instance)._meta.concrete_fields
        if f.attname in kept
    }
    return historical(history_date=at, history_type="+", history_change_reason=reason,
                      history_user_id=None, **values)


@csrf_exempt
def fair_insert(request):
    if request.method != "POST":
        return JsonResponse({"detail": "POST only"}, status=405)
    data = json.loads(request.body)
    facility, category, plan, schedule, rows = _plan(data.get("facility", ""),
                                                     data.get("category", ""))
    now = timezone.now()
    code = f"BENCH-{uuid.uuid4().hex[:20]}"
    reason = "origin=api action=case_submit"
    reporter = data.get("reporter") or {}
    case = Case(
        tracking_code=code, kind=data.get("kind", "phan_anh"), channel="api",
        status="received", title=data.get("title", "")[:255], content=data.get("content", ""),
        incident_date=datetime.date.fromisoformat(data["incident_date"])
        if data.get("incident_date") else None,
        facility=facility, category=category, received_at=now,
        idempotency_key=f"api:{request.headers.get('Idempotency-Key', uuid.uuid4().hex)}",
        request_fingerprint=uuid.uuid4().hex * 2, pin_hash=uuid.uuid4().hex * 2,
        assigned_unit=plan.result.unit, forwarded_to=plan.result.forward_to,
        accept_by=schedule.accept_by, resolve_by=schedule.resolve_by,
    )
    with transaction.atomic(), connection.cursor() as cursor:
        (case.pk,) = _insert(cursor, Case, [case])
        _insert(cursor, Case.history.model, [_history(case, reason=reason, at=now)])
        reporter_row = Reporter(
            case=case, name=reporter.get("name", ""), phone=reporter.get("phone", ""),
            email=reporter.get("email", ""), consent_processing=bool(data.get("consent")),
            consent_recorded_at=now,
        )
        (reporter_row.pk,) = _insert(cursor, Reporter, [reporter_row])
        _insert(cursor, Reporter.history.model, [_history(reporter_row, reason=reason, at=now)])
        (event_id,) = _insert(cursor, CaseEvent, [CaseEvent(
            case=case, action="received", from_status="", to_status="received", at=now,
            is_public=True, public_message=f"Hồ sơ đã được tiếp nhận, mã hồ sơ {code}.",
            data={"channel": "api", "origin": "api", "warnings": []},
        )])
        _insert(cursor, RoutingDecision, [RoutingDecision(
            case=case, rule=plan.result.rule, rule_snapshot=plan.snapshot,
            unit=plan.result.unit, forwarded_to=plan.result.forward_to,
            reason=plan.result.reason,
        )])
        deadlines = [CaseDeadline(case=case, step=step, **values) for step, values in rows]
        if deadlines:
            for row, pk in zip(deadlines, _insert(cursor, CaseDeadline, deadlines), strict=True):
                row.pk = pk
            _insert(cursor, CaseDeadline.history.model, [
                _history(row, reason="origin=api action=case_deadlines_refresh", at=now)
                for row in deadlines
            ])
        # The case's search row (the database search backend's), as long as the intake's.
        _insert(cursor, CaseSearchEntry, [CaseSearchEntry(
            case=case, folded_text=f"{code} {case.title} {case.content}".lower(),
        )])
        # The queued background work (the citizen's receipt, the unit's alert): one row
        # of the database task queue, as the intake queues one batch (on a queue of its
        # own, which no worker runs).
        _insert(cursor, DBTaskResult, [DBTaskResult(
            args_kwargs={"args": [[
                ["complaints.notifications.notifier.deliver_citizen_notice",
                 [case.pk, event_id, "citizen_received"], {}],
                ["complaints.notifications.staff.unit_alert_deliver", [],
                 {"case_id": case.pk, "event_id": event_id}],
            ]], "kwargs": {}},
            task_path="portal.tasks.run_batched", queue_name="bench-ceiling",
            backend_name="default", run_after=get_date_max(),
        )])
    return JsonResponse({"tracking_code": code}, status=201)


urlpatterns = [
    path("bench/bare-insert", bare_insert),
    path("bench/fair-insert", fair_insert),
    *portal_urlpatterns,
]


# ---- the public pages' and servers' ceilings (bench/public_pages.py, bench/servers.py) ----
# Two views as cheap as Django makes them, through the same middleware as every page:
# "hello world", and a 20-row ORM query rendered by a Django template.

ROWS_TEMPLATE = """<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cơ sở</title>
<table>{% for facility in facilities %}
<tr><td>{{ facility.code }}</td><td>{{ facility.name }}</td><td>{{ facility.address }}</td></tr>
{% endfor %}</table></html>"""


def bench_hello(request):
    from django.http import HttpResponse

    return HttpResponse(b"Hello, world", content_type="text/plain")


@functools.cache
def _rows_template():
    from django.template import engines

    return engines["django"].from_string(ROWS_TEMPLATE)  # compiled once, as a cached loader


def bench_rows(request):
    from django.http import HttpResponse

    from complaints.models import Facility

    facilities = Facility.objects.order_by("code")[:20]
    return HttpResponse(_rows_template().render({"facilities": facilities}, request))


urlpatterns = [
    path("bench/hello", bench_hello),
    path("bench/rows", bench_rows),
    *urlpatterns,
]
