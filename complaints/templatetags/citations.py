from django import template

from complaints.citations import citation_vi as _citation_vi

register = template.Library()


@register.filter
def citation_vi(text) -> str:
    """A legal citation as Vietnamese reads it ("Điều 30 Luật Tố cáo", not "Art 30")."""
    return _citation_vi(str(text)) if text else ""
