"""The verification step's fields and what it records (rules: complaints/rules/verification.py),
and the extension of its period (`extend_verification`: complaints/rules/verification_extension.py).

`verification_days`: the period, a positive number of days counted from the day the step is
taken (Điều 147, 148 Bộ luật Dân sự 2015), ending no later than the case's resolution
deadline. `verifier_no_conflict`: for a denunciation, the leader's declaration that the
verifier has no family tie or direct interest with the denounced person (khoản 3 Điều 10
Nghị định 31/2019/NĐ-CP), refused outright when the officer given the verification is the
denounced person. Both are checked in `case_transition`'s one validation (`_clean`), so the
case page, the document page, the staff API and the command take the same path; the step
sets `Case.verification_days` and `Case.verification_until` (with history) and keeps both
facts, with who declared, in its event.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from complaints.citations import citation_read, citation_read_later
from complaints.kinds import CaseKind
from complaints.rules.verification import (
    DECLARATION_ARTICLE,
    DECLARATION_KINDS,
    MAX_DAYS,
    REMINDER_STEP,
    RESUME_ARTICLES,
    folded_name,
    is_the_accused,
    period_article,
)
from complaints.rules.verification_extension import EXTENSION_ARTICLE, extension_start
from complaints.rules.verification_team import (
    CONFLICT_ARTICLE,
    MAX_LINE,
    MAX_MEMBERS,
    MIN_MEMBERS,
    team_article,
    team_lines,
    team_members,
    team_text,
)
from portal.lazy_text import lazy_message, read_later

__all__ = [
    "REPORT_FIELDS",
    "VERIFICATION_FIELD_CLEANERS",
    "VERIFICATION_HANDLERS",
    "verification_end",
    "verification_period_clear",
    "verification_period_resumed",
]

_YES = (True, 1, "1", "true", "True", "on", "yes")
_NO = (None, "", False, 0, "0", "false", "False", "off", "no")


def _fmt(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


def verification_end(start: datetime.date, days: int) -> datetime.date:
    """The last day of a verification of `days` days from `start`: counted from the next day,
    moved to the next working day when it falls on a day off (Điều 147, 148 Bộ luật Dân sự
    2015), on the portal's calendar."""
    from complaints.services.calendar import working_calendar

    return working_calendar().add_calendar_days(start, days)


def _days(raw) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        return int(raw.strip())
    return None


def _resolve_basis(case) -> str:
    row = case.deadlines.filter(step="resolve", superseded_at__isnull=True).first()
    return citation_read(row.legal_basis) if row is not None and row.legal_basis else ""


def _longest(case, today: datetime.date) -> int:
    """The most days a verification started today may last within the resolution deadline."""
    return _longest_from(today, case.resolve_by)


def _longest_from(start: datetime.date, due: datetime.date) -> int:
    """The most days counted from `start` whose last day is not after `due`."""
    most = (due - start).days
    while most > 0 and verification_end(start, most) > due:
        most -= 1
    return max(most, 0)


def _clean_days(raw, *, case, today):
    if raw in (None, ""):
        return None, None
    days = _days(raw)
    if days is None:
        return None, gettext_lazy("Thời hạn xác minh phải là một số ngày (số nguyên).")
    if days <= 0:
        return None, gettext_lazy("Thời hạn xác minh phải lớn hơn 0 ngày.")
    if case.resolve_by is None:
        if days > MAX_DAYS:
            return None, lazy_message(
                gettext_lazy("Thời hạn xác minh tối đa %(max)s ngày."), max=MAX_DAYS
            )
        return days, None
    if days <= MAX_DAYS and verification_end(today, days) <= case.resolve_by:
        return days, None
    values = {
        "days": days,
        "kind": read_later(lambda: case.get_kind_display().lower()),
        "due": _fmt(case.resolve_by),
        "basis": read_later(lambda: _resolve_basis(case) or "…"),
        "article": citation_read_later(period_article(case)),
        "most": _longest(case, today),
    }
    if period_article(case):
        message = gettext_lazy(
            "Thời hạn xác minh %(days)s ngày kết thúc sau hạn giải quyết %(kind)s ngày %(due)s "
            "(%(basis)s): việc xác minh phải kết thúc trong thời hạn giải quyết (%(article)s). "
            "Thời hạn xác minh tối đa %(most)s ngày."
        )
    else:
        message = gettext_lazy(
            "Thời hạn xác minh %(days)s ngày kết thúc sau hạn giải quyết %(kind)s ngày %(due)s "
            "(%(basis)s): việc xác minh phải kết thúc trong thời hạn giải quyết. Thời hạn xác "
            "minh tối đa %(most)s ngày."
        )
    return None, lazy_message(message, **values)


