"""What happens when the press office's review is approved (`WAGTAIL_FINISH_WORKFLOW_ACTION`).

As Wagtail does it (publish the latest revision as the approving user), except for a
stand-in approver named for the task (`cms.models.StandInApprover`) who lacks the head's
publish permission: their approval publishes, on the strength of the naming, still
logged as theirs."""

from __future__ import annotations


def publish_workflow_state(workflow_state, user=None):
    revision = workflow_state.content_object.get_latest_revision()
    skip = False
    if user is not None:
        from cms.models import StandInApprover

        tasks = workflow_state.task_states.filter(finished_by=user).values("task_id")
        skip = StandInApprover.objects.current().filter(approver=user, task__in=tasks).exists()
    revision.publish(user=user, skip_permission_checks=skip)
