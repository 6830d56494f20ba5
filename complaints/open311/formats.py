"""JSON and XML answers in the shapes of GeoReport v2: lists are repeated elements
named by their parent (`services` → `service`), `null` is an empty element."""

from __future__ import annotations

import json
from xml.etree import ElementTree

from django.http import HttpResponse

# Element name of the items of each list (GeoReport v2 examples).
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ElementTree.SubElement(element, key), item)
    elif isinstance(value, list):
        tag = ITEM_TAGS.get(element.tag, "item")
        for item in value:
            _fill(ElementTree.SubElement(element, tag), item)
    elif value is not None:
        element.text = _text(value)


def render(data, *, root: str, fmt: str, status: int = 200, headers=None) -> HttpResponse:
    """`data` (a list or an object) as JSON, or as XML under `root`."""
    if fmt == "xml":
        element = ElementTree.Element(root)
        _fill(element, data)
        body = ElementTree.tostring(element, encoding="unicode")
        content = '<?xml version="1.0" encoding="utf-8"?>\n' + body
        response = HttpResponse(content, status=status, content_type="text/xml; charset=utf-8")
    else:
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False),
            status=status,
            content_type="application/json; charset=utf-8",
        )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def errors(items: list[tuple[int, str]], *, fmt: str, status: int, headers=None) -> HttpResponse:
    """The specification's error list: `[{"code": …, "description": …}]`."""
    data = [{"code": code, "description": str(description)} for code, description in items]
    return render(data, root="errors", fmt=fmt, status=status, headers=headers)
