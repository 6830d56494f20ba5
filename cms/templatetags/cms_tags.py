import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from complaints.reports.numbers import percent as share_percent

register = template.Library()

# Characters that could end the <script> element or start markup inside it.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, page, image_url=""):
    """The page's schema.org data in a `<script type="application/ld+json">`."""
    data = page.get_json_ld(context.get("request"))
    if image_url:
        data["image"] = image_url
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` made absolute with the request's scheme and host."""
    request = context.get("request")
    if not url or request is None or url.startswith(("http://", "https://")):
        return url or ""
    return request.build_absolute_uri(url)


@register.filter
def percent(value):
    """A share (0–1) as every on-time rate a person reads is written, in the reader's
    language (`complaints.reports.numbers.percent`: 0.873 → "87,3%", "87.3%" in English);
    None → "—"."""
    if value is None:
        return "—"
    return share_percent(value)
