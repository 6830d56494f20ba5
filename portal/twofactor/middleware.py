"""The admin opens only once the second factor is done.

After `django_otp.middleware.OTPMiddleware` (which sets `request.user.is_verified()`):
a signed-in user whose session still lacks its second factor (`policy.pending_step`)
is sent from any admin page to the code page (a device to use) or to the setup page
(required and none yet), with `next` to come back. The sign-in, sign-out and
password-reset pages, the two pages themselves and the admin's static pieces stay open.
The staff API refuses such a session in `complaints/api/auth.py`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin

from portal.twofactor import policy

# Admin URL names open to a session that has not finished its second factor.
OPEN_URL_NAMES = frozenset({
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "twofactor_verify",
    "twofactor_setup",
})  # fmt: skip
STEP_URL_NAMES = {policy.VERIFY: "twofactor_verify", policy.SETUP: "twofactor_setup"}


class SecondFactorMiddleware(MiddlewareMixin):
    """Sync and async alike (MiddlewareMixin): the ASGI chain stays async; Django runs
    `process_view` in a thread, as it reads the user's devices."""

    _admin_prefix = None

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self._admin_prefix is None:
            self._admin_prefix = reverse("wagtailadmin_home")
        if not request.path_info.startswith(self._admin_prefix):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_URL_NAMES:
            return None
        step = policy.pending_step(request.user)
        if step is None:
            return None
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(STEP_URL_NAMES[step])}?{query}")
