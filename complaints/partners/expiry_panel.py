"""The admin home's panel "Khóa API đối tác sắp hết hạn hoặc vừa hết hạn": the usable keys
expiring within 30 days, soonest first, and before them those that expired within the last
30 days (their partner is cut off until it has a new key), each linked to its page (to
shorten or revoke it), for who manages the partners (`complaints.change_partner`). One
query, however many keys. The partners' contacts are mailed too (complaints/partners/expiry.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from complaints.models import PartnerKey
from complaints.partners.key_state import EXPIRING_DAYS, expiry_text

MANAGE_PERMISSION = "complaints.change_partner"  # who manages the partners


class ExpiringKeysPanel(Component):
    name = "partner_keys_expiring"
    order = 70
    template_name = "complaints/partners/expiring_keys_panel.html"

    def __init__(self, keys):
        self.keys = keys

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        return {
            "heading": _("Khóa API đối tác sắp hết hạn hoặc vừa hết hạn"),
            "rows": [
                {
                    "key": key,
                    "expired": key.is_expired(now),
                    "expiry": expiry_text(key, now=now),
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
    keys = list(PartnerKey.objects.around_expiry(EXPIRING_DAYS).select_related("partner"))
    if keys:
        panels.append(ExpiringKeysPanel(keys))
