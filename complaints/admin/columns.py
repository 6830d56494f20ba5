"""Listing columns of the admin's reference data in Vietnamese."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """A yes/no field as "Có"/"Không" (a plain column prints True/False, and Wagtail's
    BooleanColumn titles its icons "True"/"False")."""

    def get_value(self, instance):
        return _("Có") if super().get_value(instance) else _("Không")


def yes_no(model, field_name: str) -> YesNoColumn:
    """The column of the model's boolean field, headed by its verbose name."""
    label = capfirst(model._meta.get_field(field_name).verbose_name)
    return YesNoColumn(field_name, label=label, sort_key=field_name)
