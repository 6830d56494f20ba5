"""public_figures: what the home page publishes about the last 30 days."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from complaints.selectors.public_figures import public_figures
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.date(2026, 6, 30)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=HCM)


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def test_counts_received_resolved_on_time_and_ratings_in_the_window(django_assert_num_queries):
    # Received in the window (days 0..29), one just outside.
    CaseFactory(received_at=at(days_ago(0)))
    CaseFactory(received_at=at(days_ago(29), hour=0))
    CaseFactory(received_at=at(days_ago(30), hour=23))  # the day before the window
    # Resolved in the window: on time (on the deadline day itself), late, closed on time.
    CaseFactory(
        received_at=at(days_ago(60)),
        status="concluded",
        concluded_at=at(days_ago(3), hour=23),
        resolve_by=days_ago(3),
    )
    CaseFactory(
        received_at=at(days_ago(60)),
        status="concluded",
        concluded_at=at(days_ago(2)),
        resolve_by=days_ago(5),
    )
    CaseFactory(
        received_at=at(days_ago(60)),
        status="closed",
        concluded_at=at(days_ago(1)),
        resolve_by=days_ago(1),
        rating=4,
        rated_at=at(days_ago(0)),
    )
    # Concluded before the window; rated in it.
    CaseFactory(
        received_at=at(days_ago(90)),
        status="closed",
        concluded_at=at(days_ago(40)),
        resolve_by=days_ago(35),
        rating=5,
        rated_at=at(days_ago(10)),
    )
    # Rejected in the window: not "resolved".
    CaseFactory(received_at=at(days_ago(60)), status="rejected", concluded_at=at(days_ago(4)))
    # Rated before the window.
    CaseFactory(received_at=at(days_ago(90)), status="closed", rating=1, rated_at=at(days_ago(31)))

    with django_assert_num_queries(1):
        figures = public_figures(days=30, today=TODAY)

    assert figures.start == days_ago(29)
    assert figures.end == TODAY
    assert figures.received == 2
    assert figures.resolved == 3
    assert figures.resolved_on_time == 2
    assert figures.on_time_rate == pytest.approx(2 / 3)
    assert figures.ratings_count == 2
    assert figures.average_rating == 4.5


def test_empty_window_has_no_rates():
    figures = public_figures(days=30, today=TODAY)
    assert (figures.received, figures.resolved, figures.ratings_count) == (0, 0, 0)
    assert figures.on_time_rate is None
    assert figures.average_rating is None


def test_days_must_be_positive():
    with pytest.raises(ValueError):
        public_figures(days=0, today=TODAY)


def test_a_case_resolved_without_a_deadline_does_not_lower_the_rate():
    CaseFactory(received_at=at(days_ago(20)), status="concluded",
                concluded_at=at(days_ago(2)), resolve_by=days_ago(1))
    CaseFactory(received_at=at(days_ago(20)), status="concluded",
                concluded_at=at(days_ago(2)), resolve_by=None)
    figures = public_figures(days=30, today=TODAY)
    assert figures.resolved == 2 and figures.resolved_on_time == 1
    assert figures.resolved_with_deadline == 1  # the rate's denominator, for the home page
    assert figures.on_time_rate == 1.0
