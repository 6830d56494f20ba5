"""The portal's name where Wagtail's admin would say "Wagtail" (the pages' titles)."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def admin_site_name() -> str:
    """settings.WAGTAIL_SITE_NAME ("Cổng phản ánh y tế")."""
    return settings.WAGTAIL_SITE_NAME
