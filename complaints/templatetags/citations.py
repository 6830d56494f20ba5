from django import template

from complaints.citations import citation_read as _citation_read
from complaints.citations import citation_vi as _citation_vi

register = template.Library()


@register.filter
def citation_vi(text) -> str:
    """A legal citation as Vietnamese reads it ("Điều 30 Luật Tố cáo", not "Art 30"): for
    what is Vietnamese whatever the reader's language (an official document's text)."""
    return _citation_vi(str(text)) if text else ""


@register.filter
def citation(text) -> str:
    """A legal citation in the reader's language: "Điều 30 Luật Tố cáo" for a Vietnamese
    reader, "Article 30 of the Law on Denunciations" for one whose interface is English."""
    return _citation_read(str(text)) if text else ""
