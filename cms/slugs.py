"""Page slugs in plain letters (issue 11, item 5): "Tập huấn đội ngũ" → "tap-huan-doi-ngu".

`WAGTAIL_ALLOW_UNICODE_SLUGS = False` makes Wagtail transliterate by decomposing accents,
which handles every Vietnamese letter but đ/Đ (a letter of its own, not a d with a mark):
Django's `slugify` would drop it ("đội" → "oi"). It is mapped first."""

from __future__ import annotations

from django.utils.text import slugify

_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})


def plain_slug(text: str) -> str:
    return slugify((text or "").translate(_LETTERS), allow_unicode=False)
