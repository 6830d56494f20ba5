"""A press case's steps after thụ lý (the reviewer's items 1–2): the notice of measures
to the outlet (khoản 3 Điều 18 Nghị định 237/2026, 15 working days from receipt) counts like
any deadline until the conclusion answers it; the 24-hour initial statement (khoản 3–4
Điều 7 Nghị định 244/2026) exists only for an article staff mark as needing one, is closed
when recorded as given, and no step stays open after the conclusion."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.admin.views import current_due
from complaints.models import Case, CaseDeadline
from complaints.querysets import next_due_expression
from complaints.selectors.dashboard import dashboard_counters
from complaints.services.press_intake import case_log_press_report
from tests.complaints.workflow.helpers import act
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def leader():
    return UserFactory(superuser=True, username="leader")


def log(actor, **overrides):
    values = {
        "actor": actor,
        "outlet": "Báo Quảng Ngãi",
        "article_title": "Bệnh nhân chờ khám 5 giờ",
        "published_on": D(2026, 9, 1),
        "matter": "Thời gian chờ khám kéo dài",
        "facility": "TTYT-DP",
        "received_at": timezone.make_aware(datetime.datetime(2026, 9, 1, 10, 0)),
    }
    values.update(overrides)
    return case_log_press_report(**values).case


def open_steps(case) -> set[str]:
    return set(
        CaseDeadline.objects.filter(
            case=case, superseded_at__isnull=True, settled_at__isnull=True
        ).values_list("step", flat=True)
    )


def test_an_accepted_press_case_still_counts_its_notice_of_measures(demo_reference_data, leader):
    case = log(leader)
    act(case, "accept", leader, decided_on="2026-09-02")
    case.refresh_from_db()
    due = case.accept_by  # 15 working days from receipt (khoản 3 Điều 18)
    assert due == CaseDeadline.objects.get(
        case=case, step="press_measures_notice", superseded_at__isnull=True
    ).due
    assert case.resolve_by is None  # no written request of the outlet's head yet

    def listed_due(case):
        return Case.objects.filter(pk=case.pk).values_list(next_due_expression(), flat=True)[0]

    def overdue(day):
        return Case.objects.overdue(at=day).filter(pk=case.pk).exists()

    def due_soon(day, days=3):
        return Case.objects.due_within(days=days, at=day).filter(pk=case.pk).exists()

    assert not overdue(due) and overdue(due + datetime.timedelta(days=1))
    assert due_soon(due - datetime.timedelta(days=2))
    assert not due_soon(due - datetime.timedelta(days=10))
    assert dashboard_counters(user=leader, today=due + datetime.timedelta(days=1)).overdue == 1
    # The list's HẠN column and its "nearest first" order, and the case page's headline.
    assert listed_due(case) == due
    assert current_due(case) == due

    # The outlet's head asks in writing: the earlier of the two counts.
    act(case, "record_press_request", leader, requested_on="2026-09-03")
    case.refresh_from_db()
    assert case.resolve_by > due
    assert listed_due(case) == due

    act(case, "start_verification", leader)
    act(
        case, "conclude", leader, conclusion="Đúng một phần.", public_answer="Đã chấn chỉnh.",
        press_finding="partly_accurate",
    )
    assert not overdue(due + datetime.timedelta(days=1))
    assert open_steps(case) == set()  # the conclusion answered the outlet
    settled = CaseDeadline.objects.get(
        case=case, step="press_measures_notice", superseded_at__isnull=True
    )
    assert settled.settled_at is not None


def test_the_initial_statement_only_when_marked_and_closed_when_given(
    demo_reference_data, leader
):
    plain = log(leader)
    assert "press_initial_statement" not in open_steps(plain)

    marked = log(leader, article_title="Ngộ độc thực phẩm hàng loạt", statement_needed=True)
    assert marked.press_statement_needed
    statement = CaseDeadline.objects.get(case=marked, step="press_initial_statement")
    assert statement.due_at == timezone.make_aware(datetime.datetime(2026, 9, 2, 10, 0))
    assert Case.objects.overdue(at=D(2026, 9, 3)).filter(pk=marked.pk).exists()

    act(marked, "record_notice", leader, notice="press_initial_statement",
        sent_on="2026-09-01", sent_via="email", recipients=["outlet"])
    statement.refresh_from_db()
    assert statement.settled_at is not None
    assert not Case.objects.overdue(at=D(2026, 9, 3)).filter(pk=marked.pk).exists()


def test_no_step_stays_open_after_the_conclusion(demo_reference_data, leader):
    case = log(leader, statement_needed=True)  # a statement never recorded as given
    act(case, "accept", leader, decided_on="2026-09-02")
    act(case, "start_verification", leader)
    act(
        case, "conclude", leader, conclusion="Không đúng.", public_answer="Thông tin sai.",
        press_finding="inaccurate",
    )
    assert open_steps(case) == set()
    assert not CaseDeadline.objects.filter(
        case=case, step="press_initial_statement", superseded_at__isnull=True
    ).exists()


def test_the_api_shows_no_pending_step_of_a_concluded_press_case(demo_reference_data, leader):
    # The reviewer: GET /api/v1/cases/<code> of a concluded press case listed
    # press_initial_statement and press_measures_notice as if still owed.
    from django.test import Client

    from complaints.models import ApiToken

    case = log(leader, statement_needed=True)
    act(case, "accept", leader, decided_on="2026-09-02")
    act(case, "start_verification", leader)
    act(
        case, "conclude", leader, conclusion="Đúng.", public_answer="Đã xử lý.",
        press_finding="accurate",
    )
    _token, key = ApiToken.issue(user=leader, name="test")
    body = Client(headers={"Authorization": f"Token {key}"}).get(
        f"/api/v1/cases/{case.tracking_code}"
    ).json()
    steps = {row["step"]: row for row in body["deadlines"]}
    assert "press_initial_statement" not in steps
    assert steps["press_measures_notice"]["settled_at"]
    assert all(row["settled_at"] for row in steps.values() if row["step"].startswith("press"))
