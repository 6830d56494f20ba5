"""The workspace list's deadline: one definition of the case's next deadline (the nearer of
its step's and of a notice to the parties not yet sent) for the cell, the order by deadline
in both directions, the "quá hạn" and "sắp đến hạn" filters and the counters."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.admin.due_order import due_page
from complaints.admin.filters import ORDERINGS
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseDeadline
from complaints.querysets import next_due_expression
from complaints.rules.notices import PENDING_STEPS
from tests.factories import CaseFactory

from .helpers import days_ago, intake_user

pytestmark = pytest.mark.django_db

INDEX = "/admin/ho-so/"
NOTICE_STEP = sorted(PENDING_STEPS)[0]


def _notice(case, due: datetime.date, **extra) -> CaseDeadline:
    return CaseDeadline.objects.create(
        case=case, step=extra.pop("step", NOTICE_STEP), due=due, counted_in="working_days",
        amount=3, counted_from=due - datetime.timedelta(days=5),
        legal_basis="Điều 32 Luật Khiếu nại 2011", rule_version="t", **extra,
    )  # fmt: skip


def _day(today, days: int) -> datetime.date:
    return today + datetime.timedelta(days=days)


def _mixed(today) -> dict[str, Case]:
    """A case waiting on a notice, one on a step's deadline, two with both (the notice
    first, the step first), one with a notice overdue, and two with none."""
    cases = {
        "notice": CaseFactory(khieu_nai=True, status=CaseStatus.CONCLUDED, received_at=days_ago(6)),
        "step": CaseFactory(accept_by=_day(today, 5), received_at=days_ago(5)),
        "both, notice first": CaseFactory(
            bao_chi=True, accept_by=_day(today, 9), received_at=days_ago(4)
        ),
        "both, step first": CaseFactory(
            khieu_nai=True, status=CaseStatus.ACCEPTED, resolve_by=_day(today, 3),
            received_at=days_ago(3),
        ),  # fmt: skip
        "notice overdue": CaseFactory(
            to_cao=True, status=CaseStatus.CONCLUDED, received_at=days_ago(2)
        ),
        "none, older": CaseFactory(status=CaseStatus.CLOSED, received_at=days_ago(30)),
        "none, newer": CaseFactory(status=CaseStatus.CLOSED, received_at=days_ago(1)),
    }
    _notice(cases["notice"], _day(today, 2))
    _notice(cases["notice"], _day(today, 8), step=sorted(PENDING_STEPS)[1])
    _notice(cases["both, notice first"], _day(today, 1))
    _notice(cases["both, step first"], _day(today, 7))
    # A notice already sent, and one superseded, count for nothing.
    _notice(cases["both, step first"], _day(today, -4), step=sorted(PENDING_STEPS)[1],
            settled_at=timezone.now())  # fmt: skip
    _notice(cases["none, older"], _day(today, 1), superseded_at=timezone.now())
    _notice(cases["notice overdue"], _day(today, -1))
    return cases


NEAREST_FIRST = [
    "notice overdue", "both, notice first", "notice", "both, step first", "step",
    "none, newer", "none, older",
]
FARTHEST_FIRST = [
    "step", "both, step first", "notice", "both, notice first", "notice overdue",
    "none, older", "none, newer",
]
NEXT_DUE = {
    "notice overdue": -1, "both, notice first": 1, "notice": 2, "both, step first": 3,
    "step": 5, "none, newer": None, "none, older": None,
}


@pytest.mark.parametrize(("order", "expected"), [("due", NEAREST_FIRST), ("-due", FARTHEST_FIRST)])
def test_the_order_by_deadline_is_the_order_of_the_deadline_shown(client, order, expected):
    today = timezone.localdate()
    cases = _mixed(today)
    names = {case.pk: name for name, case in cases.items()}
    client.force_login(intake_user())
    response = client.get(f"{INDEX}?order={order}")
    rows = response.context["rows"]
    assert [names[row["case"].pk] for row in rows] == expected
    for row in rows:
        days = NEXT_DUE[names[row["case"].pk]]
        if days is None:
            assert row["due"] is None
        else:
            assert row["due"].day == _day(today, days).strftime("%d/%m/%Y")
    assert response.context["total"] == len(cases)
    html = response.content.decode()
    assert "Hạn xa nhất trước" in html
    assert "Quá hạn 1 ngày" in html  # the notice overdue, first of the nearest-first list


def test_the_cell_shows_the_next_deadline_in_every_order(client):
    today = timezone.localdate()
    cases = _mixed(today)
    client.force_login(intake_user())
    for order in ("-received", "received", "due", "-due"):
        rows = client.get(f"{INDEX}?order={order}").context["rows"]
        shown = {row["case"].pk: row["due"] and row["due"].iso for row in rows}
        for name, case in cases.items():
            days = NEXT_DUE[name]
            assert shown[case.pk] == (None if days is None else _day(today, days).isoformat())


@pytest.mark.parametrize("order", ["due", "-due"])
def test_every_page_of_the_deadline_order_is_the_slice_of_the_whole_order(order):
    """The pages read from the three parts (`complaints.admin.due_order`) are the slices of
    the cases sorted by the expression itself (what the export reads), wherever a page starts
    and ends: before, across and after the last dated case, ties broken alike."""
    today = timezone.localdate()
    _mixed(today)
    # Ties: same step deadline, same notice day, a notice on the step's own day.
    for n in range(3):
        CaseFactory(accept_by=_day(today, 5), received_at=days_ago(10 + n))
        _notice(CaseFactory(status=CaseStatus.CONCLUDED, received_at=days_ago(20 + n)),
                _day(today, 2))  # fmt: skip
        CaseFactory(status=CaseStatus.CLOSED, received_at=days_ago(40 + n))
    tied = CaseFactory(accept_by=_day(today, 4), received_at=days_ago(50))
    _notice(tied, _day(today, 4))
    whole = list(
        Case.objects.annotate(next_due=next_due_expression())
        .order_by(*ORDERINGS[order])
        .values_list("pk", "next_due")
    )
    assert len(whole) == 17
    for start in range(len(whole) + 1):
        for size in (1, 3, 5, 17):
            page = due_page(
                Case.objects.all(), start, start + size, descending=order == "-due"
            )
            assert [(c.pk, c.next_due) for c in page] == whole[start : start + size]


def test_the_deadline_filters_and_counters_read_the_next_deadline(client):
    """A case whose step is overdue and whose notice is due tomorrow is overdue, not also due
    soon (its cell says "Quá hạn"); one whose notice is overdue and whose step is due
    tomorrow likewise; one whose notice is due tomorrow and step far off is due soon."""
    today = timezone.localdate()
    step_overdue = CaseFactory(accept_by=_day(today, -2))
    _notice(step_overdue, _day(today, 1))
    notice_overdue = CaseFactory(accept_by=_day(today, 1))
    _notice(notice_overdue, _day(today, -3))
    notice_soon = CaseFactory(kind=CaseKind.BAO_CHI, accept_by=_day(today, 20))
    _notice(notice_soon, _day(today, 1))
    CaseFactory(accept_by=_day(today, 20))
    client.force_login(intake_user())

    def shown(query):
        response = client.get(f"{INDEX}?{query}")
        return response, {row["case"].pk: row["due"] for row in response.context["rows"]}

    response, overdue = shown("overdue=1")
    assert set(overdue) == {step_overdue.pk, notice_overdue.pk}
    assert {badge.tone for badge in overdue.values()} == {"overdue"}
    assert overdue[step_overdue.pk].text == "Quá hạn 2 ngày"
    assert overdue[notice_overdue.pk].text == "Quá hạn 3 ngày"
    assert response.context["counters"].overdue == 2
    response, soon = shown("due_soon=1")
    assert set(soon) == {notice_soon.pk}
    assert soon[notice_soon.pk].text.startswith("Còn 1 ngày")  # "làm việc" on a weekday
    assert response.context["counters"].due_soon == 1
    _response, ordered = shown("due_soon=1&order=due")
    assert list(ordered) == [notice_soon.pk]


@pytest.mark.parametrize("order", ["due", "-due"])
def test_an_empty_list_in_deadline_order(client, order):
    """Nothing found, or a handler of no unit: an empty page, not an error."""
    from .helpers import handler_user

    _mixed(timezone.localdate())
    client.force_login(intake_user())
    response = client.get(f"{INDEX}?order={order}&q=khongcohosonao")
    assert response.status_code == 200 and response.context["rows"] == []
    client.force_login(handler_user(None))
    response = client.get(f"{INDEX}?order={order}")
    assert response.status_code == 200 and response.context["rows"] == []
