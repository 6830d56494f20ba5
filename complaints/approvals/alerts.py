"""E-mail about drafts: to those who may approve a draft when it is proposed (or proposed
again after a return), to its author when it is returned (with the reason) or approved.

A complaint's acceptance goes through such a draft and must be decided within 7 working
days (khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP, được sửa đổi bởi Nghị định
155/2026/NĐ-CP): a draft nobody is told of waits unseen until that deadline passes.

Who is told a draft waits is the rule of who decides it (`deciders.approvers`, the module
the queue, the draft's page and the services read): the leaders of the competent approving
unit, never the author; a press case's draft goes to the press office's leaders, never to
the facility given the article to verify. When the unit has no such leader, a draft another
leader may decide goes to the leaders of the nearest unit above that has some (the case is
in their scope); a head's decision has no one else to go to, which the log says.

As every staff e-mail (complaints/notifications/staff.py): the case's code, the step, the
case's deadline and a link; never the reporter, the petition's content, a tố cáo's title.
One background task per event, queued after the commit and retried (`portal.tasks`): the
recipients are read in one query (a few more, one per level of the tree, only when the
unit has no leader), whatever their number. Templates: `complaints/email/staff_draft_*.txt`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from complaints import emails
from complaints.approvals.deciders import approvers
from complaints.approvals.models import Draft
from complaints.approvals.rules import approval_reason
from complaints.approvals.selectors import due_field
from complaints.citations import citation_vi
from complaints.notifications.staff import case_mail_context
from complaints.selectors.history import full_name, staff_name
from complaints.transitions import transition_label
from portal.tasks import background_task, enqueue_on_commit

logger = logging.getLogger(__name__)

# The draft's step on the timeline (its CaseEvent's action) -> the e-mail it sends.
MAILS = {
    "draft_propose": "staff_draft_proposed",
    "draft_edit": "staff_draft_proposed",  # proposed again after a return (`draft_resubmitted`)
    "draft_return": "staff_draft_returned",
    "draft_approve": "staff_draft_approved",
}


def draft_alert(*, draft: Draft, event) -> None:
    """Queue the e-mail of `event` (a draft's step) once the write commits."""
    enqueue_on_commit(draft_alert_deliver, draft_id=draft.pk, event_id=event.pk)




def draft_url(draft: Draft) -> str:
    """The draft's page in the admin, as the unit alert links the case."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return f"{base}{reverse('approvals_admin:detail', args=[draft.pk])}"


def _deadline(case) -> dict:
    """The deadline the case waits on now (`selectors.due_field`), with its label, the
    working days left and its article (the deadline row in force)."""
    from complaints.models import CaseDeadline
    from complaints.services.calendar import working_calendar

    field = due_field(case)
    due = getattr(case, field) if field else None
    if due is None:
        return {}
    labels = case_mail_context(case)
    today = timezone.localdate()
    basis = (
        CaseDeadline.objects.filter(case=case, due=due, superseded_at__isnull=True)
        .exclude(legal_basis="")
        .order_by("pk")
        .values_list("legal_basis", flat=True)
        .first()
    )
    return {
        "due_label": labels[f"{field}_label"],
        "due": due.strftime("%d/%m/%Y"),
        "days_left": working_calendar().working_days_between(today, due) if due > today else 0,
        "days_late": (today - due).days if due < today else 0,
        "due_basis": citation_vi(basis or ""),
    }


def draft_mail_context(draft: Draft, event) -> dict:
    """What a draft's e-mail says: the case (as every staff e-mail), the step proposed and
    why the head decides it (its article), the case's deadline, who proposed or decided,
    the leader's comment (a return's reason), the links."""
    case = draft.case
    return case_mail_context(case) | _deadline(case) | {
        "step_label": transition_label(draft.action, kind=case.kind),
        "why": approval_reason(draft.action, case.kind),
        "author": staff_name(draft.author) if draft.author else "",
        "actor": staff_name(event.actor) if event.actor else "",
        "comment": event.note if event.action in ("draft_return", "draft_approve") else "",
        "again": event.action == "draft_edit",
        "draft_url": draft_url(draft),
    }


@background_task()
def draft_alert_deliver(*, draft_id: int, event_id: int) -> int:
    """Send the e-mail of one step of a draft (`MAILS`); returns the e-mails sent (one
    message, every recipient on it, as the unit alert). A failure is retried."""
    from complaints.models import CaseEvent

    event = CaseEvent.objects.select_related("actor").filter(pk=event_id).first()
    draft = (
        Draft.objects.select_related("case", "case__assigned_unit", "author")
        .filter(pk=draft_id)
        .first()
    )
    if event is None or draft is None or event.action not in MAILS:
        return 0
    if event.action in ("draft_propose", "draft_edit"):
        readers = [user for user in approvers(draft) if user.email]
        to = [user.email for user in readers]
        if not to:
            logger.warning(
                "draft %s of case %s (%s): no leader to tell (unit %s)",
                draft.pk, draft.case.tracking_code, draft.action,
                draft.case.assigned_unit.code if draft.case.assigned_unit else "none",
            )  # fmt: skip
    else:
        author = draft.author
        readers = [author] if author is not None and author.is_active and author.email else []
        to = [user.email for user in readers]
    context = draft_mail_context(draft, event) | {"recipient": recipient_name(readers)}
    return emails.send(MAILS[event.action], to=to, context=context)


def recipient_name(readers: list) -> str:
    """Whom the e-mail greets: its one reader's full name ("Kính gửi Nguyễn Văn An,"), ""
    for a message several leaders read or a reader with no name recorded (the templates say
    "Chào bạn,", as the staff screens address the user)."""
    return full_name(readers[0]) if len(readers) == 1 else ""
