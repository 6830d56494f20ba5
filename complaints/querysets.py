"""The vocabulary of queries: `Case.objects.open().overdue(at=…).in_scope_of(user)`."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from complaints.kinds import CLOSED_STATUSES, CaseKind, CaseStatus


class FacilityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def subtree_ids(self, root_ids) -> set[int]:
        """The ids of the given facilities and every facility below them.

        One query over (id, parent) pairs: the tree holds hundreds of rows, and
        this keeps scope independent of the tree's depth."""
        return _below(self._children(), root_ids)

    def subtrees(self, root_ids) -> dict[int, set[int]]:
        """{root: `subtree_ids([root])`} for each of the given facilities, from one read
        of the tree (a list of cases about many facilities)."""
        children = self._children()
        return {root: _below(children, [root]) for root in set(root_ids)}

    def _children(self) -> dict[int | None, list[int]]:
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in self.model.objects.values_list("id", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        return children


def _below(children: dict[int | None, list[int]], root_ids) -> set[int]:
    found, stack = set(), list(root_ids)
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, ()))
    return found


_WAITING_ACCEPTANCE = [CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO]
_IN_RESOLUTION = [CaseStatus.ACCEPTED, CaseStatus.VERIFYING]


def overdue_condition(*, at: datetime.date) -> models.Q:
    """The case's next deadline (`next_due_expression`) is past: the deadline of the step the
    case waits on (acceptance before thụ lý, resolution after; for a press case also the
    notice of measures to the outlet, khoản 3 Điều 18 Nghị định 237/2026, its `accept_by`,
    until the conclusion answers it), or of a notice to the parties not sent in time, in
    whatever state the decision left the case (as a condition, for filters and conditional
    counts alike)."""
    waiting_acceptance = models.Q(status__in=_WAITING_ACCEPTANCE, accept_by__lt=at)
    waiting_resolution = models.Q(status__in=_IN_RESOLUTION, resolve_by__lt=at)
    waiting_press_notice = models.Q(
        status__in=_IN_RESOLUTION, kind=CaseKind.BAO_CHI, accept_by__lt=at
    )
    return (
        waiting_acceptance | waiting_resolution | waiting_press_notice | _notice_due(due__lt=at)
    )


def due_within_condition(*, days: int, at: datetime.date) -> models.Q:
    """The case's next deadline (`next_due_expression`: the nearer of its step's and of a
    notice not yet sent) falls within `days` days from `at`: one of them falls in the window
    and none is past (a case with one deadline past is overdue, as the list's cell shows it,
    not due soon)."""
    horizon = at + datetime.timedelta(days=days)
    waiting_acceptance = models.Q(
        status__in=_WAITING_ACCEPTANCE, accept_by__gte=at, accept_by__lte=horizon
    )
    waiting_resolution = models.Q(
        status__in=_IN_RESOLUTION, resolve_by__gte=at, resolve_by__lte=horizon
    )
    waiting_press_notice = models.Q(
        status__in=_IN_RESOLUTION,
        kind=CaseKind.BAO_CHI,
        accept_by__gte=at,
        accept_by__lte=horizon,
    )
    in_window = (
        waiting_acceptance
        | waiting_resolution
        | waiting_press_notice
        | _notice_due(due__gte=at, due__lte=horizon)
    )
    return in_window & ~overdue_condition(at=at)


# Being verified with no report of its result yet: the partial index
# `case_verification_waiting`'s own condition, which the filter, the dashboard's count and the
# reminders of the period (complaints/notifications/staff.py) state as it is.
VERIFICATION_WAITING = models.Q(status=CaseStatus.VERIFYING, verification_reported_on__isnull=True)


