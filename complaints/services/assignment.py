"""Assigning many cases at once (the workspace's bulk action), through the one workflow path."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from complaints.models import Case, CaseEvent
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed, case_transition


def cases_assign(
    *, case_ids, facility_code: str, user_id: int | None = None, actor, origin: str
) -> list[CaseEvent]:
    """Assign every case of `case_ids` to the facility (and optionally the handler).

    All or nothing: one transaction around one `case_transition(action="assign")` per
    case, in id order (so two bulk assignments lock rows in the same order and never
    deadlock). The first failure undoes every assignment and is raised as it came
    (`Case.DoesNotExist` for a case outside the actor's scope, PermissionDenied,
    TransitionInvalid), a TransitionNotAllowed message naming the case. Signals go out
    after the whole batch commits."""
    ids = sorted({int(case_id) for case_id in case_ids})
    if not ids:
        raise TransitionInvalid({"case_ids": [_("Chưa chọn hồ sơ nào.")]})
    data = {"facility": facility_code}
    if user_id is not None:
        data["user"] = user_id
    events = []
    with transaction.atomic():
        for case_id in ids:
            try:
                events.append(
                    case_transition(
                        case_id=case_id, action="assign", actor=actor, data=data, origin=origin
                    )
                )
            except TransitionNotAllowed as error:
                code = Case.objects.filter(pk=case_id).values_list("tracking_code", flat=True)
                with translation.override(settings.LANGUAGE_CODE):
                    message = _("Hồ sơ %(code)s: %(error)s") % {
                        "code": code.first() or case_id,
                        "error": error.message,
                    }
                raise TransitionNotAllowed(message) from error
    return events
