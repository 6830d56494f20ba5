"""Internal notes on a case: staff only, never on the citizen's timeline."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from complaints.models import Case, InternalNote
from complaints.notifications.staff import alerts_mark_seen
from complaints.services.confidential_text import identity_refusal

NOTE_MAX_LENGTH = 10000


def case_note_add(*, case_id: int, actor, text: str, origin: str = "admin") -> InternalNote:
    """Add an internal note to a case in the actor's scope.

    Guarantees: one transaction; the case must be in `Case.objects.in_scope_of(actor)`
    (else `Case.DoesNotExist`, a 404) and the actor needs `complaints.act_on_case`
    (else PermissionDenied); an empty or too long text raises ValidationError
    ({"text": [...]}), as does a note on a denunciation that contains the denouncer's
    identity (`complaints.services.confidential_text`: every staff member in scope reads
    it, the denounced facility's included); the note is saved with its history row (user
    and change reason `origin=<origin> action=case_note_add`); the case is no longer new for
    the author (`alerts_mark_seen`). No signal: a note is not an
    event of the case."""
    text = (text or "").strip()
    with transaction.atomic():
        case = Case.objects.in_scope_of(actor).get(pk=case_id)
        if not actor.has_perm("complaints.act_on_case"):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        if not text:
            raise ValidationError({"text": [_("Trường này là bắt buộc.")]})
        if len(text) > NOTE_MAX_LENGTH:
            raise ValidationError(
                {"text": [_("Tối đa %(count)s ký tự.") % {"count": NOTE_MAX_LENGTH}]}
            )
        refusal = identity_refusal(text, case=case, writer=actor)
        if refusal:
            raise ValidationError({"text": [refusal]})
        note = InternalNote(case=case, author=actor, text=text)
        note._history_user = actor
        note._change_reason = f"origin={origin} action=case_note_add"
        note.save()
        alerts_mark_seen(case=case, user=actor)  # who writes on a case has seen it
    return note