def verification_overdue_condition(*, at: datetime.date) -> models.Q:
    """Being verified past the period's last day with no report of its result: the period
    the step set (`verification_until`: khoản 1 Điều 29, Điều 38 Luật Khiếu nại; điểm đ
    khoản 2 Điều 31 Luật Tố cáo) and its report (`verification_reported_on`: khoản 4 Điều
    29 Luật Khiếu nại, khoản 6 Điều 31 Luật Tố cáo). A phản ánh, kiến nghị or press case
    given a period has no report step: it is late until concluded. Read from the partial
    index `case_verification_waiting`."""
    return VERIFICATION_WAITING & models.Q(verification_until__lt=at)


def is_verification_overdue(case, at: datetime.date) -> bool:
    """`verification_overdue_condition`, read from a case in memory (the list's row, the
    case page): the same three facts, no query."""
    return (case.status == CaseStatus.VERIFYING and case.verification_reported_on is None
            and case.verification_until is not None and case.verification_until < at)


def open_condition() -> models.Q:
    """Still being handled: not concluded and in no closed state."""
    return ~models.Q(status__in=[*CLOSED_STATUSES, CaseStatus.CONCLUDED])


class CaseQuerySet(models.QuerySet):
    def unique_or_none(self, **lookup):
        """The one case a unique key names (`tracking_code=…`, `idempotency_key=…`), or None.

        No ORDER BY, so the key's unique index answers it: `first()` sorts by the default
        ordering, which let PostgreSQL's planner, its statistics behind a growing table, walk
        the whole received-at index instead (docs/benchmarks.md, intake, sixth round)."""
        try:
            return self.order_by().get(**lookup)
        except self.model.DoesNotExist:
            return None

    def open(self):
        return self.filter(open_condition())

    def overdue(self, *, at: datetime.date | None = None):
        """Open cases past the deadline of the step they are waiting on."""
        return self.filter(overdue_condition(at=at or timezone.localdate()))

    def verification_overdue(self, *, at: datetime.date | None = None):
        """Verifications past their period without a report (`verification_overdue_condition`)."""
        return self.filter(verification_overdue_condition(at=at or timezone.localdate()))

    def due_within(self, *, days: int, at: datetime.date | None = None):
        return self.filter(due_within_condition(days=days, at=at or timezone.localdate()))

    def unassigned(self):
        return self.filter(assigned_user__isnull=True)

    def in_scope_of(self, user):
        """The one place that decides which cases a staff member may see or act on.

        - `view_all_cases` (intake officers, inspectors, leaders, administrators): the province;
        - `view_press_cases` (press office): every press-report case;
        - facility handlers: cases routed to their facilities and the facilities below.
        Anyone else, and anonymous users, see nothing."""
        return self._scoped(user, reading=False)

    def readable_by(self, user):
        """`in_scope_of`, and the cases `user` may read but never act on: a second
        complaint against a decision their unit's head took the first time
        (`first_round_condition`). Only the case page reads it; every step, list, count and
        report keeps `in_scope_of`, so such a case offers them no step."""
        return self._scoped(user, reading=True)

    def _scoped(self, user, *, reading: bool):
        """The scope rule itself, shared by `in_scope_of` and `readable_by` (`reading`
        adds the first round's cases)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or user.has_perm("complaints.view_all_cases"):
            return self
        scope = partial_scope_condition(
            press=user.has_perm("complaints.view_press_cases"), units=facility_scope_of(user)
        )
        if reading:
            scope |= first_round_condition(user)
        return self.filter(scope)


def first_round_condition(user) -> models.Q:
    """The second complaints (khiếu nại lần hai) against the first decision of a unit
    `user` leads (`approve_case`, a member of the unit itself): the first-round resolver is
    sent the acceptance notice, invited as the person complained against to the dialogue and
    sent the second decision (khoản 1 Điều 36, khoản 1 Điều 41 Luật Khiếu nại; khoản 1 Điều
    28 Nghị định 124/2020/NĐ-CP, thay thế bởi Nghị định 155/2026/NĐ-CP), so its leaders read
    the case; they do not resolve it (khoản 2 Điều 20 Luật Khiếu nại)."""
    from complaints.rules.resolver import LEADER_PERMISSION, unit_ids_of

    if not user.has_perm(LEADER_PERMISSION):
        return models.Q(pk__in=[])
    roots = unit_ids_of(user)
    if not roots:
        return models.Q(pk__in=[])
    return models.Q(
        kind=CaseKind.KHIEU_NAI, second_time=True, parent_case__assigned_unit_id__in=roots,
        # the parent a first complaint: a part split from a second complaint has the second
        # complaint as its parent, whose unit is the Sở, not the first round's
        parent_case__kind=CaseKind.KHIEU_NAI, parent_case__second_time=False,
    )


def reads_only(case, user) -> bool:
    """Whether `user` reads `case` through `first_round_condition` alone, outside
    `in_scope_of` (read from the case in memory, the same facts as
    `partial_scope_condition`): the case page then offers them nothing to do."""
    if user.is_superuser or user.has_perm("complaints.view_all_cases"):
        return False
    if case.kind == CaseKind.BAO_CHI and user.has_perm("complaints.view_press_cases"):
        return False
    return case.assigned_unit_id not in facility_scope_of(user)


def partial_scope_condition(*, press: bool, units) -> models.Q:
    """The cases of a scope narrower than the province (`in_scope_of`): every press-report
    case (`press`) and the cases routed to `units` (a facility subtree, `facility_scope_of`).
    Also what the live updates count a group's scopes with (`complaints.broadcasts`)."""
    scope = models.Q(pk__in=[])
    if press:
        scope |= models.Q(kind=CaseKind.BAO_CHI)
    if units:
        scope |= models.Q(assigned_unit_id__in=units)
    return scope


