"""A version number of what each staff member may see, moved whenever their permissions,
groups, facility memberships or active flag change, and when they sign out (and, for
everyone, when a group's permissions or the facility tree change).

Long-lived connections (the dashboard WebSocket) keep the user and the scope they checked at
connect and compare versions per message: one cache read instead of reloading the user, and a
revoked permission still takes effect on the next message. What they reload includes whether
their session still signs them in (`session_signs_in`): a sign-out moves the version, so the
dashboards of that session close on their next message."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from django.contrib.auth import get_user_model, user_logged_out
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

GLOBAL_KEY = "staff-access:all"


def _user_key(user_id: int) -> str:
    return f"staff-access:user:{int(user_id)}"


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set yet, or evicted: any new value differs from a kept one
        cache.set(key, _fresh(), timeout=None)


def _fresh() -> int:
    import time

    return time.monotonic_ns()


def access_version(user_id: int) -> tuple[int, int]:
    """(everyone's, this user's) versions; compare with the pair read earlier."""
    values = cache.get_many([GLOBAL_KEY, _user_key(user_id)])
    everyone = values.get(GLOBAL_KEY)
    mine = values.get(_user_key(user_id))
    if everyone is None:
        everyone = cache.get_or_set(GLOBAL_KEY, _fresh(), timeout=None)
    if mine is None:
        mine = cache.get_or_set(_user_key(user_id), _fresh(), timeout=None)
    return everyone, mine


def access_versions(user_ids) -> dict[int, tuple[int, int]]:
    """`access_version` of several users in one cache read (`get_many`): what a process's
    dashboards check for a change, whoever of them it reaches."""
    ids = sorted({int(pk) for pk in user_ids})
    values = cache.get_many([GLOBAL_KEY, *(_user_key(pk) for pk in ids)])
    if values.get(GLOBAL_KEY) is None or any(values.get(_user_key(pk)) is None for pk in ids):
        return {pk: access_version(pk) for pk in ids}  # a key not set yet, or evicted
    return {pk: (values[GLOBAL_KEY], values[_user_key(pk)]) for pk in ids}


class SignedIn(NamedTuple):
    until: datetime  # the session's expiry
    idle_from: int | None  # when it turns idle, in epoch seconds (`portal.staff_idle`)


def session_signs_in(session_key: str | None, user) -> SignedIn | None:
    """Until when the session `session_key` signs `user` in (its expiry) and from when it is
    idle, or None when it no longer signs them in: signed out, expired, deleted, another
    user's, or the password changed since (the check of `django.contrib.auth.get_user`)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
    from django.utils import timezone
    from django.utils.crypto import constant_time_compare

    from portal import staff_idle

    if not session_key:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    if hasattr(store, "get_model_class"):  # in the database: its row says when it expires
        row = (
            store.get_model_class()
            .objects.filter(session_key=session_key, expire_date__gt=timezone.now())
            .values_list("session_data", "expire_date")
            .first()
        )
        data, until = (store.decode(row[0]), row[1]) if row else ({}, None)
    else:
        data, until = store.load(), store.get_expiry_date()
    kept = data.get(HASH_SESSION_KEY) or ""
    if str(data.get(SESSION_KEY)) != str(user.pk) or not any(
        constant_time_compare(kept, known)
        for known in (user.get_session_auth_hash(), *user.get_session_auth_fallback_hash())
    ):
        return None
    return SignedIn(until, staff_idle.idle_from(data.get(staff_idle.SEEN_KEY)))


User = get_user_model()


def session_replaced(user_id) -> None:
    """Someone else signs in in a browser where `user_id` was signed in: their session
    there ends without a sign-out signal (`portal.login.StaffLoginForm`); as a sign-out,
    it moves their version so those dashboards check their session."""
    _bump(_user_key(int(user_id)))


@receiver(user_logged_out, dispatch_uid="staff_access.signed_out")
def _user_signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        _bump(_user_key(user.pk))


@receiver(post_save, sender=User, dispatch_uid="staff_access.user_saved")
@receiver(post_delete, sender=User, dispatch_uid="staff_access.user_deleted")
def _user_changed(sender, instance, **kwargs) -> None:
    _bump(_user_key(instance.pk))


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="staff_access.groups")
@receiver(
    m2m_changed, sender=User.user_permissions.through, dispatch_uid="staff_access.user_perms"
)
def _user_relations_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, User):
        _bump(_user_key(instance.pk))
    else:  # changed from the group's or the permission's side
        _bump(GLOBAL_KEY)


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="staff_access.group_perms")
def _group_permissions_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        _bump(GLOBAL_KEY)


def _membership_changed(sender, instance, **kwargs) -> None:
    _bump(_user_key(instance.user_id))


def _facility_changed(sender, instance, **kwargs) -> None:
    # A moved facility changes the subtree, hence the scope, of whoever works above it.
    _bump(GLOBAL_KEY)


def connect_receivers() -> None:
    from complaints.models import Facility, FacilityMembership

    for signal in (post_save, post_delete):
        signal.connect(
            _membership_changed, sender=FacilityMembership, dispatch_uid=f"staff_access.m.{signal}"
        )
        signal.connect(_facility_changed, sender=Facility, dispatch_uid=f"staff_access.f.{signal}")
