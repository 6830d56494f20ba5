"""Storing a case's deadlines (DOMAIN.md §4).

The figures and their articles live in `complaints.deadlines.RULES`; this module
computes them for one case and stores one `CaseDeadline` row per step, with the
legal basis and rule version that produced it. The stored rows (and the case's
`accept_by` / `resolve_by` copied from them) are the truth for every read: a rule
changed later moves a case only when `case_deadlines_refresh` runs for it again,
and then the old row is superseded, never rewritten.

Policy figures (rows marked unconfirmed: e.g. the 15 working days to resolve a
phản ánh) can be changed without code through the setting
`PORTAL_DEADLINE_POLICY = {("phan_anh", "resolve"): 20, ...}`; statutory rows
cannot (ImproperlyConfigured).
"""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from complaints import deadlines as engine
from complaints.kinds import Channel
from complaints.models import Case, CaseDeadline
from complaints.services.calendar import working_calendar

# The steps compute_deadlines produces: those counted from receipt, acceptance or
# the incident. Steps counted from later events (suspension, conclusion, filing...)
# are stored by the workflow with `step_due` and left alone here.
_SCHEDULED_FROM = {
    engine.Event.RECEIVED,
    engine.Event.ACCEPTED,
    engine.Event.INCIDENT,
    engine.Event.PRESS_REQUESTED,  # the press answer, once the request is recorded
}
_COMPARED = (
    "due",
    "due_at",
    "counted_in",
    "amount",
    "counted_from",
    "legal_basis",
    "rule_version",
    "unconfirmed",
)


def deadline_policy() -> dict[tuple[str, str], int]:
    """The administrator's policy amounts from `settings.PORTAL_DEADLINE_POLICY`."""
    return dict(getattr(settings, "PORTAL_DEADLINE_POLICY", {}) or {})


_PRESS_STATEMENT_STEP = "press_initial_statement"

_SETTLED_ON_ACCEPTANCE = frozenset({engine.Event.RECEIVED, engine.Event.INCIDENT})


def _step_events(kind: str) -> dict[str, engine.Event]:
    """Step code -> the event its clock counts from, for the steps owned here.

    Notice steps (`complaints.rules.notices`) are not: they are opened by the decision
    they follow (`complaints.services.notices.notices_open`), never estimated ahead of it
    (an acceptance notice before the case is accepted could only look overdue)."""
    return {
        rule.step: rule.counts_from
        for rule in engine.RULES
        if rule.kind == kind
        and rule.counts_from in _SCHEDULED_FROM
        and rule.step not in engine.NOTICE_STEPS
    }


def scheduled_steps(kind: str) -> frozenset[str]:
    """The step codes `case_deadlines_refresh` owns for a case of `kind`."""
    return frozenset(_step_events(kind))


def case_schedule(*, case: Case) -> engine.Schedule:
    """The deadlines the rules give for `case` today (computed, not stored; it reads
    only the cached calendar, so the case need not be saved yet)."""
    try:
        schedule = engine.compute_deadlines(
            kind=case.kind,
            received=timezone.localtime(case.received_at),
            accepted=timezone.localtime(case.accepted_at) if case.accepted_at else None,
            second=case.second_time,
            complex=case.is_complex,
            very_complex=case.is_very_complex,
            remote=case.is_remote,
            # A denunciation a press outlet forwarded (Luật TC Art 26(2)).
            from_press=case.channel == Channel.PRESS,
            incident=case.incident_date,
            # The 30-day press answer runs from the outlet head's request once recorded.
            press_requested=case.press_requested_on,
            calendar=working_calendar(),
            overrides=deadline_policy(),
        )
    except ValueError as error:
        if isinstance(error, engine.DeadlineError):
            raise
        raise ImproperlyConfigured(f"PORTAL_DEADLINE_POLICY: {error}") from error
    if case.kind == "bao_chi" and not _statement_from_receipt(case):
        # The 24-hour initial statement (khoản 3–4 Điều 7 Nghị định 244/2026) is owed only
        # for an important event with wide social impact or divided opinion: staff mark it.
        # Marked later on the case page, the workflow stores it counted from the ground's
        # moment (`mark_press_statement`, complaints/services/press_statement.py).
        schedule = dataclasses.replace(
            schedule,
            steps=tuple(s for s in schedule.steps if s.step != _PRESS_STATEMENT_STEP),
        )
    return schedule


def _statement_from_receipt(case: Case) -> bool:
    """A press case marked at intake as needing the 24-hour initial statement: its step is
    counted from receipt here. One marked later (`press_statement_determined_at`) has its
    step stored by the workflow, which this module leaves alone."""
    return case.press_statement_needed and case.press_statement_determined_at is None


