"""Offset maps between two versions of one text (raw ↔ cleaned ↔ canonical).

All positions are Unicode code point indices, end exclusive.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from annotator.lazy import lazy

if TYPE_CHECKING:  # the first text whose normalization changed it loads it (annotator/lazy.py)
    import difflib
else:
    difflib = lazy("difflib")

Run = tuple[int, int]
Opcode = tuple[str, int, int, int, int]

_Side = Literal["start", "end", "empty"]


def _normal_form(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Drop empty runs and merge neighbouring equal runs, so each mapping has one spelling."""
    out: list[Run] = []
    for raw_len, canonical_len in runs:
        if raw_len == 0 and canonical_len == 0:
            continue
        if raw_len == canonical_len and out and out[-1][0] == out[-1][1]:
            out[-1] = (out[-1][0] + raw_len, out[-1][1] + canonical_len)
        else:
            out.append((raw_len, canonical_len))
    return tuple(out)


def _is_identity(runs: tuple[Run, ...]) -> bool:
    return not runs or (len(runs) == 1 and runs[0][0] == runs[0][1])


def _is_run(value: object) -> bool:
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return False
    raw_len, canonical_len = value
    return type(raw_len) is int and type(canonical_len) is int and raw_len >= 0 \
        and canonical_len >= 0


