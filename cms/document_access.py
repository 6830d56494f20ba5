"""Who may download a Wagtail document (`/documents/<id>/<name>`): anyone while a live
page shows it, else only the staff who work in the admin (to review a draft).

A file an editor attaches to a draft (a directive's "Tệp đính kèm", a document block or
link in a body) is under review with the draft: until the page is published, the public
gets 404, as for the draft itself, never 403 (the ids are sequential: a 403 would tell
which exist). Unpublishing the last live page that shows it makes it 404 again.

"Shows it" is Wagtail's reference index (`ReferenceIndex`: a page's chooser fields,
blocks, rich-text links and inline rows such as a directive's attachments) restricted to
live pages. The index is read from the page's row, and a draft of a live page leaves the
row as published (the draft lives in its revision), so the index holds what the public
sees. Wagtail updates it in a background task; `index_published_page` updates it at
once when a page is published, so a file is public from the moment its page is.

The documents shown by live pages are read once per process and per generation of the
page tree (cms/tree.py): the generation moves on when a page is published, unpublished,
moved or deleted and when a document is saved or deleted, so a download costs one read
of the shared generation and no query while nothing changed."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.dispatch import receiver
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published

from cms import tree

ADMIN_ACCESS = "wagtailadmin.access_admin"


def _read_shown_documents() -> frozenset[int]:
    live_page_ids = Page.objects.live().order_by().annotate(
        text_id=Cast("pk", CharField())
    ).values("text_id")
    ids = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        object_id__in=live_page_ids,
    ).values_list("to_object_id", flat=True).distinct()
    return frozenset(int(pk) for pk in ids if pk.isdigit())


def shown_documents(request=None) -> frozenset[int]:
    """The ids of the documents a live page shows, for the tree's current generation."""
    return tree.tree(request).part("shown_documents", _read_shown_documents)


def refuse_unpublished(document, request) -> None:
    """`before_serve_document` hook: 404 for a document no live page shows, unless the
    reader works in the admin."""
    if document.pk in shown_documents(request):
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.has_perm(ADMIN_ACCESS):
        return
    raise Http404


@receiver(page_published, dispatch_uid="cms.document_access.published")
def index_published_page(sender, instance, **kwargs) -> None:
    """The published content's references at once, not when Wagtail's task runs: its
    files are public from now on, and no longer the ones it dropped."""
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(instance)
    tree.changed(sender)
