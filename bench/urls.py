"""The portal's URLs plus `POST /bench/bare-insert`: the ceiling the submissions
benchmark compares with. It parses the same JSON and inserts one case row in one
transaction, with none of the intake's work (validation, tracking-code lock,
history, reporter, routing, deadlines, events). Only `bench.settings` uses this
urlconf; production URLs never include it."""

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
