"""Where N, P and U go: the next or previous mark, and the next sentence no mark touches.

Pure functions of the document's text and spans; offsets are code points, end exclusive.
"""

from __future__ import annotations

from annotator.domain.model import Span
from annotator.text import sentence_spans
from annotator.ui.spanindex import SpanIndex


def step_target(spans: SpanIndex, current: Span | None, cursor: int, step: int) -> Span | None:
    """The mark after (``step`` +1) or before (-1) ``current``, or else the cursor at code
    point ``cursor``; None when there is none in that direction."""
    offset = current.start if current is not None else cursor - (1 if step > 0 else 0)
    target = spans.after(offset) if step > 0 else spans.before(offset)
    if current is None or (target is not None and step < 0):
        return target
    # Several spans may start at one offset: walk them in index order.
    ordered = spans.ordered()
    position = next(i for i, s in enumerate(ordered) if s.id == current.id)
    if target is None:
        return ordered[position + step] if 0 <= position + step < len(ordered) else None
    if position + 1 < len(ordered) and ordered[position + 1].start == current.start:
        return ordered[position + 1]
    return target


def next_unmarked_sentence(text: str, spans: SpanIndex, start: int) -> tuple[int, int] | None:
    """The first sentence ``[start, end)`` ending after code point ``start`` that no span
    overlaps; None when every one has a mark."""
    for sentence_start, sentence_end in sentence_spans(text):
        if sentence_end > start and not spans.overlapping(sentence_start, sentence_end):
            return sentence_start, sentence_end
    return None
