"""The background queue watched: when the worker (`manage.py db_worker`) stops or falls
behind, the operator sees it on the admin home and in the report "Tác vụ nền lỗi", and a
monitor sees it on `/healthz/queue` (portal/queue_state.py, portal/health.py)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.portal.test_tasks import DATABASE_QUEUE, record, run_worker

TASK_TABLE = "django_tasks_database_dbtaskresult"
WARNING = "Tác vụ nền đang bị chậm"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queued(count: int, *, minutes_ago: int, run_after_minutes_ago: int | None = None) -> None:
    """`count` tasks on the database queue, queued `minutes_ago` (and deferred until
    `run_after_minutes_ago`, when given)."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    for n in range(count):
        result = record.enqueue(f"task-{n}")
        changes = {"enqueued_at": now - datetime.timedelta(minutes=minutes_ago)}
        if run_after_minutes_ago is not None:
            changes["run_after"] = now - datetime.timedelta(minutes=run_after_minutes_ago)
        DBTaskResult.objects.filter(pk=result.id).update(**changes)


def task_table_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if TASK_TABLE in q["sql"]]


def operator():
    user = UserFactory(admin_access=True)
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="django_tasks_database", codename="view_dbtaskresult"
        )
    )
    return user


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.PORTAL_QUEUE_STALE_MINUTES = 10


# ---- the admin home -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_home_warns_a_superuser_of_a_queue_that_waits_too_long(database_queue):
    queued(2, minutes_ago=25)
    home = signed_in(UserFactory(superuser=True)).get("/admin/")
    text = home.content.decode()
    assert home.status_code == 200
    assert (
        "Tác vụ nền đang bị chậm: 2 việc đang chờ, lâu nhất 25 phút. "
        "Kiểm tra tiến trình xử lý nền (db_worker)."
    ) in text
    assert reverse("portal_failed_tasks") in text


@pytest.mark.django_db
def test_the_operator_who_may_open_the_report_is_warned_too(database_queue):
    queued(1, minutes_ago=15)
    assert WARNING in signed_in(operator()).get("/admin/").content.decode()


@pytest.mark.django_db
def test_an_ordinary_editor_is_not_warned_and_costs_no_query_on_the_queue(database_queue):
    queued(2, minutes_ago=25)
    editor = signed_in(UserFactory(admin_access=True, perms=["complaints.view_case"]))
    with CaptureQueriesContext(connection) as captured:
        home = editor.get("/admin/")
    assert home.status_code == 200
    assert WARNING not in home.content.decode()
    assert task_table_queries(captured) == []


@pytest.mark.django_db
def test_the_admin_home_reads_the_queue_with_one_query(database_queue):
    queued(2, minutes_ago=25)
    superuser = signed_in(UserFactory(superuser=True))
    with CaptureQueriesContext(connection) as captured:
        superuser.get("/admin/")
    assert len(task_table_queries(captured)) == 1


@pytest.mark.django_db
def test_no_warning_while_the_queue_keeps_up(database_queue):
    queued(3, minutes_ago=2)  # fresh work
    queued(1, minutes_ago=60, run_after_minutes_ago=-30)  # a retry deferred to later
    queued(1, minutes_ago=40, run_after_minutes_ago=3)  # a retry ready 3 minutes ago
    assert WARNING not in signed_in(UserFactory(superuser=True)).get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_threshold_is_a_setting(database_queue, settings):
    queued(1, minutes_ago=25)
    settings.PORTAL_QUEUE_STALE_MINUTES = 30
    assert WARNING not in signed_in(UserFactory(superuser=True)).get("/admin/").content.decode()


# ---- the report -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_report_shows_what_waits_and_the_last_task_finished(database_queue):
    from django_tasks_db.models import DBTaskResult

    queued(2, minutes_ago=12)
    queued(1, minutes_ago=90, run_after_minutes_ago=-5)  # deferred: not waiting yet
    done = record.enqueue("done")
    finished = timezone.now() - datetime.timedelta(minutes=40)
    DBTaskResult.objects.filter(pk=done.id).update(status="SUCCESSFUL", finished_at=finished)
    page = signed_in(UserFactory(superuser=True)).get(reverse("portal_failed_tasks"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Hàng đợi tác vụ nền" in text
    assert "2 việc đang chờ" in text
    assert "đã chờ 12 phút" in text
    assert timezone.localtime(finished).strftime("%H:%M %d/%m/%Y") in text


@pytest.mark.django_db
def test_the_report_says_when_the_queue_cannot_be_measured(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    text = signed_in(UserFactory(superuser=True)).get(reverse("portal_failed_tasks")).content
    assert "không đo được" in text.decode()


# ---- the monitor's probe --------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_probe_answers_503_on_a_backlog_then_200_once_the_worker_drained_it(
    database_queue,
):
    queued(2, minutes_ago=25)
    response = Client(HTTP_HOST="10.0.0.7").get("/healthz/queue")  # a host not allowed
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "stale"
    assert body["queue"]["waiting"] == 2
    assert 25 * 60 <= body["queue"]["oldest_wait_seconds"] < 26 * 60
    assert body["queue"]["stale_after_seconds"] == 600
    assert response["Cache-Control"] == "no-store"
    assert TASK_TABLE not in response.content.decode()

    run_worker()

    response = Client().get("/healthz/queue")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "queue": {"waiting": 0, "oldest_wait_seconds": None, "stale_after_seconds": 600},
    }


@pytest.mark.django_db(transaction=True)
def test_readiness_does_not_fail_on_a_backlog(database_queue):
    queued(2, minutes_ago=25)
    assert Client().get("/readyz").status_code == 200


@pytest.mark.django_db
def test_the_probe_says_not_measured_without_a_database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    response = Client().get("/healthz/queue")
    assert response.status_code == 200
    assert response.json() == {"status": "not_measured"}


@pytest.mark.django_db(transaction=True)
def test_a_probe_that_hangs_answers_a_timeout(database_queue, settings, monkeypatch):
    import time

    from portal import health

    settings.PORTAL_READYZ_TIMEOUT = 0.2
    monkeypatch.setattr(health, "_queue_state", lambda: time.sleep(2))
    response = Client().get("/healthz/queue")
    assert response.status_code == 503
    assert response.json() == {"status": "timeout"}


@pytest.mark.django_db(transaction=True)
async def test_the_probe_answers_under_asgi(database_queue):
    from django.test import AsyncClient

    response = await AsyncClient().get("/healthz/queue")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_a_full_process_refuses_the_probe_as_it_refuses_readiness(settings):
    """The probe is a database query: admission control keeps it under the in-flight limit
    (only `/healthz`, which reads nothing, passes a full process)."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from portal.middleware import AdmissionControlMiddleware

    settings.PORTAL_MAX_IN_FLIGHT = 1
    middleware = AdmissionControlMiddleware(lambda request: HttpResponse(b"answered"))
    middleware.in_flight = 1  # full
    factory = RequestFactory()
    assert middleware(factory.get("/healthz")).content == b"answered"
    assert middleware(factory.get("/healthz/queue")).status_code == 503
