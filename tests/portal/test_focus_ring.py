"""The keyboard focus ring (portal.css) shows on every background of the site: two
colours (WCAG technique C40: at least 9:1 with each other, each at least 2px), one of
which has 3:1 with white, the grey panels and the blues (WCAG 2.2 SC 1.4.11). The old
ring, yellow alone, was 1.7:1 on white."""

import re
from pathlib import Path

from django.conf import settings

CSS = Path(settings.BASE_DIR) / "portal/static/portal/css/portal.css"
PUBLIC_CSS = Path(settings.BASE_DIR) / "complaints/static/complaints/public.css"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _variables(css: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))


def _rule(css: str, selector: str) -> str:
    match = re.search(rf"(?m)^{re.escape(selector)}\s*\{{([^}}]*)\}}", css)
    assert match, selector
    return match.group(1)


def test_the_focus_ring_has_two_colours_that_show_on_every_background():
    css = CSS.read_text()
    colours = _variables(css)
    rule = _rule(css, ":focus-visible")
    outline = re.search(r"outline:\s*(\d+)px solid var\(--([\w-]+)\)", rule)
    halo = re.search(r"box-shadow:\s*0 0 0 (\d+)px var\(--([\w-]+)\)", rule)
    assert outline and halo, rule
    ink, ring = colours[outline.group(2)], colours[halo.group(2)]
    assert int(outline.group(1)) >= 2 and int(halo.group(1)) - int(outline.group(1)) >= 2
    assert contrast(ink, ring) >= 9
    backgrounds = ["#ffffff", colours["bg"], colours["blue"], colours["blue-dark"], "#eef4fb"]
    for background in backgrounds:
        assert max(contrast(ink, background), contrast(ring, background)) >= 3, background


def test_no_focus_style_takes_the_ring_away():
    for path in (CSS, PUBLIC_CSS):
        for selector, body in re.findall(r"([^{}]*:focus[^{}]*)\{([^}]*)\}", path.read_text()):
            if "main:focus" in selector:
                continue  # the skip link's target, focused by the script, not a control
            assert "outline: none" not in body and "outline:none" not in body, selector
