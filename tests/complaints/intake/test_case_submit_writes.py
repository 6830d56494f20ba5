"""What one accepted submission writes, and how many queries it costs.

The intake decides the route and the deadlines before its write transaction and
inserts the case once, already routed and scheduled: one history row for the case,
one for the reporter, one per deadline, each with its change reason."""

import pytest
from django.utils import timezone

from complaints.kinds import Channel
from complaints.models import Case, CaseDeadline, Reporter, RoutingDecision, TrackingSequence
from complaints.routing_defaults import install_default_rules
from complaints.services import routing, tracking
from complaints.services.calendar import working_calendar
from complaints.services.intake import case_submit
from complaints.services.reference import reference
from complaints.services.routing import route_plan
from tests.complaints.intake_factories import submission
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Reads before the write transaction: idempotency replay, the reporter's cases (duplicates:
# none for a citizen's first case, so no second read); the tracking number (the year's
# sequence on PostgreSQL, the counter's increment on SQLite). The facility, the category
# and the routing rules come from the process's reference data (no query). Then the
# savepoint the test's own transaction turns `atomic` into (2), the case and its history
# row, the reporter and its history row, the "received" event, the routing decision, the
# deadline rows and their history rows (one insert each); the case's search row (search
# app: one insert). It was 17 with the reference data read per submission.
QUERIES_PER_SUBMISSION = 14


@pytest.fixture
def rules(department):
    install_default_rules()


@pytest.fixture
def warm():
    """The steady state: the year's counter exists, the calendar's overrides and the
    reference data are cached (a cold cache adds one read a day for the calendar, three
    after a change of the reference data; the first code of a year, three queries)."""
    year = timezone.localtime().year
    TrackingSequence.objects.get_or_create(year=year, defaults={"last_number": 0})
    tracking.tracking_code_allocate()  # PostgreSQL: the year's sequence is known to exist
    working_calendar()
    reference()


def test_one_submission_costs_a_fixed_number_of_queries(
    hospital, category, rules, warm, django_assert_num_queries
):
    data = submission("phan_anh", facility=hospital.code, category=category.code)
    with django_assert_num_queries(QUERIES_PER_SUBMISSION):
        result = case_submit(data=data, channel=Channel.API, idempotency_key="cost-1")
    assert result.created and result.case.assigned_unit == hospital


def test_the_case_is_written_once_routed_and_scheduled_with_every_history_row(
    hospital, category, rules
):
    officer = UserFactory(perms=["complaints.act_on_case"])
    data = submission("phan_anh", facility=hospital.code, category=category.code)
    result = case_submit(data=data, channel=Channel.HOTLINE, actor=officer)
    case = Case.objects.get(pk=result.case.pk)

    # The case: inserted once, already routed and scheduled.
    assert case.assigned_unit == hospital and case.forwarded_to == ""
    assert case.accept_by is not None and case.resolve_by is not None
    (record,) = case.history.all()
    assert record.history_type == "+"
    assert record.history_change_reason == "origin=staff action=case_submit"
    assert record.history_user == officer
    assert (record.assigned_unit_id, record.accept_by, record.resolve_by) == (
        hospital.pk, case.accept_by, case.resolve_by
    )

    # The reporter.
    reporter = Reporter.objects.get(case=case)
    (record,) = reporter.history.all()
    assert record.history_change_reason == "origin=staff action=case_submit"
    assert record.history_user == officer

    # The routing decision, as `case_route` would have stored it.
    decision = RoutingDecision.objects.get(case=case)
    plan = route_plan(case=case)
    assert (decision.unit, decision.rule, decision.reason) == (
        plan.result.unit, plan.result.rule, plan.result.reason
    )
    assert decision.rule_snapshot == plan.snapshot and decision.decided_by == officer

    # The deadlines: one history row each, with the reason the refresh gives them,
    # and the case's dates copied from them.
    rows = list(CaseDeadline.objects.filter(case=case))
    assert {row.step for row in rows} >= {"accept", "resolve"}
    for row in rows:
        (record,) = row.history.all()
        assert record.history_type == "+"
        assert record.history_change_reason == "origin=staff action=case_deadlines_refresh"
        assert record.history_user == officer
        assert (record.step, record.due) == (row.step, row.due)
    by_step = {row.step: row for row in rows}
    assert case.accept_by == by_step["accept"].due
    assert case.resolve_by == by_step["resolve"].due


