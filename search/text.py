"""Vietnamese text for search: one normal form (NFC), whole syllables, an exact
form (lower case, diacritics kept) and a folded form (đ→d, tones off).

A query becomes a `Query`: clauses that must all match, each clause a set of
alternative phrases (a word, or a synonym group's spellings: "vắc xin",
"vacxin", "vaccine"). Every backend reads the same `Query`, so they agree on
what matches; they differ only in how fast and how they rank."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, strip_tags

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    """Composed Unicode: some Vietnamese keyboards send "ộ" as "o" + two combining marks."""
    return unicodedata.normalize("NFC", text or "")


def fold(text: str) -> str:
    """Lower case, no diacritics: "Bệnh viện Đa khoa" -> "benh vien da khoa"."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.lower()).strip()


def plain(html_or_text: str) -> str:
    """Markup removed, whitespace collapsed, NFC."""
    return _SPACES.sub(" ", nfc(strip_tags(html_or_text or ""))).strip()


def words(text: str) -> list[str]:
    """Whole syllables, exact (lower case, diacritics kept)."""
    return _WORD.findall(nfc(text).lower())


def folded_words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def exact_stream(text: str) -> str:
    """Syllables joined by single spaces, padded: " đóng cửa " is found inside it
    only as whole syllables, never inside "những"."""
    return " " + " ".join(words(text)) + " "


def folded_stream(text: str) -> str:
    return " " + " ".join(folded_words(text)) + " "


def terms(query: str) -> list[str]:
    return folded_words(query)


@dataclass(frozen=True)
class Query:
    """What was typed, understood: `raw` (NFC), `exact` syllables, and `clauses`,
    each a tuple of alternative folded phrases (tuples of syllables)."""

    raw: str
    exact: tuple[str, ...]
    clauses: tuple[tuple[tuple[str, ...], ...], ...]

    def __bool__(self) -> bool:
        return bool(self.clauses)

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(folded_words(self.raw))

    def phrases(self) -> list[tuple[str, ...]]:
        """Every alternative phrase, for highlighting."""
        return [alt for clause in self.clauses for alt in clause]


def parse(query: str, synonyms: Iterable[Iterable[str]] = ()) -> Query:
    """The typed text as a `Query`. A synonym group whose spelling (folded, whole
    syllables) occurs in the query turns that stretch into one clause of
    alternatives; every other syllable is a clause of its own."""
    raw = nfc(query).strip()
    tokens = folded_words(raw)
    groups = [
        tuple(dict.fromkeys(tuple(folded_words(s)) for s in group if folded_words(s)))
        for group in synonyms
    ]
    groups = [g for g in groups if len(g) > 1]
    clauses: list[tuple[tuple[str, ...], ...]] = []
    i = 0
    while i < len(tokens):
        match = None
        for group in groups:
            for spelling in sorted(group, key=len, reverse=True):
                if tuple(tokens[i : i + len(spelling)]) == spelling:
                    match = (group, len(spelling))
                    break
            if match:
                break
        if match:
            clauses.append(match[0])
            i += match[1]
        else:
            clauses.append(((tokens[i],),))
            i += 1
    return Query(raw=raw, exact=tuple(words(raw)), clauses=tuple(dict.fromkeys(clauses)))


def matches(query: Query, text: str) -> bool:
    """Whether `text` matches `query` (every clause, by whole folded syllables):
    the reference the backends are tested against."""
    stream = folded_stream(text)
    return all(any(f" {' '.join(alt)} " in stream for alt in clause) for clause in query.clauses)


# -- snippets and highlights --------------------------------------------------------------


def _spans(text: str, query: Query) -> list[tuple[int, int]]:
    """(start, end) of each query phrase in `text`, whole syllables, matched folded."""
    tokens = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
    folded = [t[2] for t in tokens]
    spans = []
    for phrase in query.phrases():
        n = len(phrase)
        for i in range(len(folded) - n + 1):
            if tuple(folded[i : i + n]) == phrase:
                spans.append((tokens[i][0], tokens[i + n - 1][1]))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _cut(text: str, start: int, width: int) -> tuple[int, int]:
    """A window of about `width` characters from near `start`, cut between words."""
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    end = start + width
    if end >= len(text):
        return start, len(text)
    space = text.rfind(" ", start, end)
    return start, (space if space > start else end)


def highlight(text: str, query: Query, *, width: int = 220) -> str:
    """HTML: a window of `text` around the first match, cut at word boundaries,
    the original text escaped and each match wrapped in <mark>."""
    text = plain(text)
    spans = _spans(text, query)
    first = spans[0][0] if spans else 0
    start, end = _cut(text, max(0, first - width // 4), width)
    out = ["…" if start else ""]
    position = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[position:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        position = e
    out.append(escape(text[position:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)


def snippet(text: str, query: str | Query, *, width: int = 220) -> str:
    """The plain text of `highlight` (no markup)."""
    if isinstance(query, str):
        query = parse(query)
    return html.unescape(strip_tags(highlight(text, query, width=width)))
