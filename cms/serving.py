"""The public pages' view: Wagtail's (`wagtail.views.serve`: its hooks, view
restrictions, page cache marking and `Page.serve`), with what it reads before the page
found in fewer queries: the site from the cached list (cms/sites.py), the page in two
queries at any depth (cms/routing.py), and its view restrictions from the request's one
read, which the listings on the page share (cms/privacy.py)."""

from __future__ import annotations

from wagtail import views as wagtail_views

from cms import privacy, routing


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        # Where Wagtail's `Page.route_for_request` looks first.
        request._wagtail_route_for_request = routing.route(request, path)
    result = request._wagtail_route_for_request
    if result is not None:
        privacy.remember_restrictions(result[0], request)
    return wagtail_views.serve(request, path)