def _clean_no_conflict(raw, *, case, today):
    """The declaration of khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP (a denunciation only), after
    the conflict the portal sees: the officer given the verification is the denounced person."""
    if case.kind not in DECLARATION_KINDS:
        return None, None
    verifier = case.assigned_user
    if verifier is not None and is_the_accused(case=case, user=verifier):
        from complaints.selectors.history import staff_name

        return None, lazy_message(gettext_lazy(
            "Không giao xác minh được: cán bộ được giao xác minh (%(name)s) chính là người bị "
            "tố cáo. Người giải quyết tố cáo không giao xác minh nội dung tố cáo cho người bị tố "
            "cáo, người có quan hệ gia đình hoặc có lợi ích liên quan trực tiếp với người bị tố "
            "cáo (%(article)s). Hãy giao xử lý cho cán bộ khác trước."
        ), name=staff_name(verifier), article=citation_read_later(DECLARATION_ARTICLE))
    if raw in _YES:
        return True, None
    if raw in _NO:
        return None, lazy_message(gettext_lazy(
            "Người giao xác minh phải xác nhận người được giao xác minh không có quan hệ gia "
            "đình hoặc lợi ích liên quan trực tiếp với người bị tố cáo (%(article)s)."
        ), article=citation_read_later(DECLARATION_ARTICLE))
    return None, gettext_lazy("Giá trị phải là có hoặc không.")


def _end_of_extension(start: datetime.date, days: int) -> datetime.date | None:
    """The new last day; for an absurd number of days (past `MAX_DAYS`) its calendar day
    only, None past the calendar's last day (the message still says how long is allowed)."""
    if days <= MAX_DAYS:
        return verification_end(start, days)
    try:
        return start + datetime.timedelta(days=days)
    except OverflowError:
        return None


def _clean_extra_days(raw, *, case, today):
    """The days the extension adds (khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP): a positive
    whole number, the new end not after the resolution deadline (the longest allowed said)."""
    if raw in (None, ""):
        return None, None
    days = _days(raw)
    article = citation_read_later(EXTENSION_ARTICLE)
    if days is None or days <= 0:
        return None, lazy_message(gettext_lazy(
            "Số ngày gia hạn thời gian xác minh phải là một số nguyên lớn hơn 0 (%(article)s)."
        ), article=article)
    if case.verification_until is None:  # the step's guard says why; nothing to count from
        return days, None
    start = extension_start(case, today)
    if case.resolve_by is None:
        if days > MAX_DAYS:
            return None, lazy_message(
                gettext_lazy("Số ngày gia hạn thời gian xác minh tối đa %(max)s ngày."),
                max=MAX_DAYS,
            )
        return days, None
    end = _end_of_extension(start, days)
    if days <= MAX_DAYS and end is not None and end <= case.resolve_by:
        return days, None
    return None, lazy_message(gettext_lazy(
        "Gia hạn %(days)s ngày thì thời hạn xác minh kết thúc ngày %(end)s, sau hạn giải quyết "
        "khiếu nại ngày %(due)s (%(basis)s): việc gia hạn không làm cho thời gian giải quyết "
        "vượt quá thời hạn giải quyết khiếu nại (%(article)s). Số ngày gia hạn tối đa "
        "%(most)s ngày (đến hết ngày %(due)s)."
    ),
        article=article,
        days=days,
        end=_fmt(end) if end is not None else "…",
        due=_fmt(case.resolve_by),
        basis=read_later(lambda: _resolve_basis(case) or "…"),
        most=_longest_from(start, case.resolve_by),
    )


