"""Statutory and policy deadlines of a case (pure: no Django, no ORM).

One table, ``RULES``, holds every figure next to the article it comes from, for the rules
in force from 1 July 2026 and for the earlier ones (DOMAIN.md §4). A step follows the rule
version in force on the day its clock starts, i.e. the date of the event it counts from.

Counting follows Bộ luật Dân sự 91/2015 Arts 147–148 and is done by
:class:`complaints.calendar.WorkingCalendar`.

Where the reference copies of the law in ``shared/law/`` read differently from DOMAIN.md,
the table follows DOMAIN.md and the difference is noted next to the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from enum import StrEnum
from typing import Any

from complaints.calendar import WorkingCalendar
from complaints.rules.notices import NOTICE_STEPS, NOTICES

__all__ = [
    "KINDS",
    "NOTICE_STEPS",
    "RULES",
    "RULE_VERSIONS",
    "DeadlineError",
    "Event",
    "Extension",
    "ExtensionNotAllowed",
    "NoApplicableRule",
    "Rule",
    "RuleVersion",
    "Schedule",
    "Step",
    "Unit",
    "applicable_flags",
    "compute_deadlines",
    "extension_deadline",
    "resumed_resolve_deadline",
    "rule_version_on",
    "step_due",
    "suspension_days_not_counted",
]

# Vietnam has no daylight saving time: a fixed offset is exact and needs no tz database.
VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")

KINDS = ("phan_anh", "kien_nghi", "khieu_nai", "to_cao", "bao_chi")


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"


class Event(StrEnum):
    """What a step's clock counts from."""

    RECEIVED = "received"  # tiếp nhận (for bao_chi: the press office receives the matter)
    ACCEPTED = "accepted"  # thụ lý (for to_cao: the decision to accept)
    INCIDENT = "incident"  # the incident itself (bao_chi before 1 July 2026)
    DECISION_KNOWN = "decision_known"  # complainant received or learnt of the decision
    SUSPENDED = "suspended"  # decision to suspend or stop resolving a complaint is issued
    RESUMED = "resumed"  # decision to resume resolving a complaint is issued
    CONCLUDED = "concluded"  # kết luận / quyết định giải quyết
    FILED = "filed"  # grounds to file a petition without action (lưu đơn) established
    STOPPED = "stopped"  # decision to stop resolving (đình chỉ), e.g. after a withdrawal
    EXTENDED = "extended"  # decision to extend a denunciation's resolution (gia hạn)
    PRESS_REQUESTED = "press_requested"  # the outlet head's written request (NĐ 237/2026 Art 18(1))
    # A second-time complaint's filing window (Luật KN Art 33(1)) runs from one of these:
    DECISION_RECEIVED = "decision_received"  # complainant received the first decision
    FIRST_DEADLINE_PASSED = "first_deadline_passed"  # first-time deadline passed, no decision


@dataclass(frozen=True)
class RuleVersion:
    code: str
    effective_from: date
    texts: str


V2019 = "2019-01-01"
V2026 = "2026-07-01"

# Oldest first. The first version starts when Luật Tố cáo 25/2018 took effect; the portal
# knows no earlier rules (Luật Tố cáo 2011 gave 60 days to resolve), so older dates fail.
RULE_VERSIONS: tuple[RuleVersion, ...] = (
    RuleVersion(
        V2019,
        date(2019, 1, 1),
        "Luật KN 02/2011/QH13; Luật TC 25/2018/QH14; Luật Tiếp công dân 42/2013/QH13; "
        "Luật Báo chí 103/2016/QH13; NĐ 09/2017",
    ),
    RuleVersion(
        V2026,
        date(2026, 7, 1),
        "Luật 136/2025/QH15; NĐ 154, 155, 156/2026; Luật Báo chí 126/2025/QH15; "
        "NĐ 237/2026; NĐ 244/2026",
    ),
)


class DeadlineError(ValueError):
    """A deadline cannot be computed from the arguments given."""


