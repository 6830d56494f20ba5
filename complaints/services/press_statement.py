"""The Sở determines, after the article was logged, that the spokesperson owes an initial
statement to the press within 24 hours (action ``mark_press_statement``; the law:
`complaints.rules.press_statement`).

The action records the ground (khoản 3 or khoản 4 Điều 7 Nghị định 244/2026/NĐ-CP), sets
`Case.press_statement_needed` with the ground and the moment (`press_statement_determined_at`;
who decided is the event's actor and the history's user) and stores the step
``press_initial_statement``: 24 hours from that moment under khoản 4, from the receipt under
khoản 3. From then the step is the one the intake mark opens: pending (the case page, the
overdue and due-soon counts) until it is recorded as given (``record_notice``), superseded at
the conclusion (`complaints.services.notices`); `case_deadlines_refresh` leaves it alone.

The action is a row of `complaints.transitions.TRANSITIONS`; its handler and field cleaner
are registered in `complaints.services.workflow` from the dicts at the bottom.
"""

from __future__ import annotations

import dataclasses

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import deadlines as engine
from complaints.rules.notices import PRESS_STATEMENT
from complaints.rules.press_statement import RECEIVED, StatementGround, ground_rule
from portal.lazy_text import lazy_message

__all__ = [
    "PRESS_STATEMENT_FIELD_CLEANERS",
    "PRESS_STATEMENT_HANDLERS",
    "may_mark_statement",
    "statement_mark_actor_refusal",
    "statement_mark_refusal",
]


def _moment(value) -> str:
    return date_format(timezone.localtime(value), "H:i d/m/Y")


def statement_mark_refusal(case) -> str | None:
    """Why ``mark_press_statement`` is closed for the case now (its guard): already marked."""
    if not case.press_statement_needed:
        return None
    if case.press_statement_determined_at is not None:
        return _(
            "Hồ sơ đã được xác định cần phát ngôn trong 24 giờ lúc %(moment)s (%(ground)s); "
            "không ghi nhận lại."
        ) % {
            "moment": _moment(case.press_statement_determined_at),
            "ground": case.get_press_statement_ground_display(),
        }
    return _(
        "Hồ sơ đã được đánh dấu cần cung cấp thông tin ban đầu cho báo chí trong 24 giờ khi "
        "ghi nhận bài báo; không ghi nhận lại."
    )


def may_mark_statement(user) -> bool:
    """The press office (or the Sở's province-wide staff), as for logging an article
    (`complaints.services.press_intake`); never a facility's handler the case was given to
    for verification."""
    from complaints.services.press_intake import may_log_press

    return may_log_press(user)


def statement_mark_actor_refusal(case, user) -> str | None:
    """Why ``mark_press_statement`` is closed to this user (its actor guard)."""
    if may_mark_statement(user):
        return None
    return _(
        "Chỉ bộ phận báo chí của Sở Y tế xác định việc phát ngôn trong 24 giờ; cơ sở được "
        "giao xác minh không thực hiện thao tác này."
    )


# ---- the field ------------------------------------------------------------------------------


def _clean_statement_ground(raw, *, case, today):
    from complaints.services.workflow import choose_one

    if raw in (None, ""):
        return None, None
    rule = ground_rule(raw) if isinstance(raw, str) else None
    if rule is None:
        return None, choose_one(StatementGround.choices)
    return rule, None


PRESS_STATEMENT_FIELD_CLEANERS = {"statement_ground": _clean_statement_ground}


# ---- the handler ----------------------------------------------------------------------------


def _mark_press_statement(step) -> None:
    """Set the mark, its ground and moment on the case; store the 24-hour step counted from
    the ground's moment (the receipt for khoản 3, now for khoản 4)."""
    from complaints.services.calendar import working_calendar
    from complaints.services.deadlines import deadline_policy
    from complaints.services.notices import step_row_open
    from complaints.services.workflow import TransitionNotAllowed

    case, rule = step.case, step.fields["statement_ground"]
    start = case.received_at if rule.counts_from == RECEIVED else step.now
    try:
        computed = engine.step_due(
            kind=case.kind,
            step=PRESS_STATEMENT.step,
            start=start,
            calendar=working_calendar(),
            overrides=deadline_policy(),
        )
    except engine.DeadlineError as error:
        raise TransitionNotAllowed(lazy_message(
            gettext_lazy("Không tính được thời hạn theo quy định: %(error)s"), error=error
        )) from error
    if computed.rule_version == engine.V2026:  # the clause the ground names
        computed = dataclasses.replace(computed, legal_basis=rule.legal_basis)
    case.press_statement_needed = True
    case.press_statement_ground = rule.ground
    case.press_statement_determined_at = step.now
    step.data.update(
        statement_ground=rule.ground,
        counted_from=timezone.localtime(start).isoformat(),
        due_at=computed.due.isoformat(),
        legal_basis=computed.legal_basis,
        overdue=computed.due <= step.now,
    )

    def save() -> None:
        step_row_open(
            case=case, computed=computed, actor=step.actor, origin=step.origin, at=step.now,
            action=step.transition.action,
        )  # fmt: skip

    step.after_save.append(save)


PRESS_STATEMENT_HANDLERS = {"mark_press_statement": _mark_press_statement}
