"""The page a URL path names, found in one query at any depth.

Wagtail walks the tree from the site's root page: for each segment of the path, the
child with that slug, then its specific page (two queries a level, five to six for a
news article). The page's `url_path` already spells the whole path, so this reads the
page at the end of the path by its slug and `url_path` (one narrow query on the slug's
index), then its specific page (one query), and lets that page answer `route()` for
itself as Wagtail's last step does (live, else 404).

The first of the two is kept with the tree's parts (cms/tree.py): a path found once is
answered from the process's memory until the tree changes, and checked again on the
page read (a page moved, renamed or deleted without the signals is looked up anew).
Only paths that name a page are kept: a 404 keeps nothing.

The shortcut holds while no page type routes its own children (`route()` overridden:
RoutablePageMixin, a page serving sub-paths); with such a type installed Wagtail's walk
is used unchanged."""

from __future__ import annotations

import functools

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.models import Page, Site, get_page_models

from cms import tree
from cms.sites import site_for_request


@functools.cache
def shortcut_allowed() -> bool:
    """No installed page type overrides `Page.route`."""
    return all(model.route is Page.route for model in get_page_models())


def _site_root_paths(request) -> list:
    """Wagtail's list, kept with the tree's parts and put where the page's URLs look for
    it (`Page._get_site_root_paths(request)`)."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = tree.tree(request).part(
            "site_root_paths", Site.get_site_root_paths
        )
    return request._wagtail_cached_site_root_paths


def _find(url_path: str, site: Site, last_slug: str | None) -> tuple[int, int] | None:
    """The id and content type of the page at `url_path` (one query)."""
    found = Page.objects.filter(url_path=url_path)
    if last_slug:
        found = found.filter(slug=last_slug)  # the slug's index; url_path has none
    else:
        found = found.filter(pk=site.root_page_id)
    return found.values_list("pk", "content_type_id").first()


def _specific(pk: int, content_type_id: int, url_path: str):
    """The specific page, if it is still the one at `url_path`."""
    # ContentType's manager keeps the types in memory: no query past the first.
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    page = model.objects.filter(pk=pk).first()
    return page if page is not None and page.url_path == url_path else None


def _root_url_path(request, site: Site) -> str | None:
    for root in _site_root_paths(request):
        if root.site_id == site.pk:
            return root.root_path
    return None


def route(request, path: str):
    """Wagtail's `RouteResult` for `path` on the request's site, or None (404)."""
    site = site_for_request(request)
    if site is None:
        return None
    if not shortcut_allowed():
        return Page.route_for_request(request, path)
    root_path = _root_url_path(request, site)
    if root_path is None:
        return None
    components = [component for component in path.split("/") if component]
    url_path = root_path + "".join(f"{c}/" for c in components)
    known = tree.tree(request).part("pages", dict)  # url_path → (id, content type)
    row = known.get(url_path)
    page = _specific(*row, url_path) if row else None
    if page is None:
        row = _find(url_path, site, components[-1] if components else None)
        if row is None:
            return None
        page = _specific(*row, url_path)
        if page is None:
            return None
        known[url_path] = row
    try:
        return page.route(request, [])
    except Http404:
        return None
