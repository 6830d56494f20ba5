"""Dashboard counters (complaints.selectors.dashboard): scoped, one aggregate query."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from complaints.kinds import CaseKind, CaseStatus
from complaints.selectors.dashboard import dashboard_counters, due_soon_horizon
from complaints.services.calendar import working_calendar
from tests.factories import CalendarOverrideFactory, CaseFactory, FacilityFactory, UserFactory

from .helpers import handler_user, intake_user

pytestmark = pytest.mark.django_db

FRIDAY = datetime.date(2026, 11, 27)


def day(offset: int) -> datetime.date:
    return FRIDAY + datetime.timedelta(days=offset)


def test_due_soon_means_three_working_days_on_the_portal_calendar():
    # Friday + 3 working days = Wednesday (the weekend does not count).
    assert due_soon_horizon(today=FRIDAY) == datetime.date(2026, 12, 2)
    # An administrator's day off moves it (CalendarOverride, DOMAIN.md §4).
    CalendarOverrideFactory(date=datetime.date(2026, 11, 30), kind="day_off", reason="Nghỉ bù")
    assert working_calendar().add_working_days(FRIDAY, 3) == datetime.date(2026, 12, 3)
    assert due_soon_horizon(today=FRIDAY) == datetime.date(2026, 12, 3)


def test_counts_per_state_kind_deadline_and_assignment():
    user = intake_user()
    CaseFactory(accept_by=day(-1))  # overdue (waiting for acceptance)
    CaseFactory(accept_by=day(0), assigned_user=user)  # due today: due soon, mine
    CaseFactory(accept_by=day(5))  # Wednesday 2 December: due soon
    CaseFactory(accept_by=day(6))  # Thursday: not yet
    CaseFactory(accepted=True, resolve_by=day(-3), kind=CaseKind.KHIEU_NAI)  # overdue
    CaseFactory(status=CaseStatus.CLOSED, accept_by=day(-30), assigned_user=user)
    CaseFactory(status=CaseStatus.CONCLUDED, resolve_by=day(-30))
    counters = dashboard_counters(user=user, today=FRIDAY)
    assert counters.total == 7
    assert counters.open == 5
    assert counters.overdue == 2
    assert counters.due_soon == 2
    assert counters.unassigned == 4  # open and without a handler
    assert counters.mine == 1  # the closed one is not waiting for the user
    assert counters.by_status["received"] == 4
    assert counters.by_status["accepted"] == 1
    assert counters.by_status["withdrawn"] == 0
    assert counters.by_kind["khieu_nai"] == 1 and counters.by_kind["phan_anh"] == 6
    assert counters.due_soon_until == datetime.date(2026, 12, 2)
    data = counters.as_dict()
    assert data["today"] == "2026-11-27" and data["by_status"]["closed"] == 1


def test_counters_are_scoped():
    centre = FacilityFactory()
    CaseFactory(assigned_unit=centre, accept_by=day(-1))
    CaseFactory(assigned_unit=FacilityFactory(), accept_by=day(-1))
    counters = dashboard_counters(user=handler_user(centre), today=FRIDAY)
    assert counters.total == 1 and counters.overdue == 1
    nobody = dashboard_counters(user=UserFactory(), today=FRIDAY)
    assert nobody.total == 0 and nobody.overdue == 0


def test_one_aggregate_query_whatever_the_number_of_cases(django_assert_num_queries):
    user = intake_user()
    for _ in range(30):
        CaseFactory(accept_by=day(1))
    working_calendar()  # the calendar is cached between requests
    user.has_perm("complaints.view_all_cases")  # permissions are cached on the user
    with django_assert_num_queries(2):  # the aggregate, the user's own open cases
        counters = dashboard_counters(user=user, today=FRIDAY)
    assert counters.total == 30


def test_a_facility_handler_reads_the_scope_once_per_request(django_assert_num_queries):
    centre = FacilityFactory()
    user = handler_user(centre)
    for _ in range(30):
        CaseFactory(assigned_unit=centre)
    working_calendar()
    # The user's permissions (2), the memberships, the facility tree, the aggregate, and
    # the user's own open cases.
    with django_assert_num_queries(6):
        assert dashboard_counters(user=user, today=FRIDAY).total == 30
    # Permissions and the scope are then kept on the user object for the request, and the
    # scope's counters in the cache: only the user's own cases are counted again.
    with django_assert_num_queries(1):
        assert dashboard_counters(user=user, today=FRIDAY).total == 30


def test_counters_are_computed_once_per_scope_and_forgotten_when_a_case_changes(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    from complaints.models import CaseEvent
    from complaints.signals import case_created

    first, second = intake_user(), intake_user()
    CaseFactory(accept_by=day(1))
    working_calendar()
    for user in (first, second):
        user.has_perm("complaints.view_all_cases")  # permissions cached on the user
    with django_assert_num_queries(2):
        assert dashboard_counters(user=first, today=FRIDAY).total == 1
    # Another user who sees the same cases: only their own cases are counted.
    with django_assert_num_queries(1):
        assert dashboard_counters(user=second, today=FRIDAY).total == 1
    # A case filed through the services sends `case_created`: every scope recounts.
    case = CaseFactory(accept_by=day(1), assigned_user=second)
    event = CaseEvent.objects.create(
        case=case, action="received", to_status=case.status, at=case.received_at, is_public=True
    )
    with django_capture_on_commit_callbacks(execute=True):  # forgotten on the commit
        case_created.send(sender=type(case), case=case, event=event)
    with django_assert_num_queries(2):
        counters = dashboard_counters(user=second, today=FRIDAY)
    assert (counters.total, counters.mine) == (2, 1)


def test_users_of_different_scopes_never_share_counters():
    centre, other = FacilityFactory(), FacilityFactory()
    CaseFactory(assigned_unit=centre)
    CaseFactory(assigned_unit=other)
    CaseFactory(assigned_unit=other)
    assert dashboard_counters(user=handler_user(centre), today=FRIDAY).total == 1
    assert dashboard_counters(user=handler_user(other), today=FRIDAY).total == 2
    assert dashboard_counters(user=intake_user(), today=FRIDAY).total == 3
    assert dashboard_counters(user=handler_user([centre, other]), today=FRIDAY).total == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index-only scans")
@pytest.mark.parametrize("scope", ["province", "unit"])
def test_the_counters_are_read_from_their_covering_index(scope):
    """The one pass reads `case_counters_cover` alone (an index-only scan), not the table:
    every column of its conditions and of the scope is in the index."""
    from complaints.models import Case
    from complaints.selectors.dashboard import counts_by_status_and_kind

    centre = FacilityFactory()
    CaseFactory.create_batch(3, assigned_unit=centre)
    user = intake_user() if scope == "province" else handler_user(centre)
    rows = counts_by_status_and_kind(
        Case.objects.in_scope_of(user), today=FRIDAY, horizon=due_soon_horizon(today=FRIDAY)
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: show what can serve
        plan = rows.explain()
    assert "Index Only Scan using case_counters_cover on complaints_case" in plan


def test_the_scopes_readers_after_a_change_count_once(monkeypatch):
    """A thousand dashboards opened after a change would each count their scope: one reader
    counts, the others of the scope wait for its result (portal.single_flight)."""
    import threading
    import time

    from complaints.models import Case
    from complaints.selectors import dashboard

    counted = []

    def slow_count(cases, *, today):  # no database on these threads
        counted.append(today)
        time.sleep(0.3)
        return {"total": 100_000, "today": today}

    monkeypatch.setattr(dashboard, "_count", slow_count)
    dashboard.forget_counters()
    start = threading.Barrier(6)
    results = []

    def open_dashboard():
        start.wait()
        results.append(dashboard.counters_of_scope("units:test", Case.objects.none, today=FRIDAY))

    threads = [threading.Thread(target=open_dashboard) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert counted == [FRIDAY]
    assert results == [{"total": 100_000, "today": FRIDAY}] * 6


def test_a_change_made_by_another_process_is_seen_at_the_next_read(settings, monkeypatch):
    # The counters stay in this process's cache; their generation is a marker of the shared
    # cache (CACHES["markers"]): `case_action`, the worker or the cron moving it is seen here.
    from django.test import override_settings

    from complaints.selectors import dashboard
    from portal.process_cache import shared_cache

    user = intake_user()
    CaseFactory(accept_by=day(1))
    assert dashboard_counters(user=user, today=FRIDAY).total == 1  # cached in this process
    another_process = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "another-process",
        },
    }
    with override_settings(CACHES=another_process):
        CaseFactory(accept_by=day(1))
        dashboard.forget_counters()  # what that process's receiver does once its change commits
    markers = shared_cache()
    reads = []
    real_get = markers.get
    monkeypatch.setattr(markers, "get", lambda *a, **k: reads.append(a) or real_get(*a, **k))
    assert dashboard_counters(user=user, today=FRIDAY).total == 2
    assert [key for key, *_ in reads].count(dashboard.GENERATION_KEY) == 1  # one per render
    reads.clear()
    assert dashboard_counters(user=user, today=FRIDAY).total == 2  # warm: counted here
    assert len(reads) == 1  # the marker only
