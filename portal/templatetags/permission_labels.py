"""The names of the add/change/delete permissions in the active language (the group
editor): Django stores them as "Can add <verbose name>", in English whatever the language.
And the rows of the models other packages name in English in their own migrations (a
Vietnamese name on the model would be a migration of theirs): named in Vietnamese here."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

ACTION_LABELS = {
    "add": _("Được thêm %(object)s"),
    "change": _("Được sửa %(object)s"),
    "delete": _("Được xóa %(object)s"),
}


@register.simple_tag
def permission_label(permission) -> str:
    action = permission.codename.split("_")[0]
    model = permission.content_type.model_class()
    if action not in ACTION_LABELS or model is None:
        return permission.name
    return ACTION_LABELS[action] % {"object": model._meta.verbose_name}


# "<app_label>.<model>" of another package's model -> its row's name in the group editor.
OBJECT_NAMES = {
    # django-tasks' "Task Result": the report "Tác vụ nền lỗi" (portal/failed_tasks.py).
    "django_tasks_database.dbtaskresult": _("Tác vụ nền"),
}


def _a_permission_of(row: dict):
    for action in ("add", "change", "delete"):
        if action in row:
            return row[action]["perm"]
    custom = row.get("custom") or []
    return custom[0]["perm"] if custom else None


@register.simple_tag
def permission_object_name(row: dict) -> str:
    """The name of a row of the group editor's table (`format_permissions`' `object_perms`)."""
    permission = _a_permission_of(row)
    if permission is not None:
        content_type = permission.content_type
        name = OBJECT_NAMES.get(f"{content_type.app_label}.{content_type.model}")
        if name is not None:
            return str(name)
    return row["object"]