@pytest.mark.django_db(transaction=True)
def test_a_failed_submission_leaves_a_gap_in_the_numbers_never_a_duplicate(
    hospital, monkeypatch
):
    def number(code: str) -> int:
        assert tracking.TRACKING_CODE_RE.match(code)
        return int(code.rsplit("-", 1)[1])

    first = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)

    def broken(**kwargs):
        raise RuntimeError("the write transaction failed")

    # The number is taken in its own statement, before the write transaction.
    with monkeypatch.context() as patch:
        patch.setattr(routing, "route_plan_record", broken)
        with pytest.raises(RuntimeError):
            case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    second = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)

    assert number(second.case.tracking_code) == number(first.case.tracking_code) + 2
    codes = list(Case.objects.values_list("tracking_code", flat=True))
    assert sorted(codes) == sorted([first.case.tracking_code, second.case.tracking_code])


def test_a_retry_is_found_by_its_key_alone(hospital, category, rules, warm):
    """The replay's look-up is the unique key's index, with no ORDER BY: sorting by the
    default ordering let PostgreSQL, its statistics behind a growing table, walk the whole
    received-at index to find no row (1.9 ms at 3,600 cases, growing)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = submission("phan_anh", facility=hospital.code, category=category.code)
    first = case_submit(data=data, channel=Channel.API, idempotency_key="retry-1")
    with CaptureQueriesContext(connection) as queries:
        again = case_submit(data=data, channel=Channel.API, idempotency_key="retry-1")
    assert not again.created and again.case.pk == first.case.pk and again.pin == first.pin
    (lookup,) = [
        q["sql"] for q in queries.captured_queries
        if '"idempotency_key" =' in q["sql"].split("WHERE", 1)[-1]
    ]
    assert "ORDER BY" not in lookup
    # Two columns for the check; the whole case is read by its primary key, for a retry only.
    assert '"request_fingerprint"' in lookup and '"content"' not in lookup


def _duplicate_reads(queries) -> list[str]:
    """The duplicate check's reads: the SELECTs of reporters or of recent cases."""
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    return [
        sql for sql in selects
        if 'FROM "complaints_reporter"' in sql or '"received_at" >=' in sql
    ]


def test_the_duplicate_check_of_a_first_case_is_one_read_of_the_reporters(
    hospital, category, rules, warm
):
    """No join of cases and reporters (PostgreSQL spent most of its CPU for the check planning
    it): a citizen's first case costs one read of the reporter table's indexes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = submission("phan_anh", facility=hospital.code, category=category.code)
    with CaptureQueriesContext(connection) as queries:
        case_submit(data=data, channel=Channel.API, idempotency_key="first-case")
    (read,) = _duplicate_reads(queries)
    assert "JOIN" not in read and '"complaints_case"' not in read.split("FROM", 1)[-1]


def test_a_returning_reporter_costs_a_second_short_read_and_is_still_flagged(
    hospital, category, rules, warm
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = submission("phan_anh", facility=hospital.code, category=category.code)
    first = case_submit(data=data, channel=Channel.API, idempotency_key="returning-1")
    with CaptureQueriesContext(connection) as queries:
        again = case_submit(data=data, channel=Channel.API, idempotency_key="returning-2")
    assert again.case.possible_duplicate_of_id == first.case.pk
    reporters, cases = _duplicate_reads(queries)
    assert "JOIN" not in reporters + cases
    assert str(first.case.pk) in cases  # the second read asks for the reporter's cases by id
