"""A draft brought up to its case (`document_refresh`): the lines the case changed, taken
into the draft's text where the officer left them as drafted; the officer's own lines kept."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Merged:
    text: str
    taken: int  # changes of the case written into the text
    kept: int  # changes not written: the officer had edited those lines


def _find(lines: list[str], chunk: list[str]) -> int:
    for start in range(len(lines) - len(chunk) + 1):
        if lines[start:start + len(chunk)] == chunk:
            return start
    return -1


def merged(current: str, drafted: str, now: str) -> Merged:
    """`current`: the draft as the officer left it; `drafted`: the template filled as the
    draft was (its step's fields then); `now`: filled from the case as it is. Each run of
    lines that differs between `drafted` and `now` replaces the same run in `current`, if
    the officer left it unchanged; else the officer's text stays and it is counted `kept`."""
    if drafted == now:
        return Merged(current, 0, 0)
    lines = current.splitlines()
    before, after = drafted.splitlines(), now.splitlines()
    taken = kept = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        # Lines only added: after the line they follow (or at the top).
        chunk = before[i1:i2] or before[i1 - 1:i1]
        start = _find(lines, chunk)
        if not before[i1:i2] and start >= 0:
            start, chunk = start + len(chunk), []
        elif not before[i1:i2] and i1 == 0:
            start = 0
        if start < 0:
            kept += 1
            continue
        lines[start:start + len(chunk)] = after[j1:j2]
        taken += 1
    return Merged("\n".join(lines), taken, kept)
