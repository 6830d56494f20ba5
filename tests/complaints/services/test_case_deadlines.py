"""Stored deadlines of a case (DOMAIN.md §4): rows with their legal basis and rule
version, superseded never rewritten, counted on the calendar with the
administrator's overrides."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from complaints.kinds import CaseKind, Channel
from complaints.models import CalendarOverride, CaseDeadline
from complaints.services.calendar import working_calendar, working_calendar_clear
from complaints.services.deadlines import case_deadlines_refresh
from tests.factories import CalendarOverrideFactory, CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
D = datetime.date


def at(day: str, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(D.fromisoformat(day), datetime.time(hour), tzinfo=VN)


@pytest.fixture(autouse=True)
def fresh_calendar():
    # The overrides are cached across requests; a rolled-back test must not leak them.
    working_calendar_clear()
    yield
    working_calendar_clear()


def current(case) -> dict[str, CaseDeadline]:
    return {row.step: row for row in case.deadlines.filter(superseded_at__isnull=True)}


# kind, flags, received, accepted, step, due, counted_in, amount, legal basis, version
STORED = [
    # Luật TC 25/2018 Art 24(1): 7 working days to accept (Mon 6/7 → Wed 15/7)
    ("to_cao", {}, "2026-07-06", None, "accept", "2026-07-15", "working_days", 7,
     "Luật TC Art 24(1)", "2026-07-01"),
    # Luật TC Art 30(1): 30 days from acceptance
    ("to_cao", {}, "2026-07-06", "2026-07-08", "resolve", "2026-08-07", "calendar_days", 30,
     "Luật TC Art 30(1)", "2026-07-01"),
    # Luật TC Art 30(2): complex, one extension, 60 in all
    ("to_cao", {"is_complex": True}, "2026-07-06", None, "resolve_extended", "2026-09-04",
     "calendar_days", 60, "Luật TC Art 30(2)", "2026-07-01"),
    # NĐ 124/2020 Art 16(1) as amended by NĐ 155/2026 Art 10: 7 working days
    ("khieu_nai", {}, "2026-07-06", None, "accept", "2026-07-15", "working_days", 7,
     "NĐ 124/2020 Art 16(1)", "2026-07-01"),
    # Before 1 July 2026: NĐ 124/2020 Art 16(1) (before NĐ 155/2026), 10 working days
    # (Mon 1/6 → Mon 15/6)
    ("khieu_nai", {}, "2026-06-01", None, "accept", "2026-06-15", "working_days", 10,
     "NĐ 124/2020 Art 16(1) (trước NĐ 155/2026)", "2019-01-01"),
    # Luật KN Art 37: second time, remote area, complex: 70 days (→ Mon 14/9)
    ("khieu_nai", {"second_time": True, "is_complex": True, "is_remote": True}, "2026-07-06",
     None, "resolve", "2026-09-14", "calendar_days", 70, "Luật KN Art 37", "2026-07-01"),
    # Portal policy (unconfirmed): 15 working days to resolve a phản ánh
    ("phan_anh", {}, "2026-07-06", None, "resolve", "2026-07-27", "working_days", 15,
     "Quy định của Cổng", "2026-07-01"),
    # NĐ 237/2026 Art 18(3): 15 working days to tell the outlet the measures taken
    ("bao_chi", {"channel": Channel.PRESS}, "2026-07-06", None, "press_measures_notice",
     "2026-07-27", "working_days", 15, "NĐ 237/2026 Art 18(3)", "2026-07-01"),
]


@pytest.mark.parametrize(
    "kind, flags, received, accepted, step, due, counted_in, amount, basis, version", STORED
)
def test_stored_rows_carry_due_date_basis_and_version(
    kind, flags, received, accepted, step, due, counted_in, amount, basis, version
):
    case = CaseFactory(
        kind=kind,
        received_at=at(received),
        accepted_at=at(accepted) if accepted else None,
        **flags,
    )
    case_deadlines_refresh(case=case)

    row = current(case)[step]
    assert row.due == D.fromisoformat(due)
    assert row.counted_in == counted_in
    assert row.amount == amount
    assert basis in row.legal_basis
    assert row.rule_version == version
    assert row.counted_from == D.fromisoformat(accepted or received)


def test_case_dates_follow_the_rows_and_are_saved_with_history():
    actor = UserFactory()
    case = CaseFactory(kind=CaseKind.TO_CAO, received_at=at("2026-07-06"))

    rows = case_deadlines_refresh(case=case, actor=actor, origin="api")

    case.refresh_from_db()
    assert case.accept_by == D(2026, 7, 15)  # Luật TC Art 24(1)
    assert case.resolve_by == D(2026, 8, 5)  # Luật TC Art 30(1), counted from receipt here
    assert [r.due for r in rows] == sorted(r.due for r in rows)
    latest = case.history.latest()
    assert latest.history_change_reason == "origin=api action=case_deadlines_refresh"
    assert latest.history_user == actor


def test_unconfirmed_policy_rows_are_flagged():
    case = CaseFactory(kind=CaseKind.PHAN_ANH, received_at=at("2026-07-06"))
    case_deadlines_refresh(case=case)
    rows = current(case)
    assert rows["accept"].unconfirmed is True  # TT 05/2021: working days unconfirmed
    assert rows["resolve"].unconfirmed is True  # portal policy, not statute


def test_press_clock_in_hours_keeps_the_time():
    # An article marked as needing an initial statement (khoản 3–4 Điều 7 NĐ 244/2026).
    case = CaseFactory(
        bao_chi=True, received_at=at("2026-07-06", hour=15), press_statement_needed=True
    )
    case_deadlines_refresh(case=case)
    row = current(case)["press_initial_statement"]  # NĐ 244/2026 Art 7(3)–(4): 24 hours
    assert row.counted_in == "hours"
    assert row.due_at == at("2026-07-07", hour=15)
    assert row.due == D(2026, 7, 7)


def test_no_initial_statement_for_an_article_not_marked():
    case = CaseFactory(bao_chi=True, received_at=at("2026-07-06", hour=15))
    case_deadlines_refresh(case=case)
    assert "press_initial_statement" not in current(case)
    assert "press_measures_notice" in current(case)


def test_refresh_without_change_keeps_every_row():
    case = CaseFactory(kind=CaseKind.KHIEU_NAI, received_at=at("2026-07-06"))
    first = case_deadlines_refresh(case=case)
    history_before = case.history.count()

    second = case_deadlines_refresh(case=case)

    assert [r.pk for r in first] == [r.pk for r in second]
    assert CaseDeadline.objects.filter(case=case).count() == len(first)
    assert case.history.count() == history_before  # nothing changed, nothing saved


def test_changed_step_supersedes_the_old_row_never_rewrites_it():
    case = CaseFactory(kind=CaseKind.KHIEU_NAI, received_at=at("2026-07-06"))
    case_deadlines_refresh(case=case)
    old = current(case)
    moment = at("2026-07-07", hour=10)

    case.is_complex = True  # Luật KN Art 28: complex, 45 days instead of 30
    case.save()
    case_deadlines_refresh(case=case, at=moment)

    new = current(case)
    assert new["accept"].pk == old["accept"].pk  # unchanged step keeps its row
    assert new["resolve"].pk != old["resolve"].pk
    assert new["resolve"].amount == 45 and new["resolve"].due == D(2026, 8, 20)
    superseded = CaseDeadline.objects.get(pk=old["resolve"].pk)
    assert superseded.superseded_at == moment
    assert (superseded.due, superseded.amount) == (D(2026, 8, 5), 30)  # as it was
    case.refresh_from_db()
    assert case.resolve_by == D(2026, 8, 20)


def test_step_no_longer_applying_is_superseded_without_replacement():
    case = CaseFactory(kind=CaseKind.TO_CAO, received_at=at("2026-07-06"), is_complex=True)
    case_deadlines_refresh(case=case)
    assert "resolve_extended" in current(case)

    case.is_complex = False
    case.save()
    case_deadlines_refresh(case=case)

    assert "resolve_extended" not in current(case)
    assert case.deadlines.filter(step="resolve_extended", superseded_at__isnull=False).exists()


def test_steps_from_later_events_are_left_alone():
    case = CaseFactory(kind=CaseKind.KHIEU_NAI, received_at=at("2026-07-06"))
    notice = CaseDeadline.objects.create(
        case=case, step="suspension_notice", due=D(2026, 7, 20), counted_in="working_days",
        amount=3, counted_from=D(2026, 7, 15), legal_basis="NĐ 124/2020 Art 28b(1)",
        rule_version="2026-07-01",
    )
    case_deadlines_refresh(case=case)
    assert current(case)["suspension_notice"].pk == notice.pk


def test_a_later_policy_change_moves_no_case_until_refreshed(settings):
    case = CaseFactory(kind=CaseKind.PHAN_ANH, received_at=at("2026-07-06"))
    case_deadlines_refresh(case=case)
    stored = current(case)["resolve"]

    settings.PORTAL_DEADLINE_POLICY = {("phan_anh", "resolve"): 20}
    case.refresh_from_db()
    assert case.resolve_by == D(2026, 7, 27)
    assert current(case)["resolve"].pk == stored.pk  # reads use the stored rows

    case_deadlines_refresh(case=case)
    row = current(case)["resolve"]
    assert (row.amount, row.due) == (20, D(2026, 8, 3))
    case.refresh_from_db()
    assert case.resolve_by == D(2026, 8, 3)


def test_policy_cannot_override_a_statutory_deadline(settings):
    settings.PORTAL_DEADLINE_POLICY = {("to_cao", "accept"): 20}  # Luật TC Art 24(1)
    case = CaseFactory(kind=CaseKind.TO_CAO, received_at=at("2026-07-06"))
    with pytest.raises(ImproperlyConfigured):
        case_deadlines_refresh(case=case)
    assert not case.deadlines.exists()


def test_a_day_off_override_moves_the_deadline():
    case = CaseFactory(kind=CaseKind.TO_CAO, received_at=at("2026-07-06"))
    CalendarOverrideFactory(date=D(2026, 7, 8), kind=CalendarOverride.Kind.DAY_OFF)
    case_deadlines_refresh(case=case)
    assert current(case)["accept"].due == D(2026, 7, 16)  # one working day later


def test_a_worked_saturday_counts_as_a_working_day():
    # 2026: Saturday 10/1 worked in exchange for Friday 2/1 (DOMAIN.md §4); the holidays
    # package does not know this swap, the administrator enters it.
    case = CaseFactory(kind=CaseKind.TO_CAO, received_at=at("2026-01-08"))
    case_deadlines_refresh(case=case)
    assert current(case)["accept"].due == D(2026, 1, 19)  # 9, 12–16, 19

    CalendarOverrideFactory(date=D(2026, 1, 10), kind=CalendarOverride.Kind.WORKING_DAY)
    CalendarOverrideFactory(date=D(2026, 1, 2), kind=CalendarOverride.Kind.DAY_OFF)
    case_deadlines_refresh(case=case)
    assert current(case)["accept"].due == D(2026, 1, 16)  # 9, 10, 12–16


def test_saving_or_deleting_an_override_refreshes_the_cached_calendar():
    saturday = D(2026, 1, 10)
    assert working_calendar().is_working_day(saturday) is False

    override = CalendarOverrideFactory(date=saturday, kind=CalendarOverride.Kind.WORKING_DAY)
    assert working_calendar().is_working_day(saturday) is True

    override.kind = CalendarOverride.Kind.DAY_OFF
    override.save()
    assert working_calendar().is_working_day(saturday) is False

    override.delete()
    monday = D(2026, 1, 12)
    CalendarOverrideFactory(date=monday, kind=CalendarOverride.Kind.DAY_OFF)
    assert working_calendar().is_working_day(monday) is False
    CalendarOverride.objects.get(date=monday).delete()
    assert working_calendar().is_working_day(monday) is True


def test_statutory_holidays_come_from_the_holidays_package():
    calendar = working_calendar()
    assert calendar.is_working_day(D(2026, 9, 2)) is False  # Quốc khánh (BLLĐ 2019 Art 112)
    assert calendar.is_working_day(D(2026, 4, 30)) is False
    assert calendar.is_working_day(D(2026, 7, 6)) is True


def test_an_accepted_case_keeps_its_acceptance_deadline_when_the_calendar_changes_later(
    demo_reference_data,
):
    """Issue 3: changing a rule or the calendar later does not rewrite a past deadline.
    The acceptance clock ended at acceptance; a later recomputation (e.g. marking the
    case complex) leaves its row and `accept_by` as they were."""
    import datetime

    from django.utils import timezone

    from complaints.models import CalendarOverride, CaseDeadline
    from complaints.services.deadlines import case_deadlines_refresh
    from tests.factories import CaseFactory

    received = timezone.make_aware(datetime.datetime(2026, 7, 6, 9, 0))
    case = CaseFactory(khieu_nai=True, received_at=received)
    case_deadlines_refresh(case=case)
    accept_row = CaseDeadline.objects.get(case=case, step="accept", superseded_at__isnull=True)
    case.status, case.accepted_at = "accepted", received + datetime.timedelta(days=2)
    case.save()
    # An administrator adds a day off inside the (already ended) acceptance window.
    CalendarOverride.objects.create(
        date=datetime.date(2026, 7, 9), kind="day_off", reason="Nghỉ đột xuất"
    )
    case.is_complex = True
    case_deadlines_refresh(case=case)
    case.refresh_from_db()
    still = CaseDeadline.objects.get(case=case, step="accept", superseded_at__isnull=True)
    assert still.pk == accept_row.pk and case.accept_by == accept_row.due
    # The resolution clock (from acceptance) does follow the new facts: 45 days, complex.
    resolve = CaseDeadline.objects.get(case=case, step="resolve", superseded_at__isnull=True)
    assert resolve.amount == 45
