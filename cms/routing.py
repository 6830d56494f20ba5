"""The page a URL path names, found in two queries at any depth.

Wagtail walks the tree from the site's root page: for each segment of the path, the
child with that slug, then its specific page (two queries a level, five to six for a
news article). The page's `url_path` already spells the whole path, so this reads the
page at the end of the path by its slug and `url_path` (one narrow query on the slug's
index), then its specific page (one query), and lets that page answer `route()` for
itself as Wagtail's last step does (live, else 404).

The shortcut holds while no page type routes its own children (`route()` overridden:
RoutablePageMixin, a page serving sub-paths); with such a type installed Wagtail's walk
is used unchanged."""

from __future__ import annotations

import functools

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.models import Page, Site, get_page_models

from cms.sites import site_for_request


@functools.cache
def shortcut_allowed() -> bool:
    """No installed page type overrides `Page.route`."""
    return all(model.route is Page.route for model in get_page_models())


def _root_url_path(site: Site) -> str | None:
    for root in Site.get_site_root_paths():  # Wagtail's cached list (default cache)
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
    root_path = _root_url_path(site)
    if root_path is None:
        return None
    components = [component for component in path.split("/") if component]
    found = Page.objects.filter(url_path=root_path + "".join(f"{c}/" for c in components))
    if components:
        found = found.filter(slug=components[-1])  # the slug's index; url_path has none
    else:
        found = found.filter(pk=site.root_page_id)
    row = found.values_list("pk", "content_type_id").first()
    if row is None:
        return None
    pk, content_type_id = row
    # ContentType's manager keeps the types in memory: no query past the first.
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    page = model.objects.get(pk=pk)
    try:
        return page.route(request, [])
    except Http404:
        return None
