"""Every button class a template uses is styled (portal.css): "Đóng hồ sơ trên thiết bị này"
(`<button class="secondary">`) was a bare browser button, as only `.button.secondary` was."""

import re
from pathlib import Path

from django.conf import settings

CSS = Path(settings.BASE_DIR) / "portal/static/portal/css/portal.css"
TEMPLATES = Path(settings.BASE_DIR) / "complaints/templates"


def _declarations(selector: str) -> str:
    css = CSS.read_text()
    found = []
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if selector in [part.strip() for part in selectors.split(",")]:
            found.append(body)
    return " ".join(found)


def test_a_secondary_button_element_is_styled_like_a_secondary_link_button():
    used = {
        cls
        for path in TEMPLATES.rglob("*.html")
        for cls in re.findall(r'<button[^>]*class="([^"]+)"', path.read_text())
    }
    assert "secondary" in used
    styles = _declarations("button.secondary")
    for declaration in ("min-height", "padding", "border-radius", "border: 2px solid"):
        assert declaration in styles, declaration
