"""Convert between code point offsets and Qt's UTF-16 positions (pure Python, no Qt).

Annotations use code point offsets; ``QTextDocument`` and ``QTextCursor`` count UTF-16 code
units, so a character outside the BMP (most emoji) counts 2 there and 1 here. QTextDocument
also turns ``\\n`` into U+2029, one unit for one, so newlines need no conversion.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def to_qt_position(text: str, offset: int) -> int:
    """The UTF-16 position of code point ``offset`` in ``text`` (0 ≤ offset ≤ len(text))."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} is outside a text of length {len(text)}")
    return offset + sum(1 for _ in _ASTRAL.finditer(text, 0, offset))


def from_qt_position(text: str, position: int) -> int:
    """The code point offset of UTF-16 ``position`` in ``text``; a position between the two
    halves of a surrogate pair gives the offset of that character."""
    return Utf16Index(text).from_qt_position(position)


class Utf16Index:
    """Repeated conversions for one text in O(log n) each, after one O(n) pass."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Code point offsets of the characters that take two UTF-16 units.
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._astral_qt = [offset + k for k, offset in enumerate(self._astral)]
        self.qt_length = self._length + len(self._astral)

    def to_qt_position(self, offset: int) -> int:
        """The UTF-16 position of code point ``offset`` (0 ≤ offset ≤ len(text))."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} is outside a text of length {self._length}")
        return offset + bisect_left(self._astral, offset)

    def from_qt_position(self, position: int) -> int:
        """The code point offset of UTF-16 ``position`` (0 ≤ position ≤ UTF-16 length); inside a
        surrogate pair it gives the offset of that character."""
        if not 0 <= position <= self.qt_length:
            raise ValueError(f"position {position} is outside a text of {self.qt_length} units")
        # Astral characters wholly before the position, i.e. starting before position - 1.
        before = bisect_left(self._astral_qt, position - 1)
        if before < len(self._astral_qt) and self._astral_qt[before] == position - 1:
            return self._astral[before]
        return position - before
