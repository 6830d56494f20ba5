"""Signed-in staff are signed out after `PORTAL_STAFF_IDLE_MINUTES` (240) without a request.

A browser left open on a shared hospital computer, or a copied session cookie, no longer opens
the workspace (and a denouncer's identity, Luật Tố cáo Điều 47) for the two weeks of
`SESSION_COOKIE_AGE`: the session keeps the time of its last request, and the first request
after the idle period signs it out, the sign-in page saying why. Citizens' sessions (no
account: the tracking page's codes, the language) are never touched.

No package fitted: django-session-timeout (last release 2020) times out every session, the
citizens' too, and is sync-only; django-session-security needs its own script on every page.
The time is written at most once a minute (`REFRESH_SECONDS`), so a request costs no session
write; the editor's background pings (Wagtail's editing sessions, every few seconds while a
page is open) do not count as activity, nor does an open dashboard's WebSocket, which closes
(4440) at its next message once the session is idle (`complaints.consumers`). The session's
own expiry is left as the sign-in set it (a browser-session cookie unless "remember me" was
ticked), so closing the browser still signs out."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import alogout, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

from portal.middleware import SyncAndAsyncMiddleware

SEEN_KEY = "portal_staff_seen"
REFRESH_SECONDS = 60
DEFAULT_IDLE_MINUTES = 240
# Requests a page sends by itself, not the person: they do not keep the session alive.
BACKGROUND_PREFIXES = ("/admin/editing-sessions/",)
SIGN_OUT = "sign out"


def idle_minutes() -> int:
    return getattr(settings, "PORTAL_STAFF_IDLE_MINUTES", DEFAULT_IDLE_MINUTES)


def idle_from(seen) -> int | None:
    """The first second (epoch) at which a session whose clock reads `seen` is idle: its next
    request signs it out, and its dashboards close (`complaints.consumers`). None for a
    session without the clock (a citizen's)."""
    return seen + idle_minutes() * 60 + 1 if isinstance(seen, int) else None


def _step(seen, path: str, now: float | None):
    """What a signed-in user's request does to their session: `SIGN_OUT` (idle too long), the
    time to note (an int), or None (nothing to write)."""
    now = int(time.time() if now is None else now)
    idle = idle_from(seen)
    if idle is not None and now >= idle:
        return SIGN_OUT
    if idle is not None and path.startswith(BACKGROUND_PREFIXES):
        return None
    if idle is None or now - seen >= REFRESH_SECONDS:
        return now
    return None


def _say_why(request) -> None:
    if not request.path.startswith("/api/"):
        messages.warning(request, _(
            "Bạn đã được đăng xuất vì không thao tác trong %(minutes)d phút, để không ai "
            "khác dùng tiếp phiên làm việc trên máy này. Hãy đăng nhập lại."
        ) % {"minutes": idle_minutes()})


def check_idle(request, user, now: float | None = None) -> None:
    """Sign out `user` if their session has been idle too long, else note this request."""
    if not user.is_authenticated:
        return
    step = _step(request.session.get(SEEN_KEY), request.path, now)
    if step == SIGN_OUT:
        logout(request)
        _say_why(request)
    elif step is not None:
        request.session[SEEN_KEY] = step


async def acheck_idle(request, user, now: float | None = None) -> None:
    """`check_idle` on the event loop: the session is already loaded (`auser()` read it), so
    only a sign-out does I/O, through `alogout`."""
    if not user.is_authenticated:
        return
    step = _step(await request.session.aget(SEEN_KEY), request.path, now)
    if step == SIGN_OUT:
        await alogout(request)
        _say_why(request)
    elif step is not None:
        await request.session.aset(SEEN_KEY, step)


@receiver(user_logged_in, dispatch_uid="portal.staff_idle.start_the_clock")
def start_the_clock(sender, request=None, **kwargs) -> None:
    """The clock starts at sign-in, saved with the new session: the first request after it
    writes nothing (a GET to the sign-out page leaves the cookie alone)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SEEN_KEY] = int(time.time())


class StaffIdleTimeoutMiddleware(SyncAndAsyncMiddleware):
    """After the authentication and messages middleware: `check_idle` on every request of a
    signed-in user, before the view (which then sees an anonymous visitor: Wagtail sends
    them to the sign-in page, the staff API answers 401). Under ASGI a citizen's request
    and a staff request that writes nothing stay on the event loop."""

    def before(self, request):
        check_idle(request, request.user)
        return None

    async def abefore(self, request):
        await acheck_idle(request, await request.auser())
        return None
