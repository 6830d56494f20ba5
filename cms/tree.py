"""What the public pages read of the page tree on every request, kept in each process
until the tree changes.

Every public render needs the sites, Wagtail's site root paths, the view restrictions
and the page a path names; the listings' fragments need a key that changes with the
tree. They change when an editor publishes, not between two requests, so they are kept
per process (`portal.process_cache.ProcessCopy`) under one *generation* kept in the
`shared` cache (Redis in production, else files under var/: shared by every process, the
task worker and `publish_scheduled_loop`): a render reads that generation once, and
nothing else of this, while nothing changed.

The generation moves on (now, and again after the commit) when a page is published,
unpublished, moved or deleted, when an alias page is made, when a view restriction is
added, changed or removed (its groups too: cms/document_access.py keeps them), when a
site is saved or deleted, when a news category or a tag is saved or deleted (the
fragments name them), and when an image or a document is saved or deleted (its
renditions' URLs, its alt text: cms/page_cache.py). A change written without signals
(`QuerySet.update`, raw SQL) must call `changed()`.

Each part is read at its first use in a generation (`Tree.part`): the module that
needs it names it and says how to read it (cms/sites.py, cms/privacy.py,
cms/routing.py, cms/document_access.py). The parts are shared by the process's threads:
read-only."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.process_cache import ProcessCopy

GENERATION_KEY = "cms:tree:generation"
# Snippets the fragments name: renaming one moves the generation on too.
_NAMED_MODELS = ("cms.NewsCategory", "taggit.Tag")
_REQUEST_ATTRIBUTE = "_portal_tree"

T = TypeVar("T")


class Tree:
    """One generation's parts, each read at its first use."""

    def __init__(self):
        self._parts: dict[str, object] = {}

    def part(self, name: str, load: Callable[[], T]) -> T:
        try:
            return self._parts[name]
        except KeyError:
            # Two threads may both read it at once: the same rows, one kept.
            return self._parts.setdefault(name, load())


_tree = ProcessCopy(GENERATION_KEY, Tree)


def current(request=None) -> tuple[str, Tree]:
    """The generation and its parts: read once for `request` (every time without one)."""
    if request is None:
        return _tree.current()
    if not hasattr(request, _REQUEST_ATTRIBUTE):
        setattr(request, _REQUEST_ATTRIBUTE, _tree.current())
    return getattr(request, _REQUEST_ATTRIBUTE)


def tree(request=None) -> Tree:
    return current(request)[1]


def generation(request=None) -> str:
    return current(request)[0]


def changed(sender=None, **kwargs) -> None:
    """Move the generation on: every process reads the parts again, every fragment
    rendered so far is left behind (now, and again after the commit)."""
    _tree.changed(sender, **kwargs)


@receiver(page_published, dispatch_uid="cms.tree.published")
@receiver(page_unpublished, dispatch_uid="cms.tree.unpublished")
@receiver(post_page_move, dispatch_uid="cms.tree.moved")
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="cms.tree.restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="cms.tree.unrestricted")
@receiver(m2m_changed, sender=PageViewRestriction.groups.through,
          dispatch_uid="cms.tree.restriction_groups")
def _tree_changed(sender, **kwargs) -> None:
    changed(sender, **kwargs)


@receiver(post_save, sender=Site, dispatch_uid="cms.tree.site_saved")
@receiver(post_delete, sender=Site, dispatch_uid="cms.tree.site_deleted")
def _site_changed(sender, **kwargs) -> None:
    # Wagtail forgets its cached site root paths in a receiver of its own, connected
    # after this one ("cms" comes first in INSTALLED_APPS): forget them here first, or a
    # process reading the parts in between would keep the old ones for the generation.
    Site.clear_site_root_paths_cache()
    changed(sender, **kwargs)


@receiver(post_delete, dispatch_uid="cms.tree.deleted")
@receiver(post_save, dispatch_uid="cms.tree.saved")
def _page_or_snippet_changed(sender, instance, **kwargs) -> None:
    deleted_page = kwargs.get("signal") is post_delete and isinstance(instance, Page)
    # An alias is made live without page_published; the privacy part lists the aliases.
    new_alias = kwargs.get("created") and isinstance(instance, Page) and instance.alias_of_id
    if deleted_page or new_alias or sender._meta.label in _NAMED_MODELS:
        changed(sender, **kwargs)
