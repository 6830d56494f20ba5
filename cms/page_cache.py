"""The public pages' cache: a Wagtail page, rendered once, is answered from the cache
to every anonymous visitor until Wagtail publishes, unpublishes, moves or deletes it
(or a page its parent lists), or `PORTAL_PAGE_CACHE_SECONDS` pass.

- `PageCacheMiddleware` answers GET/HEAD without a query string from the `pages` cache
  (keyed on path and language), before the session, the user or the page tree are
  read. A visitor carrying a session or a messages cookie (signed in, or with a
  message to see) always gets a fresh page.
- `mark_cacheable` (a `before_serve_page` hook) is what lets a response be stored: only
  a Wagtail page that is not a preview, has no view restriction, is served to an
  anonymous visitor, sets no cookie and used no CSRF token (a page with a POST form).
  The citizen's tracking page and every other non-Wagtail view are never stored.
- Stored and cached answers carry an ETag (the content's hash, so per language) and
  Last-Modified (when this variant was rendered), and are answered 304 on
  revalidation. They carry `Cache-Control: private, no-cache` and no `Vary: Cookie`:
  the language comes from a cookie, so a browser revalidates each time and the ETag
  tells the languages apart; shared caches keep nothing.
- Purging is Wagtail's frontend cache (`wagtail.contrib.frontend_cache`, its signal
  handlers and its purge task) with `DjangoCacheBackend`, which deletes the cached
  variants of a URL; `purge_related_pages` adds the pages that list the changed one
  (its ancestors up to the home page) and the old URLs of a moved page and of its
  descendants. A view restriction added, changed or removed purges its page, the
  page's descendants and the pages that list them (`purge_restricted_pages`); an image
  or a document saved or deleted (a new file, title or alt text) purges the pages
  whose content names it, by Wagtail's reference index, and the pages that list them
  (`purge_pages_showing`). Both purge now and again after the commit, as the
  fragments' generation moves (cms/tree.py). The `pages` cache is shared by the
  server's processes and the task worker (Redis, else files under var/).
"""

from __future__ import annotations

import hashlib
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_ALIAS = "pages"
_REQUEST_FLAG = "_portal_page_cache_page"
# Headers the middleware answers itself; never stored.
_UNSTORED = {"vary", "cache-control", "etag", "last-modified", "set-cookie", "expires"}


def _seconds() -> int:
    return int(getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 300))


def cache_alias() -> str:
    """`pages`; the default cache where CACHES names no `pages` (a custom CACHES)."""
    return CACHE_ALIAS if CACHE_ALIAS in settings.CACHES else "default"


def _cache():
    return caches[cache_alias()]


def cache_key(path: str, language: str) -> str:
    return f"page:{language}:{hashlib.md5(path.encode()).hexdigest()}"


def purge_path(path: str) -> None:
    """Forget every language's copy of the page at `path`."""
    _cache().delete_many([cache_key(path, language) for language, _name in settings.LANGUAGES])


# ---- serving ----------------------------------------------------------------------------


def _language(request) -> str:
    from portal.middleware import PortalLocaleMiddleware

    return PortalLocaleMiddleware._chosen_language(request)


