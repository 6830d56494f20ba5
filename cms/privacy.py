"""Which pages are behind a view restriction (Wagtail's privacy settings), without a
query per request.

Wagtail reads the restrictions once for the served page (its ancestors, then their
restrictions: two queries, run again by each caller) and once more for each listing
filtered with `.public()`. Here one query reads every restriction with its page's tree
path, and the paths of the alias pages (a handful of rows: a private section is rare on
a public portal), and the served page's check and the listings are answered from it.
The rows are kept with the tree's parts (cms/tree.py): adding, changing or removing a
restriction, or making an alias, moves the tree's generation on, so a restriction added
in the admin applies to the next request in every process."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import IntegerField, Q, Value
from wagtail.models import Page, PageViewRestriction

from cms import tree


@dataclass(frozen=True)
class Restriction:
    id: int
    path: str  # the restricted page's tree path: it and its descendants start with it


@dataclass(frozen=True)
class TreePrivacy:
    restrictions: tuple[Restriction, ...]
    # Tree paths of the alias pages: below one, Wagtail reads the restrictions of the
    # page the alias copies, which this module leaves to Wagtail.
    alias_paths: tuple[str, ...]


_ALIAS = 0  # no restriction has id 0: the marker of an alias page's row


def _read() -> TreePrivacy:
    rows = list(
        PageViewRestriction.objects.order_by().values_list("pk", "page__path").union(
            Page.objects.filter(alias_of__isnull=False).order_by().values_list(
                Value(_ALIAS, output_field=IntegerField()), "path"
            ),
            all=True,
        )
    )
    return TreePrivacy(
        restrictions=tuple(Restriction(id=pk, path=path) for pk, path in rows if pk != _ALIAS),
        alias_paths=tuple(path for pk, path in rows if pk == _ALIAS),
    )


def tree_privacy(request=None) -> TreePrivacy:
    """The restrictions and aliases of the tree's current generation."""
    return tree.tree(request).part("privacy", _read)


def restriction_ids_for(page, request) -> list[int] | None:
    """The restrictions on `page` and its ancestors (what `Page.get_view_restrictions`
    finds), or None when the page or an ancestor is an alias (left to Wagtail)."""
    privacy = tree_privacy(request)
    if any(page.path.startswith(path) for path in privacy.alias_paths):
        return None
    return [r.id for r in privacy.restrictions if page.path.startswith(r.path)]


def public(queryset, request=None):
    """`queryset` without the pages in a private section: Wagtail's `.public()` with the
    request's restrictions instead of a query of its own."""
    paths = {r.path for r in tree_privacy(request).restrictions}
    if not paths:
        return queryset
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return queryset.exclude(private)


def remember_restrictions(page, request) -> None:
    """Let `page.get_view_restrictions()` (PortalPage) answer from the request's
    restrictions: Wagtail's check of the served page and the page cache's. An alias
    keeps Wagtail's own look-up (its restrictions are those of the page it copies)."""
    page._view_restriction_ids = restriction_ids_for(page, request)