def pending_notices(**due):
    """The deadline rows of the notices to the parties (or a press case's initial statement)
    not yet sent, due as given: after a decision the case waits on them, in whatever state
    the decision left it (complaints/rules/notices.py, PENDING_STEPS)."""
    from django.apps import apps

    from complaints.rules.notices import PENDING_STEPS

    deadline = apps.get_model("complaints", "CaseDeadline")
    return deadline.objects.filter(
        step__in=sorted(PENDING_STEPS), superseded_at__isnull=True, settled_at__isnull=True, **due
    )


def _notice_due(**due) -> models.Q:
    """Cases with a notice not yet sent, due as given (`pending_notices`): such a step counts
    like any deadline."""
    # `pk IN (uncorrelated subquery)`: PostgreSQL reads the few open notice rows once (the
    # partial index `casedeadline_open_step_due`) and hashes them, where a correlated EXISTS
    # probed the deadlines once per case (2.2 s instead of 0.3 s at 100,000 cases).
    return models.Q(pk__in=pending_notices(**due).values("case_id"))


def waiting_on_notice_condition() -> models.Q:
    """The case has a notice not yet sent (whatever its day)."""
    return _notice_due()


def pending_notice_due_expression():
    """The nearest deadline of the case's notices not yet sent, or NULL (a correlated
    subquery: for a page of cases or the few cases waiting on a notice, never to order or
    filter every case by)."""
    return models.Subquery(
        pending_notices(case_id=models.OuterRef("pk"))
        .order_by()
        .values("case_id")
        .annotate(nearest=models.Min("due"))
        .values("nearest")[:1],
        output_field=models.DateField(),
    )


def next_due_expression():
    """The case's next deadline, THE one the staff see: the nearer of the deadline of the
    step it waits on (`current_due_expression`) and of a notice to the parties not yet sent
    (`pending_notice_due_expression`); NULL when it waits on neither. The list's cell and its
    deadline order read it, and `overdue_condition` / `due_within_condition` (the filters and
    the counters) are written so they say the same of every case: next deadline before `at`,
    next deadline within the window (tests/complaints/test_next_due.py)."""
    return _Nearer(current_due_expression(), pending_notice_due_expression())


