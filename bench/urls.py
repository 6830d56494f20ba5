"""The portal's URLs plus `POST /bench/bare-insert`: the ceiling the submissions
benchmark compares with. It parses the same JSON and inserts one case row in one
transaction, with none of the intake's work (validation, tracking-code lock,
history, reporter, routing, deadlines, events). Only `bench.settings` uses this
urlconf; production URLs never include it."""

import functools
import json
import uuid

from django.db import transaction
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from complaints.models import Case
from portal.urls import urlpatterns as portal_urlpatterns


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


urlpatterns = [path("bench/bare-insert", bare_insert), *portal_urlpatterns]


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
