"""Word and sentence spans that agree with hazm's tokenizers, computed without building them.

Every span is ``(start, end)`` in Unicode code points, end exclusive.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

# hazm's WordTokenizer pattern; every match becomes a token of its own.
_HAZM_WORD_PATTERN = r'[؟!?]+|[\d.:]+|[:.،؛»\])}"«\[({/\\]'
# Between matches hazm splits on " " only, after turning "\n" and "\t" into " ".
_TOKEN = re.compile(_HAZM_WORD_PATTERN + r'|[^ \n\t؟!?\d.:،؛»\])}"«\[({/\\]+')
# hazm's SentenceTokenizer breaks after a run of these followed by spaces or newlines.
_SENTENCE_BREAK = re.compile(r"([!.?⸮؟]+)[ \n]+|\n")


def token_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the tokens of ``hazm.WordTokenizer(join_verb_parts=False).tokenize(text)``.

    Only space, ``\\n`` and ``\\t`` part tokens, so a ZWNJ-joined word is one token.
    """
    return [match.span() for match in _TOKEN.finditer(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans: hazm ``SentenceTokenizer`` breaks plus a break at every ``\\n``.

    Each span is stripped of surrounding whitespace; no span is empty.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        end = match.end(1) if match.group(1) else match.start()
        _add_stripped(text, start, end, spans)
        start = match.end()
    _add_stripped(text, start, len(text), spans)
    return spans


def _add_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def snap_to_tokens(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """Snap the selection ``[start, end)`` (code points) to the whole tokens it touches.

    The result runs from the start of the first token the selection overlaps to the end of the
    last, so whitespace at its edges is dropped. An empty selection, or one covering only
    whitespace, is returned unchanged. ``spans`` are ``token_spans(text)``, if already known.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"selection ({start}, {end}) is outside a text of length {len(text)}")
    if start == end:
        return start, end
    if spans is None:
        spans = token_spans(text)
    first = bisect_right(spans, start, key=lambda span: span[1])
    last = bisect_left(spans, end, key=lambda span: span[0])
    if first >= last:
        return start, end
    return spans[first][0], spans[last - 1][1]
