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

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
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
    # The case the intake just inserted, as it wrote it: not read again.
    _reached_unit(case, event_id=event.pk if event is not None else None)


def case_reached_unit(*, case_id: int, event_id: int | None) -> None:
    """Mark the case new for the unit's notified staff, and queue their e-mail.

    The markers are written at once (a few rows, nothing outside the database) so the
    case shows as new in their list; the e-mail goes out as a background task (retried;
    a mail server that is down never slows the officer who routed the case)."""
    from complaints.models import Case

    case = Case.objects.select_related("assigned_unit", "assigned_user").filter(pk=case_id).first()
    if case is None or case.assigned_unit_id is None:
        return
    _reached_unit(case, event_id=event_id)


def _reached_unit(case, *, event_id: int | None) -> None:
    alerts_mark_new(case=case, users=alerted_staff(case))
    enqueue_on_commit(unit_alert_send, case_id=case.pk, event_id=event_id)


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
    """Each user sees `case` as new until they open it (again, if it was seen before)."""
    from complaints.models import CaseAlert

    now = timezone.now()
    for user in users:
        CaseAlert.objects.update_or_create(
            case=case,
            user=user,
            defaults={"unit": case.assigned_unit, "alerted_at": now, "seen_at": None},
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
    """Send the due reminders and record them; returns the DeadlineReminder rows created.

    For every open case waiting on a deadline (acceptance while received or waiting
    for information, resolution while accepted or being verified): a "before" reminder
    once the deadline is within `days_before` working days, an "overdue" reminder once
    it has passed. Idempotent: one reminder per case, step and threshold (a unique
    constraint; two overlapping runs send one). A reminder is recorded in the same
    transaction as its e-mail is sent: when sending fails nothing is recorded and the
    next run tries again. A case with nobody to tell is left for the next run."""
    from complaints.models import Case, CaseDeadline, DeadlineReminder, FacilityMembership
    from complaints.models.reminders import ReminderThreshold
    from complaints.services.calendar import working_calendar

    today = today or timezone.localdate()
    if days_before is None:
        days_before = getattr(settings, "PORTAL_REMINDER_WORKING_DAYS", DEFAULT_DAYS_BEFORE)
    horizon = working_calendar().add_working_days(today, days_before)

    def not_sent(step: str, threshold: str) -> Q:
        return ~Q(
            Exists(
                DeadlineReminder.objects.filter(
                    case_id=OuterRef("pk"), step=step, threshold=threshold
                )
            )
        )

    # Only the cases that still owe a reminder: a run with nothing to send is one query,
    # whatever the number of cases (the unique constraint's index answers each Exists).
    owed = Q()
    for step, statuses, field in (
        ("accept", WAITING_ACCEPTANCE, "accept_by"),
        ("resolve", WAITING_RESOLUTION, "resolve_by"),
    ):
        waiting = Q(status__in=statuses)
        owed |= waiting & Q(**{f"{field}__lt": today}) & not_sent(step, ReminderThreshold.OVERDUE)
        owed |= (
            waiting
            & Q(**{f"{field}__gte": today, f"{field}__lte": horizon})
            & not_sent(step, ReminderThreshold.BEFORE)
        )
    cases = list(
        Case.objects.filter(owed).select_related("assigned_unit", "assigned_user").order_by("id")
    )
    if not cases:
        return []
    ids = [case.pk for case in cases]
    sent = set(
        DeadlineReminder.objects.filter(case_id__in=ids).values_list("case_id", "step", "threshold")
    )
    memberships = list(
        FacilityMembership.objects.filter(
            facility_id__in={c.assigned_unit_id for c in cases if c.assigned_unit_id},
            receives_notifications=True,
            user__is_active=True,
        ).select_related("user")
    )
    bases = {
        (row.case_id, row.step, row.due): row.legal_basis
        for row in CaseDeadline.objects.filter(case_id__in=ids, superseded_at__isnull=True)
    }
    created = []
    for case in cases:
        step = "accept" if case.status in WAITING_ACCEPTANCE else "resolve"
        due = case.accept_by if step == "accept" else case.resolve_by
        threshold = ReminderThreshold.OVERDUE if due < today else ReminderThreshold.BEFORE
        if (case.pk, step, threshold) in sent:
            continue
        to = unit_recipients(case, memberships=memberships)
        if not to:
            continue
        row_step = _STEP_ROWS[step].get(case.kind, step)
        context = _base_context(case) | {
            "step_label": CASE_DEADLINE_LABELS[step],
            "due": due.strftime("%d/%m/%Y"),
            "days_left": working_calendar().working_days_between(today, due) if due >= today else 0,
            "days_late": (today - due).days if due < today else 0,
            "legal_basis": citation_vi(bases.get((case.pk, row_step, due), "")),
        }
        try:
            with transaction.atomic():
                reminder = DeadlineReminder.objects.create(
                    case=case, step=step, threshold=threshold, due=due, recipients=len(to)
                )
                emails.send(f"staff_deadline_{threshold}", to=to, context=context)
        except IntegrityError:
            continue  # another run sent it meanwhile
        except Exception:
            logger.exception("deadline reminder for case %s failed", case.pk)
            continue
        created.append(reminder)
    return created