@dataclass(frozen=True)
class Alignment:
    """A map between positions in a *raw* text and a *canonical* text.

    ``segments`` are consecutive runs ``(raw_len, canonical_len)`` covering both texts. A run
    of equal lengths maps position for position (one-for-one replacements included); a run of
    unequal lengths is an edit block whose inside has no finer map (``"\\r\\n"`` → ``"\\n"`` is
    ``(2, 1)``, a removed control ``(1, 0)``, an inserted ZWNJ ``(0, 1)``). Neighbouring equal
    runs are merged, so the identity on ``n`` characters is ``((n, n),)`` and on ``""`` is ``()``.
    """

    segments: tuple[Run, ...] = ()

    def __post_init__(self) -> None:
        runs = tuple(self.segments)
        if not all(_is_run(run) for run in runs):
            raise ValueError("alignment runs must be pairs of non-negative integers")
        # Frozen, so the normal form is stored the one way a dataclass allows.
        object.__setattr__(self, "segments", _normal_form((r[0], r[1]) for r in runs))

    @classmethod
    def identity(cls, n: int) -> Alignment:
        """The map of a text of ``n`` code points onto itself."""
        if n < 0:
            raise ValueError("length must not be negative")
        if type(n) is not int or n == 0:
            return cls(((n, n),))
        # Already in normal form: skip the check and merge that every import pays twice a file.
        identity = object.__new__(cls)
        object.__setattr__(identity, "segments", ((n, n),))
        return identity

    @classmethod
    def join(cls, parts: Iterable[Alignment]) -> Alignment:
        """The map of concatenated texts, given the maps of the pieces in order."""
        return cls(tuple(run for part in parts for run in part.segments))

    @classmethod
    def from_opcodes(cls, opcodes: Iterable[Opcode]) -> Alignment:
        """Build from ``difflib.SequenceMatcher.get_opcodes()`` (raw is ``a``, canonical ``b``)."""
        return cls(tuple((i2 - i1, j2 - j1) for _tag, i1, i2, j1, j2 in opcodes))

    @classmethod
    def between(cls, raw: str, canonical: str) -> Alignment:
        """Align two short strings by their longest common pieces (cost grows quadratically).

        Whitespace never anchors a match, only extends one: where a space moved (``"a ."`` →
        ``"a. "``) the letters and punctuation align with themselves, not the space.
        """
        if raw == canonical:
            return cls.identity(len(raw))
        # A common prefix and suffix align with themselves; difflib might pair them elsewhere.
        prefix = _common_prefix(raw, canonical)
        suffix = _common_prefix(raw[prefix:][::-1], canonical[prefix:][::-1])
        raw_middle = raw[prefix : len(raw) - suffix]
        canonical_middle = canonical[prefix : len(canonical) - suffix]
        matcher = difflib.SequenceMatcher(str.isspace, raw_middle, canonical_middle, autojunk=False)
        return cls.join(
            (
                cls.identity(prefix),
                cls.from_opcodes(matcher.get_opcodes()),
                cls.identity(suffix),
            )
        )

    @property
    def raw_length(self) -> int:
        """Length of the raw text in code points."""
        return self._raw_starts[-1]

    @property
    def canonical_length(self) -> int:
        """Length of the canonical text in code points."""
        return self._canonical_starts[-1]

    @cached_property
    def _raw_starts(self) -> list[int]:
        return _cumulative(run[0] for run in self.segments)

    @cached_property
    def _canonical_starts(self) -> list[int]:
        return _cumulative(run[1] for run in self.segments)

    def to_canonical(self, start: int, end: int) -> tuple[int, int]:
        """Map the raw span ``[start, end)`` to a canonical span (code points, end exclusive).

        A boundary strictly inside an edit block widens outward to the whole block; boundaries
        at block edges stay; characters only deleted or only inserted at the span's edges are
        left out. An empty span maps to an empty span.
        """
        return self._map(start, end, self._raw_starts, self._canonical_starts, 0)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map the canonical span ``[start, end)`` to a raw span; the mirror of ``to_canonical``."""
        return self._map(start, end, self._canonical_starts, self._raw_starts, 1)

    def _map(
        self, start: int, end: int, src: list[int], dst: list[int], axis: int
    ) -> tuple[int, int]:
        if not 0 <= start <= end <= src[-1]:
            raise ValueError(f"span ({start}, {end}) is outside a text of length {src[-1]}")
        if start == end:
            point = _map_point(start, src, dst, self.segments, axis, "empty")
            return point, point
        return (
            _map_point(start, src, dst, self.segments, axis, "start"),
            _map_point(end, src, dst, self.segments, axis, "end"),
        )

    def then(self, other: Alignment) -> Alignment:
        """Compose ``self`` (a → b) with ``other`` (b → c) into a → c."""
        if self.canonical_length != other.raw_length:
            raise ValueError(
                f"cannot compose: the first map yields {self.canonical_length} code points, "
                f"the second expects {other.raw_length}"
            )
        # Most imports change nothing past cleaning (or nothing in cleaning): skip the walk.
        if _is_identity(other.segments):
            return self
        if _is_identity(self.segments):
            return other
        return Alignment(tuple(_compose(self.segments, other.segments)))

    def inverse(self) -> Alignment:
        """The same map read the other way (canonical → raw)."""
        return Alignment(tuple((c, r) for r, c in self.segments))

    def to_json(self) -> list[list[int]]:
        """The runs as ``[[raw_len, canonical_len], ...]``."""
        return [[r, c] for r, c in self.segments]

    @classmethod
    def from_json(cls, value: object) -> Alignment:
        """Read what ``to_json`` wrote; raise ``ValueError`` on any other shape."""
        if not isinstance(value, list) or not all(_is_run(run) for run in value):
            raise ValueError("an alignment must be a list of [raw_len, canonical_len] pairs")
        return cls(tuple((run[0], run[1]) for run in value))


def _common_prefix(first: str, second: str) -> int:
    for length, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            return length
    return min(len(first), len(second))


def _cumulative(lengths: Iterable[int]) -> list[int]:
    starts = [0]
    for n in lengths:
        starts.append(starts[-1] + n)
    return starts


def _map_point(
    x: int,
    src: list[int],
    dst: list[int],
    runs: Sequence[Run],
    axis: int,
    side: _Side,
) -> int:
    """Map one boundary; ``src``/``dst`` are cumulative run starts, ``axis`` picks the source."""
    if not runs:
        return 0
    if side == "start":
        # The last run starting at or before x: skips what was only inserted before x.
        i = min(bisect_right(src, x) - 1, len(runs) - 1)
    else:
        # The first run ending at or after x: skips what was only inserted after x.
        i = bisect_left(src, x, 1) - 1
    run_src, run_dst = runs[i][axis], runs[i][1 - axis]
    offset = x - src[i]
    if run_src == run_dst:
        return dst[i] + offset
    if offset == 0:
        return dst[i]
    if offset == run_src:
        return dst[i + 1]
    return dst[i + 1] if side == "end" else dst[i]


class _Cursor:
    """Walks the runs of one map along its *b* side, the side two composed maps share."""

    def __init__(self, runs: Sequence[Run], b_axis: int) -> None:
        self.runs, self.b_axis = runs, b_axis
        self.index = 0
        self.used = 0  # b-units already consumed of the current run, if it is equal

    @property
    def done(self) -> bool:
        return self.index == len(self.runs)

    @property
    def at_equal(self) -> bool:
        return not self.done and self.runs[self.index][0] == self.runs[self.index][1]

    def take(self, limit: int) -> Run:
        """Consume at most ``limit`` b-units of an equal run, or a whole edit block.

        Returns ``(other-side units, b units)`` consumed.
        """
        run = self.runs[self.index]
        if run[0] == run[1]:
            step = min(run[0] - self.used, limit)
            self.used += step
            if self.used == run[0]:
                self.index, self.used = self.index + 1, 0
            return step, step
        self.index += 1
        return run[1 - self.b_axis], run[self.b_axis]


def _compose(first: Sequence[Run], second: Sequence[Run]) -> Iterable[Run]:
    """Runs of a → c from runs of a → b (``first``) and b → c (``second``)."""
    a, c = _Cursor(first, b_axis=1), _Cursor(second, b_axis=0)
    while not (a.done and c.done):
        if a.at_equal and c.at_equal:
            step, _ = a.take(c.runs[c.index][0] - c.used)
            c.take(step)
            yield step, step
            continue
        # An edit block: grow it until both maps have a boundary at the same b position.
        a_len = c_len = pos_a = pos_c = 0
        if not a.done and not a.at_equal:
            a_len, pos_a = a.take(0)
        if not c.done and not c.at_equal:
            c_len, pos_c = c.take(0)
        while pos_a != pos_c:
            if pos_a < pos_c:
                other, b = a.take(pos_c - pos_a)
                a_len, pos_a = a_len + other, pos_a + b
            else:
                other, b = c.take(pos_a - pos_c)
                c_len, pos_c = c_len + other, pos_c + b
        yield a_len, c_len
