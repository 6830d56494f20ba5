"""The options of the workspace's selects, read once per process: the units (the list's
filter, "Giao xử lý"), the categories (the list's filter) and the handlers grouped by unit.

Every list page offers them in its filters and in its bulk-assignment form, and the case
page in its assign action: read per request they were seven queries of the list's 21 and a
few hundred model instances, for data that changes when an administrator edits a unit, a
category or a staff member. The options are plain (value, label) pairs with no translated
text, shared by every thread and language; treat them as read-only.

Invalidation, as `complaints.services.reference` does it: saving or deleting a Facility, a
Category, a FacilityMembership or a user, and changing a user's groups or permissions or a
group's permissions (post_save / post_delete / m2m_changed, connected by
`ComplaintsConfig.ready`) moves a generation number kept in Django's cache (Redis in
production, shared by every process), and again after the commit; each read compares its
copy's generation with the cache's (one cache read). A copy read inside the transaction
that made the change stays with that request. A change written without signals
(`QuerySet.update`, raw SQL) must call `workspace_choices_clear()`."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "complaints:workspace-choices:generation"

Choices = list[tuple[str, str]]


@dataclass(frozen=True)
class WorkspaceChoices:
    generation: str
    units: Choices  # every unit, "name (code)" by name: the list's filter
    active_units: Choices  # the units work may be given to
    categories: Choices  # every category, active or not (old cases keep theirs)
    handlers_by_unit: list  # optgroups of `handler_choices_by_unit`
    unit_ids: dict[str, int]  # code → id
    category_ids: dict[str, int]  # code → id


_current: WorkspaceChoices | None = None
_uncommitted: set[str] = set()  # generations moved by a change not yet committed here
_lock = threading.Lock()
_local = threading.local()  # a copy read inside a transaction that changed the data


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY) or "none"
    return generation


def _load(generation: str) -> WorkspaceChoices:
    from complaints.models import Category, Facility
    from complaints.selectors.unit_staff import handler_choices_by_unit

    units = list(Facility.objects.order_by("name").values_list("code", "name", "is_active", "id"))
    categories = list(Category.objects.order_by("name").values_list("code", "name", "id"))
    return WorkspaceChoices(
        generation=generation,
        units=[(code, f"{name} ({code})") for code, name, _active, _id in units],
        active_units=[(code, f"{name} ({code})") for code, name, active, _id in units if active],
        categories=[(code, name) for code, name, _id in categories],
        handlers_by_unit=handler_choices_by_unit(),
        unit_ids={code: pk for code, _name, _active, pk in units},
        category_ids={code: pk for code, _name, pk in categories},
    )


def workspace_choices() -> WorkspaceChoices:
    """The current options (one cache read while nothing changed)."""
    global _current
    generation = _generation()
    if transaction.get_connection().in_atomic_block and generation in _uncommitted:
        # This transaction changed the data: its rows may yet roll back, so the copy stays
        # with this thread, and only while the generation lasts.
        local = getattr(_local, "current", None)
        if local is None or local.generation != generation:
            local = _local.current = _load(generation)
        return local
    current = _current
    if current is not None and current.generation == generation:
        return current
    with _lock:
        current = _current
        if current is None or current.generation != generation:
            current = _current = _load(generation)
        return current


def workspace_choices_clear(*, uncommitted: bool = False) -> None:
    """Make every process read the options again (a new generation)."""
    global _current
    generation = uuid.uuid4().hex
    with _lock:
        if uncommitted:
            if len(_uncommitted) > 100:
                _uncommitted.clear()
            _uncommitted.add(generation)
        cache.set(GENERATION_KEY, generation, None)
        _current = None


def _changed(sender, **kwargs) -> None:
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed: after the change only
    if set(kwargs.get("update_fields") or ()) == {"last_login"}:
        return  # a sign-in changes no option
    in_transaction = transaction.get_connection().in_atomic_block
    workspace_choices_clear(uncommitted=in_transaction)
    if in_transaction:
        transaction.on_commit(workspace_choices_clear)


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
