"""Page slugs in plain letters (issue 11, item 5): "Tập huấn đội ngũ" → "tap-huan-doi-ngu".

`WAGTAIL_ALLOW_UNICODE_SLUGS = False` makes Wagtail transliterate by decomposing accents,
which handles every Vietnamese letter but đ/Đ (a letter of its own, not a d with a mark):
Django's `slugify` would drop it ("đội" → "oi"). It is mapped first. The separators inside
a document's number, a date or a time ("2145/SYT-NVY", "12\\KH", "01.09.2026", "8:30", "số_12")
become hyphens first (`SEPARATORS`): `slugify` alone drops them, gluing the parts
("2145syt-nvy" instead of "2145-syt-nvy"). A page keeps the slug it has: only slugs made
from now on change.

The admin's script fills the slug from the title itself (Wagtail's `urlify`): it knows no
Vietnamese letter (it dropped "ở", "ạ"… and made "đ" "dj", after Serbian). The page form
(`PortalPageForm`) gives its slug field `BROWSER_FORMATTERS`, applied before `urlify` and
`slugify`, so the editor sees the slug the page will have (a "/", "\\", ".", ":"… a hyphen
there too; an underscore, a letter of a slug an editor may type, is left to Wagtail's
script); and every page type
(`PortalPage.full_clean`) and the form turn a slug left with other letters (typed, pasted,
sent by the API) into plain letters on the server, before it is validated."""

from __future__ import annotations

import json
import re
import unicodedata

from django.utils.text import slugify

_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})
# Between the parts of a number, a symbol, a date or a time: a hyphen in a slug.
SEPARATORS = re.compile(r"[/\\_.:,;|+&()\[\]]+")
# The same but the underscore, for the browser (`_browser_formatters`).
_BROWSER_SEPARATORS = r"[/\\.:,;|+&()\[\]]+"


def plain_slug(text: str) -> str:
    """ "Phản hồi bài báo số 2145/SYT-NVY" → "phan-hoi-bai-bao-so-2145-syt-nvy"."""
    return slugify(SEPARATORS.sub(" ", (text or "").translate(_LETTERS)), allow_unicode=False)


def plain_letters(slug: str) -> str:
    """`slug` unchanged when it is already ASCII (an editor's own slug is kept as typed),
    else in plain letters."""
    slug = slug or ""
    return slug if slug.isascii() else plain_slug(slug)


def _browser_formatters() -> list[tuple[str, str]]:
    """(regex, replacement) pairs for Wagtail's slug controller: every precomposed Latin
    letter with marks (the Vietnamese ones and others) → its base letter, đ/Đ → d,
    combining marks (a title typed in decomposed form) dropped, and the separators of
    `SEPARATORS` but the underscore → "-" (Wagtail's script would drop them, gluing
    "2145/SYT" into "2145syt"; the server makes "2145-syt")."""
    groups: dict[str, list[str]] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            groups.setdefault(base.lower(), []).append(char)
    groups.setdefault("d", []).extend(["đ", "Đ"])
    pairs = [(f"[{''.join(chars)}]", letter) for letter, chars in sorted(groups.items())]
    pairs.append(("[\u0300-\u036f]", ""))
    pairs.append((_BROWSER_SEPARATORS, "-"))
    return pairs


BROWSER_FORMATTERS = _browser_formatters()


def formatters_attr() -> str:
    """The `data-w-slug-formatters-value` attribute (Wagtail's `SlugInput(formatters=…)`)."""
    from wagtail.coreutils import get_js_regex

    return json.dumps(
        [[get_js_regex(re.compile(regex)), repl] for regex, repl in BROWSER_FORMATTERS],
        separators=(",", ":"),
        ensure_ascii=False,
    )



class PlainSlugFormMixin:
    """Every portal page's admin form: its slug field transliterates Vietnamese in the
    browser, and a slug left with other letters is made plain before the form checks it
    is free under the parent (Wagtail's `clean`). `PortalPage` adds it to a page type's
    own form (`with_plain_slug`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if field := self.fields.get("slug"):
            field.widget.attrs["data-w-slug-formatters-value"] = formatters_attr()

    def clean_slug(self):
        return plain_letters(self.cleaned_data.get("slug"))


def with_plain_slug(form_class):
    """`form_class` with `PlainSlugFormMixin` (itself when it has it already)."""
    if issubclass(form_class, PlainSlugFormMixin):
        return form_class
    return type(form_class)(
        form_class.__name__, (PlainSlugFormMixin, form_class), {"__module__": form_class.__module__}
    )


def _page_form_class():
    from wagtail.admin.forms import WagtailAdminPageForm

    return with_plain_slug(WagtailAdminPageForm)


PortalPageForm = _page_form_class()
