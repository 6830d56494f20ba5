from django import template

from complaints.selectors.history import staff_name as _staff_name

register = template.Library()


@register.filter
def staff_name(user) -> str:
    """A staff member's name in Vietnamese order (họ, tên đệm, tên)."""
    return _staff_name(user) if user is not None else ""
