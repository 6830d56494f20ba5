"""The admin home's panel "Khóa API đối tác sắp hết hạn": the usable keys expiring within
30 days, soonest first, each linked to its page (to shorten or revoke it), for who manages
the partners (`complaints.change_partner`). The partners' contacts are mailed too
(complaints/partners/expiry.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from complaints.models import PartnerKey
from complaints.models.partners import EXPIRY_WARNING_DAYS

MANAGE_PERMISSION = "complaints.change_partner"  # who manages the partners


class ExpiringKeysPanel(Component):
    name = "partner_keys_expiring"
    order = 70
    template_name = "complaints/partners/expiring_keys_panel.html"

    def __init__(self, keys):
        self.keys = keys

    def get_context_data(self, parent_context=None):
        today = timezone.localdate(timezone=timezone.get_default_timezone())
        return {
            "heading": _("Khóa API đối tác sắp hết hạn"),
            "rows": [
                {
                    "key": key,
                    "days_left": (key.expires_on - today).days,
                    "edit_url": reverse("partner_keys:edit", args=[key.pk]),
                }
                for key in self.keys
            ],
            "index_url": reverse("partner_keys:index"),
        }


@hooks.register("construct_homepage_panels")
def add_expiring_keys_panel(request, panels):
    if not request.user.has_perm(MANAGE_PERMISSION):
        return
    keys = list(
        PartnerKey.objects.expiring_within(max(EXPIRY_WARNING_DAYS)).select_related("partner")
    )
    if keys:
        panels.append(ExpiringKeysPanel(keys))
