"""Who must, and who may, sign in with a second factor; what a session still lacks.

Required (when `PORTAL_REQUIRE_2FA` is on, the default) for:
- administrators: superusers and whoever may change users (they can grant any right);
- holders of `complaints.view_denouncer_identity`: the denouncer's identity must be kept
  secret and leaking it is an offence of the receiving officer (Luật Tố cáo Điều 47 về
  bảo vệ người tố cáo, Điều 8 khoản 3; NĐ 31/2019 Điều 22), so a stolen password alone
  must not open it.
Offered to every other staff user; once they have a device they are asked for a code
after the password in each session, like everyone else."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, Q
from django_otp import device_classes

IDENTITY_PERMISSION = "complaints.view_denouncer_identity"
ADMINISTRATOR_PERMISSION = "auth.change_user"

# What a signed-in session still has to do before the admin opens.
VERIFY = "verify"  # has a device: enter a code
SETUP = "setup"  # required and no device yet: set one up


def required_for(user) -> bool:
    """True when this user may not use the admin without a second factor."""
    if not getattr(settings, "PORTAL_REQUIRE_2FA", True):
        return False
    if not (user.is_authenticated and user.is_active):
        return False
    return (
        user.is_superuser
        or user.has_perm(ADMINISTRATOR_PERMISSION)
        or user.has_perm(IDENTITY_PERMISSION)
    )


def is_verified(user) -> bool:
    """Verified by a device in this session (set by django-otp's OTPMiddleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def pending_step(user) -> str | None:
    """VERIFY, SETUP, or None when the session may go on."""
    if not user.is_authenticated or is_verified(user):
        return None
    return _unverified_step(user)


def pending_step_for_session(session, user) -> str | None:
    """`pending_step` for a connection that went through no Django middleware (the staff
    WebSocket): the session's device is read as django-otp's OTPMiddleware reads it."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.models import Device

    if not user.is_authenticated:
        return None
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    if device is not None and device.user_id == user.pk and device.confirmed:
        return None
    return _unverified_step(user)


def _unverified_step(user) -> str | None:
    """What a signed-in session without its second factor must do next."""
    if has_device(user):
        return VERIFY
    if required_for(user):
        return SETUP
    return None


def has_device(user) -> bool:
    """A confirmed device of any kind, as django-otp's `user_has_device` answers, in one
    query (an EXISTS per device table) instead of one query per table: every admin request
    of a session without its second factor asks it (most staff have no device). Not cached
    in the session or the cache: once the user sets a device up, every other session of
    theirs must ask for its code at its next request."""
    if not user.is_authenticated:
        return False
    any_device = Q()
    for model in device_classes():
        any_device |= Q(Exists(model.objects.devices_for_user(user, confirmed=True)))
    if not any_device:
        return False  # no device plugin installed
    return get_user_model()._default_manager.filter(any_device, pk=user.pk).exists()
