"""The names of the add/change/delete permissions in the active language (the group
editor): Django stores them as "Can add <verbose name>", in English whatever the language."""

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
