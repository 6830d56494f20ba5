"""Who may download a Wagtail document (`/documents/<id>/<name>`): anyone while a live
page open to the public shows it; the readers those pages let in while only live pages
behind a view restriction show it; else only the staff who work on the site's content (to
review a draft's file, or a private page's): who works with documents (Wagtail's
collection permissions: add, change or choose a document) or edits pages (a page
permission: add, change or publish), the press office's editors and its head. Entering the
admin is not enough: every staff role enters it, a facility's handler too, and a page kept
to some groups ("Lãnh đạo") keeps its files from him.

A file an editor attaches to a draft (a directive's "Tệp đính kèm", a document block or
link in a body) is under review with the draft: until the page is published, the public
gets 404, as for the draft itself, never 403 (the ids are sequential: a 403 would tell
which exist). Unpublishing the last live page that shows it makes it 404 again.

A live page behind a view restriction (Wagtail's privacy settings: a password, a signed-in
user or some groups, set on the page or an ancestor) keeps its files to the readers it
lets in: while no public page shows a file, it is served to a request that every
restriction of one of its pages accepts (Wagtail's `accept_request`: the page's password
given in this session, a signed-in user, a member of the groups), and 404 to anyone
else. Wagtail itself applies to a document the restrictions of its collection, never
those of the pages that show it; the collection's still apply after this.

"Shows it" is Wagtail's reference index (`ReferenceIndex`: a page's chooser fields,
blocks, rich-text links and inline rows such as a directive's attachments) restricted to
live pages. The index is read from the page's row, and a draft of a live page leaves the
row as published (the draft lives in its revision), so the index holds what the public
sees. Wagtail updates it in a background task; `index_published_page` updates it at
once when a page is published, so a file is public from the moment its page is.

Which documents the live pages show, and behind which restrictions, is read once per
process and per generation of the page tree (cms/tree.py): the generation moves on when a
page is published, unpublished, moved or deleted, when a view restriction (its groups
included) is added, changed or removed and when a document is saved or deleted, so a
public download costs one read of the shared generation and no query while nothing
changed. A restricted one asks the user's groups when a restriction names groups; a file
no page shows to the reader asks the reader's CMS permissions, through Wagtail's permission
policies, which keep them on the request's user: read again at the next request, so a
permission given or taken away counts at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.dispatch import receiver
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.signals import page_published

from cms import tree

# What makes a user one of those who work on the site's content.
DOCUMENT_WORK = frozenset({"add", "change", "choose"})
PAGE_WORK = frozenset({"add", "change", "publish"})

# The restrictions of one live page: a reader must pass all of them.
PageRestrictions = tuple[PageViewRestriction, ...]


@dataclass(frozen=True)
class ShownDocuments:
    public: frozenset[int]  # shown by a live page open to the public
    # Shown only by live pages behind restrictions: each such page's restrictions.
    restricted: dict[int, tuple[PageRestrictions, ...]]


def _live_pages_showing_documents() -> list[tuple[int, int]]:
    """(page id, document id) for each document a live page shows."""
    live_page_ids = Page.objects.live().order_by().annotate(
        text_id=Cast("pk", CharField())
    ).values("text_id")
    rows = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        object_id__in=live_page_ids,
    ).order_by().values_list("object_id", "to_object_id").distinct()
    return [(int(page), int(document)) for page, document in rows if document.isdigit()]


def _restrictions_of(pages: list[Page]) -> dict[int, PageRestrictions]:
    """Each page's restrictions, on it or an ancestor: those Wagtail checks when it
    serves the page (an alias, or a page below one, asks Wagtail: it checks the
    restrictions of the page the alias copies)."""
    restrictions = list(
        PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    )
    if not restrictions:
        return {}
    alias_paths = [path for (path,) in
                   Page.objects.filter(alias_of__isnull=False).values_list("path")]
    by_page = {}
    for page in pages:
        if any(page.path.startswith(path) for path in alias_paths):
            found = tuple(page.get_view_restrictions().prefetch_related("groups"))
        else:
            found = tuple(r for r in restrictions if page.path.startswith(r.page.path))
        if found:
            by_page[page.pk] = found
    return by_page


def _read_shown_documents() -> ShownDocuments:
    showing = _live_pages_showing_documents()
    pages = list(Page.objects.filter(pk__in={page for page, _ in showing})
                 .only("path", "alias_of"))
    restrictions = _restrictions_of(pages)
    public, restricted = set(), defaultdict(list)
    for page, document in showing:
        if page in restrictions:
            restricted[document].append(restrictions[page])
        else:
            public.add(document)
    return ShownDocuments(
        public=frozenset(public),
        restricted={document: tuple(by_page) for document, by_page in restricted.items()
                    if document not in public},
    )


def shown_documents(request=None) -> ShownDocuments:
    """The documents live pages show, for the tree's current generation."""
    return tree.tree(request).part("shown_documents", _read_shown_documents)


def _let_in_by_a_page(restricted_pages: tuple[PageRestrictions, ...], request) -> bool:
    return any(
        all(restriction.accept_request(request) for restriction in page)
        for page in restricted_pages
    )


def works_on_content(user) -> bool:
    """Whether `user` works with the CMS's documents or pages (superusers included)."""
    if user is None or not user.is_authenticated:
        return False
    return (
        policy_registry.get_by_type(get_document_model()).user_has_any_permission(
            user, DOCUMENT_WORK)
        or policy_registry.get_by_type(Page).user_has_any_permission(user, PAGE_WORK)
    )


def refuse_unpublished(document, request) -> None:
    """`before_serve_document` hook: 404 for a document no live page shows to this
    reader, unless the reader works on the site's content."""
    shown = shown_documents(request)
    if document.pk in shown.public:
        return
    restricted_pages = shown.restricted.get(document.pk)
    if restricted_pages and _let_in_by_a_page(restricted_pages, request):
        return
    if works_on_content(getattr(request, "user", None)):
        return
    raise Http404


@receiver(page_published, dispatch_uid="cms.document_access.published")
def index_published_page(sender, instance, **kwargs) -> None:
    """The published content's references at once, not when Wagtail's task runs: its
    files are public from now on, and no longer the ones it dropped."""
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(instance)
    tree.changed(sender)
