"""E-mail to staff: a case assigned to their unit, and deadline reminders.

What staff e-mails never carry: the reporter's identity (of anyone, and a
denouncer's above all: Luật TC Arts 8(3), 47), the content of the petition, a tố
cáo's title (`staff_mail_title`, the one source of the title of every staff e-mail),
the internal notes. They say which case, what is due and where to open it; the rest
is read in the workspace, where scope and `reporter_for` apply.

Recipients are the unit's e-mail address (`Facility.email`), its staff who receive
notifications (`FacilityMembership.receives_notifications`) and the handler
assigned. Templates: `complaints/email/staff_*.txt`, editable as EmailTemplate rows."""

from __future__ import annotations

import datetime
import logging
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import emails
from complaints.citations import citation_vi
from complaints.kinds import CaseKind, CaseStatus
from complaints.querysets import VERIFICATION_WAITING
from complaints.rules.verification import REMINDER_STEP
from complaints.selectors.history import staff_name
from complaints.signals import case_created, case_event_recorded
from complaints.step_labels import CASE_DEADLINE_LABELS
from portal.tasks import background_task, enqueue_on_commit

logger = logging.getLogger(__name__)

WAITING_ACCEPTANCE = (CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO)
WAITING_RESOLUTION = (CaseStatus.ACCEPTED, CaseStatus.VERIFYING)
# The stored step behind case.accept_by / case.resolve_by, per kind (see
# complaints.deadlines: the press report's clocks have their own steps).
_STEP_ROWS = {
    "accept": {CaseKind.BAO_CHI: "press_measures_notice"},
    "resolve": {CaseKind.BAO_CHI: "press_answer"},
    REMINDER_STEP: {},  # the verification period: a field of the case, no deadline row
}
# Remind this many working days before a deadline (override with the setting).
DEFAULT_DAYS_BEFORE = 3


def staff_case_url(case) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    try:
        path = reverse("complaints_admin:detail", kwargs={"tracking_code": case.tracking_code})
    except NoReverseMatch:
        path = f"/admin/ho-so/{case.tracking_code}/"
    return f"{base}{path}"


def unit_recipients(case, *, memberships=None) -> list[str]:
    """The addresses responsible for `case`: the handler, the unit, its notified staff."""
    from complaints.models import FacilityMembership

    addresses = []
    if case.assigned_user is not None and case.assigned_user.is_active:
        addresses.append(case.assigned_user.email)
    unit = case.assigned_unit
    if unit is not None:
        addresses.append(unit.email)
        if memberships is None:
            memberships = FacilityMembership.objects.filter(
                facility=unit, receives_notifications=True, user__is_active=True
            ).select_related("user")
        addresses.extend(m.user.email for m in memberships if m.facility_id == unit.pk)
    return list(dict.fromkeys(a for a in addresses if a))


def units_without_recipients():
    """The active units an alert would reach nobody at: no mailbox (`Facility.email`) and
    no active staff who receive notifications. A case routed there alerts a stand-in
    (`stand_in_unit`); `setup_portal` lists them among the next steps."""
    from complaints.models import Facility, FacilityMembership

    notified = FacilityMembership.objects.filter(
        facility=OuterRef("pk"), receives_notifications=True, user__is_active=True
    )
    return Facility.objects.filter(is_active=True, email="").exclude(Exists(notified))


def stand_in_unit(unit):
    """Who reads the alert of a case routed to `unit` when nobody there would (no mailbox,
    no notified staff): the nearest unit above it with a mailbox, else the Văn phòng Sở's,
    else the Sở's own; None when no unit has one."""
    from complaints.models import Facility, FacilityKind

    seen = {unit.pk}
    above = unit.parent
    while above is not None and above.pk not in seen:
        if above.is_active and above.email:
            return above
        seen.add(above.pk)
        above = above.parent
    for kind in (FacilityKind.OFFICE, FacilityKind.DEPARTMENT):
        found = (
            Facility.objects.filter(kind=kind, is_active=True).exclude(email="")
            .exclude(pk=unit.pk).order_by("pk").first()
        )
        if found is not None:
            return found
    return None


