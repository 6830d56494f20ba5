"""A change of the working calendar ("Ngày nghỉ, ngày làm bù") counts again the open
deadlines spanning the day (complaints.services.calendar_change; BLDS 2015 Arts 147–148)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CalendarOverride, CaseDeadline, CaseEvent
from complaints.selectors.tracking import case_public_view
from complaints.services import calendar_change
from complaints.services.calendar import override_refusal, working_calendar_clear
from complaints.services.deadlines import case_deadlines_refresh
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
D = datetime.date
DAY_OFF = CalendarOverride.Kind.DAY_OFF


def at(day: str, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(D.fromisoformat(day), datetime.time(hour), tzinfo=VN)


@pytest.fixture(autouse=True)
def fresh_calendar():
    working_calendar_clear()
    yield
    working_calendar_clear()


def phan_anh(received: str = "2026-12-05", **fields):
    case = CaseFactory(kind=CaseKind.PHAN_ANH, received_at=at(received), **fields)
    case_deadlines_refresh(case=case)
    case.refresh_from_db()
    return case


def current(case) -> dict[str, CaseDeadline]:
    return {row.step: row for row in case.deadlines.filter(superseded_at__isnull=True)}


def add_day_off(day: D, capture) -> CalendarOverride:
    with capture(execute=True):
        return CalendarOverride.objects.create(date=day, kind=DAY_OFF, reason="Nghỉ bù")


def test_a_day_off_moves_the_open_case_deadline_with_history_and_one_event(
    django_capture_on_commit_callbacks,
):
    case = phan_anh()  # received Saturday 5/12/2026: 10 working days to accept
    assert case.accept_by == D(2026, 12, 18)
    old = current(case)["accept"]

    add_day_off(D(2026, 12, 10), django_capture_on_commit_callbacks)

    case.refresh_from_db()
    assert case.accept_by == D(2026, 12, 21)  # as `manage.py deadline` now counts it
    old.refresh_from_db()
    assert old.superseded_at is not None and old.due == D(2026, 12, 18)  # kept, superseded
    assert current(case)["accept"].due == D(2026, 12, 21)
    # Written by the deadline engine's own write path, with its history reason.
    assert old.history.latest().history_change_reason == (
        "origin=system action=case_deadlines_refresh"
    )
    event = CaseEvent.objects.get(case=case, action="calendar_changed")
    assert event.is_public
    assert event.public_message == (
        "Thời hạn được tính lại do thay đổi lịch nghỉ ngày 10/12/2026."
    )
    assert event.data["deadlines"]["accept"] == ["2026-12-18", "2026-12-21"]
    # The citizen's page and API read the new date.
    view = case_public_view(case=case)
    assert view.accept_by == D(2026, 12, 21)
    assert {d.step: d.due for d in view.deadlines}["accept"] == D(2026, 12, 21)
    assert view.timeline[-1].message == event.public_message


def test_a_case_received_after_the_change_counts_the_same(django_capture_on_commit_callbacks):
    before = phan_anh()
    add_day_off(D(2026, 12, 10), django_capture_on_commit_callbacks)
    after = phan_anh()
    before.refresh_from_db()
    assert after.accept_by == before.accept_by == D(2026, 12, 21)


def test_removing_the_day_off_moves_it_back(django_capture_on_commit_callbacks):
    case = phan_anh()
    override = add_day_off(D(2026, 12, 10), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarOverride.objects.get(pk=override.pk).delete()
    case.refresh_from_db()
    assert case.accept_by == D(2026, 12, 18)
    assert CaseEvent.objects.filter(case=case, action="calendar_changed").count() == 2


def test_settled_clocks_and_unaffected_cases_are_left(django_capture_on_commit_callbacks):
    # Accepted 7/12: the acceptance clock ended with thụ lý (its row stands), the 15-working-
    # day resolution runs across 10/12 and moves.
    accepted = phan_anh()
    accepted.status, accepted.accepted_at = CaseStatus.ACCEPTED, at("2026-12-07")
    accepted.save()
    case_deadlines_refresh(case=accepted)
    accepted_rows = current(accepted)
    assert accepted_rows["accept"].due == D(2026, 12, 18)
    # Concluded: its deadlines are history.
    concluded = phan_anh(status=CaseStatus.CONCLUDED)
    concluded_rows = current(concluded)
    # Received after the day: its clock does not span it.
    later = phan_anh(received="2026-12-11")
    later_rows = current(later)

    add_day_off(D(2026, 12, 10), django_capture_on_commit_callbacks)

    assert current(accepted)["accept"].pk == accepted_rows["accept"].pk
    assert current(accepted)["resolve"].due == accepted_rows["resolve"].due + datetime.timedelta(1)
    assert {s: r.pk for s, r in current(concluded).items()} == {
        s: r.pk for s, r in concluded_rows.items()
    }
    assert {s: r.pk for s, r in current(later).items()} == {s: r.pk for s, r in later_rows.items()}
    assert not CaseEvent.objects.filter(case__in=[concluded, later]).exists()


def test_a_settled_notice_is_not_moved(django_capture_on_commit_callbacks):
    case = phan_anh(status=CaseStatus.FILED)
    notice = CaseDeadline.objects.create(
        case=case, step="filing_notice", due=D(2026, 12, 10), counted_in="working_days",
        amount=3, counted_from=D(2026, 12, 7), legal_basis="NĐ 154/2026 Art 4(3)",
        rule_version="2026-07-01", settled_at=at("2026-12-08"),
    )
    pending = phan_anh(status=CaseStatus.FILED)
    CaseDeadline.objects.create(
        case=pending, step="filing_notice", due=D(2026, 12, 10), counted_in="working_days",
        amount=3, counted_from=D(2026, 12, 7), legal_basis="NĐ 154/2026 Art 4(3)",
        rule_version="2026-07-01",
    )

    add_day_off(D(2026, 12, 9), django_capture_on_commit_callbacks)

    notice.refresh_from_db()
    assert notice.superseded_at is None and notice.due == D(2026, 12, 10)
    # A notice still owed moves, though the case is filed (closed).
    assert current(pending)["filing_notice"].due == D(2026, 12, 11)


def test_only_rows_spanning_the_day_are_selected_in_batches(
    django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(calendar_change, "BATCH_SIZE", 2)
    batches = []
    real = calendar_change.deadlines_recount_batch

    def enqueue(ids, days):
        batches.append(list(ids))
        real.enqueue(ids, days)

    monkeypatch.setattr(
        calendar_change, "deadlines_recount_batch", SimpleNamespace(enqueue=enqueue)
    )
    spanning = [phan_anh() for _ in range(3)]
    phan_anh(received="2026-12-11")

    assert calendar_change.affected_case_count([D(2026, 12, 10)]) == 3
    add_day_off(D(2026, 12, 10), django_capture_on_commit_callbacks)

    assert sorted(sum(batches, [])) == sorted(c.pk for c in spanning)
    assert [len(b) for b in batches] == [2, 1]


def test_editing_only_the_reason_counts_nothing_again(django_capture_on_commit_callbacks):
    phan_anh()
    add_day_off(D(2026, 12, 10), django_capture_on_commit_callbacks)
    override = CalendarOverride.objects.get()
    override.reason = "Nghỉ bù (sửa lý do)"
    assert calendar_change.changed_days(override) == set()
    override.date = D(2026, 12, 11)
    assert calendar_change.changed_days(override) == {D(2026, 12, 10), D(2026, 12, 11)}


@pytest.mark.parametrize(
    "day, kind, words",
    [
        (D(2026, 12, 12), "day_off", "ngày nghỉ hằng tuần"),  # a Saturday
        (D(2026, 9, 2), "day_off", "đã là ngày nghỉ lễ"),  # Quốc khánh (BLLĐ Art 112)
        (D(2026, 12, 10), "working_day", "ngày làm việc bình thường"),  # a Thursday
        (D(2026, 8, 22), "working_day", "đã là ngày làm việc bù"),  # the package's swap
    ],
)
def test_override_that_changes_nothing_is_refused(day, kind, words):
    assert words in override_refusal(day, kind)


@pytest.mark.parametrize(
    "day, kind",
    [
        (D(2026, 12, 10), "day_off"),  # a Thursday given off
        (D(2026, 1, 10), "working_day"),  # a Saturday worked
        (D(2026, 8, 31), "working_day"),  # undoing the package's swap
        (D(2026, 8, 22), "day_off"),
        (D(2026, 11, 24), "day_off"),  # listed by the package, not by Art 112(1)
    ],
)
def test_override_that_changes_the_calendar_is_accepted(day, kind):
    assert override_refusal(day, kind) is None
