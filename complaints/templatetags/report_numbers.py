from django import template

from complaints.reports.numbers import percent as _percent

register = template.Library()


@register.filter
def percent(rate) -> str:
    """A share (0–1) as the reader's language writes a percentage ("87,5%", "87.5%")."""
    return _percent(rate)