def staff_mail_title(case) -> str:
    """The title a staff e-mail may carry. A tố cáo's title is the denouncer's own words
    and may name them, and these e-mails reach the unit's mailbox, the facility denounced
    included: it is read in the workspace only (Điều 47, khoản 3 Điều 8 Luật Tố cáo)."""
    if case.kind == CaseKind.TO_CAO:
        return str(_("(tố cáo: nội dung chỉ xem trong hệ thống)"))
    return case.title


# What case.accept_by / case.resolve_by are for a press case (_STEP_ROWS): not a thụ lý, but
# the notice of measures to the outlet and the answer its head asked for (Điều 18 Nghị định
# 237/2026), both still owed after the case is accepted.
def _date_labels(case) -> dict:
    if case.kind == CaseKind.BAO_CHI:
        return {
            "accept_by_label": _("Hạn thông báo biện pháp xử lý cho cơ quan báo chí"),
            "resolve_by_label": _("Hạn trả lời cơ quan báo chí"),
        }
    return {"accept_by_label": _("Hạn thụ lý"), "resolve_by_label": _("Hạn giải quyết")}


def _base_context(case) -> dict:
    return {
        **_date_labels(case),
        "tracking_code": case.tracking_code,
        "title": staff_mail_title(case),
        "kind_label": CaseKind(case.kind).label,
        "status_label": CaseStatus(case.status).label,
        "unit": case.assigned_unit.name if case.assigned_unit else "",
        "accept_by": case.accept_by.strftime("%d/%m/%Y") if case.accept_by else "",
        "resolve_by": case.resolve_by.strftime("%d/%m/%Y") if case.resolve_by else "",
        "case_url": staff_case_url(case),
    }


def case_mail_context(case) -> dict:
    """What every staff e-mail about `case` may say of it (its code, kind, state, unit,
    deadlines with their labels, link; the title by `staff_mail_title`): for the e-mails
    of other modules (the drafts' alerts, complaints/approvals/alerts.py)."""
    return _base_context(case)


@receiver(case_event_recorded, dispatch_uid="complaints.notifications.staff.case_assigned")
def on_case_event_recorded(sender, case, event, **kwargs) -> None:
    """A case assigned to a unit: alert the unit (after commit)."""
    if event is None or event.action != "assign":
        return
    case_reached_unit(case_id=case.pk, event_id=event.pk)


@receiver(case_created, dispatch_uid="complaints.notifications.staff.case_routed")
def on_case_created(sender, case, event=None, **kwargs) -> None:
    """A new case routed to a unit at intake: alert the unit (after commit)."""
    if case.assigned_unit_id is None:
        return
    case_reached_unit(case_id=case.pk, event_id=event.pk if event is not None else None)


def case_reached_unit(*, case_id: int, event_id: int | None) -> None:
    """Queue the unit's alert once the write commits: one background task marks the case
    new for the unit's notified staff and e-mails them (`unit_alert_deliver`).

    Nothing of it runs in the request: the citizen's submission or the officer's assignment
    returns without reading the unit's staff or writing their markers; the worker does both
    a moment later (at intake, in the one task `tasks_batched` queues for the submission)."""
    enqueue_on_commit(unit_alert_deliver, case_id=case_id, event_id=event_id)


@background_task()
def unit_alert_deliver(*, case_id: int, event_id: int | None = None) -> int:
    """Mark the case new for the people it reached (one statement), then send the unit's
    e-mail. The e-mail is `unit_alert_send`, called here: when it fails it is queued again on
    its own with its backoff (portal.tasks), so a retry never marks the case new again for
    someone who has opened it since. Returns the e-mails sent.

    The task runs after the commit, a moment later: whoever acted on the case or opened it
    since the step that sent it (`event_id`) has seen it, and it is not new again for them
    (`seen_since`): the officer who gave it to his own unit, a colleague who opened it
    meanwhile."""
    from complaints.models import Case

    case = Case.objects.select_related("assigned_unit", "assigned_user").filter(pk=case_id).first()
    if case is None or case.assigned_unit_id is None:
        return 0
    users = alerted_staff(case)
    seen = seen_since(case=case, event_id=event_id, user_ids=[user.pk for user in users])
    alerts_mark_new(case=case, users=[user for user in users if user.pk not in seen])
    return unit_alert_send.call(case_id=case_id, event_id=event_id) or 0