class NoApplicableRule(DeadlineError):
    """No rule for this kind and step was in force on the day the clock starts."""


class ExtensionNotAllowed(DeadlineError):
    """The law allows no (further) extension for this case."""


@dataclass(frozen=True)
class Rule:
    """One row of the deadline table.

    A condition left as ``None`` matches any case; ``True``/``False`` must equal the
    case's flag. ``very_complex`` implies ``complex`` when matching.
    """

    kind: str
    step: str
    amount: int
    unit: Unit
    counts_from: Event
    legal_basis: str
    rule_version: str
    unconfirmed: bool = False  # unconfirmed figure or portal policy: configurable, not law
    second: bool | None = None  # khiếu nại lần hai
    complex: bool | None = None  # vụ việc phức tạp
    very_complex: bool | None = None  # vụ việc đặc biệt phức tạp (tố cáo)
    remote: bool | None = None  # vùng sâu, vùng xa đi lại khó khăn
    from_press: bool | None = None  # forwarded by a press outlet
    extensions: int = 0  # extensions (gia hạn) needed to reach this limit

    def matches(self, flags: Mapping[str, bool]) -> bool:
        return all(
            getattr(self, name) is None or getattr(self, name) == flags[name]
            for name in _FLAGS
        )


_FLAGS = ("second", "complex", "very_complex", "remote", "from_press")

WD, CD, H = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.HOURS
RECEIVED, ACCEPTED = Event.RECEIVED, Event.ACCEPTED

# The event each notice's clock counts from: the decision the workflow action records.
_NOTICE_EVENTS = {
    "accept": Event.ACCEPTED,
    "suspend": Event.SUSPENDED,
    "resume": Event.RESUMED,
    "withdraw": Event.STOPPED,
    "extend": Event.EXTENDED,
    "conclude": Event.CONCLUDED,
    "file": Event.FILED,
}

_POLICY = "Quy định của Cổng, không phải luật (cấu hình được; tương tự NĐ 237/2026 Art 18(3))"


def is_portal_policy(legal_basis: str) -> bool:
    """A deadline the portal sets by its own policy (no statute sets it), by its stored basis."""
    return legal_basis.startswith("Quy định của Cổng")


_PETITION_ANSWER = (
    "Luật Tiếp công dân Art 28(1); TT 05/2021 "
    "(10 ngày xử lý đơn; chưa xác nhận là ngày làm việc)"
)
# shared/law's copy of Luật Tiếp công dân 42/2013 Art 28(1) does say "10 ngày làm việc", but
# for petitions answered at citizen reception; for written and online petitions the figure
# comes from TT 05/2021, which is not in shared/law, so it stays unconfirmed (DOMAIN.md §4).

