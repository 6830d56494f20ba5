"""The press office's review task: the head of the press office approves before
anything is published, and never approves their own work (four eyes)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import get_edit_handler
from wagtail.models import GroupApprovalTask, Revision, TaskState

# When a page goes live or comes down is not what it says: an approver who sets it
# (Wagtail's scheduled publishing) still approves someone else's content.
SCHEDULE_FIELDS = frozenset({"go_live_at", "expire_at"})


def _compared_field(compare) -> str | None:
    field = (getattr(compare, "args", None) or [None])[0]
    return getattr(field, "name", None)


def says_differently(a, b) -> bool:
    """Whether page `b` says something other than page `a`, field by field, as the
    admin's revision comparison shows it, the schedule aside."""
    panel = get_edit_handler(type(b)).get_bound_panel(instance=b, request=None, form=None)
    return any(
        compare(a, b).has_changed()
        for compare in panel.get_comparison()
        if _compared_field(compare) not in SCHEDULE_FIELDS
    )


def content_changed(older: Revision, newer: Revision) -> bool:
    """Whether `newer` changes what `older` says (saving an unchanged form, or changing
    only the schedule, does not)."""
    return says_differently(older.as_object(), newer.as_object())


def is_own_work(task_state: TaskState, user) -> bool:
    """True when `user` submitted the page for review, wrote the revision under
    review, or changed the content since (approval publishes the latest revision)."""
    if user is None or not user.is_authenticated:
        return False
    workflow_state = task_state.workflow_state
    if user.pk in {task_state.revision.user_id, workflow_state.requested_by_id}:
        return True
    previous = task_state.revision
    later = Revision.objects.filter(
        base_content_type_id=previous.base_content_type_id,
        object_id=previous.object_id,
        pk__gt=previous.pk,
    ).order_by("pk")
    for revision in later:
        if revision.user_id == user.pk and content_changed(previous, revision):
            return True
        previous = revision
    return False


class NoSelfApprovalTask(GroupApprovalTask):
    """A group approval task whose approvers may not approve a revision they
    edited or submitted themselves, superusers included. They may still ask for
    changes. An approver who edits a page under review makes a new revision,
    which another approver must then approve."""

    class Meta:
        verbose_name = _("Duyệt bởi người khác người soạn")
        verbose_name_plural = _("Duyệt bởi người khác người soạn")

    @classmethod
    def get_description(cls):
        return _(
            "Thành viên các nhóm được chọn duyệt nội dung; không ai được duyệt "
            "phiên bản do chính mình soạn hoặc gửi duyệt."
        )

    def _user_in_groups(self, user):
        # A stand-in named for today approves as the task's groups do (cms.models.stand_in).
        return super()._user_in_groups(user) or self.has_stand_in(user)

    def has_stand_in(self, user) -> bool:
        if user is None or not user.is_authenticated:
            return False
        return self.stand_ins.current().filter(approver=user).exists()

    def _current_task_state(self, obj) -> TaskState | None:
        state = getattr(obj, "current_workflow_task_state", None)
        return state if state is not None and state.task_id == self.pk else None

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        state = self._current_task_state(obj)
        if state is not None and is_own_work(state, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # Every path into approval comes here (edit view, workflow modal, dashboard).
        if action_name == "approve" and is_own_work(task_state, user):
            raise PermissionDenied(_("Không được tự duyệt nội dung do chính mình soạn."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(revision__user=user).exclude(workflow_state__requested_by=user)