def seen_since(*, case, event_id: int | None, user_ids) -> set[int]:
    """Of `user_ids`, those who have seen `case` since its event `event_id` (the step that
    made it reach them): its actor, whoever opened the case or acted on it after (a step,
    a draft, a note: `alerts_mark_seen` in their write paths), and whoever took a step on it
    after with no marker yet. Two small queries; none without an event."""
    from complaints.models import CaseAlert, CaseEvent

    if not event_id or not user_ids:
        return set()
    event = CaseEvent.objects.filter(pk=event_id, case=case).values("at", "actor_id").first()
    if event is None:
        return set()
    seen = {event["actor_id"]} if event["actor_id"] else set()
    seen |= set(
        CaseEvent.objects.filter(case=case, at__gte=event["at"], actor_id__in=user_ids)
        .values_list("actor_id", flat=True)
        .order_by()
        .union(
            CaseAlert.objects.filter(
                case=case, user_id__in=user_ids, seen_at__gte=event["at"]
            ).values_list("user_id", flat=True).order_by()
        )
    )
    return seen & set(user_ids)


def alerted_staff(case) -> list:
    """The people told that `case` reached its unit: the handler named, and the unit's
    active staff who receive notifications (`FacilityMembership.receives_notifications`,
    set by the unit: `complaints.notifications.unit_settings`)."""
    from complaints.models import FacilityMembership

    users = []
    if case.assigned_user is not None and case.assigned_user.is_active:
        users.append(case.assigned_user)
    users.extend(
        m.user
        for m in FacilityMembership.objects.filter(
            facility_id=case.assigned_unit_id, receives_notifications=True, user__is_active=True
        ).select_related("user")
    )
    return list({user.pk: user for user in users}.values())


def alerts_mark_new(*, case, users) -> None:
    """Each user sees `case` as new until they open it (again, if it was seen before):
    one insert-or-update statement for all of them (`ON CONFLICT` on the unique pair)."""
    from complaints.models import CaseAlert

    now = timezone.now()
    CaseAlert.objects.bulk_create(
        [
            CaseAlert(case_id=case.pk, user_id=user.pk, unit_id=case.assigned_unit_id,
                      alerted_at=now, seen_at=None)
            for user in users
        ],
        update_conflicts=True,
        unique_fields=["case", "user"],
        update_fields=["unit", "alerted_at", "seen_at"],
    )


def alerts_mark_seen(*, case, user) -> int:
    """`user` opened `case`, or acted on it (a workflow step, a draft proposed, returned
    or approved, a note: each write path calls this): it is no longer new for them. Returns
    the rows changed (one statement).

    The marker is set again when the case changed since it was last set (`updated_at`),
    so that the unit's alert, run after the commit, knows they saw it since it reached
    them (`seen_since`); opening an unchanged case again writes nothing."""
    from complaints.models import CaseAlert

    stale = Q(seen_at__isnull=True)
    if getattr(case, "updated_at", None) is not None:
        stale |= Q(seen_at__lt=case.updated_at)
    return CaseAlert.objects.filter(stale, case=case, user=user).update(seen_at=timezone.now())


def unseen_case_ids(*, user, case_ids) -> set[int]:
    """Of `case_ids`, the cases new for `user` (one query)."""
    from complaints.models import CaseAlert

    if not case_ids:
        return set()
    return set(
        CaseAlert.objects.filter(
            user=user, case_id__in=case_ids, seen_at__isnull=True
        ).values_list("case_id", flat=True)
    )


def unit_alert_context(case, event=None) -> dict:
    """What the unit's e-mail says: which case, its kind, deadlines and link. Never the
    reporter, the content, nor a tố cáo's title (`staff_mail_title`)."""
    return _base_context(case) | {
        "assigned_by": staff_name(event.actor) if event is not None and event.actor else "",
        "handler": staff_name(case.assigned_user) if case.assigned_user else "",
    }


@background_task()
def unit_alert_send(*, case_id: int, event_id: int | None = None) -> int:
    """Send the "case assigned to your unit" e-mail; a failure is retried (portal.tasks)."""
    from complaints.models import Case, CaseEvent

    case = Case.objects.select_related("assigned_unit", "assigned_user").filter(pk=case_id).first()
    if case is None or case.assigned_unit_id is None:
        return 0
    event = (
        CaseEvent.objects.select_related("actor").filter(pk=event_id).first() if event_id else None
    )
    to = unit_recipients(case)
    context = unit_alert_context(case, event)
    if not to:
        # Nobody at the unit would read it: the case would wait unseen. Its stand-in is told
        # (named in the e-mail), and the log says so either way.
        stand_in = stand_in_unit(case.assigned_unit)
        logger.warning(
            "unit %s has no alert recipient (no mailbox, no notified staff): case %s alerted %s",
            case.assigned_unit.code, case.tracking_code,
            stand_in.code if stand_in is not None else "nobody",
        )
        if stand_in is None:
            return 0
        to, context["stand_in"] = [stand_in.email], stand_in.name
    return emails.send("staff_case_assigned", to=to, context=context)


