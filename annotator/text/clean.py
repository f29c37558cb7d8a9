"""Unify newlines and remove control characters, keeping a map of every change."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.text.alignment import Alignment, Run

# One character class, not an alternation: the regex engine then skips ordinary text fast.
_SPECIAL = re.compile(r"[\r\u2028\u2029\x85\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEWLINES = "\r\u2028\u2029\x85"


@dataclass(frozen=True)
class CleanedText:
    """Decoded text with one newline convention and no stray controls.

    ``alignment`` maps decoded positions to ``text`` positions (code points);
    ``removed_controls`` counts the control characters dropped.
    """

    text: str
    alignment: Alignment
    removed_controls: int


def clean_text(decoded: str) -> CleanedText:
    """Turn ``\\r\\n``, lone ``\\r``, U+2028, U+2029 and U+0085 into ``\\n``, and drop C0 controls
    other than ``\\n`` and ``\\t``, and DEL.

    The result's alignment maps every decoded span to its cleaned span in code points.
    """
    if _SPECIAL.search(decoded) is None:  # the common case: nothing to change, nothing to copy
        return CleanedText(decoded, Alignment.identity(len(decoded)), 0)
    pieces: list[str] = []
    runs: list[Run] = []
    removed = 0
    pos = 0
    for match in _SPECIAL.finditer(decoded):
        start, end = match.span()
        if start > pos:
            pieces.append(decoded[pos:start])
            runs.append((start - pos, start - pos))
        if match.group() == "\r" and decoded.startswith("\n", end):
            pieces.append("\n")
            runs.append((2, 1))
            end += 1
        elif match.group() in _NEWLINES:
            pieces.append("\n")
            runs.append((1, 1))
        else:
            removed += 1
            runs.append((1, 0))
        pos = end
    if pos < len(decoded):
        pieces.append(decoded[pos:])
        runs.append((len(decoded) - pos, len(decoded) - pos))
    return CleanedText("".join(pieces), Alignment(tuple(runs)), removed)
