"""A page the reviewer sent back (the press office's review workflow, cms/review.py): the
editor is told that it was, by whom, when and with what comment, where they look.

When the head of the press office (or a stand-in) chooses "Yêu cầu sửa", Wagtail keeps the
review's `WorkflowState` as "needs_changes" and its `TaskState` as "rejected", with the
reviewer (`finished_by`), the time (`finished_at`) and the comment. Wagtail itself then shows
the page as a plain "bản nháp" in the page listing and the dashboard's recent edits. Here,
from that data alone (never a flag to forget), until the page is sent for review again or
its review is cancelled:

- `sent_back_note(page)`: "Bị trả lại để sửa: <nhận xét> — <người duyệt>, <ngày giờ>";
- the page's status tag in the listings ("bị trả lại để sửa", with the note beside it:
  portal/templates/wagtailadmin/shared/page_status_tag.html, tag `sent_back`);
- the dashboard's panel "Trang bị trả lại để sửa" of the pages the user wrote or sent for
  review (`pages_sent_back`, cms/wagtail_hooks.py).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, TaskState, WorkflowState

__all__ = ["SENT_BACK", "SENT_BACK_LIVE", "pages_sent_back", "sent_back_note", "sent_back_state"]

# The status tag of a page sent back: a draft never published, or a live page's new draft.
SENT_BACK = gettext_lazy("bị trả lại để sửa")
SENT_BACK_LIVE = gettext_lazy("đang đăng + bị trả lại để sửa")


def _sent_back_states():
    """The reviews of pages waiting for the editor's changes, with the step that sent them
    back and who did."""
    return WorkflowState.objects.filter(
        base_content_type__model="page",
        base_content_type__app_label="wagtailcore",
        status=WorkflowState.STATUS_NEEDS_CHANGES,
        current_task_state__status=TaskState.STATUS_REJECTED,
    ).select_related("current_task_state__finished_by")


def sent_back_state(page) -> TaskState | None:
    """The review step that sent `page` back and is still waiting for changes, or None.
    A page whose latest revision is published has nothing sent back (no query)."""
    if page is None or not page.pk or not getattr(page, "has_unpublished_changes", True):
        return None
    state = _sent_back_states().filter(object_id=str(page.pk)).first()
    return state.current_task_state if state is not None else None


def note_for(task_state: TaskState) -> str:
    """ "Bị trả lại để sửa: <nhận xét> — <người duyệt>, <ngày giờ>" of a rejected step."""
    from wagtail.admin.utils import get_user_display_name

    reviewer = task_state.finished_by
    values = {
        "comment": (task_state.comment or "").strip(),
        "reviewer": get_user_display_name(reviewer) if reviewer else _("người duyệt"),
        # Vietnam's time, whatever zone the admin user chose (as the dashboard's other panels).
        "at": formats.date_format(
            timezone.localtime(task_state.finished_at, ZoneInfo(settings.TIME_ZONE)), "d/m/Y H:i"
        )
        if task_state.finished_at
        else "",
    }
    if values["comment"]:
        return _("Bị trả lại để sửa: %(comment)s — %(reviewer)s, %(at)s") % values
    return _("Bị trả lại để sửa (không kèm nhận xét) — %(reviewer)s, %(at)s") % values


def sent_back_note(page) -> str:
    """The note of `page` sent back and waiting for changes, or ""."""
    task_state = sent_back_state(page)
    return note_for(task_state) if task_state is not None else ""


def pages_sent_back(user) -> list:
    """(page, note) of the pages sent back that `user` owns, sent for review or wrote the
    revision of, the latest sent back first."""
    if user is None or not user.is_authenticated:
        return []
    owned = Exists(
        Page.objects.filter(owner=user, pk=Cast(OuterRef("object_id"), IntegerField()))
    )
    states = list(
        _sent_back_states()
        .filter(owned | Q(requested_by=user) | Q(current_task_state__revision__user=user))
        .order_by("-current_task_state__finished_at")
    )
    pages = Page.objects.filter(pk__in=[int(state.object_id) for state in states]).specific()
    by_pk = {str(page.pk): page for page in pages}
    return [
        (by_pk[state.object_id], note_for(state.current_task_state))
        for state in states
        if state.object_id in by_pk
    ]