def deadline_reminders_send(
    *, today: datetime.date | None = None, days_before: int | None = None
) -> list:
    """Record the due reminders and queue their e-mails; returns the reminders recorded
    (`RecordedReminder` rows, each with its case's tracking code, in case order).

    For every open case waiting on a deadline (acceptance while received or waiting
    for information, resolution while accepted or being verified, and the verification
    period's last day while being verified with no report of its result: khoản 1 Điều 29,
    khoản 4 Điều 29 Luật Khiếu nại; điểm đ khoản 2, khoản 6 Điều 31 Luật Tố cáo): a "before"
    reminder once the deadline is within `days_before` working days, an "overdue" reminder
    once it has passed. Idempotent: one reminder per case, step and threshold (a unique
    constraint; of two overlapping runs, the second records none of the first's).

    Built for a province's every case: the database does the work in one statement —
    `INSERT … SELECT` of the owed reminders (`owed_reminders`), each with the number of
    people it will reach, `ON CONFLICT DO NOTHING`, `RETURNING` what it recorded — so no
    case crosses into Python before it is recorded. Their e-mails are queued after the commit as
    background tasks, `REMINDERS_PER_TASK` reminders each (`deadline_reminders_deliver`).
    An e-mail that cannot be sent deletes its reminder, so the next run owes it again; a
    case with nobody to tell is left for the next run. With nothing owed: one query."""
    from complaints.services.calendar import working_calendar

    today = today or timezone.localdate()
    if days_before is None:
        days_before = getattr(settings, "PORTAL_REMINDER_WORKING_DAYS", DEFAULT_DAYS_BEFORE)
    horizon = working_calendar().add_working_days(today, days_before)
    sent_at = timezone.now()
    # One statement records them all (atomic by itself): no transaction of our own.
    reminders = _reminders_insert(owed_reminders(today, horizon), sent_at=sent_at)
    if not reminders:
        return []
    # The tasks name their reminders by this run's `sent_at` and a range of ids: two small
    # arguments, not thousands of ids to serialize (0.9 s of a province's first run).
    ids = sorted(r.id for r in reminders)
    for start in range(0, len(ids), REMINDERS_PER_TASK):
        batch = ids[start : start + REMINDERS_PER_TASK]
        enqueue_on_commit(
            deadline_reminders_deliver,
            sent_at=sent_at.isoformat(),
            first_id=batch[0],
            last_id=batch[-1],
            today=today.isoformat(),
        )
    if len(reminders) >= ANALYZE_AFTER and connection.vendor == "postgresql":
        _reminders_analyze()
    return reminders


def owed_reminders(today: datetime.date, horizon: datetime.date):
    """The reminders owed today, as a queryset of rows (case id, unit, handler, step,
    threshold, due): a UNION ALL of the six (step, threshold) branches, each a range on
    the step's deadline (`case_waiting_*_by` indexes; the verification's last day from
    `case_verification_waiting`, the cases being verified without a report) and an
    anti-join on the reminders already recorded (the unique constraint's index)."""
    from django.db.models import CharField, F, Value

    from complaints.models import Case, DeadlineReminder
    from complaints.models.reminders import ReminderThreshold

    branches = []
    for step, waiting, field in (
        ("accept", Q(status__in=WAITING_ACCEPTANCE), "accept_by"),
        ("resolve", Q(status__in=WAITING_RESOLUTION), "resolve_by"),
        (REMINDER_STEP, VERIFICATION_WAITING, "verification_until"),  # its partial index
    ):
        for threshold, dates in (
            (ReminderThreshold.OVERDUE, {f"{field}__lt": today}),
            (ReminderThreshold.BEFORE, {f"{field}__gte": today, f"{field}__lte": horizon}),
        ):
            already = DeadlineReminder.objects.filter(
                case_id=OuterRef("pk"), step=step, threshold=threshold
            )
            branches.append(
                Case.objects.filter(waiting, **dates)
                .filter(~Exists(already))
                .annotate(
                    reminder_step=Value(step, output_field=CharField()),
                    reminder_threshold=Value(str(threshold), output_field=CharField()),
                    reminder_due=F(field),
                )
                .values_list(
                    "id", "assigned_unit_id", "assigned_user_id",
                    "reminder_step", "reminder_threshold", "reminder_due",
                )
                .order_by()
            )
    return branches[0].union(*branches[1:], all=True)


