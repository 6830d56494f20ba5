"""Keeps the indexes in step, in the background.

Listens to Wagtail's signals (publish, unpublish, move, delete, view
restrictions); queues a task once the transaction commits
(`portal.tasks.enqueue_on_commit`). The task reads the current state from the
database and writes it (index, or delete when no longer public), so a retry,
or two tasks out of order, end in the same index. A request never waits for the
search engine and never fails because of it. Cases are indexed in the database,
in the saving transaction (below), and, with ELASTICSEARCH_URL, in the case index
(search/cases_es.py) by the same kind of task after commit. Both hold the names of the
case's unit and category: renaming a unit or a category re-indexes its cases (a task,
below)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.tasks import background_task, enqueue_on_commit
from search.backends import get_backend
from search.documents import document_for_page, is_indexable, page_type

logger = logging.getLogger(__name__)


@background_task()
def index_pages(page_ids: list[int]) -> None:
    """Index each page as it now is; remove it when gone, unpublished or restricted."""
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()}
    wanted, gone = [], []
    for pk in page_ids:
        page = pages.get(pk)
        if page is not None and is_indexable(page):
            wanted.append(document_for_page(page))
        else:
            gone.append(f"page:{pk}")
    backend = get_backend()
    if wanted:
        backend.index(wanted)
    if gone:
        backend.delete(gone)


def reindex_subtree(page) -> None:
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    for start in range(0, len(ids), 200):
        enqueue_on_commit(index_pages, ids[start : start + 200])


@receiver(page_published)
def on_page_published(sender, instance, **kwargs):
    if page_type(instance):
        enqueue_on_commit(index_pages, [instance.pk])
    elif not instance.is_leaf():
        # A section page: a new slug changes the URL of every page below it.
        reindex_subtree(instance)


@receiver(page_unpublished)
def on_page_unpublished(sender, instance, **kwargs):
    enqueue_on_commit(index_pages, [instance.pk])


@receiver(post_page_move)
def on_page_moved(sender, instance, **kwargs):
    # The URL of the page and of every page below it changed.
    reindex_subtree(instance)


@receiver(post_delete)
def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        enqueue_on_commit(index_pages, [instance.pk])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_view_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        reindex_subtree(page)


@receiver(post_save, sender="complaints.Case")
def on_case_saved(sender, instance, created=False, raw=False, **kwargs):
    """The case index lives in the portal's own database: written in the same
    transaction as the case (no other system is involved), so the workspace finds a
    case the moment it exists, and a rolled-back save leaves no row behind."""
    if not raw:
        from search.cases import index_case

        index_case(instance, created=created)


@receiver(post_save, sender="complaints.Reporter")
def on_reporter_saved(sender, instance, raw=False, **kwargs):
    """A denunciation is indexed with its denouncer's identity redacted (`case_text`):
    their identity saved or changed, the case's text is indexed again."""
    if raw:
        return
    from complaints.documents.context import is_confidential
    from search.cases import index_case

    case = instance.case
    if is_confidential(case):
        index_case(case)
        reindex_case(case.pk)


@background_task()
def index_cases(case_ids: list[int]) -> None:
    """The case index (Elasticsearch) as the cases now are; a deleted case removed."""
    from complaints.models import Case
    from search.cases_es import case_entries, get_case_index

    index = get_case_index()
    if index is None:
        return
    cases = list(
        Case.objects.filter(pk__in=case_ids).select_related(
            "facility", "category", "assigned_unit", "reporter"
        )
    )
    if cases:
        index.index(case_entries(cases))
    gone = set(case_ids) - {case.pk for case in cases}
    if gone:
        index.delete(str(pk) for pk in sorted(gone))


def reindex_case(case_id) -> None:
    if settings.ELASTICSEARCH_URL and case_id is not None:
        enqueue_on_commit(index_cases, [case_id])


@receiver(post_save, sender="complaints.Case")
def on_case_saved_elasticsearch(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_case(instance.pk)


@receiver(post_delete, sender="complaints.Case")
def on_case_deleted(sender, instance, **kwargs):
    reindex_case(instance.pk)


@receiver(post_save, sender="complaints.CaseDeadline")
@receiver(post_delete, sender="complaints.CaseDeadline")
def on_case_deadline_changed(sender, instance, raw=False, **kwargs):
    """Notice deadlines count for overdue and due soon (the case's facet fields)."""
    if not raw:
        reindex_case(instance.case_id)


# What the case index shows of a unit (facility, assigned unit) and of a category
# (`case_text`, `case_entries`): a change of one re-indexes the cases that name it.
NAMING_FIELDS = ("name", "code")
NAMING_BATCH = 500  # cases read and written per step of `index_cases_naming`


@background_task()
def index_cases_naming(model: str, pk: int) -> None:
    """The search rows (and, with ELASTICSEARCH_URL, the case index) of the cases that name
    the unit (`model="facility"`: as facility or assigned unit) or the category
    (`"category"`), as they now are: NAMING_BATCH cases at a time, by id, never all at once.
    A retry, or two renames' tasks out of order, end in the same index."""
    from complaints.models import Case
    from search.cases import index_case_rows
    from search.cases_es import case_entries, get_case_index

    if model == "facility":
        cases = Case.objects.filter(Q(facility_id=pk) | Q(assigned_unit_id=pk))
    else:
        cases = Case.objects.filter(category_id=pk)
    cases = cases.select_related("facility", "category", "assigned_unit", "reporter").order_by("pk")
    index = get_case_index()
    last = 0
    while batch := list(cases.filter(pk__gt=last)[:NAMING_BATCH]):
        index_case_rows(batch)
        if index is not None:
            index.index(case_entries(batch))
        last = batch[-1].pk


def _named(instance) -> tuple:
    return tuple(getattr(instance, field) for field in NAMING_FIELDS)


@receiver(pre_save, sender="complaints.Facility")
@receiver(pre_save, sender="complaints.Category")
def remember_naming(sender, instance, raw=False, update_fields=None, **kwargs):
    """The name and code as stored, before an edit of a unit or a category (one query;
    units and categories are edited a few times a year)."""
    if raw or instance._state.adding or instance.pk is None:
        return  # a new one: no case names it yet
    if update_fields is not None and not set(update_fields) & set(NAMING_FIELDS):
        return
    instance._naming_before = (
        sender._default_manager.filter(pk=instance.pk).values_list(*NAMING_FIELDS).first()
    )


@receiver(post_save, sender="complaints.Facility")
@receiver(post_save, sender="complaints.Category")
def on_naming_saved(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_naming_before", None)
    if not raw and before is not None and before != _named(instance):
        enqueue_on_commit(index_cases_naming, sender._meta.model_name, instance.pk)
