"""The one write path of a user's second-factor devices: set up, verify, new backup codes,
turn off, reset by an administrator. Each change is recorded in Wagtail's log (the site
history, `/admin/reports/site-history/`), on the user it concerns."""

from __future__ import annotations

import datetime
import re
from base64 import b32encode
from dataclasses import dataclass

import django_otp
import segno
from django.db import transaction
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

APP_DEVICE_NAME = "Ứng dụng xác thực"
BACKUP_DEVICE_NAME = "Mã dự phòng"
BACKUP_CODE_COUNT = 10

# Wagtail log actions (labels registered in wagtail_hooks.py).
LOG_SETUP = "portal.twofactor.setup"
LOG_BACKUP_CODES = "portal.twofactor.backup_codes"
LOG_BACKUP_CODE_USED = "portal.twofactor.backup_code_used"
LOG_DISABLE = "portal.twofactor.disable"
LOG_RESET = "portal.twofactor.reset"

_APP_CODE = re.compile(r"\d{6}")


def normalise(code: str) -> str:
    """Spaces and dashes a person may type are ignored; backup codes are lower case."""
    return re.sub(r"[\s-]+", "", code or "").lower()


def pending_app_device(user) -> TOTPDevice:
    """The authenticator being set up (unconfirmed): the same key until it is confirmed,
    so a reload or a wrong code does not change the QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_for_people(device: TOTPDevice) -> str:
    """The key as an app expects it typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code, made here (no script, no network).
    Its viewBox lets it shrink to a narrow phone's width (max-width: 100% in the page):
    a long address makes a larger code than the 375 px screen holds beside the margins."""
    code = segno.make(device.config_url, error="m")
    width, height = code.symbol_size(scale=5, border=2)
    svg = code.svg_inline(
        scale=5, title=_("Mã QR để thêm tài khoản vào ứng dụng xác thực"), border=2
    )
    return svg.replace(
        "<svg ", f'<svg viewBox="0 0 {width} {height}" style="max-width: 100%; height: auto" ', 1
    )


def _record(user, action, *, by, data=None) -> None:
    """A line in Wagtail's log on `user` (request.user is a lazy object, wrapped twice by
    the authentication and OTP middlewares: Wagtail's log needs the model instance)."""
    instances = []
    for obj in (user, by):
        while isinstance(obj, LazyObject):
            if obj._wrapped is empty:
                obj._setup()
            obj = obj._wrapped
        instances.append(obj)
    log(instances[0], action, user=instances[1], data=data or {})


@dataclass(frozen=True)
class Refused:
    """Why a code was not accepted; `wait` seconds when the device is throttled."""

    throttled: bool
    wait: int = 0


def _refusal(device) -> Refused | None:
    allowed, extra = device.verify_is_allowed()
    if allowed:
        return None
    until = (extra or {}).get("locked_until")
    wait = 1
    if until is not None:
        wait = max(1, int((until - timezone.now()).total_seconds() + 0.999))
    return Refused(throttled=True, wait=wait)


def check_code(user, code: str, device=None):
    """The device that accepts `code` (6 digits: the authenticator; otherwise a backup
    code), or a `Refused`. django-otp throttles each device: after n wrong codes the next
    try waits 2^(n-1) seconds (OTP_TOTP_THROTTLE_FACTOR, OTP_STATIC_THROTTLE_FACTOR)."""
    code = normalise(code)
    if device is None:
        model = TOTPDevice if _APP_CODE.fullmatch(code) else StaticDevice
        device = model.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            return Refused(throttled=False)
    refused = _refusal(device)
    if refused:
        return refused
    if not code:
        return Refused(throttled=False)
    verified = django_otp.verify_token(user, device.persistent_id, code)
    if verified is None:
        return Refused(throttled=False)
    return verified


def sign_in(request, device) -> None:
    """Mark this session as verified by `device` (django-otp keeps it in the session)."""
    django_otp.login(request, device)
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        _record(request.user, LOG_BACKUP_CODE_USED, by=request.user, data={"left": left})


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_setup(request, device: TOTPDevice, code: str):
    """Confirm the authenticator being set up with a code it shows: it replaces any
    earlier one, new backup codes are made (returned, to be shown once), and the session
    is verified. A `Refused` when the code is wrong or the device throttled."""
    checked = check_code(request.user, code, device=device)
    if isinstance(checked, Refused):
        return checked
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.name = APP_DEVICE_NAME
        device.save(update_fields=["confirmed", "name"])
        codes = _new_backup_codes(request.user)
        _record(request.user, LOG_SETUP, by=request.user)
    django_otp.login(request, device)
    return codes


def regenerate_backup_codes(request) -> list[str]:
    with transaction.atomic():
        codes = _new_backup_codes(request.user)
        _record(request.user, LOG_BACKUP_CODES, by=request.user)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def last_used(user) -> datetime.datetime | None:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device.last_used_at if device else None


def _delete_all(user) -> int:
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return removed


def disable(request) -> None:
    """The user turns their own second factor off (only when it is not required)."""
    with transaction.atomic():
        _delete_all(request.user)
        _record(request.user, LOG_DISABLE, by=request.user)


def reset(target, by) -> int:
    """An administrator removes every device of `target` (a lost phone): at their next
    request `target` sets up again (if required) or signs in with the password alone."""
    with transaction.atomic():
        removed = _delete_all(target)
        _record(target, LOG_RESET, by=by, data={"devices": removed})
    return removed
