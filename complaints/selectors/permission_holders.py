"""Who holds a permission, as a condition of one query (for the e-mails that go to every
holder of a role: the drafts' approvers, the press office)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q


def holding(codename: str, app_label: str = "complaints") -> Q:
    """Users holding the permission, as `ModelBackend` grants it (directly, by a group, or
    as a superuser)."""
    User = get_user_model()
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    by_group = User.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__permissions__in=permission
    )
    direct = User.user_permissions.through.objects.filter(
        user_id=OuterRef("pk"), permission__in=permission
    )
    return Q(is_superuser=True) | Exists(by_group) | Exists(direct)


def press_office_staff():
    """The press office's active staff with an address: who acts on the press cases
    (`view_press_cases` and `act_on_case`, as `complaints.services.press_intake.may_log_press`
    names the press office, without the province-wide staff who may also log an article)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(holding("view_press_cases"), holding("act_on_case"))
    )
