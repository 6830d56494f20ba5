"""The Wagtail site a request is for, without a query per request.

Wagtail looks the site up with one query per request (`get_site_for_hostname`). The
sites are a handful of rows that change at deployment: they are kept in the default
cache (shared by the processes with Redis) and forgotten when one is saved or deleted,
as Wagtail does with its own site root paths (`Site.get_site_root_paths`). The choice
among them is Wagtail's: hostname and port, then hostname and default, then the
default site, then the only site with that hostname."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Site

CACHE_KEY = "cms:sites"
_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def _all_sites() -> list[Site]:
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = list(Site.objects.order_by("pk").values_list(*_FIELDS))
        cache.set(CACHE_KEY, rows, None)
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
        request._wagtail_site = match_site(_all_sites(), hostname, int(request.get_port()))
    return request._wagtail_site


@receiver(post_save, sender=Site, dispatch_uid="cms.sites.saved")
@receiver(post_delete, sender=Site, dispatch_uid="cms.sites.deleted")
def forget_sites(**kwargs) -> None:
    cache.delete(CACHE_KEY)
