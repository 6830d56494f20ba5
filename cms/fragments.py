"""Rendered fragments of the pages' listings (the home page's latest news, directives
and good example; every page's breadcrumb; a news article's category and tag links) and
of every page's meta tags and structured data, kept until the page tree changes.

A fragment is stored in the `pages` cache (shared by the server's processes and the
task worker: Redis, else files under var/) under a key that carries the tree's
*generation* (cms/tree.py): publishing, unpublishing, moving or deleting a page, a view
restriction, a site, a news category, a tag, an image or a document saved or deleted,
move it on, and every fragment rendered before is never read again and expires after
`PORTAL_FRAGMENT_SECONDS` (the page cache's 300 by default; 0: no fragment).

Only these are kept: the page around them (its own fields, the figures with
their own cache, the language switch with the request's path) is rendered each time."""

from __future__ import annotations

import uuid

from django.conf import settings

from cms import page_cache, tree


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
        "fragment_generation": tree.generation(request),
        "fragment_cache": page_cache.cache_alias(),
    }
