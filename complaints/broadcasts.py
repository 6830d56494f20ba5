"""Live updates: domain signals become channel-layer group messages.

The publisher side of the WebSocket consumers (`complaints.consumers`). Nothing is
sent before the transaction commits (the services send `case_event_recorded` and
`case_rated` from `transaction.on_commit`; `case_created`, sent in the transaction,
is published from its commit), so nobody is told of a change that was rolled back.

Groups are named by the helpers below, nowhere else. Payloads are typed
dataclasses carrying codes, dates and ids only — never the reporter's identity,
never internal notes — and the consumers check again, per message, that their
user may receive them (a citizen: the PIN at connect; staff: the case's scope).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone, translation

from complaints.broadcast_counters import GroupCounters, watched
from complaints.kinds import public_status
from complaints.signals import case_created, case_event_recorded, case_rated
from portal.timestamps import rfc3339

logger = logging.getLogger(__name__)

# Message types (the consumer method that handles each: dots become underscores).
CASE_EVENT = "case.event"
STAFF_CASE_CHANGE = "staff.case_change"
STAFF_COUNTERS = "staff.counters"  # counters promised by a change (`broadcast_counters`)


def group_for_case(code: str) -> str:
    """The group of one case's citizen followers, by tracking code.

    Channel layers accept ASCII letters, digits, hyphens, underscores and periods
    (under 100 characters): the code is hashed, so any code gives a valid name and
    the name does not reveal it."""
    digest = hashlib.sha256(code.strip().upper().encode()).hexdigest()[:32]
    return f"case.{digest}"


def group_for_unit(facility_id: int) -> str:
    """The group of the staff of one facility (FacilityMembership)."""
    return f"unit.{int(facility_id)}"


def unit_of_group(group: str) -> int | None:
    """The facility a `group_for_unit` group is named after (None for any other group)."""
    prefix, _dot, pk = group.partition(".")
    return int(pk) if prefix == "unit" and pk.isdigit() else None


def group_province() -> str:
    """The group of staff whose scope is wider than a unit's (province, press office)."""
    return "province"


@dataclass(frozen=True)
class PublicCaseEvent:
    """One public timeline event, as the citizen following the case sees it."""

    action: str
    status: str  # public_status(): never an internal state
    at: str  # RFC 3339 in UTC, to the second (`portal.timestamps`)
    message: str  # the public message as recorded (Vietnamese)
    kind: str = ""  # the case's kind: a phản ánh's statuses have words of their own
    # The message in each other language, when the portal wrote it from a fixed sentence
    # (`event_text.system_line`: "Hồ sơ đã được tiếp nhận…"), as the tracking page reads it;
    # an officer's text has none and stays the Vietnamese record.
    messages: dict[str, str] = field(default_factory=dict)
    # An opaque name of this event: the consumers of one process encode it once for all the
    # followers of the case (`complaints.consumers.SharedWork`).
    change_id: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class StaffCaseChange:
    """A new case or a change to one, for the staff dashboards that may see it."""

    case_id: int
    tracking_code: str
    kind: str
    status: str
    action: str
    at: str  # RFC 3339 in UTC, to the second
    created: bool
    # What the consumers decide scope and their own counters with, without a query.
    assigned_unit_id: int | None = None
    assigned_user_id: int | None = None
    # An opaque name of this change: the consumers of one process that receive it share the
    # work it causes (one access check per user, one counters read per scope).
    change_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    # Added per group on the fan-out thread (`broadcast_counters.GroupCounters.for_change`):
    # `counters` (scope key → the scope's counters) or `counters_follow` (the scope keys a
    # `staff.counters` message will bring).


# Through a network layer (Redis) the fan-out runs on one thread of its own, in order: the
# request (or task) that caused a change returns without waiting for the layer to reach every
# group. That thread keeps one event loop for its life, so the layer keeps its Redis connection
# from one change to the next (a new loop per send would open and close one each time). The
# in-memory layer of the one-process default is sent to directly: it is a few queue puts, and
# its queues belong to the server's event loop, which asgiref reaches from the request's thread
# only. The fan-out thread also counts the staff groups' dashboard counters once for every
# server process (`complaints.broadcast_counters`); with the in-memory layer each dashboard
# counts its scope itself (once per scope and change, `complaints.consumers.SharedWork`).
_fan_out = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-updates")
_fan_out_loop = threading.local()


async def _send_all(layer, sends: list[tuple[str, dict]]) -> None:
    """Every (group, message) of one change in one crossing into the event loop (a crossing
    costs more than the sends: at intake there are four or five groups per case)."""
    for group, message in sends:
        try:
            await layer.group_send(group, message)
        except Exception:  # a live update must never break the write that caused it
            logger.exception("channel layer send to %s failed", group)


def _send_now(layer, sends: list[tuple[str, dict]]) -> None:
    """On the fan-out thread, on its one event loop."""
    try:
        loop = getattr(_fan_out_loop, "loop", None)
        if loop is None:
            loop = _fan_out_loop.loop = asyncio.new_event_loop()
        loop.run_until_complete(_send_all(layer, sends))
    except Exception:  # a live update must never break the write that caused it
        logger.exception("channel layer sends to %s failed", [group for group, _m in sends])


def _publish(layer, public: list[tuple[str, dict]], staff: list[tuple[str, dict]]) -> None:
    """On the fan-out thread: the citizens' messages first (they wait on nothing), then the
    staff groups', each with its scopes' counters counted once here (`broadcast_counters`),
    for the groups a dashboard is open in."""
    if public:
        _send_now(layer, public)
    carried = _group_counters.for_change(watched([group for group, _m in staff]))
    _send_now(
        layer,
        [
            (group, {**message, "payload": {**message["payload"], **carried.get(group, {})}})
            for group, message in staff
        ],
    )