def _anonymous_read(request) -> bool:
    """GET/HEAD without a session or messages cookie (signed in, or a message to show),
    and not Wagtail's simulated request of a preview or moderation view (`is_dummy`)."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and not getattr(request, "is_dummy", False)
    )


def _key_for(request) -> str | None:
    """The cache key of this request, or None when it must not be answered from the
    cache: not an anonymous read, or a query string (unbounded: filters, pages)."""
    if _seconds() <= 0 or request.META.get("QUERY_STRING") or not _anonymous_read(request):
        return None
    return cache_key(request.path, _language(request))


def _answer(request, entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], headers=entry["headers"])
    response["Content-Length"] = str(len(entry["content"]))
    _validators(response, entry)
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["modified"], response=response
    )


def _validators(response, entry: dict) -> None:
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["modified"])
    response["Cache-Control"] = "private, no-cache"


def _storable(request, response) -> bool:
    user = getattr(request, "user", None)
    return (
        getattr(request, _REQUEST_FLAG, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "CSRF_COOKIE" not in request.META  # a form's token was made or read
        and not (user is not None and user.is_authenticated)
        and "no-store" not in response.get("Cache-Control", "")
    )


def _drop_vary_cookie(response) -> None:
    kept = [v.strip() for v in response.get("Vary", "").split(",")
            if v.strip() and v.strip().lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def _store(request, key: str | None, response) -> HttpResponse:
    """A public page's response to an anonymous read: stored under `key` (None: a query
    string, not stored), with its ETag, Last-Modified and no `Vary: Cookie` either way."""
    if not _storable(request, response):
        return response
    content = response.content
    entry = {
        "content": content,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in _UNSTORED],
        "etag": f'"{hashlib.md5(content).hexdigest()}"',
        "modified": int(time.time()),
    }
    if key is not None:
        _cache().set(key, entry, _seconds())
    # The language is in the ETag and the key, not a Vary on the cookie (module doc).
    _drop_vary_cookie(response)
    _validators(response, entry)
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["modified"], response=response
    )


class PageCacheMiddleware:
    """Answers anonymous GET/HEAD of public Wagtail pages from the `pages` cache; stores
    the pages `mark_cacheable` let through. Placed before the session, locale, CSRF and
    authentication middleware (settings.MIDDLEWARE), so a hit costs none of them."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        from asgiref.sync import iscoroutinefunction, markcoroutinefunction

        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        key = _key_for(request)
        if key is not None and (entry := _cache().get(key)) is not None:
            return _answer(request, entry)
        response = self.get_response(request)
        return _store(request, key, response) if _anonymous_read(request) else response

    async def __acall__(self, request):
        # The cache is read in the event loop: a local file or Redis on the same network
        # with a 0.5 s timeout (portal/settings/env.py); a thread hop would cost more.
        key = _key_for(request)
        if key is not None and (entry := _cache().get(key)) is not None:
            return _answer(request, entry)
        response = await self.get_response(request)
        return _store(request, key, response) if _anonymous_read(request) else response


def mark_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """`before_serve_page` hook (cms/wagtail_hooks.py): let this page's response be
    stored when it is public (no view restriction), not a preview, and the visitor
    anonymous. `_storable` checks the response itself."""
    if getattr(request, "is_preview", False) or not getattr(page, "page_cache", True):
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return
    if page.get_view_restrictions().exists():
        return
    setattr(request, _REQUEST_FLAG, True)


# ---- purging ----------------------------------------------------------------------------


class DjangoCacheBackend(BaseBackend):
    """Wagtail frontend cache backend (WAGTAILFRONTENDCACHE) that purges this module's
    cache: a URL's path, in every language."""

    def purge(self, url) -> None:
        purge_path(urlsplit(url).path or "/")

    def purge_batch(self, urls) -> None:
        paths = {urlsplit(url).path or "/" for url in urls}
        _cache().delete_many(
            [cache_key(path, language) for path in paths for language, _n in settings.LANGUAGES]
        )


def _listing_ancestors(page):
    """The pages that list `page`: its ancestors below the tree's root (the section
    index, the home page)."""
    return page.get_ancestors().filter(depth__gt=1).specific(defer=True)


def _old_paths(url_path_before: str, url_path_after: str, page) -> set[str]:
    """The paths a moved page and its descendants were served at before the move."""
    paths = set()
    for site in Site.objects.select_related("root_page"):
        root = site.root_page.url_path
        if not url_path_before.startswith(root):
            continue
        for url_path in [page.url_path, *page.get_descendants().values_list("url_path", flat=True)]:
            if url_path.startswith(url_path_after):
                old = url_path_before + url_path[len(url_path_after):]
                paths.add("/" + old[len(root):])
    return paths


@receiver(page_published, dispatch_uid="cms.page_cache.published")
@receiver(page_unpublished, dispatch_uid="cms.page_cache.unpublished")
def purge_related_pages(sender, instance, **kwargs) -> None:
    """Wagtail's frontend cache purges the page itself; this purges the pages that list
    it (a news index lists its news, the home page the latest ones)."""
    batch = PurgeBatch()
    batch.add_pages(_listing_ancestors(instance))
    batch.purge()


