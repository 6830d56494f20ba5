"""The citizen's rating of how a case was handled: once, after it is closed."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.kinds import CaseStatus
from complaints.models import Case
from complaints.signals import case_rated

MAX_COMMENT_LENGTH = 2000
# The handling is over once the case is concluded or has left the process; a
# withdrawn case was never handled to the end.
RATEABLE_STATUSES = frozenset(
    {
        CaseStatus.CONCLUDED,
        CaseStatus.CLOSED,
        CaseStatus.REJECTED,
        CaseStatus.FORWARDED,
        CaseStatus.FILED,
    }
)


class RatingNotAllowed(Exception):
    """The case cannot be rated (not closed yet, or rated already); str() says why."""


class RatingInvalid(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def rating_allowed(case: Case) -> bool:
    return case.rating is None and case.status in RATEABLE_STATUSES


def case_rate(
    *, case: Case, rating: int, comment: str = "", actor=None, origin: str = "web"
) -> Case:
    """Store the citizen's rating (1 to 5, with an optional comment).

    Locks the case row, so two concurrent ratings cannot both pass the "once" check;
    raises RatingInvalid for a bad value and RatingNotAllowed when the case is not
    closed or already rated. Sends `case_rated` after the commit."""
    comment = (comment or "").strip()
    errors: dict[str, list[str]] = {}
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        errors["rating"] = [_("Hãy chọn mức đánh giá từ 1 đến 5.")]
    if len(comment) > MAX_COMMENT_LENGTH:
        errors["comment"] = [_("Tối đa %(limit)d ký tự.") % {"limit": MAX_COMMENT_LENGTH}]
    if errors:
        raise RatingInvalid(errors)

    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.rating is not None:
            raise RatingNotAllowed(_("Hồ sơ này đã được đánh giá."))
        if locked.status not in RATEABLE_STATUSES:
            raise RatingNotAllowed(_("Chỉ đánh giá được khi hồ sơ đã giải quyết xong."))
        locked.rating = rating
        locked.rating_comment = comment
        locked.rated_at = timezone.now()
        locked._history_user = actor if getattr(actor, "is_authenticated", False) else None
        locked._change_reason = f"origin={origin} action=case_rate"
        locked.save()
        transaction.on_commit(lambda: case_rated.send(sender=Case, case=locked))
    return locked
