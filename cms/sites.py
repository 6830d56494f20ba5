"""The Wagtail site a request is for, without a query per request.

Wagtail looks the site up with one query per request (`get_site_for_hostname`). The
sites are a handful of rows that change at deployment: they are kept in each process
with the tree's other parts (cms/tree.py), read again when a site is saved or deleted.
The choice among them is Wagtail's: hostname and port, then hostname and default, then
the default site, then the only site with that hostname."""

from __future__ import annotations

from django.http.request import split_domain_port
from wagtail.models import Site

from cms import tree

_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def _read_sites() -> tuple[tuple, ...]:
    return tuple(Site.objects.order_by("pk").values_list(*_FIELDS))


def _all_sites(request) -> list[Site]:
    # New instances for each request from the kept rows: what a request caches on its
    # site (its root page) stays with that request.
    rows = tree.tree(request).part("sites", _read_sites)
    return [Site(**dict(zip(_FIELDS, row, strict=True))) for row in rows]


def match_site(sites: list[Site], hostname: str, port: int) -> Site | None:
    """Wagtail's choice (wagtail.models.sites.get_site_for_hostname) among `sites`."""
    exact = [s for s in sites if s.hostname == hostname and s.port == port]
    if exact:
        return exact[0]
    default = [s for s in sites if s.is_default_site]
    if default and default[0].hostname == hostname:
        return default[0]
    by_hostname = [s for s in sites if s.hostname == hostname]
    if len(by_hostname) == 1:
        return by_hostname[0]
    return default[0] if default else None


def site_for_request(request) -> Site | None:
    """The request's site, remembered on it where Wagtail looks (`Site.find_for_request`)."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = match_site(_all_sites(request), hostname, int(request.get_port()))
    return request._wagtail_site