# Who a reminder reaches, counted in SQL: `unit_recipients`' rule (the unit's address, its
# active staff who receive notifications, the handler while active; each address once, none
# empty). The units' addresses are gathered once (a few rows per unit), then joined to every
# owed case; the handler adds one unless the unit already has that address. The e-mail task
# applies `unit_recipients` itself; tests check that the two agree.
# The ORDER BY is what keeps a province's first run linear on PostgreSQL: its sort reads every
# owed case before the first row is inserted. Without it the anti-joins, planned on an empty
# table's statistics as nested loops over the reminders, re-read the table this very
# statement was filling, once per case: 240 s for 66,735 reminders instead of 2 s.
# (SQLite buffers an INSERT that reads its own table by itself.)
_INSERT_SQL = """
INSERT INTO {reminder} (case_id, step, threshold, due, recipients, sent_at)
WITH unit_address AS (
    SELECT f.id AS unit_id, f.email AS address FROM {facility} f WHERE f.email <> ''
    UNION
    SELECT m.facility_id, u.email FROM {membership} m JOIN {user} u ON u.id = m.user_id
    WHERE m.receives_notifications AND u.is_active AND u.email <> ''
), unit_reach AS (
    SELECT unit_id, COUNT(*) AS addresses FROM unit_address GROUP BY unit_id
)
SELECT owed.id, owed.reminder_step, owed.reminder_threshold, owed.reminder_due,
    COALESCE(unit_reach.addresses, 0) + CASE WHEN handler.id IS NULL OR EXISTS (
        SELECT 1 FROM unit_address a
        WHERE a.unit_id = owed.assigned_unit_id AND a.address = handler.email
    ) THEN 0 ELSE 1 END,
    %s
FROM ({owed}) owed
LEFT JOIN unit_reach ON unit_reach.unit_id = owed.assigned_unit_id
LEFT JOIN {user} handler
    ON handler.id = owed.assigned_user_id AND handler.is_active AND handler.email <> ''
WHERE unit_reach.addresses > 0 OR handler.id IS NOT NULL
ORDER BY owed.id, owed.reminder_step, owed.reminder_threshold
ON CONFLICT (case_id, step, threshold) DO NOTHING
RETURNING id, case_id, (SELECT c.tracking_code FROM {case} c WHERE c.id = case_id),
    step, threshold, due, recipients
"""


def _reminders_insert(owed, *, sent_at) -> list[RecordedReminder]:
    """Insert the owed reminders that reach someone, in one `INSERT … SELECT` (the
    same SQL on PostgreSQL and SQLite); a reminder another run recorded meanwhile is
    skipped (`ON CONFLICT DO NOTHING` on `deadline_reminder_once`). Returns the rows
    inserted."""
    from complaints.models import DeadlineReminder

    sql, params = reminders_insert_sql(owed, sent_at=sent_at)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    due = DeadlineReminder._meta.get_field("due")
    converters = connection.ops.get_db_converters(due.get_col(DeadlineReminder._meta.db_table))
    if converters:  # SQLite returns dates as text
        rows = [(*row[:5], _converted(row[5], converters, due), row[6]) for row in rows]
    return list(map(RecordedReminder._make, rows))  # in the order inserted: the case's


def reminders_insert_sql(owed, *, sent_at) -> tuple[str, list]:
    """The statement `_reminders_insert` runs, and its parameters."""
    from django.contrib.auth import get_user_model

    from complaints.models import Case, DeadlineReminder, Facility, FacilityMembership

    owed_sql, params = owed.query.get_compiler(connection=connection).as_sql()
    sql = _INSERT_SQL.format(
        reminder=DeadlineReminder._meta.db_table,
        facility=Facility._meta.db_table,
        membership=FacilityMembership._meta.db_table,
        user=get_user_model()._meta.db_table,
        case=Case._meta.db_table,
        owed=owed_sql,
    )
    return sql, [connection.ops.adapt_datetimefield_value(sent_at), *params]


