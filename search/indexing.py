"""Keeps the index in step with published content. Listens to Wagtail's
signals; runs after the transaction commits; drafts are never indexed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from search.backends import get_backend
from search.documents import document_for_page, is_indexable, page_type


def index_page(page) -> None:
    backend = get_backend()
    if is_indexable(page):
        backend.index([document_for_page(page)])
    else:
        backend.delete([f"page:{page.pk}"])


@receiver(page_published)
def on_page_published(sender, instance, **kwargs):
    if page_type(instance):
        transaction.on_commit(lambda: index_page(instance))


@receiver(page_unpublished)
def on_page_unpublished(sender, instance, **kwargs):
    key = f"page:{instance.pk}"
    transaction.on_commit(lambda: get_backend().delete([key]))


@receiver(post_delete)
def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        key = f"page:{instance.pk}"
        transaction.on_commit(lambda: get_backend().delete([key]))
