"""The one JSON reader for JSON we did not write: imports, ``--schema`` files, merge sources.

Python's ``json`` recurses once per nesting level (deep input raises ``RecursionError``), turns
integers of over 4,300 digits into ``ValueError``, and accepts ``NaN`` and ``Infinity``, which
standard JSON does not have. ``loads`` refuses all of these with a short reason instead:
nesting deeper than ``MAX_DEPTH``, integers longer than ``MAX_INT_DIGITS`` digits, numbers that
are not finite. ``dumps`` is its writing half: it never writes ``NaN`` or ``Infinity``.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 64  # our own records nest 4 levels; Label Studio's 6
MAX_INT_DIGITS = 40  # an int64 has 19

# A JSON string, so that brackets inside strings are not counted as nesting.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


class UnsafeJSON(ValueError):
    """JSON that is invalid or that ``loads`` refuses; ``str()`` says why in a few words,
    ``line`` (1-based, within the text given) is where when known."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise UnsafeJSON(f"holds an integer of more than {MAX_INT_DIGITS} digits")
    return int(digits)


def _parse_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise UnsafeJSON(f"holds the number {literal[:40]}, too large for JSON")
    return value


def _parse_constant(name: str) -> Any:
    raise UnsafeJSON(f"holds {name}, which is not standard JSON")


DECODER = json.JSONDecoder(parse_int=_parse_int, parse_float=_parse_float,
                           parse_constant=_parse_constant)


def check_depth(text: str) -> None:
    """Raise ``UnsafeJSON`` when ``text`` nests arrays and objects deeper than ``MAX_DEPTH``.

    Linear per level and done by regular expressions (C speed): a text with fewer brackets
    than the limit is not scanned at all.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(MAX_DEPTH):
        brackets, removed = _INNERMOST.subn("", brackets)
        if not removed:
            break
    # Pairs left after MAX_DEPTH rounds nest deeper; so does a long run never closed.
    if _INNERMOST.search(brackets) or len(brackets) > MAX_DEPTH:
        raise UnsafeJSON(f"nests arrays or objects deeper than {MAX_DEPTH} levels")


def loads(text: str) -> Any:
    """Parse ``text`` as standard JSON within the limits above; else raise ``UnsafeJSON``."""
    check_depth(text)
    try:
        return DECODER.decode(text)
    except UnsafeJSON:
        raise
    except json.JSONDecodeError as error:
        raise UnsafeJSON(f"is not valid JSON ({error.msg} at column {error.colno})",
                         error.lineno) from None
    except (RecursionError, ValueError) as error:  # a limit Python's own parser hit first
        raise UnsafeJSON(f"is not JSON this program can read ({error})") from None


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``; ``UnsafeJSON`` for NaN or Infinity."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise UnsafeJSON("holds NaN or Infinity, which standard JSON cannot carry") from None
