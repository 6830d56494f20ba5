"""How many drafts wait for a person: shown on every admin page (the menu item "Chờ phê
duyệt (N)") and on the admin home (complaints/approvals/hooks.py).

The figure is the queue's own (`selectors.approval_queue`: the same scope and the same rule
of who decides a draft, `deciders.decide_refusal`), with the person's own
drafts returned to them and the nearest deadline of those waiting. Being on every page, it
is kept per user in the shared cache (`portal.process_cache.shared_cache`, seen by every
process) under a *generation*: any change of a draft (`drafts_changed`, called by the one
write path, `services`, after its commit), of a unit's members or of a case's unit (the
receivers below) moves the generation, so the next page counts again. Anything else that
changes a person's scope (a group's permissions) is caught within `SECONDS`.

Queries: none while the figure is kept (one cache read of two keys); the queue's and one
count when it is read again (pinned in tests/complaints/approvals/test_waiting_counts.py)."""

from __future__ import annotations

import datetime
import uuid
from typing import NamedTuple

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from complaints.approvals.models import Draft, DraftStatus
from complaints.signals import case_event_recorded
from portal.process_cache import shared_cache

GENERATION_KEY = "approvals:drafts:generation"
SECONDS = 300  # at most this stale after a change no receiver sees


class Waiting(NamedTuple):
    waiting: int  # drafts the person may decide now (the queue)
    returned: int  # the person's own drafts returned to them to be corrected
    nearest: datetime.date | None  # the nearest deadline of the drafts waiting


NOTHING = Waiting(0, 0, None)


def _key(user) -> str:
    return f"approvals:waiting:{user.pk}"


def waiting_for(user) -> Waiting:
    """The figures of `user` (kept until a draft changes, `SECONDS` at most)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    cache = shared_cache()
    found = cache.get_many([GENERATION_KEY, _key(user)])
    generation, kept = found.get(GENERATION_KEY), found.get(_key(user))
    if generation is not None and kept is not None and kept[0] == generation:
        waiting, returned, nearest = kept[1]
        return Waiting(waiting, returned, nearest and datetime.date.fromisoformat(nearest))
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    figures = count_for(user)
    nearest = figures.nearest.isoformat() if figures.nearest else None
    cache.set(_key(user), (generation, (figures.waiting, figures.returned, nearest)), SECONDS)
    return figures


def count_for(user) -> Waiting:
    """The figures read from the database (the queue itself, and one count)."""
    from complaints.approvals.selectors import approval_queue, draft_due

    queue = approval_queue(user=user)
    dues = [due for due in map(draft_due, queue) if due is not None]
    returned = Draft.objects.filter(author=user, status=DraftStatus.RETURNED).count()
    return Waiting(len(queue), returned, min(dues, default=None))


def _move() -> None:
    shared_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def drafts_changed() -> None:
    """Every kept figure is counted again, once the current transaction commits (a page
    counting before the commit would keep the old figure under the new generation)."""
    transaction.on_commit(_move)


@receiver(post_save, sender="complaints.FacilityMembership", dispatch_uid="approvals.counts.m")
@receiver(post_delete, sender="complaints.FacilityMembership", dispatch_uid="approvals.counts.d")
def on_membership_changed(sender, **kwargs) -> None:
    """A person joined or left a unit: their queue is another."""
    drafts_changed()


@receiver(case_event_recorded, dispatch_uid="approvals.counts.assign")
def on_case_event(sender, case=None, event=None, **kwargs) -> None:
    """A case given to another unit: its drafts wait for that unit's leaders."""
    if event is not None and event.action == "assign":
        drafts_changed()
