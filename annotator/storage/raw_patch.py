"""A document's raw text as stored: NULL, the whole text, or a patch on the canonical text.

Most imported texts differ from their canonical text only by letter folding (ي to ی, ك to ک,
Arabic-Indic digits, presentation forms): one character for one, the alignment the identity.
Storing the whole raw text for them nearly doubled a project file, so since schema 10 such a
raw text is stored as a BLOB, the UTF-8 JSON object ``{"ي": [first, gap, gap, ...], ...}``:
for each original character, the positions (code point indexes, each given as its distance
from the one before) where the raw text has it instead of the canonical text's character.
``raw_text`` is then NULL (raw == canonical), TEXT (the whole raw text) or BLOB (a patch).
"""

from __future__ import annotations

import json

from annotator.text.normalize import LETTER_FOLDS


class MalformedPatch(ValueError):
    """A stored raw-text patch that does not apply to its canonical text."""


def stored_raw(raw: str, canonical: str, identity: bool) -> str | bytes | None:
    """What the ``raw_text`` column holds for ``raw``: None when it is the canonical text, a
    patch when the alignment is the ``identity`` and only folded letters differ (checked by
    applying it), else the whole text."""
    if raw == canonical:
        return None
    if not identity or len(raw) != len(canonical):
        return raw
    changes = [(match.start(), match.group()) for match in LETTER_FOLDS.finditer(raw)]
    try:
        if not changes or _applied(canonical, changes) != raw:
            return raw  # another difference than folded letters: keep the whole text
    except MalformedPatch:
        return raw  # a folded letter that the canonical text has too
    positions: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    for at, char in changes:
        positions.setdefault(char, []).append(at - last.get(char, 0))
        last[char] = at
    return json.dumps(positions, ensure_ascii=False, separators=(",", ":")).encode()


def raw_from_stored(stored: object, canonical: str) -> str:
    """The raw text a ``raw_text`` value stands for; MalformedPatch for a BLOB that is not a
    patch of ``canonical`` and ValueError for a value of another type."""
    if stored is None:
        return canonical
    if isinstance(stored, str):
        return stored
    if isinstance(stored, bytes):
        return patched_raw(canonical, stored)
    raise ValueError(f"a raw text stored as {type(stored).__name__}")


def patched_raw(canonical: str, patch: bytes) -> str:
    """``canonical`` with the patch's characters put back, or MalformedPatch: every position
    inside the text, none twice, each a character the canonical text does not have there."""
    try:
        parsed = json.loads(patch.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise MalformedPatch("the raw text patch is not UTF-8 JSON") from None
    if not isinstance(parsed, dict) or not parsed:
        raise MalformedPatch("the raw text patch is not a JSON object of characters")
    changes: list[tuple[int, str]] = []
    for char, gaps in parsed.items():
        if len(char) != 1 or not isinstance(gaps, list) or not gaps:
            raise MalformedPatch("the raw text patch names something other than a character")
        at = 0
        for n, gap in enumerate(gaps):
            if isinstance(gap, bool) or not isinstance(gap, int) or gap < (0 if n == 0 else 1):
                raise MalformedPatch("the raw text patch has a position that is not a count")
            at += gap
            changes.append((at, char))
    changes.sort()
    return _applied(canonical, changes)


def _applied(canonical: str, changes: list[tuple[int, str]]) -> str:
    """``canonical`` with the ``(position, character)`` changes, in order of position."""
    pieces: list[str] = []
    done = 0
    for at, char in changes:
        if at < done or at >= len(canonical) or canonical[at] == char:
            raise MalformedPatch("the raw text patch does not fit the canonical text")
        pieces += (canonical[done:at], char)
        done = at + 1
    pieces.append(canonical[done:])
    return "".join(pieces)
