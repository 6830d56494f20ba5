"""CMS listeners. A published press response is recorded on its case through the
complaints service (cms depends on complaints, never the reverse)."""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.models import TaskState
from wagtail.signals import page_published

from cms.models import PressResponsePage
from complaints.services.press import case_press_response_published


def _publisher(page, revision):
    """Who let the revision go live: its approver in the review workflow, else its author."""
    approval = (
        TaskState.objects.filter(
            revision=revision, status=TaskState.STATUS_APPROVED, finished_by__isnull=False
        )
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    if approval is not None:
        return approval.finished_by
    return revision.user if revision is not None else None


@receiver(page_published, sender=PressResponsePage)
def record_press_response_on_case(sender, instance, revision, **kwargs):
    url = instance.get_url()
    if not instance.case_id or not url:  # no case, or a page outside any site
        return
    case_press_response_published(
        case_id=instance.case_id,
        url=url,
        title=instance.title,
        actor=_publisher(instance, revision),
    )
