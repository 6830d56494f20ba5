"""Rendered fragments of the pages' listings (the home page's latest news, directives
and good example; every page's breadcrumb; a news article's category and tag links),
kept until the page tree changes.

A fragment is stored in the `pages` cache (shared by the server's processes and the
task worker: Redis, else files under var/) under a key that carries the tree's
*generation*. Publishing, unpublishing, moving or deleting a page, adding or removing
a view restriction, saving a news category or a tag, move the generation on (the
page cache's signals and a few more): every fragment rendered before is never read
again and expires after `PORTAL_FRAGMENT_SECONDS` (the page cache's 300 by default; 0: no fragment).
What a fragment may still show for that long: an image replaced in the image library
(its rendition's URL), as the page cache does.

Only the listings are kept: the page around them (its own fields, the figures with
their own cache, the language switch with the request's path) is rendered each time."""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import page_cache

GENERATION_KEY = "fragments:generation"
# Snippets a fragment names: renaming one moves the generation on too.
_NAMED_MODELS = ("cms.NewsCategory", "taggit.Tag")


def generation() -> int:
    """The tree's current generation (a new one, never a former one, if it was evicted)."""
    cache = page_cache._cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def move_on(**kwargs) -> None:
    """Start a new generation: every fragment rendered so far is left behind."""
    page_cache._cache().set(GENERATION_KEY, time.time_ns(), None)


def template_context(request) -> dict:
    """What `{% cache fragment_seconds "name" page.pk fragment_generation LANGUAGE_CODE
    using=fragment_cache %}` needs (Django's fragment cache tag). A preview renders
    unpublished content: it neither reads nor stores a fragment (a key of its own, kept
    0 seconds), nor does any render with `PORTAL_FRAGMENT_SECONDS = 0`."""
    seconds = int(getattr(settings, "PORTAL_FRAGMENT_SECONDS", page_cache._seconds()))
    if seconds <= 0 or getattr(request, "is_preview", False) or getattr(
        request, "is_dummy", False
    ):
        return {
            "fragment_seconds": 0,
            "fragment_generation": f"preview-{uuid.uuid4().hex}",
            "fragment_cache": page_cache.cache_alias(),
        }
    return {
        "fragment_seconds": seconds,
        "fragment_generation": generation(),
        "fragment_cache": page_cache.cache_alias(),
    }


@receiver(page_published, dispatch_uid="cms.fragments.published")
@receiver(page_unpublished, dispatch_uid="cms.fragments.unpublished")
@receiver(post_page_move, dispatch_uid="cms.fragments.moved")
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="cms.fragments.restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="cms.fragments.unrestricted")
def tree_changed(sender, **kwargs) -> None:
    move_on()


@receiver(post_delete, dispatch_uid="cms.fragments.deleted")
@receiver(post_save, dispatch_uid="cms.fragments.named")
def page_deleted_or_snippet_changed(sender, instance, **kwargs) -> None:
    deleted_page = kwargs.get("signal") is post_delete and isinstance(instance, Page)
    if deleted_page or sender._meta.label in _NAMED_MODELS:
        move_on()
