"""Offsets in the units other tools count: code points, UTF-16 code units or grapheme clusters.

Annotations use code point offsets. doccano's and Label Studio's front ends count UTF-16 code
units (JavaScript string indices), and doccano in grapheme mode counts grapheme clusters. These
functions convert at the importers and exporters of those tools, nowhere else.

Grapheme clusters follow UAX #29's extended clusters for the scripts of this project: CR LF,
combining marks, ZWJ and ZWNJ (both extend the character before them), variation selectors,
emoji modifiers and tags, ZWJ emoji sequences and regional-indicator pairs; Hangul syllable and
Indic conjunct rules are not applied.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left

from annotator.text.qt_positions import Utf16Index

UNITS = ("codepoints", "utf16", "graphemes")

_ZWJ = "\u200d"
_EXTENDERS = frozenset("\u200c\u200d") | frozenset(map(chr, range(0xFE00, 0xFE10)))


def _extends(char: str) -> bool:
    code = ord(char)
    return (char in _EXTENDERS or unicodedata.category(char) in ("Mn", "Me", "Mc")
            or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F)


def _pictographic(char: str) -> bool:
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def grapheme_starts(text: str) -> list[int]:
    """Code point offsets where each grapheme cluster of ``text`` starts, ascending."""
    starts: list[int] = []
    regional_run = 0
    for i, char in enumerate(text):
        if i == 0:
            starts.append(0)
            regional_run = 1 if _regional(char) else 0
            continue
        before = text[i - 1]
        joined = ((before == "\r" and char == "\n") or _extends(char)
                  or (before == _ZWJ and _pictographic(char))
                  or (_regional(char) and regional_run % 2 == 1))
        regional_run = regional_run + 1 if _regional(char) else 0
        if not joined:
            starts.append(i)
    return starts


class UnitIndex:
    """Converts code point offsets of one text to and from ``unit`` offsets."""

    def __init__(self, text: str, unit: str) -> None:
        if unit not in UNITS:
            raise ValueError(f"unknown offset unit {unit!r}")
        self.unit = unit
        self.length = len(text)
        self._utf16 = Utf16Index(text) if unit == "utf16" else None
        self._starts = grapheme_starts(text) if unit == "graphemes" else []

    @property
    def differs(self) -> bool:
        """Whether some offset of the text is another number in ``unit``."""
        if self._utf16 is not None:
            return self._utf16.qt_length != self.length
        return self.unit == "graphemes" and len(self._starts) != self.length

    def to_unit(self, offset: int, *, end: bool = False) -> int:
        """The ``unit`` offset of code point ``offset``. Inside a grapheme cluster: the
        cluster's start, or with ``end`` (a span's end) the cluster's end."""
        if self._utf16 is not None:
            return self._utf16.to_qt_position(offset)
        if self.unit == "graphemes":
            if offset >= self.length:
                return len(self._starts)
            cluster = bisect_left(self._starts, offset + 1) - 1
            return cluster + 1 if end and self._starts[cluster] != offset else cluster
        return offset

    def exact(self, offset: int) -> bool:
        """Whether ``offset`` is a boundary of the unit (always, but for inside a cluster)."""
        return self.unit != "graphemes" or offset >= self.length or \
            self._starts[bisect_left(self._starts, offset)] == offset

    def from_unit(self, position: int) -> int:
        """The code point offset of ``unit`` offset ``position``; raises ``ValueError`` when it
        is past the text."""
        if self._utf16 is not None:
            return self._utf16.from_qt_position(position)
        if self.unit == "graphemes":
            if not 0 <= position <= len(self._starts):
                raise ValueError(f"position {position} is outside a text of "
                                 f"{len(self._starts)} grapheme clusters")
            return self._starts[position] if position < len(self._starts) else self.length
        if not 0 <= position <= self.length:
            raise ValueError(f"offset {position} is outside a text of length {self.length}")
        return position
