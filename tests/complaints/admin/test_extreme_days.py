"""Days at the ends of the calendar typed by staff into the date filters: the list, its
CSV export and the periodic report answer (never a 500, never a 200 with a broken
stream). "9999-12-31" as "no end" and "0001-01-01" as "no start" work as such: every case
lies between them."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import timezone

from tests.complaints.admin.helpers import intake_user
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/ho-so/"
EXPORT = "/admin/ho-so/xuat-csv/"
REPORT = "/admin/ho-so/bao-cao/"


@pytest.fixture
def signed_in(client):
    client.force_login(intake_user())
    return client


@pytest.fixture
def two_cases():
    return [CaseFactory(), CaseFactory()]


def codes_listed(response) -> set[str]:
    return {row["case"].tracking_code for row in response.context["rows"]}


@pytest.mark.parametrize(
    "query",
    [
        "received_from=0001-01-01",
        "received_to=9999-12-31",
        "received_from=0001-01-01&received_to=9999-12-31",
        "concluded_to=9999-12-31&concluded_from=0001-01-01",
        "rated_from=0001-01-01&rated_to=9999-12-31",
    ],
)
def test_the_list_reads_the_ends_of_the_calendar_as_no_bound(signed_in, two_cases, query):
    response = signed_in.get(f"{INDEX}?{query}")
    assert response.status_code == 200
    if query.startswith("received"):
        assert codes_listed(response) == {case.tracking_code for case in two_cases}


def test_the_last_day_of_the_calendar_still_bounds_nothing_it_should_not(signed_in, two_cases):
    """A day the cases lie after still leaves them out: the bound is exact, not dropped."""
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = signed_in.get(f"{INDEX}?received_from=0001-01-01&received_to={yesterday}")
    assert response.status_code == 200
    assert codes_listed(response) == set()


def complete_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


@pytest.mark.parametrize(
    "query", ["received_from=0001-01-01", "received_to=9999-12-31"]
)
def test_the_export_at_the_ends_of_the_calendar_is_complete(signed_in, two_cases, query):
    rows = complete_csv(signed_in.get(f"{EXPORT}?{query}"))
    assert {row["Mã hồ sơ"] for row in rows} == {case.tracking_code for case in two_cases}


def test_the_export_refuses_a_wrong_filter_before_streaming(signed_in, two_cases):
    """A filter it cannot read: a 400 page saying why, not an empty file with a 200."""
    response = signed_in.get(f"{EXPORT}?received_from=2026-13-45")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "Tiếp nhận từ ngày" in text
    assert "Nhập một ngày hợp lệ" in text or "Nhập ngày hợp lệ" in text


@pytest.mark.parametrize("file_format", ["", "csv", "xlsx"])
def test_a_report_of_the_first_days_of_the_calendar_counts_nothing(signed_in, two_cases,
                                                                  file_format):
    query = {"start": "0001-01-01", "end": "0001-01-02"}
    if file_format:
        query["format"] = file_format
    response = signed_in.get(REPORT, query)
    assert response.status_code == 200
    if not file_format:
        assert response.context["report"].received == 0
