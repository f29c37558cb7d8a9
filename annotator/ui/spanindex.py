"""The spans of one document, kept sorted so the view finds those on screen in O(log n)."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable

from annotator.domain.model import Span

_LONG = 4000  # code points; longer spans (whole turns, documents) are scanned separately


class SpanIndex:
    """Live spans ordered by (start, end, id); offsets are code points of the canonical text."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._by_id: dict[str, Span] = {}
        self._keys: list[tuple[int, int, str]] = []
        self._long: dict[str, Span] = {}
        for span in spans:
            self._by_id[span.id] = span
            if span.end - span.start > _LONG:
                self._long[span.id] = span
        self._keys = sorted((s.start, s.end, s.id) for s in self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._by_id

    def get(self, span_id: str) -> Span | None:
        return self._by_id.get(span_id)

    def add(self, span: Span) -> None:
        if span.id in self._by_id:
            self.remove(span.id)
        self._by_id[span.id] = span
        insort(self._keys, (span.start, span.end, span.id))
        if span.end - span.start > _LONG:
            self._long[span.id] = span

    def remove(self, span_id: str) -> Span | None:
        span = self._by_id.pop(span_id, None)
        if span is not None:
            key = (span.start, span.end, span.id)
            del self._keys[bisect_left(self._keys, key)]
            self._long.pop(span_id, None)
        return span

    def ordered(self) -> list[Span]:
        return [self._by_id[key[2]] for key in self._keys]

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans sharing at least one code point with ``[start, end)``, in order."""
        found = dict(self._long) if self._long else {}
        low = bisect_left(self._keys, (start - _LONG, -1, ""))
        high = bisect_left(self._keys, (end, -1, ""))
        for key in self._keys[low:high]:
            if key[1] > start:
                found[key[2]] = self._by_id[key[2]]
        spans = [s for s in found.values() if s.start < end and s.end > start]
        return sorted(spans, key=lambda s: (s.start, s.end, s.id))

    def at(self, offset: int) -> list[Span]:
        """Spans covering the code point at ``offset``, shortest first."""
        return sorted(self.overlapping(offset, offset + 1), key=lambda s: (s.end - s.start, s.id))

    def after(self, offset: int) -> Span | None:
        """The first span starting after ``offset``."""
        index = bisect_left(self._keys, (offset + 1, -1, ""))
        return self._by_id[self._keys[index][2]] if index < len(self._keys) else None

    def before(self, offset: int) -> Span | None:
        """The last span starting before ``offset``."""
        index = bisect_left(self._keys, (offset, -1, "")) - 1
        return self._by_id[self._keys[index][2]] if index >= 0 else None
