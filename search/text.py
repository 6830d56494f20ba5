"""Text normalisation so Vietnamese matches with or without diacritics."""

import re
import unicodedata

from django.utils.html import strip_tags

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, no diacritics: "Bệnh viện Đa khoa" -> "benh vien da khoa"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.lower()).strip()


def plain(html_or_text: str) -> str:
    """Markup removed, whitespace collapsed."""
    return _SPACES.sub(" ", strip_tags(html_or_text or "")).strip()


def terms(query: str) -> list[str]:
    return _WORD.findall(fold(query))


def snippet(text: str, query: str, *, width: int = 220) -> str:
    """A window of `text` around the first query term, matched without diacritics."""
    text = plain(text)
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths: fall back to the start
        return text[:width] + ("…" if len(text) > width else "")
    positions = [folded.find(t) for t in terms(query)]
    positions = [p for p in positions if p >= 0]
    start = max(0, min(positions) - width // 4) if positions else 0
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