def _row_values(step: engine.Step) -> dict:
    return {
        "due": step.due_date,
        "due_at": step.due_at,
        "counted_in": step.counted_in.value,
        "amount": step.amount,
        "counted_from": step.start_date,
        "legal_basis": step.legal_basis,
        "rule_version": step.rule_version,
        "unconfirmed": step.unconfirmed,
    }


def _reason(origin: str) -> str:
    return f"origin={origin} action=case_deadlines_refresh"


def _new_row(*, case: Case, step: str, values: dict, reason: str, actor) -> CaseDeadline:
    """An unsaved CaseDeadline with the history user and reason its history row takes."""
    row = CaseDeadline(case=case, step=step, **values)
    row._change_reason = reason
    if actor is not None:
        row._history_user = actor
    return row


def schedule_apply(*, case: Case, schedule: engine.Schedule) -> None:
    """Copy the schedule's `accept_by` / `resolve_by` to the case (not saved)."""
    case.accept_by = schedule.accept_by
    case.resolve_by = schedule.resolve_by


def case_deadlines_create(
    *, case: Case, schedule: engine.Schedule, actor=None, origin: str = "system"
) -> list[CaseDeadline]:
    """Store the first deadline rows of a case just inserted with `schedule_apply`
    (computed by `case_schedule` before the insert); return them.

    The same rows, values and history reasons as `case_deadlines_refresh` on a case
    with no rows, in two inserts (the rows, their history rows) inside the caller's
    transaction; the case is not saved again."""
    rows = [
        _new_row(case=case, step=step.step, values=_row_values(step), reason=_reason(origin),
                 actor=actor)
        for step in schedule.steps
        if step.step not in engine.NOTICE_STEPS
    ]
    if rows:
        bulk_create_with_history(rows, CaseDeadline)
    return sorted(rows, key=lambda row: (row.due, row.step))


def case_deadlines_refresh(
    *,
    case: Case,
    actor=None,
    origin: str = "system",
    at: datetime.datetime | None = None,
) -> list[CaseDeadline]:
    """Compute `case`'s deadlines and store what changed; return the current rows.

    Guarantees: runs in the caller's transaction (a savepoint when there is one; call
    it after locking the case); a step whose computed value is unchanged keeps its row;
    a changed step gets a new row and the old one is marked `superseded_at = at`
    (never edited otherwise); a step that no longer applies (e.g. the extended
    limit of a case no longer marked complex) is superseded without replacement;
    steps counted from later events are not touched. `case.accept_by` and
    `case.resolve_by` follow the new rows and the case is saved (with history) only
    when they change. No side effects outside the database.

    Raises `complaints.deadlines.DeadlineError` for a case the rules cannot
    compute (e.g. received before 2019) and ImproperlyConfigured for a bad policy.
    """
    if case.pk is None:
        raise ValueError("case_deadlines_refresh needs a saved case")
    at = at or timezone.now()
    reason = _reason(origin)
    schedule = case_schedule(case=case)
    # Once the case is accepted, the clocks that ran from its receipt have ended:
    # their rows stand as they were (a calendar or policy changed since does not
    # move an acceptance deadline that has already passed).
    settled = _SETTLED_ON_ACCEPTANCE if case.accepted_at else frozenset()
    computed = {
        step.step: _row_values(step)
        for step in schedule.steps
        if step.counts_from not in settled and step.step not in engine.NOTICE_STEPS
    }
    owned = {
        code for code, event in _step_events(case.kind).items() if event not in settled
    }
    if case.press_statement_determined_at is not None:
        owned.discard(_PRESS_STATEMENT_STEP)  # stored by `mark_press_statement`
    accept_by = case.accept_by if settled else schedule.accept_by

    with transaction.atomic():
        current = {
            row.step: row
            for row in CaseDeadline.objects.filter(case=case, superseded_at__isnull=True)
        }
        for code, row in current.items():
            if code not in owned:
                continue
            values = computed.get(code)
            if values is not None and all(getattr(row, k) == v for k, v in values.items()):
                continue
            row.superseded_at = at
            row._change_reason = reason
            if actor is not None:
                row._history_user = actor
            row.save(update_fields=["superseded_at"])
        for code, values in computed.items():
            row = current.get(code)
            if row is not None and row.superseded_at is None:
                continue
            row = _new_row(case=case, step=code, values=values, reason=reason, actor=actor)
            row.save()
            current[code] = row

        if (case.accept_by, case.resolve_by) != (accept_by, schedule.resolve_by):
            case.accept_by, case.resolve_by = accept_by, schedule.resolve_by
            case._change_reason = reason
            if actor is not None:
                case._history_user = actor
            case.save(update_fields=["accept_by", "resolve_by", "updated_at"])

    return sorted(
        (row for row in current.values() if row.superseded_at is None),
        key=lambda row: (row.due, row.step),
    )

