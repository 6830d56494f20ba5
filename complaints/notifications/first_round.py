"""The first-round unit told of the second complaint against its head's decision.

The unit whose head resolved a complaint the first time (`Case.parent_case`'s unit) is a
party to the second round: the acceptance notice goes to the bodies khoản 1 Điều 36 Luật
Khiếu nại names, the person complained against is invited to the dialogue (khoản 1 Điều 28
Nghị định 124/2020/NĐ-CP, thay thế bởi Nghị định 155/2026/NĐ-CP) and the second decision
is sent to "người khiếu nại, người bị khiếu nại, người giải quyết khiếu nại lần đầu" (khoản
1 Điều 41 Luật Khiếu nại). The portal tells that unit's leaders (`unit_leaders`) by staff
e-mail (`staff_first_round_informed`) at the round-2 acceptance, each dialogue scheduled
and the decision; they read the case in the workspace, read-only
(`CaseQuerySet.readable_by`). The written notices themselves stay the resolver's steps."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils.translation import gettext_lazy

from complaints import emails
from complaints.kinds import CaseKind
from complaints.notifications.staff import case_mail_context, staff_case_url
from complaints.selectors.history import full_name
from complaints.signals import case_event_recorded
from portal.tasks import background_task, enqueue_on_commit

# The round-2 steps the first-round unit is told of, with what happened and its article.
TOLD = {
    "accept": (
        gettext_lazy("đã được thụ lý giải quyết khiếu nại lần hai"),
        gettext_lazy("khoản 1 Điều 36 Luật Khiếu nại"),
    ),
    "schedule_dialogue": (
        gettext_lazy("đã được lên lịch đối thoại; người bị khiếu nại được mời tham dự"),
        gettext_lazy(
            "khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP, thay thế bởi Nghị định 155/2026/NĐ-CP"
        ),
    ),
    "conclude": (
        gettext_lazy("đã có quyết định giải quyết khiếu nại lần hai"),
        gettext_lazy("khoản 1 Điều 41 Luật Khiếu nại"),
    ),
}


def first_round_unit_id(case) -> int | None:
    """The unit that resolved `case`'s first round, when `case` is a second complaint linked
    to it; None otherwise."""
    if case.kind != CaseKind.KHIEU_NAI or not case.second_time or case.parent_case_id is None:
        return None
    from complaints.models import Case

    # The parent a first complaint (a part split from a second complaint has the second
    # complaint as its parent, resolved by the Sở itself).
    return (
        Case.objects.filter(
            pk=case.parent_case_id, kind=CaseKind.KHIEU_NAI, second_time=False
        )
        .values_list("assigned_unit_id", flat=True)
        .first()
    )


@receiver(case_event_recorded, dispatch_uid="complaints.notifications.first_round")
def on_case_event_recorded(sender, case, event, **kwargs) -> None:
    if event is None or event.action not in TOLD:
        return
    if case.kind == CaseKind.KHIEU_NAI and case.second_time and case.parent_case_id:
        enqueue_on_commit(first_round_informed_deliver, event_id=event.pk)


@background_task()
def first_round_informed_deliver(*, event_id: int) -> int:
    """One e-mail per leader of the first-round unit (a failed one is retried on its own)."""
    from complaints.models import CaseEvent
    from complaints.selectors.unit_staff import unit_leaders

    event = CaseEvent.objects.select_related("case").filter(pk=event_id).first()
    unit_id = first_round_unit_id(event.case) if event is not None else None
    if unit_id is None:
        return 0
    sent = 0
    for leader in unit_leaders(unit_id):
        if leader.email:
            sent += first_round_informed_send.call(event_id=event_id, user_id=leader.pk) or 0
    return sent


@background_task()
def first_round_informed_send(*, event_id: int, user_id: int) -> int:
    from django.contrib.auth import get_user_model

    from complaints.models import CaseEvent, Facility

    event = CaseEvent.objects.select_related(
        "case", "case__assigned_unit", "case__parent_case"
    ).get(pk=event_id)
    leader = get_user_model().objects.get(pk=user_id)
    case, first = event.case, event.case.parent_case
    what, article = TOLD[event.action]
    first_unit = Facility.objects.filter(pk=first.assigned_unit_id).first() if first else None
    context = case_mail_context(case) | {
        "recipient": full_name(leader),
        "first_unit": first_unit.name if first_unit else "",
        "first_code": first.tracking_code if first else "",
        "first_url": staff_case_url(first) if first else "",
        "what": str(what),
        "article": str(article),
    }
    return emails.send("staff_first_round_informed", to=[leader.email], context=context)
