"""Filtering and pagination of the index pages (news, directives, responses, stories)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator

PER_PAGE = 10


@dataclass
class Filter:
    """One filter of an index page: its query parameter, label, options and the chosen value.

    `options_lang` is the language of the options' labels when they are the pages' own words
    (a category's or an issuer's name, a tag), which stay Vietnamese for a reader of English;
    empty when they are the interface's (a translated type, a year)."""

    name: str
    label: str
    options: list[tuple[str, str]]
    value: str = ""
    options_lang: str = ""

    @property
    def chosen_label(self) -> str:
        return dict(self.options).get(self.value, "")


@dataclass
class Listing:
    page: PaginatorPage
    filters: list[Filter] = field(default_factory=list)

    @property
    def page_range(self) -> list:
        """Page numbers around the current one, with "…" for the gaps."""
        return list(
            self.page.paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)
        )

    @property
    def active_filters(self) -> list[Filter]:
        return [f for f in self.filters if f.value]


def chosen(request, name: str, options: list[tuple[str, str]]) -> str:
    """The request's value for a filter, kept only when it is one of the options."""
    value = request.GET.get(name, "").strip()
    return value if value in {key for key, _label in options} else ""


def paginate(request, queryset, per_page: int = PER_PAGE) -> PaginatorPage:
    """One page of results; an invalid or out-of-range page number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def year_options(dates) -> list[tuple[str, str]]:
    years = sorted({d.year for d in dates if d}, reverse=True)
    return [(str(y), str(y)) for y in years]


CONTENT_LANGUAGE = "vi"  # the language the Department writes its pages in


def text_options(values) -> list[tuple[str, str]]:
    return [(v, v) for v in sorted({v for v in values if v})]