def _publish_due_counters() -> None:
    """On the fan-out thread: the counters promised to groups whose interval is over."""
    layer = get_channel_layer()
    sends = [
        (group, {"type": STAFF_COUNTERS, "payload": payload})
        for group, payload in _group_counters.due()
    ]
    if layer is not None and sends:
        _send_now(layer, sends)


def _submit_due_counters() -> None:
    try:
        _fan_out.submit(_publish_due_counters)
    except RuntimeError:  # the interpreter is shutting down
        pass


_group_counters = GroupCounters(_submit_due_counters)


def fan_out_drain() -> None:
    """Return once the fan-out thread has done what it was given, with no dashboard count
    promised or scheduled. The test suite calls it before it empties the database: a count
    in flight reads the tables a flush truncates (PostgreSQL reports a deadlock), or locks
    SQLite's shared in-memory database."""
    _fan_out.submit(_group_counters.forget).result()


def _send_in_memory(layer, sends: list[tuple[str, dict]]) -> None:
    try:
        async_to_sync(_send_all)(layer, sends)
    except Exception:  # a live update must never break the write that caused it
        logger.exception("channel layer sends to %s failed", [group for group, _m in sends])


def _send(sends: list[tuple[str, str, object]]) -> None:
    """Send each (group, message type, payload), in order."""
    layer = get_channel_layer()
    if layer is None or not sends:
        return
    messages = [
        (group, {"type": message_type, "payload": asdict(payload)})
        for group, message_type, payload in sends
    ]
    if isinstance(layer, InMemoryChannelLayer):
        _send_in_memory(layer, messages)
        return
    public = [(group, m) for group, m in messages if m["type"] != STAFF_CASE_CHANGE]
    staff = [(group, m) for group, m in messages if m["type"] == STAFF_CASE_CHANGE]
    try:
        _fan_out.submit(_publish, layer, public, staff)
    except RuntimeError:  # the interpreter is shutting down
        logger.warning("live updates to %s dropped at shutdown", [g for g, _m in messages])


def _unit_groups(unit) -> list[str]:
    """The unit and every unit above it: a handler's scope covers the facilities
    below their own (CaseQuerySet.in_scope_of)."""
    if unit is None:
        return []
    return [group_for_unit(f.pk) for f in [unit, *unit.ancestors()]]


def _iso(value) -> str:
    """RFC 3339 in UTC, to the second, as every interface writes an instant (docs/api.md)."""
    return rfc3339(value or timezone.now())


def _system_lines(event) -> dict[str, str]:
    """{language: line} for the languages in which `event`'s message, as the citizen reads
    it, is not the stored text: a line the portal wrote itself in another language, or the
    citizen's own act addressed to them (`event_text.system_line`), read once here, where
    the event and its case are at hand, for every follower of the case."""
    from complaints.selectors.event_text import system_line

    lines = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            line = system_line(event, to_citizen=True)
        if line is not None:
            lines[language] = line
    return lines


def publish_case_event(*, case, event, created: bool = False, action: str = "") -> None:
    """Send one case event to its citizen (when public) and to the staff in scope.

    `event` is None for changes that are no timeline event (a rating): then only
    the staff are told, with `action`. A case just `created` has no follower yet (nobody
    knows its code before this commit): only the staff are told."""
    sends = []
    if event is not None and event.is_public and not created:
        sends.append((
            group_for_case(case.tracking_code),
            CASE_EVENT,
            PublicCaseEvent(
                action=event.action,
                status=public_status(event.to_status or case.status),
                at=_iso(event.at),
                message=event.public_message,
                kind=case.kind,
                messages=_system_lines(event),
            ),
        ))
    change = StaffCaseChange(
        case_id=case.pk,
        tracking_code=case.tracking_code,
        kind=case.kind,
        status=case.status,
        action=event.action if event is not None else action,
        at=_iso(event.at if event is not None else None),
        created=created,
        assigned_unit_id=case.assigned_unit_id,
        assigned_user_id=case.assigned_user_id,
    )
    groups = [group_province(), *_unit_groups(case.assigned_unit)]
    # An assignment records the unit that had the case (`previous_facility`, a code):
    # that unit and those above it refresh their counters too.
    previous_code = (event.data or {}).get("previous_facility") if event is not None else None
    if previous_code:
        from complaints.models import Facility

        previous = Facility.objects.filter(code=previous_code).first()
        if previous is not None and previous.pk != case.assigned_unit_id:
            groups += _unit_groups(previous)
    sends += [(group, STAFF_CASE_CHANGE, change) for group in dict.fromkeys(groups)]
    _send(sends)


@receiver(case_created, dispatch_uid="complaints.broadcasts.case_created")
def on_case_created(sender, case, event=None, **kwargs) -> None:
    # Sent in the transaction that stores the case (complaints.signals): told on its commit.
    transaction.on_commit(lambda: publish_case_event(case=case, event=event, created=True))


@receiver(case_event_recorded, dispatch_uid="complaints.broadcasts.case_event_recorded")
def on_case_event_recorded(sender, case, event, **kwargs) -> None:
    publish_case_event(case=case, event=event)


@receiver(case_rated, dispatch_uid="complaints.broadcasts.case_rated")
def on_case_rated(sender, case, **kwargs) -> None:
    publish_case_event(case=case, event=None, action="rated")