def _clean_team(raw, *, case, today):
    """The verification team (complaints/rules/verification_team.py): one member per line,
    "họ và tên, chức vụ", the first the leader; two or more, no one twice, each with a
    position; on a denunciation, never the denounced person (khoản 3 Điều 10 Nghị định
    31/2019/NĐ-CP). Stored tidied (`team_text`)."""
    if raw in (None, ""):
        return None, None
    if not isinstance(raw, str):
        return None, gettext_lazy(
            "Tổ xác minh phải là văn bản: mỗi dòng một người, “họ và tên, chức vụ”."
        )
    lines = team_lines(raw)
    if not lines:
        return None, None
    article = citation_read_later(team_article(case.kind))
    if len(lines) < MIN_MEMBERS:
        # One line reads as one person: a team's name ("Tổ xác minh BV") is one line too, so
        # the message says how the members are written before it offers the single verifier.
        message = gettext_lazy(
            "Tổ xác minh phải có từ hai người trở lên, trong đó một người làm Tổ trưởng "
            "(%(article)s): ghi mỗi thành viên một dòng “họ và tên, chức vụ”, dòng đầu là Tổ "
            "trưởng; ô này đang có một dòng. Nếu chỉ giao một người xác minh, không thành lập "
            "tổ, hãy để trống ô này."
        ) if case.kind == CaseKind.TO_CAO else gettext_lazy(
            "Tổ xác minh phải có từ hai người trở lên, trong đó một người làm Tổ trưởng: ghi "
            "mỗi thành viên một dòng “họ và tên, chức vụ”, dòng đầu là Tổ trưởng; ô này đang có "
            "một dòng. Nếu chỉ giao một người xác minh, không thành lập tổ, hãy để trống ô này."
        )
        return None, lazy_message(message, article=article)
    if len(lines) > MAX_MEMBERS:
        return None, lazy_message(
            gettext_lazy("Tổ xác minh tối đa %(max)s người."), max=MAX_MEMBERS
        )
    problems, seen = [], {}
    for number, (line, member) in enumerate(zip(lines, team_members(raw), strict=True), 1):
        values = {"line": number, "max": MAX_LINE}
        if len(line) > MAX_LINE:
            problems.append(
                lazy_message(gettext_lazy("Dòng %(line)s dài quá %(max)s ký tự."), **values)
            )
        elif not member.name or not member.position:
            problems.append(lazy_message(gettext_lazy(
                "Dòng %(line)s: ghi “họ và tên, chức vụ” (có dấu phẩy giữa họ tên và chức vụ)."
            ), **values))
        else:
            key = folded_name(member.name)
            if key in seen:
                problems.append(lazy_message(
                    gettext_lazy("Dòng %(line)s: %(name)s đã có ở dòng %(first)s."),
                    line=number, name=member.name, first=seen[key],
                ))
            seen.setdefault(key, number)
    if problems:
        return None, read_later(lambda: " ".join(str(problem) for problem in problems))
    accused = folded_name(case.accused_name or "")
    if case.kind in DECLARATION_KINDS and accused and accused in seen:
        return None, lazy_message(gettext_lazy(
            "Không giao được: %(name)s (dòng %(line)s) là người bị tố cáo. Không giao nhiệm vụ "
            "làm Tổ trưởng, thành viên Tổ xác minh cho người bị tố cáo, người có quan hệ gia "
            "đình hoặc có lợi ích liên quan trực tiếp với người bị tố cáo (%(article)s)."
        ), name=case.accused_name, line=seen[accused],
           article=citation_read_later(CONFLICT_ARTICLE))
    return team_text(team_members(raw)), None