RULES: tuple[Rule, ...] = (
    # ---- phan_anh, kien_nghi -----------------------------------------------------------
    *(
        rule
        for kind in ("phan_anh", "kien_nghi")
        for rule in (
            Rule(kind, "accept", 10, WD, RECEIVED, _PETITION_ANSWER, V2019, unconfirmed=True),
            Rule(kind, "accept", 10, WD, RECEIVED, _PETITION_ANSWER, V2026, unconfirmed=True),
            Rule(kind, "resolve", 15, WD, ACCEPTED, _POLICY, V2019, unconfirmed=True),
            Rule(kind, "resolve", 15, WD, ACCEPTED, _POLICY, V2026, unconfirmed=True),
        )
    ),
    # ---- khieu_nai ---------------------------------------------------------------------
    # Before 1 July 2026: 10 *working* days, first and second time. Luật KN Arts 27, 36(1)
    # say "10 ngày"; the decree and circular fix working days (DOMAIN.md §4). NĐ 124/2020's
    # original Art 16(1) is not in shared/law; TT 07/2013 Art 5(1) as amended by TT 02/2016
    # is, and says "10 ngày làm việc".
    Rule(
        "khieu_nai", "accept", 10, WD, RECEIVED,
        "NĐ 124/2020 Art 16(1) (trước NĐ 155/2026); TT 07/2013 Art 5(1) sửa đổi bởi "
        "TT 02/2016; Luật KN Art 27", V2019, second=False,
    ),
    Rule(
        "khieu_nai", "accept", 10, WD, RECEIVED,
        "NĐ 124/2020 Art 16(1) (trước NĐ 155/2026); TT 07/2013 Art 5(1) sửa đổi bởi "
        "TT 02/2016; Luật KN Art 36(1)", V2019, second=True,
    ),
    Rule(
        "khieu_nai", "accept", 7, WD, RECEIVED,
        "NĐ 124/2020 Art 16(1) sửa đổi bởi NĐ 155/2026 Art 10", V2026,
    ),
    # Resolution limits are the same in both versions (DOMAIN.md §4).
    *(
        Rule(
            "khieu_nai", "resolve", amount, CD, ACCEPTED, basis, version,
            second=second, complex=complex_, remote=remote,
        )
        for version in (V2019, V2026)
        for second, complex_, remote, amount, basis in (
            (False, False, False, 30, "Luật KN Art 28 (lần 1)"),
            (False, True, False, 45, "Luật KN Art 28 (lần 1, phức tạp)"),
            (False, False, True, 45, "Luật KN Art 28 (lần 1, vùng sâu vùng xa)"),
            (False, True, True, 60, "Luật KN Art 28 (lần 1, vùng sâu vùng xa, phức tạp)"),
            (True, False, False, 45, "Luật KN Art 37 (lần 2)"),
            (True, True, False, 60, "Luật KN Art 37 (lần 2, phức tạp)"),
            (True, False, True, 60, "Luật KN Art 37 (lần 2, vùng sâu vùng xa)"),
            (True, True, True, 70, "Luật KN Art 37 (lần 2, vùng sâu vùng xa, phức tạp)"),
        )
    ),
    # The citizen's filing period: the complaint is refused once it has run out (Art 11).
    Rule("khieu_nai", "filing_period", 90, CD, Event.DECISION_KNOWN, "Luật KN Art 9", V2019),
    Rule("khieu_nai", "filing_period", 90, CD, Event.DECISION_KNOWN, "Luật KN Art 9", V2026),
    # A second-time complaint's filing window: 30 days, 45 in remote areas, from receiving
    # the first decision or from the day the first-time deadline (Art 28) passed without one.
    *(
        Rule(
            "khieu_nai", step, amount, CD, event,
            f"Luật KN Art 33(1) ({label})", version, second=True, remote=remote,
        )
        for version in (V2019, V2026)
        for step, event, label in (
            ("second_filing_period", Event.DECISION_RECEIVED,
             "từ ngày nhận quyết định lần đầu"),
            ("second_filing_period_no_decision", Event.FIRST_DEADLINE_PASSED,
             "từ ngày hết hạn giải quyết lần đầu mà chưa có quyết định"),
        )
        for remote, amount in ((False, 30), (True, 45))
    ),
    # ---- to_cao (Luật TC 25/2018; same figures in both versions) -----------------------
    *(
        rule
        for version in (V2019, V2026)
        for rule in (
            Rule("to_cao", "accept", 7, WD, RECEIVED, "Luật TC Art 24(1)", version),
            Rule(
                "to_cao", "accept_extended", 10, WD, RECEIVED,
                "Luật TC Art 24(1) (xác minh ở nhiều nơi)", version,
            ),
            Rule(
                "to_cao", "forward_not_competent", 5, WD, RECEIVED,
                "Luật TC Art 24(2)", version,
            ),
            Rule("to_cao", "resolve", 30, CD, ACCEPTED, "Luật TC Art 30(1)", version),
            Rule(
                "to_cao", "resolve_extended", 60, CD, ACCEPTED,
                "Luật TC Art 30(2): vụ việc phức tạp, gia hạn một lần, tổng cộng không quá "
                "60 ngày; tiêu chí xác định tại NĐ 31/2019 Art 3", version,
                complex=True, very_complex=False, extensions=1,
            ),
            Rule(
                "to_cao", "resolve_extended", 90, CD, ACCEPTED,
                "Luật TC Art 30(3): vụ việc đặc biệt phức tạp, gia hạn hai lần, tổng cộng "
                "không quá 90 ngày; tiêu chí xác định tại NĐ 31/2019 Art 3", version,
                very_complex=True, extensions=2,
            ),
            Rule(
                "to_cao", "press_forward_report", 20, CD, RECEIVED,
                "Luật TC Art 26(2)", version, from_press=True,
            ),
        )
    ),
    # ---- bao_chi -----------------------------------------------------------------------
    # NĐ 09/2017 is not in shared/law (NĐ 244/2026 Art 11(2) repeals it from 1 July 2026).
    Rule("bao_chi", "press_initial_statement", 24, H, Event.INCIDENT,
         "NĐ 09/2017 Art 6(3)(a)", V2019),
    Rule("bao_chi", "press_initial_statement", 24, H, RECEIVED,
         "NĐ 244/2026 Art 7(3)–(4)", V2026),
    Rule("bao_chi", "press_measures_notice", 30, CD, RECEIVED,
         "Luật Báo chí 2016 Art 39(2)", V2019),
    Rule("bao_chi", "press_measures_notice", 15, WD, RECEIVED,
         "NĐ 237/2026 Art 18(3)", V2026),
    # Counted from the outlet head's written request, recorded as its own event
    # (`record_press_request`), not from the day the press office logged the article.
    Rule("bao_chi", "press_answer", 30, CD, Event.PRESS_REQUESTED,
         "Luật Báo chí 2016 Art 39(1)", V2019),
    Rule("bao_chi", "press_answer", 30, CD, Event.PRESS_REQUESTED,
         "NĐ 237/2026 Art 18(1)", V2026),
    # Before 1 July 2026, Luật Báo chí 2016 Art 39(2) covered complaints forwarded by the
    # press within its 30 days, with no separate conclusion notice: no V2019 notice row. From
    # then, NĐ 237/2026 Art 18(2)'s conclusion notice is a row of the khieu_nai and to_cao
    # cases an outlet forwarded (complaints/rules/notices.py), not of the article's case.
    # ---- notices to the parties (complaints/rules/notices.py, one row each) -------------
    *(
        Rule(
            notice.kind, notice.step, notice.amount, Unit(notice.unit),
            _NOTICE_EVENTS[notice.trigger], notice.legal_basis, version,
            unconfirmed=notice.unconfirmed, second=notice.second, from_press=notice.from_press,
        )
        for notice in NOTICES
        for version in notice.versions
    ),
)

