"""The intake's reference data kept in this process: the units (Facility), the active
categories and the active routing rules, read once and then shared by every request.

They change a few times a year, and every submission needs them (validation, routing):
reading them per request was three queries of the intake's fourteen. The copy is
linked in memory (a unit's parent, a category's default unit, a rule's category and
target unit are the copy's own objects), so `Facility.ancestors()` and the routing
never query. Treat the objects as read-only: they are shared between threads.

Read again (`portal.process_cache.ProcessCopy`) after saving or deleting a Facility,
Category or RoutingRule (`reference_changed`, connected by `ComplaintsConfig.ready`). A
change written without signals (`QuerySet.update`, raw SQL, a fixture loaded with
`loaddata --raw`) must call `reference_clear()`."""

from __future__ import annotations

from dataclasses import dataclass

from portal.process_cache import ProcessCopy

GENERATION_KEY = "complaints:reference:generation"


@dataclass(frozen=True)
class Reference:
    facilities: dict[int, object]  # every unit, active or not, by id
    facilities_by_code: dict[str, object]
    categories_by_code: dict[str, object]  # the active categories
    rules: tuple  # the active routing rules, in order

    def facility(self, code: str):
        """The active unit with this code that may be named in a case (not an outside body)."""
        from complaints.models import FacilityKind

        facility = self.facilities_by_code.get(code)
        if facility is None or not facility.is_active or facility.kind == FacilityKind.EXTERNAL:
            return None
        return facility

    def nameable_facilities(self) -> list:
        """Every unit `facility` accepts (active, no outside body), by code: the list a
        partner reads its codes from (`GET /api/v1/facilities`)."""
        return sorted(
            (f for f in self.facilities.values() if self.facility(f.code) is f),
            key=lambda f: f.code,
        )

    def category(self, code: str):
        return self.categories_by_code.get(code)

    def department(self):
        """The Sở itself: the active department unit nearest the top of the tree, or None."""
        from complaints.models import FacilityKind

        units = [
            f for f in self.facilities.values()
            if f.kind == FacilityKind.DEPARTMENT and f.is_active
        ]
        units.sort(key=lambda f: (f.parent_id is not None, f.code))
        return units[0] if units else None

    def intake_office(self):
        """The Văn phòng Sở (`complaints.services.routing.intake_office`)."""
        from complaints.models import FacilityKind

        offices = [
            f for f in self.facilities.values() if f.kind == FacilityKind.OFFICE and f.is_active
        ]
        offices.sort(key=lambda f: (f.parent_id is not None, f.parent_id or 0, f.code))
        return offices[0] if offices else None


def _load() -> Reference:
    from complaints.models import Category, Facility, RoutingRule

    facilities = {f.pk: f for f in Facility.objects.all()}
    for facility in facilities.values():
        # The parent from the copy itself: `parent`, `ancestors()` never query.
        facility._state.fields_cache["parent"] = facilities.get(facility.parent_id)
    categories = {}
    for category in Category.objects.filter(is_active=True):
        category._state.fields_cache["default_unit"] = facilities.get(category.default_unit_id)
        categories[category.code] = category
    by_id = {c.pk: c for c in categories.values()}
    rules = []
    for rule in RoutingRule.objects.filter(is_active=True).order_by("position", "id"):
        if rule.category_id is not None and rule.category_id not in by_id:
            # An inactive category: read it as the routing did (select_related).
            by_id[rule.category_id] = Category.objects.get(pk=rule.category_id)
        rule._state.fields_cache["category"] = by_id.get(rule.category_id)
        rule._state.fields_cache["target_unit"] = facilities.get(rule.target_unit_id)
        rules.append(rule)
    return Reference(
        facilities=facilities,
        facilities_by_code={f.code: f for f in facilities.values()},
        categories_by_code=categories,
        rules=tuple(rules),
    )


_reference = ProcessCopy(GENERATION_KEY, _load)


def reference() -> Reference:
    """The current reference data (one cache read while nothing changed)."""
    return _reference.get()


def reference_clear(*, uncommitted: bool = False) -> None:
    """Forget the copy here and make every process reload it (a new generation)."""
    _reference.clear(uncommitted=uncommitted)


def reference_changed(sender, **kwargs) -> None:
    """post_save / post_delete receiver for Facility, Category and RoutingRule: clear now
    (this transaction sees its change) and again after the commit."""
    _reference.changed(sender, **kwargs)


def connect_receivers() -> None:
    from django.db.models.signals import post_delete, post_save

    from complaints.models import Category, Facility, RoutingRule

    uid = "complaints.services.reference.reference_changed"
    for model in (Facility, Category, RoutingRule):
        post_save.connect(reference_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
        post_delete.connect(reference_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
