"""Two transitions at once on one case: the row lock makes the second wait, see the new
state and fail cleanly (409); nothing is applied twice.

Needs PostgreSQL (SQLite has no row locks): run with
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal`, as CI's PostgreSQL run does.
On another database the test is skipped; on CI it must run (CI sets DATABASE_URL)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.services import workflow
from complaints.services.workflow import TransitionNotAllowed, case_transition
from tests.factories import UserFactory

from .helpers import case_in


@pytest.fixture
def postgresql(postgres_url):
    # CI runs the suite twice: on SQLite (skipped here) and on PostgreSQL (runs).
    if connection.vendor != "postgresql":
        pytest.skip("row-lock test needs the suite on PostgreSQL (DATABASE_URL=postgres://…)")


def _run_in_thread(results, name, **kwargs):
    try:
        results[name] = case_transition(**kwargs)
    except Exception as error:  # the assertion looks at what each thread got
        results[name] = error
    finally:
        connections.close_all()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("second_action", ["accept", "reject"])
def test_the_second_of_two_simultaneous_transitions_fails_cleanly(
    postgresql, monkeypatch, second_action
):
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    first_holds_lock = threading.Event()
    original = workflow._HANDLERS["accept"]

    def slow_accept(step):
        # Runs with the row locked: keep the lock while the second transition starts.
        first_holds_lock.set()
        time.sleep(0.6)
        original(step)

    monkeypatch.setitem(workflow._HANDLERS, "accept", slow_accept)
    results: dict = {}
    common = {"case_id": case.pk, "actor": leader, "origin": "test"}
    first = threading.Thread(
        target=_run_in_thread,
        args=(results, "first"),
        kwargs={**common, "action": "accept", "data": {}},
    )
    second_data = {"reason": "Quá thời hiệu", "legal_ground": "kn_time_expired"}
    second = threading.Thread(
        target=_run_in_thread,
        args=(results, "second"),
        kwargs={**common, "action": second_action, "data": second_data},
    )
    first.start()
    assert first_holds_lock.wait(10)
    started = time.monotonic()
    second.start()
    first.join(20)
    second.join(20)

    assert isinstance(results["first"], CaseEvent), results["first"]
    assert isinstance(results["second"], TransitionNotAllowed), results["second"]
    assert "Đã thụ lý" in results["second"].message
    # The second waited for the first's commit instead of reading the old state.
    assert time.monotonic() - started >= 0.3
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert list(CaseEvent.objects.filter(case=case).values_list("action", flat=True)) == ["accept"]
    assert (
        Case.history.filter(id=case.pk, history_change_reason__contains="case_accept").count() == 1
    )