# Which step of each kind the case's accept_by / resolve_by copy (and the ``deadline``
# command reports): a press case's acceptance deadline is its notice of measures (khoản 3
# Điều 18 Nghị định 237/2026/NĐ-CP), its resolution the answer to the outlet. The periodic
# report reads the same steps' rows as they stood at a period's end (complaints/reports/
# as_at_end.py).
ACCEPT_STEP = {kind: "accept" for kind in KINDS} | {"bao_chi": "press_measures_notice"}
RESOLVE_STEP = {kind: "resolve" for kind in KINDS} | {"bao_chi": "press_answer"}


@dataclass(frozen=True)
class Step:
    """One computed deadline."""

    step: str
    due: date | datetime  # an aware datetime (Vietnam time) for steps counted in hours
    counted_in: Unit
    amount: int
    counts_from: Event
    start: date | datetime
    legal_basis: str
    rule_version: str
    unconfirmed: bool
    overridden: bool = False  # amount came from the administrator's policy overrides

    @property
    def due_date(self) -> date:
        """The due day in Vietnam (for an hours step, the day its time falls on)."""
        return _local_date(self.due)

    @property
    def due_at(self) -> datetime | None:
        """The due time for a step counted in hours, else None."""
        return self.due if isinstance(self.due, datetime) else None

    @property
    def start_date(self) -> date:
        return _local_date(self.start)

    def as_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "due": self.due.isoformat(),
            "counted_in": self.counted_in.value,
            "legal_basis": self.legal_basis,
            "rule_version": self.rule_version,
            "unconfirmed": self.unconfirmed,
            "amount": self.amount,
        }


