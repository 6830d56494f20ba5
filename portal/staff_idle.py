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
page is open) do not count as activity. The session's own expiry is left as the sign-in set
it (a browser-session cookie unless "remember me" was ticked), so closing the browser still
signs out."""

from __future__ import annotations

import time

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

SEEN_KEY = "portal_staff_seen"
REFRESH_SECONDS = 60
DEFAULT_IDLE_MINUTES = 240
# Requests a page sends by itself, not the person: they do not keep the session alive.
BACKGROUND_PREFIXES = ("/admin/editing-sessions/",)


def idle_minutes() -> int:
    return getattr(settings, "PORTAL_STAFF_IDLE_MINUTES", DEFAULT_IDLE_MINUTES)


def check_idle(request, user, now: float | None = None) -> None:
    """Sign out `user` if their session has been idle too long, else note this request."""
    if not user.is_authenticated:
        return
    now = int(time.time() if now is None else now)
    minutes = idle_minutes()
    seen = request.session.get(SEEN_KEY)
    if isinstance(seen, int) and now - seen > minutes * 60:
        logout(request)
        if not request.path.startswith("/api/"):
            messages.warning(request, _(
                "Bạn đã được đăng xuất vì không thao tác trong %(minutes)d phút, để không ai "
                "khác dùng tiếp phiên làm việc trên máy này. Hãy đăng nhập lại."
            ) % {"minutes": minutes})
        return
    if request.path.startswith(BACKGROUND_PREFIXES) and isinstance(seen, int):
        return
    if not isinstance(seen, int) or now - seen >= REFRESH_SECONDS:
        request.session[SEEN_KEY] = now


@receiver(user_logged_in, dispatch_uid="portal.staff_idle.start_the_clock")
def start_the_clock(sender, request=None, **kwargs) -> None:
    """The clock starts at sign-in, saved with the new session: the first request after it
    writes nothing (a GET to the sign-out page leaves the cookie alone)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SEEN_KEY] = int(time.time())


class StaffIdleTimeoutMiddleware:
    """After the authentication and messages middleware: `check_idle` on every request of a
    signed-in user, before the view (which then sees an anonymous visitor: Wagtail sends
    them to the sign-in page, the staff API answers 401)."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        check_idle(request, request.user)
        return self.get_response(request)

    async def __acall__(self, request):
        user = await request.auser()
        if user.is_authenticated:  # a citizen's request stays on the event loop
            await sync_to_async(check_idle)(request, user)
        return await self.get_response(request)
