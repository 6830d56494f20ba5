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


class AlertRecipientsColumn(Column):
    """Who a case routed to the unit alerts: "Thư điện tử đơn vị", "n cán bộ", or "Không có
    người nhận thông báo" (its alerts then go to a stand-in unit:
    `complaints.notifications.staff.stand_in_unit`). Reads the listing's `notified_staff`
    annotation (`FacilityIndexView`)."""

    def get_value(self, instance):
        parts = []
        if instance.email:
            parts.append(str(_("thư điện tử đơn vị")))
        if staff := getattr(instance, "notified_staff", 0):
            parts.append(str(_("%(count)s cán bộ") % {"count": staff}))
        if not parts:
            return _("Không có người nhận thông báo")
        return capfirst(", ".join(parts))