@dataclass(frozen=True)
class Schedule:
    """Every deadline of a case that follows from its receipt and acceptance."""

    kind: str
    received: date
    accepted: date
    accept_by: date | None
    resolve_by: date | None
    resolve_by_extended: date | None
    steps: tuple[Step, ...]

    def step(self, code: str) -> Step | None:
        return next((s for s in self.steps if s.step == code), None)

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of the ``deadline`` command (CONTRACT.md).

        Dates are ISO ``YYYY-MM-DD``. The one step counted in hours
        (``press_initial_statement``) has an ISO datetime with the +07:00 offset as ``due``.
        Each step also carries ``unconfirmed`` and ``amount``, so that a policy or
        unconfirmed figure is never shown as law (DOMAIN.md, top).
        """
        return {
            "kind": self.kind,
            "received": self.received.isoformat(),
            "accepted": self.accepted.isoformat(),
            "accept_by": _iso(self.accept_by),
            "resolve_by": _iso(self.resolve_by),
            "resolve_by_extended": _iso(self.resolve_by_extended),
            "steps": [step.as_dict() for step in self.steps],
        }


@dataclass(frozen=True)
class Extension:
    """The result of one extension (gia hạn) of a case's resolution deadline."""

    number: int  # 1 for the first extension, 2 for the second
    due: date
    allowed: int  # extensions the law allows for this case
    legal_basis: str
    rule_version: str

    @property
    def remaining(self) -> int:
        return self.allowed - self.number


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _local_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(VIETNAM_TZ)
        return value.date()
    return value


def _local_datetime(value: date | datetime) -> datetime:
    # A bare date is taken as 00:00 that day, so an hours deadline is never later than
    # the true one; a naive datetime is Vietnam time.
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    if value.tzinfo is None:
        return value.replace(tzinfo=VIETNAM_TZ)
    return value.astimezone(VIETNAM_TZ)


def rule_version_on(day: date) -> RuleVersion:
    """The rule version in force on ``day``."""
    day = _local_date(day)
    current = None
    for version in RULE_VERSIONS:
        if version.effective_from <= day:
            current = version
    if current is None:
        first = RULE_VERSIONS[0].effective_from.isoformat()
        raise NoApplicableRule(f"no deadline rules are known before {first} ({day})")
    return current


def applicable_flags(kind: str) -> frozenset[str]:
    """The case flags that change some deadline of ``kind`` (for forms and the CLI)."""
    _check_kind(kind)
    used = {
        name for rule in RULES if rule.kind == kind for name in _FLAGS
        if getattr(rule, name) is not None
    }
    if "complex" in used:
        used.add("very_complex")  # an especially complex case is a complex one
    return frozenset(used)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise DeadlineError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")


def _check_overrides(overrides: Mapping[tuple[str, str], int] | None) -> dict:
    if not overrides:
        return {}
    for key, amount in overrides.items():
        rows = [r for r in RULES if (r.kind, r.step) == tuple(key)]
        if not rows:
            raise ValueError(f"no deadline rule {key!r} to override")
        statutory = [r for r in rows if not r.unconfirmed]
        if statutory:
            raise ValueError(
                f"{key!r} is set by law ({statutory[0].legal_basis}); "
                "only unconfirmed or policy figures can be overridden"
            )
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
            raise ValueError(f"override for {key!r} must be a positive int, got {amount!r}")
    return {tuple(key): amount for key, amount in overrides.items()}


def _flags(
    *, second: bool, complex: bool, very_complex: bool, remote: bool, from_press: bool
) -> dict[str, bool]:
    return {
        "second": bool(second),
        "complex": bool(complex or very_complex),
        "very_complex": bool(very_complex),
        "remote": bool(remote),
        "from_press": bool(from_press),
    }


