"""The options of the workspace's selects, read once per process: the units (the list's
filter, "Giao xử lý"), the categories (the list's filter) and the handlers grouped by unit.

Every list page offers them in its filters and in its bulk-assignment form, and the case
page in its assign action: read per request they were seven queries of the list's 21 and a
few hundred model instances, for data that changes when an administrator edits a unit, a
category or a staff member. The options are plain (value, label) pairs with no translated
text, shared by every thread and language; treat them as read-only.

Read again (`portal.process_cache.ProcessCopy`) after saving or deleting a Facility, a
Category, a FacilityMembership or a user (not a sign-in's `last_login`), and after changing
a user's groups or permissions or a group's permissions (connected by
`ComplaintsConfig.ready`). A change written without signals (`QuerySet.update`, raw SQL)
must call `workspace_choices_clear()`."""

from __future__ import annotations

from dataclasses import dataclass

from portal.process_cache import ProcessCopy

GENERATION_KEY = "complaints:workspace-choices:generation"

Choices = list[tuple[str, str]]


@dataclass(frozen=True)
class WorkspaceChoices:
    units: Choices  # every unit, "name (code)" by name: the list's filter
    active_units: Choices  # the units work may be given to
    categories: Choices  # every category, active or not (old cases keep theirs)
    handlers_by_unit: list  # optgroups of `handler_choices_by_unit`, for a case of any kind
    press_handlers_by_unit: list  # the same for a press case (the press office's officers)
    unit_ids: dict[str, int]  # code → id
    category_ids: dict[str, int]  # code → id


def _load() -> WorkspaceChoices:
    from complaints.kinds import CaseKind
    from complaints.models import Category, Facility
    from complaints.selectors.unit_staff import handler_choices_by_unit

    units = list(Facility.objects.order_by("name").values_list("code", "name", "is_active", "id"))
    categories = list(Category.objects.order_by("name").values_list("code", "name", "id"))
    return WorkspaceChoices(
        units=[(code, f"{name} ({code})") for code, name, _active, _id in units],
        active_units=[(code, f"{name} ({code})") for code, name, active, _id in units if active],
        categories=[(code, name) for code, name, _id in categories],
        handlers_by_unit=handler_choices_by_unit(),
        press_handlers_by_unit=handler_choices_by_unit(case_kind=CaseKind.BAO_CHI),
        unit_ids={code: pk for code, _name, _active, pk in units},
        category_ids={code: pk for code, _name, pk in categories},
    )


_choices = ProcessCopy(GENERATION_KEY, _load)


def workspace_choices() -> WorkspaceChoices:
    """The current options (one cache read while nothing changed)."""
    return _choices.get()


def workspace_choices_clear(*, uncommitted: bool = False) -> None:
    """Make every process read the options again (a new generation)."""
    _choices.clear(uncommitted=uncommitted)


def _changed(sender, **kwargs) -> None:
    if set(kwargs.get("update_fields") or ()) == {"last_login"}:
        return  # a sign-in changes no option
    _choices.changed(sender, **kwargs)


def connect_receivers() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from complaints.models import Category, Facility, FacilityMembership

    User = get_user_model()
    uid = "complaints.admin.choices"
    for model in (Facility, Category, FacilityMembership, User):
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}.save.{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}.delete.{model.__name__}")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"{uid}.m2m.{through.__name__}")