class _Nearer(models.Func):
    """The earlier of two days, either of which may be NULL: PostgreSQL's LEAST skips NULLs
    (each side computed once: the notices' subquery is read once per case); SQLite's MIN
    answers NULL when either is, so each side there falls back on the other."""

    function = "LEAST"
    output_field = models.DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        step, notice = self.get_source_expressions()
        both = Least(Coalesce(step, notice), Coalesce(notice, step), output_field=self.output_field)
        return compiler.compile(both)


def current_due_expression():
    """The deadline of the step a case waits on (acceptance before thụ lý, resolution after,
    none otherwise), as `overdue_condition` reads it: a press case after thụ lý waits on the
    notice of measures to the outlet (khoản 3 Điều 18 Nghị định 237/2026, its `accept_by`)
    and on the answer its head asked for (`resolve_by`, once recorded), the earlier first.
    The workspace list's deadline order reads it from the expression index
    `case_current_due_order` (`complaints.admin.due_order`), so it must stay the same (a change
    takes a migration of the index)."""
    in_resolution = ["accepted", "verifying"]
    return models.Case(
        models.When(status__in=["received", "needs_info"], then=models.F("accept_by")),
        # (keyword arguments in the order the migration writes them: its index compares equal)
        models.When(
            kind="bao_chi",
            resolve_by__lt=models.F("accept_by"),
            status__in=in_resolution,
            then=models.F("resolve_by"),
        ),
        models.When(kind="bao_chi", status__in=in_resolution, then=models.F("accept_by")),
        models.When(status__in=in_resolution, then=models.F("resolve_by")),
        default=None,
        output_field=models.DateField(),
    )


def current_due_field(case) -> str | None:
    """The field of `case` (in memory) holding the deadline of the step it waits on,
    `current_due_expression` read without a query: "accept_by" before thụ lý, "resolve_by"
    after, and for a press case after thụ lý the earlier of its notice of measures to the
    outlet (`accept_by`) and the answer its head asked for (`resolve_by`); None when it waits
    on neither. The case page, the approvals' queue and draft page read it."""
    if case.status in (CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO):
        return "accept_by"
    if case.status not in (CaseStatus.ACCEPTED, CaseStatus.VERIFYING):
        return None
    accept_by, resolve_by = case.accept_by, case.resolve_by
    if case.kind == CaseKind.BAO_CHI and (
        resolve_by is None or (accept_by is not None and accept_by <= resolve_by)
    ):
        return "accept_by"
    return "resolve_by"


def current_due(case) -> datetime.date | None:
    """The deadline of the step `case` waits on (`current_due_field`), or None."""
    field = current_due_field(case)
    return getattr(case, field) if field else None


def next_due_ordering(*, descending: bool = False, annotated: bool = False) -> tuple:
    """The workspace list's deadline order: nearest next deadline first (`descending`: the
    farthest first), ties newest first (oldest first), cases waiting on no deadline last in
    both directions. `annotated`: by the `next_due` annotation (the merge of
    `complaints.admin.due_order`, which reads it from indexes), else by the expression."""
    due = models.F("next_due") if annotated else next_due_expression()
    if descending:
        return (due.desc(nulls_last=True), models.F("received_at").asc(), models.F("id").asc())
    return (due.asc(nulls_last=True), models.F("received_at").desc(), models.F("id").desc())


def facility_scope_of(user) -> frozenset[int]:
    """The units `user` works for (FacilityMembership), with every unit below them:
    the one definition of a user's facility subtree (case scope, the denounced
    facility's staff, who may handle a case).

    Kept on the user object for the rest of its request (or WebSocket message:
    the consumer reloads the user each time), so a page that asks for the scope
    several times reads the tree once."""
    cached = getattr(user, "_case_scope_unit_ids", None)
    if cached is None:
        from complaints.models import Facility

        roots = list(user.facility_memberships.values_list("facility_id", flat=True))
        cached = frozenset(Facility.objects.subtree_ids(roots)) if roots else frozenset()
        user._case_scope_unit_ids = cached
        user._case_scope_roots = frozenset(roots)  # the units themselves (identity rules)
    return cached
