"""Wagtail's admin logout, answered 405 to anything but a POST before it touches the session
cookie: Wagtail's view deletes the cookie (and says "logged out") even on the GET that
Django's `LogoutView` refuses, so any site could drop a staff member's cookie with a link
while the session itself stayed valid on the server."""

from __future__ import annotations

from wagtail.admin.views.account import LogoutView


class AdminLogoutView(LogoutView):
    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)
