"""portal.tasks: background work queued after commit and retried with backoff."""

import datetime

import pytest
from django.db import transaction

from portal.tasks import background_task, enqueue_on_commit, retry_delay

CALLS: list[str] = []


@background_task(max_attempts=3)
def flaky(label: str, failures: int) -> str:
    CALLS.append(label)
    if CALLS.count(label) <= failures:
        raise ConnectionError("the other system is down")
    return label


@pytest.fixture(autouse=True)
def _reset():
    CALLS.clear()


def test_backoff_doubles():
    base = datetime.timedelta(seconds=30)
    assert [retry_delay(n, base).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]


@pytest.mark.django_db(transaction=True)
def test_queued_only_after_commit_and_retried_until_it_succeeds():
    with transaction.atomic():
        enqueue_on_commit(flaky, "ok-after-two", 2)
        assert CALLS == []  # nothing runs inside the transaction
    assert CALLS == ["ok-after-two"] * 3


@pytest.mark.django_db(transaction=True)
def test_gives_up_after_max_attempts():
    enqueue_on_commit(flaky, "never", 99)
    assert CALLS == ["never"] * 3


@pytest.mark.django_db(transaction=True)
def test_rolled_back_write_queues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(flaky, "rolled-back", 0)
        raise RuntimeError
    assert CALLS == []
