"""Tracking numbers on PostgreSQL come from a sequence per year (never the same number
twice, gaps allowed); SQLite keeps the counter row."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from complaints.kinds import Channel
from complaints.models import TrackingSequence
from complaints.services import tracking
from complaints.services.intake import case_submit
from tests.complaints.intake_factories import submission
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def number(code: str) -> int:
    return int(code.rsplit("-", 1)[1])


def sequence_last_value(year: int) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_value FROM pg_sequences WHERE sequencename = %s",
            [tracking.sequence_name(year)],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the sequences are PostgreSQL's"
)


@postgres_only
def test_the_migration_created_this_and_next_years_sequences():
    year = timezone.localdate().year
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sequencename FROM pg_sequences WHERE sequencename = ANY(%s)",
            [[tracking.sequence_name(year), tracking.sequence_name(year + 1)]],
        )
        assert len(cursor.fetchall()) == 2


@postgres_only
def test_a_submission_is_numbered_by_the_sequence_not_the_counter(hospital):
    result = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    year = timezone.localtime(result.case.received_at).year
    assert sequence_last_value(year) == number(result.case.tracking_code)
    assert not TrackingSequence.objects.filter(year=year).exists()


@postgres_only
def test_a_new_year_starts_above_the_codes_already_stored():
    # No sequence for 2031 yet; a case of that year was stored before (an import).
    CaseFactory(tracking_code="YT-2031-000041")
    at = datetime.datetime(2031, 1, 1, 0, 5, tzinfo=datetime.UTC)  # 07:05 in Vietnam
    with transaction.atomic():  # created inside a transaction: its savepoint survives
        first = tracking.tracking_code_next(at=at)
        second = tracking.tracking_code_next(at=at)
    assert (first, second) == ("YT-2031-000042", "YT-2031-000043")
    tracking._sequences_seen.discard((connection.alias, 2031))  # rolled back with the test


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_never_share_a_number():
    codes: list[str] = []
    lock = threading.Lock()

    def allocate():
        try:
            mine = [tracking.tracking_code_allocate() for _ in range(15)]
            with lock:
                codes.extend(mine)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(codes) == 90 and len(set(codes)) == 90


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite keeps the counter")
def test_sqlite_counts_with_the_counter_row():
    code = tracking.tracking_code_allocate()
    year = timezone.localdate().year
    assert TrackingSequence.objects.get(year=year).last_number == number(code)
