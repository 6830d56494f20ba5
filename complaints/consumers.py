"""WebSocket consumers (CONTRACT.md "WebSocket"); the publisher is `complaints.broadcasts`.

- `SubmissionConsumer`, `/ws/submissions/{tracking_code}/?pin=PIN`: the citizen
  following a case receives each public timeline event. The PIN is checked at
  connect like the tracking page does (same rate limits); an unknown code and a
  wrong PIN close alike with code 4404.
- `DashboardConsumer`, `/ws/dashboard/`: staff (session) receive new cases and
  changes within their scope, and the dashboard counters. Anonymous users are
  refused in connect(); the permission is checked before joining a group and,
  with the case's scope, again for every message; a session signed out, expired or
  deleted since closes the connection with 4401 at its next message, a session left
  idle past `PORTAL_STAFF_IDLE_MINUTES` with 4440.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import json
import logging
import time
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.utils import timezone, translation

from complaints import broadcast_counters, broadcasts
from complaints.kinds import CaseKind
from complaints.selectors.staff_access import access_version, access_versions, session_signs_in
from complaints.selectors.tracking import KIND_ACTION_LABELS, action_label, status_label
from portal.twofactor import policy as second_factor

# Close codes (4000–4999 are the application's own).
CLOSE_UNAUTHENTICATED = 4401  # nobody signed in, or the session signed out or expired since
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404  # unknown tracking code or wrong PIN: the same answer
CLOSE_THROTTLED = 4429
# The staff session was left without a request for PORTAL_STAFF_IDLE_MINUTES: its next request
# signs it out (`portal.staff_idle`); 440 is the HTTP status some servers use for a login time-out.
CLOSE_IDLE = 4440

logger = logging.getLogger(__name__)

STAFF_PERMISSION = "complaints.view_case"
ADMIN_PERMISSION = "wagtailadmin.access_admin"
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _language(scope) -> str:
    """Vietnamese unless the visitor chose otherwise (as `PortalLocaleMiddleware`)."""
    query = parse_qs(scope.get("query_string", b"").decode("latin1"))
    asked = (query.get("lang") or [None])[0] or scope.get("cookies", {}).get(
        settings.LANGUAGE_COOKIE_NAME
    )
    return asked if asked in LANGUAGE_CODES else settings.LANGUAGE_CODE


def encode(content: dict) -> str:
    """A message's JSON text, as `send_json` would write it."""
    return json.dumps(content)


def _status_label(status: str, language: str, kind: str = "") -> str:
    with translation.override(language):
        return status_label(status, kind) or status


def _action_label(action: str, language: str, kind: str = "") -> str:
    with translation.override(language):
        label = KIND_ACTION_LABELS.get((kind, action))
        return str(label) if label is not None else action_label(action)


class SharedWork:
    """Work that every consumer of this process would repeat for the same change, done once.

    A change reaches every open dashboard of the process at the same moment: a thousand
    dashboards of ten users and three scopes need ten access checks and three counters reads,
    not a thousand of each, all waiting in line for the one thread that runs database work.
    `get(key, compute)` runs `compute()` for the first consumer asking for `key` and hands
    its result (or its exception) to every consumer asking while it runs and for `keep`
    seconds after. Keys name the change (`StaffCaseChange.change_id`), so a result is never
    reused for another change: each message is still checked with what was true after it
    was published."""

    def __init__(self, keep: float = 10.0):
        self.keep = keep
        self._results: dict[tuple, tuple[float, asyncio.Future]] = {}
        self._texts: dict[tuple, tuple[float, str]] = {}

    async def get(self, key: tuple, compute):
        loop = asyncio.get_running_loop()
        now = loop.time()
        entry = self._results.get(key)
        if entry is None or entry[0] < now:
            if len(self._results) > 1000:
                self._forget_expired(now)
            entry = (now + self.keep, asyncio.ensure_future(compute()))
            self._results[key] = entry
        return await asyncio.shield(entry[1])

    def text(self, key: tuple, content) -> str:
        """The JSON text of one outgoing message, encoded once per `key` for every consumer of
        the process that sends it (`content()` builds the message): a change followed by three
        thousand pages of this process is encoded once per language, not three thousand
        times."""
        now = asyncio.get_running_loop().time()
        entry = self._texts.get(key)
        if entry is None or entry[0] < now:
            if len(self._texts) > 1000:
                for old in [k for k, (until, _t) in self._texts.items() if until < now]:
                    del self._texts[old]
            entry = self._texts[key] = (now + self.keep, encode(content()))
        return entry[1]

    def _forget_expired(self, now: float) -> None:
        for key in [k for k, (until, _f) in self._results.items() if until < now]:
            future = self._results.pop(key)[1]
            if future.done() and not future.cancelled():
                future.exception()  # retrieved: no "never retrieved" warning