def _find_rule(kind: str, step: str, version: str, flags: Mapping[str, bool]) -> Rule | None:
    found = [
        r for r in RULES
        if r.kind == kind and r.step == step and r.rule_version == version and r.matches(flags)
    ]
    if len(found) > 1:  # guarded by a test on the table; never silently pick one
        raise RuntimeError(f"overlapping deadline rules for {kind}/{step}/{version}")
    return found[0] if found else None


def _select(
    kind: str, step: str, flags: Mapping[str, bool], events: Mapping[Event, date | datetime]
) -> tuple[Rule, date | datetime] | None:
    """The row in force on the day its own clock starts, newest version first."""
    for version in reversed(RULE_VERSIONS):
        rule = _find_rule(kind, step, version.code, flags)
        if rule is None or rule.counts_from not in events:
            continue
        start = events[rule.counts_from]
        if _local_date(start) >= version.effective_from:
            return rule, start
    return None


def _compute(
    rule: Rule, start: date | datetime, calendar: WorkingCalendar, overrides: Mapping
) -> Step:
    amount = overrides.get((rule.kind, rule.step), rule.amount)
    due: date | datetime
    if rule.unit is Unit.HOURS:
        start = _local_datetime(start)
        due = start + timedelta(hours=amount)
    else:
        start = _local_date(start)
        if rule.unit is Unit.WORKING_DAYS:
            due = calendar.add_working_days(start, amount)
        else:
            due = calendar.add_calendar_days(start, amount)
    return Step(
        step=rule.step,
        due=due,
        counted_in=rule.unit,
        amount=amount,
        counts_from=rule.counts_from,
        start=start,
        legal_basis=rule.legal_basis,
        rule_version=rule.rule_version,
        unconfirmed=rule.unconfirmed,
        overridden=amount != rule.amount,
    )


def _step_codes(kind: str) -> list[str]:
    codes: list[str] = []
    for rule in RULES:
        if rule.kind == kind and rule.step not in codes:
            codes.append(rule.step)
    return codes


def compute_deadlines(
    *,
    kind: str,
    received: date | datetime,
    accepted: date | datetime | None = None,
    second: bool = False,
    complex: bool = False,
    very_complex: bool = False,
    remote: bool = False,
    from_press: bool = False,
    incident: date | datetime | None = None,
    press_requested: date | datetime | None = None,
    calendar: WorkingCalendar,
    overrides: Mapping[tuple[str, str], int] | None = None,
) -> Schedule:
    """Every deadline of a case that counts from its receipt, acceptance (or incident).

    ``accepted`` defaults to ``received``. Steps counting from later events (suspension,
    conclusion, filing...) are not listed: compute them with :func:`step_due` when the
    event happens. ``incident`` is only needed for the press initial statement before
    1 July 2026 (counted from the incident); without it that step is left out.
    ``press_requested`` is the day a press outlet's head asked in writing for an answer
    (NĐ 237/2026 Art 18(1)): the 30-day ``press_answer`` counts from it and is left out
    without it.
    A datetime may be passed for ``received`` (it sets the 24-hour press clock); aware
    datetimes are read in Vietnam time. ``overrides`` maps ``(kind, step)`` to an amount
    and is refused (ValueError) for any statutory row. Flags that do not apply to the kind
    are ignored (see :func:`applicable_flags`).
    """
    _check_kind(kind)
    policy = _check_overrides(overrides)
    accepted = received if accepted is None else accepted
    if _local_date(accepted) < _local_date(received):
        raise DeadlineError("accepted must not be before received")
    rule_version_on(_local_date(received))  # fail clearly for dates before any rules
    flags = _flags(
        second=second, complex=complex, very_complex=very_complex, remote=remote,
        from_press=from_press,
    )
    events: dict[Event, date | datetime] = {Event.RECEIVED: received, Event.ACCEPTED: accepted}
    if incident is not None:
        events[Event.INCIDENT] = incident
    if press_requested is not None:
        events[Event.PRESS_REQUESTED] = press_requested

    steps = []
    for code in _step_codes(kind):
        selected = _select(kind, code, flags, events)
        if selected is not None:
            steps.append(_compute(*selected, calendar, policy))
    by_code = {s.step: s for s in steps}

    def due_of(code: str) -> date | None:
        step = by_code.get(code)
        return None if step is None else step.due_date

    return Schedule(
        kind=kind,
        received=_local_date(received),
        accepted=_local_date(accepted),
        accept_by=due_of(ACCEPT_STEP[kind]),
        resolve_by=due_of(RESOLVE_STEP[kind]),
        resolve_by_extended=due_of("resolve_extended"),
        steps=tuple(steps),
    )


