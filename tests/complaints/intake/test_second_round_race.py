"""Two second-time complaints about one first case at once (a double click, two tabs, an API
retry with a new key): both pass the check made before the write, but only one is filed and
linked. The intake locks the first case's row inside its write transaction and checks again
there (`complaints.services.intake._second_round_lock`): the other waits for the first's
commit and is refused with the message a later filing gets (khoản 7 Điều 11 Luật Khiếu nại).

The threaded test needs PostgreSQL (SQLite has no row locks; its writers are serialised by
the IMMEDIATE transaction): run with `DATABASE_URL=postgres://…`, as CI's PostgreSQL run does.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.models import Case
from complaints.services import intake
from complaints.services.intake import SubmissionInvalid, case_submit
from tests.complaints.intake_factories import submission

from .second_round_helpers import concluded_first


def _second(hospital, title="Không đồng ý với quyết định giải quyết lần đầu"):
    return submission(
        "khieu_nai", facility=hospital.code, title=title, second_time=True,
        first_decision_ref="15/QĐ-BVĐK",
        first_decision_received_on=timezone.localdate(),
    )


def _file(data, first):
    return case_submit(data=data, channel="web", second_time_of=first)


@pytest.mark.django_db
def test_a_second_filing_that_passed_the_first_check_is_refused_under_the_lock(monkeypatch):
    """The other filing commits between this one's check and its write: the check made again
    in the write transaction refuses it."""
    first, hospital, _boss = concluded_first()
    real = intake._second_round_standing
    other = {}

    def standing_then_the_other_files(data, case):
        answer = real(data, case)
        if not other and data.title.startswith("Lần một"):
            other["result"] = _file(_second(hospital, title="Lần hai bấm gửi"), first)
        return answer

    monkeypatch.setattr(intake, "_second_round_standing", standing_then_the_other_files)
    with pytest.raises(SubmissionInvalid) as refused:
        _file(_second(hospital, title="Lần một bấm gửi"), first)
    filed = Case.objects.filter(second_time=True, parent_case=first)
    assert list(filed) == [other["result"].case]
    assert refused.value.errors["second_time"] == [real(_second(hospital), first)]
    assert filed.get().tracking_code in refused.value.errors["second_time"][0]


@pytest.mark.django_db
def test_the_same_filing_sent_twice_at_once_gets_its_case_back(monkeypatch):
    """A double click (the same form token) whose first request commits while the second
    waits on the first case's lock: the second gets the case filed, with its PIN, as any
    retry of the same request does, not a refusal naming its own case."""
    first, hospital, _boss = concluded_first()
    real = intake._second_round_standing
    other = {}
    data = _second(hospital, title="Bấm gửi hai lần")

    def standing_then_the_same_request_files(given, case):
        answer = real(given, case)
        if not other:
            other["started"] = True
            other["result"] = case_submit(data=data, channel="web", second_time_of=first,
                                          idempotency_key="form-token-1")
        return answer

    monkeypatch.setattr(intake, "_second_round_standing", standing_then_the_same_request_files)
    again = case_submit(data=data, channel="web", second_time_of=first,
                        idempotency_key="form-token-1")
    assert again.case.pk == other["result"].case.pk and not again.created
    assert Case.objects.filter(second_time=True, parent_case=first).count() == 1


@pytest.mark.django_db
def test_the_first_case_is_read_for_update_in_the_write_transaction():
    first, hospital, _boss = concluded_first()
    with CaptureQueriesContext(connection) as queries:
        _file(_second(hospital), first)
    assert Case.objects.filter(second_time=True, parent_case=first).count() == 1
    if not connection.features.has_select_for_update:
        return  # SQLite: the IMMEDIATE transaction holds the write lock instead
    table = Case._meta.db_table
    locked = [
        q["sql"] for q in queries.captured_queries
        if "FOR UPDATE" in q["sql"] and f'FROM "{table}"' in q["sql"]
    ]
    assert locked, "the first case's row is not locked"
    assert str(first.pk) in locked[0]


@pytest.fixture
def postgresql(postgres_url):
    if connection.vendor != "postgresql":
        pytest.skip("row-lock test needs the suite on PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.mark.django_db(transaction=True)
def test_two_filings_at_once_one_waits_for_the_other_and_is_refused(postgresql, monkeypatch):
    first, hospital, _boss = concluded_first()
    real = intake._second_round_standing
    checked, go = threading.Event(), threading.Event()
    results: dict = {}

    def standing(data, case):
        answer = real(data, case)
        if threading.current_thread().name == "tab-2" and not checked.is_set():
            checked.set()  # its check before the write passed: nothing stands yet
            go.wait(10)
        return answer

    monkeypatch.setattr(intake, "_second_round_standing", standing)

    def tab_two():
        try:
            results["tab-2"] = _file(_second(hospital, title="Tab hai"), first)
        except Exception as error:  # the assertions read what the thread got
            results["tab-2"] = error
        finally:
            results["tab-2 done"] = time.monotonic()
            connections.close_all()

    thread = threading.Thread(target=tab_two, name="tab-2")
    thread.start()
    assert checked.wait(20)
    with transaction.atomic():
        filed = _file(_second(hospital, title="Tab một"), first)  # holds the lock
        go.set()
        time.sleep(0.8)
        assert thread.is_alive()  # waiting for this transaction's lock
        committed = time.monotonic()
    thread.join(30)

    assert isinstance(results["tab-2"], SubmissionInvalid), results["tab-2"]
    assert filed.case.tracking_code in results["tab-2"].errors["second_time"][0]
    assert results["tab-2 done"] >= committed
    assert list(Case.objects.filter(second_time=True, parent_case=first)) == [filed.case]