once = SharedWork()


def beside_database_thread(func):
    """`database_sync_to_async` on a thread of its own, not the one thread sync work shares.

    asgiref runs such a call in a copy of the caller's context, and Django keeps connections per
    context: the sweep `database_sync_to_async` does around the call (in the thread's own
    context) never sees the connection the call opened, which would stay checked out of the
    pool for good. The call closes its own connections before it returns."""

    @functools.wraps(func)
    def closing(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        finally:
            connections.close_all()

    return database_sync_to_async(closing, thread_sensitive=False)


# The users with a dashboard open in this process, and how many each (`DashboardConsumer`).
_dashboard_users: collections.Counter[int] = collections.Counter()
# The staff groups those dashboards joined, how many each, and when this process last marked
# them watched for the publisher (`broadcast_counters.groups_watched`; event-loop time).
_dashboard_groups: collections.Counter[str] = collections.Counter()
_groups_marked_at: list[float] = [float("-inf")]


class PortalConsumer(AsyncJsonWebsocketConsumer):
    """A consumer whose messages cost no thread hop of their own.

    Channels (4.2 and later) sweeps the database connections before every message it hands to
    a handler, with `await aclose_old_connections()`: a crossing into the one thread that runs
    sync work, per message and per connection. For a change followed by three thousand pages of
    one process that was three thousand crossings in a row, the largest share of the time a
    change took to reach them (`bench/live.py`, profiled). These consumers reach the database
    only through `database_sync_to_async`, which sweeps the connections itself on that thread,
    before and after each call (`channels.db.DatabaseSyncToAsync`): the sweep per message
    adds nothing for them, and is left out. A handler that reads the database must go through
    `database_sync_to_async` (`tests/complaints/live/test_consumer_dispatch.py` checks it)."""

    async def dispatch(self, message):
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def __call__(self, scope, receive, send):
        """A consumer that ends on an error still leaves its groups: uvicorn's
        websockets-sansio raises from `send` (an accept, a message) to a client already gone
        and never delivers `websocket.disconnect`, so `disconnect` would never run and a dead
        channel would stay in its groups (a day, in Redis). `disconnect` may run twice."""
        try:
            await super().__call__(scope, receive, send)
        except Exception:
            if self.channel_layer is not None:
                try:
                    await self.disconnect(1006)  # closed abnormally
                except Exception:
                    logger.exception("leaving the groups of a failed consumer failed")
            raise


class SubmissionConsumer(PortalConsumer):
    """A citizen's live timeline of one case; never identity, never internal events."""

    group_name: str | None = None

    async def connect(self):
        code = self.scope["url_route"]["kwargs"]["tracking_code"]
        query = parse_qs(self.scope.get("query_string", b"").decode("latin1"))
        pin = (query.get("pin") or [""])[0]
        outcome, tracking_code = await self._verify(code, pin, self.scope)
        if outcome != "ok":
            # Accept, then close: a browser sees the close code only after the handshake
            # (a refused handshake arrives as 1006 whatever the reason).
            await self.accept()
            await self.close(code=CLOSE_THROTTLED if outcome == "throttled" else CLOSE_NOT_FOUND)
            return
        self.language = _language(self.scope)
        self.group_name = broadcasts.group_for_case(tracking_code)
        # Joined before the handshake completes: once the page's socket is open, no event of
        # the case can pass it by (accepted first, an event recorded while the PIN was being
        # checked never reached the open socket; what happened before the socket opened, the
        # page reads from the API on connection: tracking.js).
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()  # a client gone meanwhile: `PortalConsumer.__call__` cleans up

    @database_sync_to_async
    def _verify(self, code: str, pin: str, scope) -> tuple[str, str]:
        """The tracking page's own check (`case_lookup`): the same rate limits, counted
        for the same client (behind the proxy too), and the same work for an unknown code
        as for a wrong PIN."""
        from complaints import ratelimit
        from complaints.selectors.tracking import case_lookup

        try:
            case = case_lookup(
                tracking_code=code, pin=pin, client_ip=ratelimit.scope_client_address(scope)
            )
        except ratelimit.Throttled:
            return "throttled", ""
        return ("ok", case.tracking_code) if case is not None else ("not_found", "")

    async def disconnect(self, code):
        group, self.group_name = self.group_name, None
        if group:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        """The citizen's side only listens."""

    async def case_event(self, message):
        payload = message["payload"]

        def content() -> dict:
            # A line the portal wrote itself reads in the page's language, as the tracking
            # page renders it (`public_event`); an officer's text stays the Vietnamese record.
            translated = (payload.get("messages") or {}).get(self.language)
            return {
                "type": broadcasts.CASE_EVENT,
                "action": payload["action"],
                "status": payload["status"],
                "status_label": _status_label(
                    payload["status"], self.language, payload.get("kind", "")
                ),
                "at": payload["at"],
                "message": translated or payload["message"],
                "label": _action_label(payload["action"], self.language, payload.get("kind", "")),
                # `message` is the Vietnamese record (the page marks it lang="vi").
                "recorded": bool(payload["message"]) and translated is None,
            }

        change = payload.get("change_id")
        if change is None:
            text = encode(content())
        else:  # the same text for every follower of this process reading this language
            text = once.text(("case_event", change, self.language), content)
        await self.send(text_data=text)

    async def staff_case_change(self, message):
        """Never joined by citizens; ignore if a message of this type ever arrives."""

    async def staff_counters(self, message):
        """Never joined by citizens; ignore if a message of this type ever arrives."""


class DashboardConsumer(PortalConsumer):
    """Staff dashboard: cases within the user's scope as they change, and counters.

    What is checked at connect (the user, their permissions, their scope, that the session
    signs them in, until when, and from when it is idle) is kept for the connection: each
    message compares the user's access version (`staff_access`, one cache read) and the
    session's expiry and idle time with the clock, and reloads only when the version moved (a
    sign-out moves it) or one of those times passed, so a revoked permission closes the
    connection on the next message (4403), and so does a session signed out, expired or whose
    password changed (4401), or left idle past `PORTAL_STAFF_IDLE_MINUTES` (4440; the reload
    first reads whether another tab's request restarted its clock), without a thousand open
    dashboards reloading their users or sessions for every change.
    Whether a change is in scope is decided from the message itself (kind, unit). Counters are
    read per scope from the cache (`scope_counters`: computed once per change for everyone who
    sees the same cases) and sent at most once per `DASHBOARD_COUNTERS_INTERVAL` seconds: a
    burst of changes gives one update at its end. Through a network layer the publisher counts
    the groups' usual scopes once for every process and sends them with the change (or in a
    `staff.counters` message, coalesced the same way: `complaints.broadcast_counters`)."""

    groups_joined: list[str]

    async def connect(self):
        self.groups_joined = []
        self.user = None
        self._access_version = None
        self._pending = None
        self._last_sent = 0.0
        self._mine = 0
        self._mine_stale = True
        self._promised = False  # counters promised by the publisher (`counters_follow`)
        self._change = None  # the change being handled (`StaffCaseChange.change_id`)
        self._session_key = getattr(self.scope.get("session"), "session_key", None)
        self._session_until = None  # when the session expires (epoch seconds)
        # When the session turns idle (epoch seconds), as its last request left it. The socket
        # never moves it: watching a screen is no activity. A dashboard left open on a shared
        # computer would otherwise keep the session signed in for as long as it stays open,
        # which is what the idle sign-out is there to prevent (`portal.staff_idle`); and
        # noting the time would be a session write per change for every open dashboard.
        self._idle_from = None
        self._signed_out = False
        self._idle = False
        user = self.scope.get("user")
        await self.accept()
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user_id = user.pk
        self.language = _language(self.scope)
        # A session still lacking its second factor opens nothing (portal/twofactor).
        if await database_sync_to_async(second_factor.pending_step_for_session)(
            self.scope.get("session"), user
        ) or not await self._check_access(force=True):
            await self._close_refused()
            return
        _dashboard_users[self.user_id] += 1
        self._counted = True
        for group in await self._groups_for_user():
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.append(group)
            _dashboard_groups[group] += 1
        # Before the counters are read: the publisher counts these groups from now on.
        await database_sync_to_async(broadcast_counters.groups_watched)(self.groups_joined)
        await self._send_counters()

    async def disconnect(self, code):
        if getattr(self, "_pending", None) is not None:
            self._pending.cancel()
        if getattr(self, "_counted", False):
            self._counted = False
            _dashboard_users[self.user_id] -= 1
            if _dashboard_users[self.user_id] <= 0:
                del _dashboard_users[self.user_id]
        joined, self.groups_joined = getattr(self, "groups_joined", []), []
        for group in joined:
            await self.channel_layer.group_discard(group, self.channel_name)
            _dashboard_groups[group] -= 1
            if _dashboard_groups[group] <= 0:
                del _dashboard_groups[group]

    async def receive_json(self, content, **kwargs):
        """`{"type": "dashboard.refresh"}` asks for the counters again (after a reconnect)."""
        if isinstance(content, dict) and content.get("type") == "dashboard.refresh":
            self._change = None  # the user's own question: read afresh, share nothing
            if not await self._check_access():
                await self._close_refused()
                return
            self._mine_stale = True
            await self._send_counters()

    async def case_event(self, message):
        """Citizen messages never reach staff groups; ignore if one ever arrives."""

    async def staff_case_change(self, message):
        payload = message["payload"]
        self._change = payload.get("change_id")
        if not await self._check_access():  # lost the permission, deactivated, signed out
            await self._close_refused()
            return
        await self._keep_groups_watched()
        if self._sees(payload):

            def content() -> dict:
                return {
                    "type": "dashboard.case",
                    "created": payload["created"],
                    "case_id": payload["case_id"],
                    "tracking_code": payload["tracking_code"],
                    "kind": payload["kind"],
                    "status": payload["status"],
                    "status_label": _status_label(payload["status"], self.language),
                    "action": payload["action"],
                    "at": payload["at"],
                }

            if self._change is None:
                text = encode(content())
            else:  # one text per change and language for every dashboard of the process
                text = once.text(("dashboard_case", self._change, self.language), content)
            await self.send(text_data=text)
        # "Mine" moves only with the user's own cases, or when a case changes hands.
        if payload.get("assigned_user_id") == self.user_id or payload["action"] == "assign":
            self._mine_stale = True
        # The counters change also when a case leaves the scope (reassigned away). The
        # publisher counted this group's scopes (`broadcast_counters`): they come with the
        # change, or in a `staff.counters` message at the end of the interval; a scope it does
        # not count is counted here.
        carried = payload.get("counters") or {}
        if self.scope_key in carried:
            await self._send_counters(carried[self.scope_key])
        elif self.scope_key in (payload.get("counters_follow") or ()):
            self._promised = True
        else:
            await self._counters_soon()

    async def staff_counters(self, message):
        """The counters the publisher promised with a change (`counters_follow`)."""
        payload = message["payload"]
        counted = payload.get("counters") or {}
        self._change = payload.get("change_id")
        if not await self._check_access():
            await self._close_refused()
            return
        promised, self._promised = self._promised, False
        if self.scope_key in counted:
            await self._send_counters(counted[self.scope_key])
        elif promised:  # counting failed there: count here
            await self._counters_soon()

    async def _keep_groups_watched(self):
        """Mark this process's dashboards' groups watched again before the mark lapses: once
        per change for all of them, and at most every half of `WATCHED_SECONDS`."""
        loop = asyncio.get_running_loop()
        if loop.time() - _groups_marked_at[0] < broadcast_counters.WATCHED_SECONDS / 2:
            return
        await once.get(
            ("watched", self._change),
            lambda: database_sync_to_async(broadcast_counters.groups_watched)(
                list(_dashboard_groups)
            ),
        )
        _groups_marked_at[0] = loop.time()

    def _sees(self, payload) -> bool:
        """`CaseQuerySet.in_scope_of`, decided from the message and the kept scope."""
        if self.scope_all:
            return True
        if self.scope_press and payload["kind"] == CaseKind.BAO_CHI:
            return True
        return payload.get("assigned_unit_id") in self.scope_units

    async def _counters_soon(self):
        if self._pending is not None:
            return  # a send is already scheduled: it will carry this change too
        loop = asyncio.get_running_loop()
        wait = self._last_sent + settings.DASHBOARD_COUNTERS_INTERVAL - loop.time()
        if wait <= 0:
            await self._send_counters()
            return

        async def later():
            await asyncio.sleep(wait)
            self._pending = None
            await self._send_counters()

        self._pending = asyncio.ensure_future(later())

    async def _send_counters(self, counted: dict | None = None):
        """Send the scope's counters with the user's own: `counted` (the publisher's), or read
        here (once per scope, process and change)."""
        if self._pending is not None and counted is not None:
            self._pending.cancel()  # these are newer than what it would read
            self._pending = None
        self._last_sent = asyncio.get_running_loop().time()
        change = self._change
        if counted is not None:
            counters = counted
            today = counters["today"]
        elif change is None:
            today = timezone.localdate()
            counters = await self._scope_counters(today)
        else:  # the latest change seen: one read per scope and process
            today = timezone.localdate()
            counters = await once.get(
                ("counters", self.scope_key, today, change), lambda: self._scope_counters(today)
            )
        counters = dict(counters)
        if self._mine_stale:
            self._mine_stale = False
            if change is None:
                self._mine = await self._mine_count()
            else:
                self._mine = await once.get(("mine", self.user_id, change), self._mine_count)
        counters["mine"] = self._mine

        def content() -> dict:
            return {"type": "dashboard.counters", **counters}

        if change is None:
            text = encode(content())
        else:  # the dashboards of one scope with the same "mine" get the same text
            text = once.text(("counters", self.scope_key, today, change, self._mine), content)
        await self.send(text_data=text)

    async def _check_access(self, *, force: bool = False) -> bool:
        """True while the user may use the dashboard; reloads them only when their access
        version moved since the last check. For a change, the versions of every user with a
        dashboard open in this process are read at once, by the first dashboard the change
        reaches (one cache read and one crossing into the database thread per change, not one
        per user: they queued there one after the other)."""
        if force or self._change is None:
            version = await database_sync_to_async(access_version)(self.user_id)
        else:
            versions = await once.get(
                ("access", self._change),
                lambda: database_sync_to_async(access_versions)(list(_dashboard_users)),
            )
            version = versions.get(self.user_id)
            if version is None:  # connected after the versions were read
                version = await once.get(
                    ("access", self.user_id, self._change),
                    lambda: database_sync_to_async(access_version)(self.user_id),
                )
        if not force and version == self._access_version and not self._session_lapsed():
            return self.user is not None
        return await self._reload(version)

    def _session_lapsed(self) -> bool:
        """The session may no longer sign the user in: its expiry or its idle time passed
        (the clock only; `_reload` reads what is true)."""
        now = time.time()
        return any(
            moment is not None and now >= moment
            for moment in (self._session_until, self._idle_from)
        )

    async def _close_refused(self):
        if self._idle:
            code = CLOSE_IDLE
        else:
            code = CLOSE_UNAUTHENTICATED if self._signed_out else CLOSE_FORBIDDEN
        await self.close(code=code)

    @database_sync_to_async
    def _reload(self, version) -> bool:
        from complaints.querysets import facility_scope_of
        from complaints.selectors.dashboard import scope_key

        self._access_version = version
        user = get_user_model().objects.filter(pk=self.user_id, is_active=True).first()
        signed_in = session_signs_in(self._session_key, user) if user is not None else None
        if user is not None and signed_in is None:
            self._signed_out = True
        elif signed_in is not None and signed_in.idle_from is not None:
            self._idle = time.time() >= signed_in.idle_from
        if signed_in is None or self._idle or not (
            user.has_perm(STAFF_PERMISSION) and user.has_perm(ADMIN_PERMISSION)
        ):
            self.user = None
            return False
        self._session_until = signed_in.until.timestamp()
        self._idle_from = signed_in.idle_from
        self.user = user
        self.scope_all = user.is_superuser or user.has_perm("complaints.view_all_cases")
        self.scope_press = user.has_perm("complaints.view_press_cases")
        self.scope_units = facility_scope_of(user)
        self.scope_key = scope_key(user)
        self._mine_stale = True
        return True

    @database_sync_to_async
    def _groups_for_user(self) -> list[str]:
        groups = []
        if self.scope_all or self.scope_press:
            groups.append(broadcasts.group_province())
        facility_ids = self.user.facility_memberships.values_list("facility_id", flat=True)
        groups.extend(broadcasts.group_for_unit(pk) for pk in facility_ids)
        return groups

    # Counting runs beside, not in, the one thread the access checks wait on: a province's
    # counters take a few hundred milliseconds at 100,000 cases, and every dashboard's event
    # would wait behind them for its access check.
    @beside_database_thread
    def _scope_counters(self, today) -> dict:
        """The counters of the user's scope (`mine` apart): the same for everyone who shares
        `scope_key`, computed once per change for all of them (`scope_counters`' cache)."""
        from complaints.selectors.dashboard import scope_counters

        return scope_counters(user=self.user, today=today).as_dict()

    @beside_database_thread
    def _mine_count(self) -> int:
        from complaints.selectors.dashboard import mine_count

        return mine_count(user=self.user)