def _clean_proposed_finding(raw, *, case, today):
    """The report's proposed assessment, in the words of the finding the decision will state
    (complaints/rules/decision.py): a complaint right, partly right or wrong (khoản 2 Điều 18
    Thông tư 07/2013/TT-TTCP), a denunciation right, partly right or untrue (điểm d khoản 2
    Điều 16 Nghị định 31/2019/NĐ-CP)."""
    from complaints.rules.decision import decision_rule
    from complaints.services.workflow import choices_text

    rule = decision_rule(case)
    if rule is None or raw in (None, ""):
        return None, None
    if isinstance(raw, str) and raw in rule.finding_labels:
        return raw, None
    return None, lazy_message(
        gettext_lazy("Chọn một trong: %(choices)s."),
        choices=read_later(lambda: choices_text(rule.finding_choices())),
    )


VERIFICATION_FIELD_CLEANERS = {
    "verification_days": _clean_days,
    "verification_team": _clean_team,
    "proposed_finding": _clean_proposed_finding,
    "verifier_no_conflict": _clean_no_conflict,
    "verification_extra_days": _clean_extra_days,
}


def _start_verification(step) -> None:
    """Set the period on the case (cleared when none is given, so a verification started
    again never shows an earlier one) and keep the step's facts in its event."""
    case, fields = step.case, step.fields
    days = fields.get("verification_days")
    if days:
        start = timezone.localtime(step.now).date()
        case.verification_days = days
        case.verification_until = verification_end(start, days)
        step.data.update(
            verification_days=days,
            verification_from=start.isoformat(),
            verification_until=case.verification_until.isoformat(),
        )
    else:
        case.verification_days = None
        case.verification_until = None
    verifier = case.assigned_user
    step.data["verifier"] = verifier.get_username() if verifier is not None else None
    # The team, when one is formed (khoản 2 Điều 7 Thông tư 07/2013/TT-TTCP; khoản 1 Điều 10
    # Nghị định 31/2019/NĐ-CP); cleared otherwise, as the period.
    case.verification_team = fields.get("verification_team") or ""
    case.verification_reported_on = None  # a verification started again awaits its report
    if case.verification_team:
        step.data["verification_team"] = case.verification_team
    if fields.get("verifier_no_conflict"):
        step.data.update(
            verifier_no_conflict=True,
            declared_by=step.actor.get_username(),
            declaration_article=DECLARATION_ARTICLE,
        )


def _forget_period_reminders(case) -> None:
    """The reminders of the period's last day already sent (`REMINDER_STEP`): a new last day
    is owed its own."""
    from complaints.models import DeadlineReminder

    DeadlineReminder.objects.filter(case=case, step=REMINDER_STEP).delete()


def verification_period_clear(step) -> None:
    """A case reopened to be verified again (`reopen`) starts without a period: the old one
    has run and no step sets a new one from there; the report's day goes with it. What they
    were stays in the reopening's event (`undone`) and in the case's history."""
    case = step.case
    names = ("verification_days", "verification_until", "verification_reported_on")
    undone = {name: getattr(case, name) for name in names if getattr(case, name) is not None}
    if not undone:
        return
    for name in undone:
        setattr(case, name, None)
    step.data.setdefault("undone", {}).update(
        {name: value.isoformat() if hasattr(value, "isoformat") else value
         for name, value in undone.items()})
    _forget_period_reminders(case)


def verification_period_resumed(step, *, suspended_on, resumed_on) -> None:
    """A verification suspended before its period ran out gets its days left back from the
    resume decision (`RESUME_ARTICLES`; counted as the resolution's: the day of the suspension
    is not used). A period reported, or already over at the suspension, stays as it was."""
    case = step.case
    if (case.verification_until is None or case.verification_reported_on is not None
            or suspended_on is None):
        return
    # Days count from the day after the period began: a suspension on that day used none.
    first_counted = _period_began(case) + datetime.timedelta(days=1)
    left = (case.verification_until - max(suspended_on, first_counted)).days + 1
    if left <= 0:
        return
    previous = case.verification_until
    case.verification_until = verification_end(resumed_on, left)
    step.data.update(
        previous_verification_until=previous.isoformat(),
        verification_until=case.verification_until.isoformat(),
        verification_resume_article=RESUME_ARTICLES[case.kind],
    )
    _forget_period_reminders(case)


