"""Before acceptance, a complaint's resolution deadline is an estimate: Điều 28 Luật Khiếu nại
counts it from the day of thụ lý. The staff page says "dự kiến, tính từ ngày thụ lý" instead
of counting it down; a deadline in calendar days is never counted down in working days
(walk-round2 finding 12)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.admin.rows import due_info
from complaints.admin.views import deadline_rows
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseDeadline
from tests.complaints.workflow.helpers import case_in

pytestmark = pytest.mark.django_db


def resolve_row(case, today):
    return CaseDeadline.objects.create(
        case=case, step="resolve", due=today + datetime.timedelta(days=30),
        counted_in="calendar_days", amount=30, counted_from=today,
        legal_basis="Điều 28 Luật Khiếu nại", rule_version="2026",
    )  # fmt: skip


def test_before_acceptance_the_resolution_deadline_is_expected():
    today = timezone.localdate()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    resolve_row(case, today)
    [item], _superseded = deadline_rows(case, today)
    assert item["expected"] and not item["countdown"]
    accepted = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED)
    resolve_row(accepted, today)
    [item], _superseded = deadline_rows(accepted, today)
    assert not item["expected"] and item["countdown"]


def test_a_calendar_day_deadline_is_not_counted_in_working_days():
    today = datetime.date(2026, 12, 7)
    due = today + datetime.timedelta(days=30)
    assert due_info(due, today, calendar_days=True)["working_days_left"] == 0
    assert due_info(due, today)["working_days_left"] > 0
