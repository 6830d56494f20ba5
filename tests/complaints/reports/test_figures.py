"""The inspector's dashboard figures (complaints.reports.figures) against hand-counted cases."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.reports.figures import WEEKS, _steering_figures, steering_figures
from complaints.selectors.dashboard import forget_counters
from complaints.services.calendar import working_calendar
from tests.complaints.admin.helpers import handler_user, intake_user
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory

pytestmark = pytest.mark.django_db

FRIDAY = datetime.date(2026, 11, 27)  # due soon until Wednesday 2 December


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def day(offset: int) -> datetime.date:
    return FRIDAY + datetime.timedelta(days=offset)


@pytest.fixture
def units():
    return FacilityFactory(name="Bệnh viện A"), FacilityFactory(name="Trung tâm B")


def test_a_case_without_a_deadline_is_neither_on_time_nor_late(units):
    """A press case or a note concluded with no deadline to keep is resolved, but not late:
    it stays out of the rate, as in the periodic report (the dashboard put a unit whose one
    case was a press case at 0 % and on top of the table)."""
    a, b = units
    press = FacilityFactory(name="Văn phòng Sở")
    concluded = {"status": CaseStatus.CONCLUDED, "concluded_at": at(day(-3))}
    CaseFactory(assigned_unit=press, channel=Channel.PRESS, resolve_by=None, **concluded)
    CaseFactory(assigned_unit=a, resolve_by=day(-5), **concluded)  # late
    CaseFactory(assigned_unit=a, resolve_by=None, **concluded)  # no deadline
    CaseFactory(assigned_unit=b, resolve_by=day(-3), **concluded)  # on time
    figures = steering_figures(user=intake_user(), today=FRIDAY)
    rows = {row.label: row for row in figures.on_time_by_unit}
    office = rows["Văn phòng Sở"]
    assert (office.resolved, office.on_time, office.late, office.without_deadline) == (1, 0, 0, 1)
    assert office.rate is None and office.percent is None
    assert (rows["Bệnh viện A"].late, rows["Bệnh viện A"].without_deadline) == (1, 1)
    assert rows["Bệnh viện A"].rate == 0
    assert figures.on_time_rate == 0.5  # one on time of the two with a deadline
    assert figures.resolved_without_deadline == 2
    # The lowest rate first; a unit with no rate after the others.
    assert [row.label for row in figures.on_time_by_unit][-1] == "Văn phòng Sở"


def test_received_per_week_counts_each_monday_to_sunday(units):
    a, _b = units
    CaseFactory(assigned_unit=a, received_at=at(day(0)))  # Friday 27/11: this week
    CaseFactory(assigned_unit=a, received_at=at(datetime.date(2026, 11, 23), 0))  # Monday 00:00
    CaseFactory(assigned_unit=a, received_at=at(datetime.date(2026, 11, 22), 23))  # Sunday before
    CaseFactory(
        assigned_unit=a, received_at=at(FRIDAY - datetime.timedelta(weeks=WEEKS))
    )  # too old
    figures = steering_figures(user=intake_user(), today=FRIDAY)
    assert len(figures.weeks) == WEEKS
    this_week, last_week = figures.weeks[-1], figures.weeks[-2]
    assert (this_week.start, this_week.end, this_week.count) == (
        datetime.date(2026, 11, 23),
        FRIDAY,
        2,
    )
    assert (last_week.start, last_week.count) == (datetime.date(2026, 11, 16), 1)
    assert sum(week.count for week in figures.weeks) == 3
    assert this_week.query == "?received_from=2026-11-23&received_to=2026-11-27"


def test_on_time_rate_per_unit_over_twelve_months(units):
    a, b = units
    concluded = {"status": CaseStatus.CONCLUDED, "resolve_by": day(-10)}
    CaseFactory(assigned_unit=a, concluded_at=at(day(-10)), **concluded)  # on the day: on time
    CaseFactory(assigned_unit=a, concluded_at=at(day(-12)), **concluded)  # early
    CaseFactory(assigned_unit=a, concluded_at=at(day(-9)), **concluded)  # one day late
    CaseFactory(assigned_unit=b, concluded_at=at(day(-8)), **concluded)  # late
    CaseFactory(
        assigned_unit=b, concluded_at=at(day(-400)), status=CaseStatus.CLOSED, resolve_by=day(-500)
    )  # late, but more than 12 months ago
    CaseFactory(assigned_unit=b, status=CaseStatus.ACCEPTED, resolve_by=day(5))  # not concluded
    figures = steering_figures(user=intake_user(), today=FRIDAY)
    rows = {row.label: row for row in figures.on_time_by_unit}
    assert (rows["Bệnh viện A"].resolved, rows["Bệnh viện A"].on_time) == (3, 2)
    assert (rows["Trung tâm B"].resolved, rows["Trung tâm B"].on_time) == (1, 0)
    assert rows["Bệnh viện A"].percent == 66.7 and rows["Trung tâm B"].percent == 0
    # The lowest rate first: that is where to look.
    assert [row.label for row in figures.on_time_by_unit] == ["Trung tâm B", "Bệnh viện A"]
    assert figures.on_time_rate == 0.5
    assert (rows["Bệnh viện A"].late, rows["Trung tâm B"].late) == (1, 1)
    assert (
        f"unit={b.code}" in rows["Trung tâm B"].late_query
        and "late=1" in rows["Trung tâm B"].late_query
    )


def test_overdue_and_due_soon_by_unit_kind_and_category(units):
    a, b = units
    food = CategoryFactory(name="An toàn thực phẩm")
    CaseFactory(assigned_unit=a, category=food, accept_by=day(-1))  # overdue
    CaseFactory(assigned_unit=a, accept_by=day(5))  # due soon (Wednesday)
    CaseFactory(
        assigned_unit=b,
        category=food,
        kind=CaseKind.KHIEU_NAI,
        status=CaseStatus.ACCEPTED,
        resolve_by=day(-3),
    )  # overdue
    CaseFactory(assigned_unit=b, accept_by=day(6))  # open, not yet due
    CaseFactory(
        assigned_unit=b, status=CaseStatus.CLOSED, accept_by=day(-30)
    )  # closed: not counted
    figures = steering_figures(user=intake_user(), today=FRIDAY)
    by_unit = {row.label: (row.open, row.overdue, row.due_soon) for row in figures.by_unit}
    assert by_unit == {"Bệnh viện A": (2, 1, 1), "Trung tâm B": (2, 1, 0)}
    by_kind = {row.key: (row.open, row.overdue, row.due_soon) for row in figures.by_kind}
    assert by_kind == {"phan_anh": (3, 1, 1), "khieu_nai": (1, 1, 0)}
    by_category = {row.label: (row.open, row.overdue) for row in figures.by_category}
    assert by_category["An toàn thực phẩm"] == (2, 2)
    totals = figures.totals
    assert (totals["open"], totals["overdue"], totals["due_soon"]) == (4, 2, 1)
    food_row = next(row for row in figures.by_category if row.label == "An toàn thực phẩm")
    assert food_row.overdue_query == f"?overdue=1&category={food.code}"


def test_average_satisfaction_of_the_last_twelve_months(units):
    a, _b = units
    for rating, when in ((5, day(-1)), (2, day(-100)), (1, day(-400))):
        CaseFactory(assigned_unit=a, status=CaseStatus.CLOSED, rating=rating, rated_at=at(when))
    figures = steering_figures(user=intake_user(), today=FRIDAY)
    assert (figures.average_rating, figures.ratings_count) == (3.5, 2)


def test_figures_are_scoped_to_the_user(units):
    a, b = units
    CaseFactory(assigned_unit=a, accept_by=day(-1))
    CaseFactory(assigned_unit=b, accept_by=day(-1))
    figures = steering_figures(user=handler_user(a), today=FRIDAY)
    assert [row.label for row in figures.by_unit] == ["Bệnh viện A"]
    assert figures.totals["overdue"] == 1


def test_a_bounded_number_of_queries_whatever_the_number_of_cases(units, django_assert_num_queries):
    a, b = units
    user = intake_user()
    working_calendar()  # cached between requests

    def measure() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        steering_figures(user=user, today=FRIDAY)  # permissions cached on the user
        with CaptureQueriesContext(connection) as queries:
            _steering_figures(user=user, today=FRIDAY)  # uncached
        return len(queries)

    for n in range(5):
        CaseFactory(assigned_unit=a if n % 2 else b, accept_by=day(n - 2))
    few = measure()
    for n in range(40):
        CaseFactory(
            assigned_unit=FacilityFactory(),
            category=CategoryFactory(),
            status=CaseStatus.CONCLUDED,
            resolve_by=day(-n),
            concluded_at=at(day(-n)),
            rating=4,
            rated_at=at(day(-n)),
        )
    assert measure() == few == 6


def test_kept_per_scope_until_a_case_changes(units, django_assert_num_queries):
    a, _b = units
    user = intake_user()
    CaseFactory(assigned_unit=a, accept_by=day(-1))
    assert steering_figures(user=user, today=FRIDAY).totals["overdue"] == 1
    CaseFactory(assigned_unit=a, accept_by=day(-1))
    with django_assert_num_queries(0):  # the same scope, nothing changed (as far as it knows)
        assert steering_figures(user=user, today=FRIDAY).totals["overdue"] == 1
    forget_counters()  # what the domain signals do when a case changes
    assert steering_figures(user=user, today=FRIDAY).totals["overdue"] == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index-only scans")
@pytest.mark.parametrize("scope", ["province", "unit"])
def test_the_yearly_figures_are_read_from_their_window_indexes(units, scope):
    """Counted again after every case change (the figures follow the counters' generation):
    the resolved and the rated cases of the last 12 months come from their partial covering
    indexes, not from a scan of every case."""
    from complaints.models import Case
    from complaints.reports.figures import ratings_given, resolved_by_unit
    from portal.local_days import local_bounds

    a, b = units
    CaseFactory.create_batch(60, assigned_unit=a)
    CaseFactory.create_batch(60, assigned_unit=b)
    CaseFactory(assigned_unit=a, status=CaseStatus.CONCLUDED, concluded_at=at(day(-3)))
    user = intake_user() if scope == "province" else handler_user(a)
    cases = Case.objects.in_scope_of(user).order_by()
    since, until = local_bounds(day(-364), FRIDAY)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE complaints_case")
        cursor.execute("SET LOCAL enable_seqscan = off")  # a small table: show what can serve
        resolved = resolved_by_unit(cases, since, until).explain()
        rated = ratings_given(cases, since, until).values("rating").explain()
    assert "Index Only Scan using case_resolved_window on complaints_case" in resolved
    assert "Index Only Scan using case_rated_window on complaints_case" in rated


def test_a_concluded_case_with_an_unsent_notice_counts_alike_everywhere(units):
    """The counters, the dashboard's table and the list its figure opens count the same
    cases: a concluded case whose notice to the parties is still unsent is overdue (or due
    soon) in all three (review of the dashboard: "4 Quá hạn" against "3 hồ sơ quá hạn")."""
    from urllib.parse import parse_qs

    from complaints.admin.filters import CaseFilter
    from complaints.models import Case, CaseDeadline
    from complaints.selectors.dashboard import dashboard_counters

    a, _b = units
    user = handler_user(a)
    CaseFactory(assigned_unit=a, accept_by=day(-1))  # open, overdue
    CaseFactory(assigned_unit=a, accept_by=day(1))  # open, due soon
    late, soon, sent = (
        CaseFactory(
            assigned_unit=a,
            kind=CaseKind.TO_CAO,
            status=CaseStatus.CONCLUDED,
            accepted=True,
            resolve_by=day(-20),
        )
        for _ in range(3)
    )
    for case, due, settled in (
        (late, day(-2), None),
        (soon, day(2), None),
        (sent, day(-2), timezone.now()),
    ):
        CaseDeadline.objects.create(
            case=case,
            step="decision_notice",
            due=due,
            counted_in="working_days",
            amount=5,
            counted_from=day(-9),
            legal_basis="Luật TC Art 35(3)",
            rule_version="2026-07-01",
            settled_at=settled,
        )
    counters = dashboard_counters(user=user, today=FRIDAY)
    figures = _steering_figures(user=user, today=FRIDAY)
    row = next(row for row in figures.by_unit if row.label == "Bệnh viện A")

    def listed(query: str) -> int:
        params = {key: values[0] for key, values in parse_qs(query.lstrip("?")).items()}
        cases = Case.objects.in_scope_of(user)
        return CaseFilter(params, queryset=cases, user=user, today=FRIDAY).qs.count()

    assert counters.overdue == figures.totals["overdue"] == row.overdue == 2
    assert listed(row.overdue_query) == 2
    assert counters.due_soon == figures.totals["due_soon"] == row.due_soon == 2
    assert listed(row.due_soon_query) == 2
    assert row.open == figures.totals["open"] == counters.open == 2


def test_the_verifications_past_their_period_without_a_report_by_unit(units):
    """The fourth column of the workload tables: being verified past the period's last day
    with no report of the result (`verification_overdue_condition`)."""
    a, b = units
    verifying = {"status": CaseStatus.VERIFYING, "resolve_by": day(30), "verification_days": 10}
    CaseFactory(
        assigned_unit=a, kind=CaseKind.KHIEU_NAI, verification_until=day(-2), **verifying
    )  # late
    CaseFactory(
        assigned_unit=a,
        kind=CaseKind.KHIEU_NAI,
        verification_until=day(-2),
        verification_reported_on=day(-1),
        **verifying,
    )  # reported
    CaseFactory(
        assigned_unit=b, kind=CaseKind.PHAN_ANH, verification_until=day(-1), **verifying
    )  # late: a phản ánh has no report step
    CaseFactory(
        assigned_unit=b, kind=CaseKind.KHIEU_NAI, verification_until=FRIDAY, **verifying
    )  # its last day is today
    figures = steering_figures(user=intake_user(), today=FRIDAY)
    late = {row.label: row.verification_overdue for row in figures.by_unit}
    assert late == {"Bệnh viện A": 1, "Trung tâm B": 1}
    assert {row.key: row.verification_overdue for row in figures.by_kind} == {
        "khieu_nai": 1,
        "phan_anh": 1,
    }
    assert figures.totals["verification_overdue"] == 2
    row = next(row for row in figures.by_unit if row.label == "Bệnh viện A")
    assert row.verification_overdue_query == f"?verification_overdue=1&unit={a.code}"