def step_due(
    *,
    kind: str,
    step: str,
    start: date | datetime,
    calendar: WorkingCalendar,
    second: bool = False,
    complex: bool = False,
    very_complex: bool = False,
    remote: bool = False,
    from_press: bool = False,
    overrides: Mapping[tuple[str, str], int] | None = None,
) -> Step:
    """One step's deadline from the date of the event it counts from.

    For the event-driven steps (``suspension_notice``, ``resumption_notice``,
    ``press_conclusion_notice``, ``filing_notice``, ``filing_period``...) and for
    recomputing any single step. Raises :class:`NoApplicableRule` when no rule for the
    step was in force on ``start`` (e.g. a suspension notice before 1 July 2026).
    """
    _check_kind(kind)
    policy = _check_overrides(overrides)
    if step not in _step_codes(kind):
        raise DeadlineError(f"{kind} has no step {step!r}")
    flags = _flags(
        second=second, complex=complex, very_complex=very_complex, remote=remote,
        from_press=from_press,
    )
    version = rule_version_on(_local_date(start))
    rule = _find_rule(kind, step, version.code, flags)
    if rule is None:
        raise NoApplicableRule(
            f"no {kind}/{step} rule for these flags in the rules in force on "
            f"{_local_date(start)} (version {version.code})"
        )
    return _compute(rule, start, calendar, policy)


def extension_deadline(
    *,
    kind: str,
    accepted: date,
    extensions_used: int,
    calendar: WorkingCalendar,
    second: bool = False,
    complex: bool = False,
    very_complex: bool = False,
    remote: bool = False,
) -> Extension:
    """The resolution deadline after one more extension (gia hạn) by the leader.

    Only a ``to_cao`` can be extended (Luật TC Art 30): a complex case once, 60 days in
    all; an especially complex case twice, 90 days in all, each extension at most 30 days,
    all counted from acceptance. Every other kind raises :class:`ExtensionNotAllowed`
    with the reason; for ``khieu_nai`` the longer limit comes from marking the case complex
    or remote (Luật KN Arts 28, 37), not from an extension.
    """
    _check_kind(kind)
    if isinstance(extensions_used, bool) or not isinstance(extensions_used, int):
        raise TypeError("extensions_used must be an int")
    if extensions_used < 0:
        raise ValueError("extensions_used must not be negative")
    if kind == "khieu_nai":
        raise ExtensionNotAllowed(
            "a complaint's resolution time cannot be extended (Luật KN Arts 28, 37): "
            "mark the case complex or remote area to apply the longer limit"
        )
    if kind != "to_cao":
        raise ExtensionNotAllowed(f"no extension is provided for {kind}")
    flags = _flags(
        second=second, complex=complex, very_complex=very_complex, remote=remote,
        from_press=False,
    )
    version = rule_version_on(_local_date(accepted))
    base = _find_rule(kind, "resolve", version.code, flags)
    limit = _find_rule(kind, "resolve_extended", version.code, flags)
    if base is None or limit is None:
        raise ExtensionNotAllowed(
            "only a complex or especially complex denunciation can be extended "
            "(Luật TC Art 30(2)–(3); criteria NĐ 31/2019 Art 3): mark the case first"
        )
    if extensions_used >= limit.extensions:
        raise ExtensionNotAllowed(
            f"all {limit.extensions} extension(s) allowed are used ({limit.legal_basis})"
        )
    number = extensions_used + 1
    each = (limit.amount - base.amount) // limit.extensions  # at most 30 days each
    total = base.amount + each * number
    # The clause that gives the days reached: an especially complex case extended once has
    # the 60 days of Art 30(2), not yet the 90 of Art 30(3).
    reached = next(
        (
            rule for rule in RULES
            if (rule.kind, rule.step, rule.rule_version) == (kind, "resolve_extended", version.code)
            and rule.amount == total
        ),
        limit,
    )
    return Extension(
        number=number,
        due=calendar.add_calendar_days(_local_date(accepted), total),
        allowed=limit.extensions,
        legal_basis=reached.legal_basis,
        rule_version=limit.rule_version,
    )


