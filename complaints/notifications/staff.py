"""E-mail to staff: a case assigned to their unit, and deadline reminders.

What staff e-mails never carry: the reporter's identity (of anyone, and a
denouncer's above all: Luật TC Arts 8(3), 47), the content of the petition, the
internal notes. They say which case, what is due and where to open it; the rest
is read in the workspace, where scope and `reporter_for` apply.

Recipients are the unit's e-mail address (`Facility.email`), its staff who receive
notifications (`FacilityMembership.receives_notifications`) and the handler
assigned. Templates: `complaints/email/staff_*.txt`, editable as EmailTemplate rows."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import emails
from complaints.citations import citation_vi
from complaints.kinds import CaseKind, CaseStatus
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


def _base_context(case) -> dict:
    return {
        "tracking_code": case.tracking_code,
        "title": case.title,
        "kind_label": CaseKind(case.kind).label,
        "status_label": CaseStatus(case.status).label,
        "unit": case.assigned_unit.name if case.assigned_unit else "",
        "accept_by": case.accept_by.strftime("%d/%m/%Y") if case.accept_by else "",
        "resolve_by": case.resolve_by.strftime("%d/%m/%Y") if case.resolve_by else "",
        "case_url": staff_case_url(case),
    }


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
    someone who has opened it since. Returns the e-mails sent."""
    from complaints.models import Case

    case = Case.objects.select_related("assigned_unit", "assigned_user").filter(pk=case_id).first()
    if case is None or case.assigned_unit_id is None:
        return 0
    alerts_mark_new(case=case, users=alerted_staff(case))
    return unit_alert_send.call(case_id=case_id, event_id=event_id) or 0


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
    """`user` opened `case`: it is no longer new for them. Returns the rows changed."""
    from complaints.models import CaseAlert

    return CaseAlert.objects.filter(case=case, user=user, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )


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
    reporter, the content, nor (for a tố cáo, whose title the denouncer wrote) the
    title: Luật Tố cáo Điều 47 keeps the denouncer's identity confidential."""
    context = _base_context(case) | {
        "assigned_by": staff_name(event.actor) if event is not None and event.actor else "",
        "handler": staff_name(case.assigned_user) if case.assigned_user else "",
    }
    if case.kind == CaseKind.TO_CAO:
        context["title"] = str(_("(tố cáo: nội dung chỉ xem trong hệ thống)"))
    return context


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
    return emails.send("staff_case_assigned", to=to, context=unit_alert_context(case, event))


def deadline_reminders_send(
    *, today: datetime.date | None = None, days_before: int | None = None
) -> list:
    """Record the due reminders and queue their e-mails; returns the DeadlineReminder
    rows created (each with a `tracking_code` attribute).

    For every open case waiting on a deadline (acceptance while received or waiting
    for information, resolution while accepted or being verified): a "before" reminder
    once the deadline is within `days_before` working days, an "overdue" reminder once
    it has passed. Idempotent: one reminder per case, step and threshold (a unique
    constraint; of two overlapping runs, the second records none of the first's).

    Built for a province's every case: the cases owed a reminder are selected in one
    query (the columns needed, no model instances), the recipients' memberships in a
    second, the reminders are inserted in one `bulk_create`, and their e-mails are
    queued after the commit as background tasks, `REMINDERS_PER_TASK` reminders each
    (`deadline_reminders_deliver`). An e-mail that cannot be sent deletes its reminder,
    so the next run owes it again; a case with nobody to tell is left for the next run.
    A run with nothing to send is one query."""
    from complaints.models import Case, DeadlineReminder, FacilityMembership
    from complaints.models.reminders import ReminderThreshold
    from complaints.services.calendar import working_calendar

    today = today or timezone.localdate()
    if days_before is None:
        days_before = getattr(settings, "PORTAL_REMINDER_WORKING_DAYS", DEFAULT_DAYS_BEFORE)
    horizon = working_calendar().add_working_days(today, days_before)

    # Only the cases that still owe a reminder, in one query of the columns needed: a
    # UNION of the four (step, threshold) branches, each a range on the step's deadline
    # and an anti-join on the reminders already recorded (the unique constraint's index).
    columns = (
        "id", "tracking_code", "status", "accept_by", "resolve_by", "assigned_unit_id",
        "assigned_unit__email", "assigned_user__email", "assigned_user__is_active",
    )
    branches = []
    for step, statuses, field in (
        ("accept", WAITING_ACCEPTANCE, "accept_by"),
        ("resolve", WAITING_RESOLUTION, "resolve_by"),
    ):
        for threshold, dates in (
            (ReminderThreshold.OVERDUE, {f"{field}__lt": today}),
            (ReminderThreshold.BEFORE, {f"{field}__gte": today, f"{field}__lte": horizon}),
        ):
            already = DeadlineReminder.objects.filter(
                case_id=OuterRef("pk"), step=step, threshold=threshold
            )
            branches.append(
                Case.objects.filter(status__in=statuses, **dates)
                .filter(~Exists(already))
                .values_list(*columns)
                .order_by()
            )
    cases = sorted(branches[0].union(*branches[1:], all=True))
    if not cases:
        return []
    notified: dict[int, list[str]] = {}
    for facility_id, email in FacilityMembership.objects.filter(
        facility_id__in={c[5] for c in cases if c[5]},
        receives_notifications=True,
        user__is_active=True,
    ).values_list("facility_id", "user__email"):
        notified.setdefault(facility_id, []).append(email)

    reminders = []
    for (case_id, code, status, accept_by, resolve_by, unit_id, unit_email, user_email,
         user_active) in cases:
        step = "accept" if status in WAITING_ACCEPTANCE else "resolve"
        due = accept_by if step == "accept" else resolve_by
        threshold = ReminderThreshold.OVERDUE if due < today else ReminderThreshold.BEFORE
        # `unit_recipients`: the handler, the unit's address, its notified staff.
        to = [user_email] if user_email and user_active else []
        if unit_id is not None:
            to += [unit_email, *notified.get(unit_id, ())]
        to = list(dict.fromkeys(a for a in to if a))
        if not to:
            continue
        reminders.append(QueuedReminder(case_id, code, step, str(threshold), due, len(to)))
    if not reminders:
        return []
    try:
        with transaction.atomic():
            ids = _reminders_insert(reminders)
            for start in range(0, len(ids), REMINDERS_PER_TASK):
                enqueue_on_commit(
                    deadline_reminders_deliver,
                    reminder_ids=ids[start : start + REMINDERS_PER_TASK],
                    today=today.isoformat(),
                )
    except IntegrityError:
        # An overlapping run recorded some of them first: it sends those; the next run
        # (cron) records the rest.
        logger.warning("deadline reminders: an overlapping run recorded them first")
        return []
    return reminders