def _converted(value, converters, field):
    for converter in converters:
        value = converter(value, field, connection)
    return value


class RecordedReminder(NamedTuple):
    """A reminder `deadline_reminders_send` recorded, its e-mail queued."""

    id: int
    case_id: int
    tracking_code: str
    step: str
    threshold: str
    due: datetime.date
    recipients: int


def _reminders_analyze() -> None:
    """Refresh PostgreSQL's statistics of the reminders after a large insert. The
    anti-joins of the next run are planned on them: planned on the statistics of the
    empty table that preceded a province's first run, the next run took 17 s instead of
    0.3 s (a nested loop over every reminder) until autovacuum caught up."""
    from complaints.models import DeadlineReminder

    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {DeadlineReminder._meta.db_table}")


# Statistics refreshed after a run that recorded at least this many reminders.
ANALYZE_AFTER = 1000


# Reminders whose e-mails one background task sends (the command queues one task per
# batch: a few tasks for a province's every reminder).
REMINDERS_PER_TASK = 5000


def _verification_reminder(case) -> dict:
    """What a reminder of the verification's last day adds: the article of the period and,
    where the law asks for one, that the report on its result is still owed."""
    from complaints.rules.verification import period_article
    from complaints.rules.verification_report import REPORT_KINDS, report_article

    context = {"legal_basis": citation_vi(period_article(case))}
    if case.kind in REPORT_KINDS:  # the e-mail says the report is owed, with its article
        context["report_owed_basis"] = citation_vi(report_article(case.kind))
    return context


@background_task()
def deadline_reminders_deliver(*, sent_at: str, first_id: int, last_id: int, today: str) -> int:
    """Send the e-mails of the reminders one run recorded (its `sent_at`), ids `first_id`
    to `last_id`; returns the number sent. A reminder whose e-mail fails is deleted
    (logged), so the next `send_deadline_reminders` owes it again. Queries per batch, not
    per reminder, except the sending itself."""
    from complaints.models import CaseDeadline, DeadlineReminder, FacilityMembership
    from complaints.models.reminders import ReminderThreshold
    from complaints.services.calendar import working_calendar

    day = datetime.date.fromisoformat(today)
    reminders = list(
        DeadlineReminder.objects.filter(
            sent_at=datetime.datetime.fromisoformat(sent_at), pk__range=(first_id, last_id)
        )
        .select_related("case", "case__assigned_unit", "case__assigned_user")
        .order_by("id")
    )
    if not reminders:
        return 0
    cases = [r.case for r in reminders]
    memberships = list(
        FacilityMembership.objects.filter(
            facility_id__in={c.assigned_unit_id for c in cases if c.assigned_unit_id},
            receives_notifications=True,
            user__is_active=True,
        ).select_related("user")
    )
    bases = {
        (row.case_id, row.step, row.due): row.legal_basis
        for row in CaseDeadline.objects.filter(
            case_id__in=[c.pk for c in cases], superseded_at__isnull=True
        ).only("case_id", "step", "due", "legal_basis")
    }
    calendar = working_calendar()
    sent = 0
    for reminder in reminders:
        case, due = reminder.case, reminder.due
        to = unit_recipients(case, memberships=memberships)
        row_step = _STEP_ROWS[reminder.step].get(case.kind, reminder.step)
        context = _base_context(case) | {
            "step_label": CASE_DEADLINE_LABELS[reminder.step],
            "due": due.strftime("%d/%m/%Y"),
            "days_left": calendar.working_days_between(day, due) if due >= day else 0,
            "days_late": (day - due).days if due < day else 0,
            "legal_basis": citation_vi(bases.get((case.pk, row_step, due), "")),
        }
        if reminder.step == REMINDER_STEP:
            context.update(_verification_reminder(case))
        threshold = ReminderThreshold(reminder.threshold)
        try:
            sent += emails.send(f"staff_deadline_{threshold}", to=to, context=context)
        except Exception:
            logger.exception("deadline reminder %s for case %s failed", reminder.pk, case.pk)
            reminder.delete()  # owed again at the next run
    return sent