def resumed_resolve_deadline(
    *,
    accepted: date,
    suspended: date,
    resumed: date,
    calendar: WorkingCalendar,
    second: bool = False,
    complex: bool = False,
    remote: bool = False,
) -> Step:
    """A complaint's resolution deadline after a suspension is lifted.

    NĐ 124/2020 Art 28b(2), as added by NĐ 155/2026, says the time limit "tiếp tục được
    tính" (continues to run) from the resumption decision: the days used before the
    suspension are kept (the suspension decision's own day is not counted as used), the
    rest runs from the day after the resumption decision.
    """
    accepted, suspended, resumed = (_local_date(d) for d in (accepted, suspended, resumed))
    if not accepted <= suspended <= resumed:
        raise DeadlineError("expected accepted <= suspended <= resumed")
    if resumed < RULE_VERSIONS[-1].effective_from:
        raise NoApplicableRule("suspension of a complaint exists from 1 July 2026 only")
    flags = _flags(
        second=second, complex=complex, very_complex=False, remote=remote, from_press=False
    )
    rule = _find_rule("khieu_nai", "resolve", rule_version_on(accepted).code, flags)
    if rule is None:  # cannot happen: khieu_nai resolve covers every flag combination
        raise NoApplicableRule("no khieu_nai resolve rule for these flags")
    used = (suspended - accepted).days - suspension_days_not_counted(
        accepted=accepted, suspended=suspended, resumed=suspended
    )
    remaining = max(rule.amount - used, 0)
    return Step(
        step="resolve",
        due=calendar.add_calendar_days(resumed, remaining),
        counted_in=rule.unit,
        amount=rule.amount,
        counts_from=Event.RESUMED,
        start=resumed,
        legal_basis=f"{rule.legal_basis}; NĐ 124/2020 Art 28b(2) (NĐ 155/2026)",
        rule_version=V2026,
        unconfirmed=rule.unconfirmed,
    )


def suspension_days_not_counted(*, accepted: date, suspended: date, resumed: date) -> int:
    """The days of a suspension that do not count towards the resolution time.

    From the suspension decision's own day to the resumption decision's day, both included
    (counting goes on the day after the resumption, BLDS Art 147(1)); a day before the
    clock started (the acceptance day itself) is not counted anyway. Used alike for a
    denunciation (Luật TC Art 34(2)) and a complaint (NĐ 124/2020 Art 28b(2)).
    """
    accepted, suspended, resumed = (_local_date(d) for d in (accepted, suspended, resumed))
    if not accepted <= suspended <= resumed:
        raise DeadlineError("expected accepted <= suspended <= resumed")
    first = max(suspended, accepted + timedelta(days=1))
    return max((resumed - first).days + 1, 0)


def _validate_table() -> None:
    # Fail at import rather than pick an arbitrary row at run time.
    versions = {v.code for v in RULE_VERSIONS}
    for rule in RULES:
        if rule.kind not in KINDS or rule.rule_version not in versions:
            raise ValueError(f"bad kind or version in deadline rule {rule}")
        if rule.amount < 1 or not rule.legal_basis:
            raise ValueError(f"deadline rule without amount or legal basis: {rule}")


_validate_table()
