"""What a selection becomes: trimmed of edge punctuation, or grown to a clause or paragraph.

Every offset is a Unicode code point index into the text, end exclusive.
"""

from __future__ import annotations

import re

# Trimmed from both ends of a snapped selection (and of a name prefilled from one).
EDGE_PUNCTUATION = frozenset("«»\"'“”‘’()[]{}.,،;؛:؟?!…-–—")
_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}

# A clause ends at one of these (kept inside the clause) or before a conjunction word.
_CLAUSE_PUNCTUATION = "،؛:,;.!?؟…"
CLAUSE_CONJUNCTIONS = ("و", "اما", "ولی", "که", "زیرا", "چون", "تا", "اگر", "یا", "سپس",
                       "but", "and", "because", "or")
_CLAUSE_END = re.compile(
    rf"[{re.escape(_CLAUSE_PUNCTUATION)}]+(?=\s|$)|\n"
    rf"|\s(?=(?:{'|'.join(CLAUSE_CONJUNCTIONS)})\s)")
_PARAGRAPH_END = re.compile(r"\r?\n")


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the whitespace, quotes and punctuation at its edges.

    A bracket or guillemet whose partner is inside the selection is kept (``رضا (بابا)``); a
    pair around the whole selection goes (``«جان میلر»``). A selection of punctuation only is
    returned unchanged.
    """
    first, last = start, end
    while first < last:
        lead, tail = text[first], text[last - 1]
        if lead.isspace() or (lead in EDGE_PUNCTUATION and not (
                lead in _PAIRS and _PAIRS[lead] in text[first + 1:last - 1])):
            first += 1
        elif tail.isspace() or (tail in EDGE_PUNCTUATION and not (
                tail in _CLOSERS and _CLOSERS[tail] in text[first + 1:last - 1])):
            last -= 1
        else:
            break
    return (first, last) if first < last else (start, end)


def trim_name(name: str) -> str:
    """A name prefilled from marked text: edge punctuation and spaces trimmed, inner spaces one."""
    start, end = trim_edges(name, 0, len(name))
    trimmed = " ".join(name[start:end].split())
    return "" if all(c in EDGE_PUNCTUATION for c in trimmed) else trimmed


def clause_spans(text: str) -> list[tuple[int, int]]:
    """The clauses of ``text``: each runs to a clause end (``،`` ``؛`` ``:``, sentence
    punctuation or a line end, kept inside it) or to the space before a conjunction (``و``,
    ``اما``, ``که``… in CLAUSE_CONJUNCTIONS), without edge spaces; none is empty."""
    return _units(text, _CLAUSE_END)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The paragraphs (lines) of ``text``, without line ends or edge spaces; none is empty."""
    return _units(text, _PARAGRAPH_END)


def _units(text: str, ends: re.Pattern[str]) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in ends.finditer(text):
        bounds.append((start, match.start() if match.group().isspace() else match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    units = []
    for first, last in bounds:
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        if first < last:
            units.append((first, last))
    return units
