"""Staff password-reset e-mails (`/admin/password_reset/`), throttled with the portal's own
rate limits (`complaints.ratelimit`): per target e-mail address ("password_reset_email") and
per client address ("password_reset_address"). Beyond either the page answers exactly as when
a message went out (nobody learns which addresses have an account) and nothing is sent: a
script cannot fill a colleague's mailbox, nor use the portal's mail server to do it."""

from __future__ import annotations

import logging

from wagtail.admin.forms.auth import PasswordResetForm

from complaints.ratelimit import (
    PASSWORD_RESET_ADDRESS,
    PASSWORD_RESET_EMAIL,
    Throttled,
    client_address,
)

logger = logging.getLogger(__name__)


class ThrottledPasswordResetForm(PasswordResetForm):
    """Wagtail's form (`WAGTAILADMIN_USER_PASSWORD_RESET_FORM`); Django's view calls `save`
    with the request once the form is valid, and shows the same "sent" page whatever it did."""

    def save(self, *args, request=None, **kwargs):
        try:
            PASSWORD_RESET_ADDRESS.hit(client_address(request))
            PASSWORD_RESET_EMAIL.hit(self.cleaned_data["email"].strip().lower())
        except Throttled:
            logger.warning("password-reset e-mail not sent: too many requests")
            return
        super().save(*args, request=request, **kwargs)