def _period_began(case) -> datetime.date:
    """The day the running period is counted from: its start, or where it was set again (an
    extension granted after it had run out, a resumption); an extension before its end
    continues it. Read from the events that set it (their data), the latest first."""
    from complaints.models import CaseEvent

    events = (CaseEvent.objects.filter(
        case=case, action__in=("start_verification", "extend_verification", "resume"))
        .order_by("-at", "-id").values_list("action", "data"))
    for action, data in events:
        data = data or {}
        if action == "start_verification" and data.get("verification_from"):
            return datetime.date.fromisoformat(data["verification_from"])
        if (action == "extend_verification" and data.get("extended_from")
                and data["extended_from"] != data.get("previous_until")):
            return datetime.date.fromisoformat(data["extended_from"])
        if action == "resume" and data.get("verification_until"):
            return datetime.date.fromisoformat(data["on"])
    return datetime.date.min  # a period set without its event (data from before the step)


def _extend_verification(step) -> None:
    """Move the period's end (Mẫu số 04A-KN): the extra days from the day after the old end,
    or after today when it has run out; the case keeps the days granted in all (its history
    the change), the event the old and the new end, the days and the reason."""
    case, fields = step.case, step.fields
    today = timezone.localtime(step.now).date()
    days = fields["verification_extra_days"]
    start = extension_start(case, today)
    previous_until, previous_days = case.verification_until, case.verification_days
    case.verification_until = verification_end(start, days)
    case.verification_days = (previous_days or 0) + days
    _forget_period_reminders(case)  # the new last day is reminded in its turn
    step.data.update(
        verification_extra_days=days,
        reason=fields["reason"],
        previous_until=previous_until.isoformat(),
        previous_days=previous_days,
        extended_from=start.isoformat(),
        verification_until=case.verification_until.isoformat(),
        verification_days=case.verification_days,
        extension_article=EXTENSION_ARTICLE,
    )


def _report_verification(step) -> None:
    """Keep the report in the step's event (complaints/rules/verification_report.py): its
    result, proposed finding, recommendation, the explanation heard and the opinions kept
    apart, with the articles; the case keeps the report's day (its state does not change)."""
    from complaints.rules.verification_report import DISSENT_ARTICLE, report_article

    case, fields = step.case, step.fields
    case.verification_reported_on = timezone.localtime(step.now).date()
    step.data.update(
        {name: fields[name] for name in REPORT_FIELDS if fields.get(name)},
        report_article=report_article(case.kind),
    )
    if fields.get("dissent"):
        step.data["dissent_article"] = DISSENT_ARTICLE[case.kind]
    if case.verification_team:
        step.data["verification_team"] = case.verification_team


def _report_press_verification(step) -> None:
    """The facility's report on a press case (complaints/rules/press_verification.py): what
    it verified, with the articles, in the step's event; the case keeps the report's day
    (its state does not change; the press office concludes)."""
    from complaints.rules.press_verification import PRESS_REPORT_ARTICLES

    step.case.verification_reported_on = timezone.localtime(step.now).date()
    step.data.update(
        verification_result=step.fields["verification_result"],
        report_article=PRESS_REPORT_ARTICLES,
    )


# What the report says (the event's data keeps them under these names).
REPORT_FIELDS = ("verification_result", "proposed_finding", "recommendation",
                 "respondent_explanation", "dissent")

VERIFICATION_HANDLERS = {
    "start_verification": _start_verification,
    "extend_verification": _extend_verification,
    "report_verification": _report_verification,
    "report_press_verification": _report_press_verification,
}