@receiver(post_page_move, dispatch_uid="cms.page_cache.moved")
def purge_moved_page(sender, instance, parent_page_before, parent_page_after,
                     url_path_before, url_path_after, **kwargs) -> None:
    """A move changes the URLs of the page and its descendants, and the listings of
    both parents: purge the old URLs, the new ones and both sets of ancestors."""
    batch = PurgeBatch()
    page = Page.objects.get(pk=instance.pk)
    batch.add_page(page)
    batch.add_pages(page.get_descendants())
    for parent in (parent_page_before, parent_page_after):
        parent = Page.objects.get(pk=parent.pk)
        if parent.depth > 1:
            batch.add_page(parent)
        batch.add_pages(_listing_ancestors(parent))
    for site in Site.objects.all():
        batch.add_urls(site.root_url + path for path in _old_paths(url_path_before,
                                                                   url_path_after, page))
    batch.purge()


def purge_pages_and_listings(pages) -> None:
    """Purge `pages` and the pages that list them now, and again once the change is
    committed (a render in between would store what the database still held)."""
    pages = list(pages)
    if not pages:
        return

    def purge():
        batch = PurgeBatch()
        for page in pages:
            batch.add_page(page)
            batch.add_pages(_listing_ancestors(page))
        batch.purge()

    purge()
    transaction.on_commit(purge)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="cms.page_cache.restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="cms.page_cache.unrestricted")
def purge_restricted_pages(sender, instance, raw=False, **kwargs) -> None:
    """A page made private (or public again) must leave (or join) the cached listings at
    once: its cached copy, its descendants' and their listings' are purged."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        purge_pages_and_listings([page, *page.get_descendants()])


# Saves that change nothing a page shows: Wagtail filling in a file's size or hash.
_BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})
_PAGES_SHOWING = "_portal_pages_showing"


def _pages_showing(instance) -> list[Page]:
    """The live pages whose content names `instance` (an image, a document): Wagtail's
    reference index, which records a page's chooser fields, blocks and inline rows (a
    directive's attachments) under the page."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.live().filter(pk__in=[int(pk) for pk in ids if pk.isdigit()]))


def note_pages_showing(sender, instance, **kwargs) -> None:
    """pre_delete of an image or a document: the pages naming it, read before Wagtail
    removes its references."""
    setattr(instance, _PAGES_SHOWING, _pages_showing(instance))


def purge_pages_showing(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """post_save / post_delete of an image or a document: a new file (a new rendition's
    URL), title or alt text reaches the public pages at once. The fragments are left
    behind (the tree's generation moves on) and the pages that show it are purged."""
    from cms import tree

    if raw or (update_fields and set(update_fields) <= _BOOKKEEPING_FIELDS):
        return
    tree.changed(sender)
    pages = getattr(instance, _PAGES_SHOWING, None)
    purge_pages_and_listings(pages if pages is not None else _pages_showing(instance))


def purge_pages_showing_rendition(sender, instance, **kwargs) -> None:
    """post_delete of a rendition: the image's edit form deletes them after saving a new
    file (and the old file), so a page rendered in between names a URL gone; purged again."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=instance.image_id).first()
    if image is not None:
        purge_pages_showing(type(image), image)


def connect_media_receivers() -> None:
    """Called once the apps are ready (cms/apps.py): the image and document models."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    post_delete.connect(purge_pages_showing_rendition,
                        sender=get_image_model().get_rendition_model(),
                        dispatch_uid="cms.page_cache.rendition_deleted")
    for model in (get_image_model(), get_document_model()):
        label = model._meta.label_lower
        pre_delete.connect(note_pages_showing, sender=model,
                           dispatch_uid=f"cms.page_cache.note:{label}")
        post_save.connect(purge_pages_showing, sender=model,
                          dispatch_uid=f"cms.page_cache.saved:{label}")
        post_delete.connect(purge_pages_showing, sender=model,
                            dispatch_uid=f"cms.page_cache.deleted:{label}")