@dataclass(frozen=True, slots=True)
class QueuedReminder:
    """A reminder recorded by `deadline_reminders_send`, its e-mail queued."""

    case_id: int
    tracking_code: str
    step: str
    threshold: str
    due: datetime.date
    recipients: int


def _reminders_insert(reminders: list[QueuedReminder]) -> list[int]:
    """Insert the reminders in one statement; their ids. On PostgreSQL the rows go as
    arrays (`INSERT … SELECT … FROM unnest(…)`): no model instance nor SQL built per row."""
    from complaints.models import DeadlineReminder

    now = timezone.now()
    if connection.vendor != "postgresql":
        rows = DeadlineReminder.objects.bulk_create(
            DeadlineReminder(case_id=r.case_id, step=r.step, threshold=r.threshold, due=r.due,
                             recipients=r.recipients, sent_at=now)
            for r in reminders
        )
        return [row.pk for row in rows]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {DeadlineReminder._meta.db_table} "  # noqa: S608
            "(case_id, step, threshold, due, recipients, sent_at) "
            "SELECT case_id, step, threshold, due, recipients, %s FROM unnest("
            "%s::bigint[], %s::varchar[], %s::varchar[], %s::date[], %s::int[]"
            ") AS r(case_id, step, threshold, due, recipients) RETURNING id",
            [now, [r.case_id for r in reminders], [r.step for r in reminders],
             [r.threshold for r in reminders], [r.due for r in reminders],
             [r.recipients for r in reminders]],
        )
        return [row[0] for row in cursor.fetchall()]


# Reminders whose e-mails one background task sends (the command queues one task per
# batch: a few tasks for a province's every reminder).
REMINDERS_PER_TASK = 5000


@background_task()
def deadline_reminders_deliver(*, reminder_ids: list[int], today: str) -> int:
    """Send the e-mails of recorded reminders; returns the number sent. A reminder whose
    e-mail fails is deleted (logged), so the next `send_deadline_reminders` owes it again.
    Queries per batch, not per reminder, except the sending itself."""
    from complaints.models import CaseDeadline, DeadlineReminder, FacilityMembership
    from complaints.models.reminders import ReminderThreshold
    from complaints.services.calendar import working_calendar

    day = datetime.date.fromisoformat(today)
    reminders = list(
        DeadlineReminder.objects.filter(pk__in=reminder_ids)
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
        threshold = ReminderThreshold(reminder.threshold)
        try:
            sent += emails.send(f"staff_deadline_{threshold}", to=to, context=context)
        except Exception:
            logger.exception("deadline reminder %s for case %s failed", reminder.pk, case.pk)
            reminder.delete()  # owed again at the next run
    return sent
