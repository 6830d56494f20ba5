"""CMS listeners. A published press response is recorded on its case through the
complaints service (cms depends on complaints, never the reverse); a change of the
case's article or finding is copied to its response pages, whose cached copies are
purged."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import PageLogEntry, TaskState
from wagtail.signals import page_published, page_unpublished

from cms import press_review, tree
from cms.models import PressResponsePage
from cms.page_cache import purge_pages_and_listings
from complaints.kinds import CaseKind
from complaints.models import Case
from complaints.services.press import (
    case_press_response_published,
    case_press_response_unpublished,
)
from complaints.signals import case_event_recorded


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


@receiver(page_unpublished, sender=PressResponsePage)
def record_press_response_withdrawn_on_case(sender, instance, **kwargs):
    """The response was unpublished: the case's timeline no longer announces it, and the
    withdrawal is recorded, by whom Wagtail logged it (its log entry precedes the signal)."""
    url = instance.get_url()
    if not instance.case_id or not url:
        return
    entry = (
        PageLogEntry.objects.filter(page=instance, action="wagtail.unpublish")
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )
    case_press_response_unpublished(
        case_id=instance.case_id,
        url=url,
        title=instance.title,
        actor=entry.user if entry is not None else None,
    )


@receiver(post_save, sender=Case, dispatch_uid="cms.receivers.press_case_saved")
def refresh_press_responses(sender, instance, raw=False, **kwargs):
    """The case's article or finding changed (a new conclusion, a corrected outlet): its
    response pages follow it, and every cached copy of them (the page, its section's
    listing, the home page, the structured data's fragment) is forgotten.

    A page not yet published takes the case's article and finding at once. A published
    page takes the article's facts at once (outlet, title, link, date: the case's record
    of them), but never a new verdict: the approved text was written for the old one and
    may say the opposite (a correction asked for an article now found accurate). Instead
    the new finding goes into a new draft revision of the page, by whoever concluded, for
    the press office to rewrite the text and send through its review
    (`press_review.draft_new_finding`); until it is published the page keeps the verdict
    and the text the press office approved. The press office sees the pages waiting so
    on its dashboard and on the case's page (`press_review.responses_to_review`).
    """
    if raw or instance.kind != CaseKind.BAO_CHI:
        return
    refreshed = []
    for page in PressResponsePage.objects.filter(case_id=instance.pk):
        page.case = instance
        fields = page.take_from_case()
        if page.live and "finding" in fields:
            fields.remove("finding")
            press_review.draft_new_finding(page, case=instance)
        if fields:
            page.save(update_fields=fields, clean=False)
            refreshed.append(page)
    if not any(page.live for page in refreshed):
        return
    tree.changed(sender)  # the fragments (structured data, listings)
    purge_pages_and_listings(refreshed)


@receiver(case_event_recorded, dispatch_uid="cms.receivers.press_correction_recorded")
def purge_press_responses_on_correction(sender, case, event, **kwargs):
    """The correction the response page shows (`press_review.correction_state`) was asked
    for or published: the page's cached copies are forgotten, and so are the fragments
    (its structured data), which name what the page is (`PressResponsePage.kind_label`)."""
    if case.kind != CaseKind.BAO_CHI or event.action not in press_review.CORRECTION_ACTIONS:
        return
    pages = list(PressResponsePage.objects.live().filter(case_id=case.pk))
    if pages:
        tree.changed(sender)
        purge_pages_and_listings(pages)
