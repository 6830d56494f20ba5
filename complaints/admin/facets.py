"""Facet counts of the workspace list: how the cases found (query box and filters, inside
the user's scope) divide by kind, status, unit, category, channel, month of receipt,
overdue and due soon, each value a link that adds its filter to the current ones.

The counts come from `complaints.case_search.case_facets` (one query over the list's own
query); the names of the units and categories found, from two small queries. Plain
links: they work without JavaScript and from the keyboard."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from complaints.case_search import case_facets
from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import Category, Facility


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str  # "?…": the current filters with this value's, or without it when it is on
    active: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    links: list[FacetLink]


def month_bounds(value: str) -> dict[str, str]:
    """ "2026-07" → the received_from / received_to filters of that month."""
    year, month = (int(part) for part in value.split("-"))
    last = calendar.monthrange(year, month)[1]
    return {
        "received_from": datetime.date(year, month, 1).isoformat(),
        "received_to": datetime.date(year, month, last).isoformat(),
    }


def _choice_label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


# The checkboxes of the form send "on", the dashboard's links "1".
CHECKED = {"1", "on", "true"}


def _is_set(query: QueryDict, name: str, value: str) -> bool:
    given = query.get(name) or ""
    return given.lower() in CHECKED if value == "1" else given == value


def _link(query: QueryDict, params: dict[str, str], label: str, count: int) -> FacetLink:
    active = all(_is_set(query, name, value) for name, value in params.items())
    linked = query.copy()
    linked.pop("p", None)  # a new set of cases starts at its first page
    for name, value in params.items():
        if active:
            linked.pop(name, None)
        else:
            linked[name] = value
    return FacetLink(label=label, count=count, url=f"?{linked.urlencode()}", active=active)


def facet_groups(queryset, query: QueryDict) -> list[FacetGroup]:
    """The facet groups of the cases in `queryset` (already scoped and filtered), with
    links built on `query` (the list's GET parameters). Empty groups are left out."""
    counts = case_facets(queryset)
    units = [row["value"] for row in counts["unit"]]
    categories = [row["value"] for row in counts["category"]]
    unit_names = (
        dict(Facility.objects.filter(code__in=units).values_list("code", "name")) if units else {}
    )
    category_names = (
        dict(Category.objects.filter(code__in=categories).values_list("code", "name"))
        if categories
        else {}
    )

    def group(name, label, rows, params, text):
        links = [
            _link(query, params(row["value"]), text(row["value"]), row["count"]) for row in rows
        ]
        return FacetGroup(name=name, label=label, links=links)

    flags = [
        (name, label, row["count"])
        for name, label in (("overdue", _("Quá hạn")), ("due_soon", _("Sắp đến hạn")))
        for row in counts[name]
        if row["count"]
    ]
    groups = [
        group("kind", _("Loại"), counts["kind"], lambda v: {"kind": v},
              lambda v: _choice_label(CaseKind, v)),
        group("status", _("Trạng thái"), counts["status"], lambda v: {"status": v},
              lambda v: _choice_label(CaseStatus, v)),
        group("unit", _("Đơn vị xử lý"), counts["unit"], lambda v: {"unit": v},
              lambda v: unit_names.get(v, v)),
        group("category", _("Lĩnh vực"), counts["category"], lambda v: {"category": v},
              lambda v: category_names.get(v, v)),
        group("channel", _("Kênh tiếp nhận"), counts["channel"], lambda v: {"channel": v},
              lambda v: _choice_label(Channel, v)),
        group("month", _("Tháng tiếp nhận"), counts["month"], month_bounds,
              lambda v: _("Tháng %(month)s/%(year)s") % {"month": int(v[5:]), "year": v[:4]}),
        FacetGroup(
            name="deadline",
            label=_("Thời hạn"),
            links=[_link(query, {name: "1"}, label, count) for name, label, count in flags],
        ),
    ]  # fmt: skip
    return [g for g in groups if g.links]
