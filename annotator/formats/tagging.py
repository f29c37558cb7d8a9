"""Token tags for sequence labelling: BIO or BIOES over hazm word tokens, sentence by sentence.

``conll`` has one tag column per label; ``conll2003`` and ``tokens-jsonl`` one column, for one
``--label`` or for every label with the schema's order as priority. A chunk never crosses a
sentence break: a span running over one starts again with ``B-`` (``S-``) in the next sentence,
so every sentence is valid BIO (BIOES) on its own. Offsets are code points of the canonical text.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO

from annotator.domain.errors import InputError
from annotator.formats.export_view import DocumentView, ExportContext

TAGGINGS = ("bio", "bioes")

Owners = list[int]  # per token: the index of the span that tags it, or -1


def place_spans(view: DocumentView, labels: Sequence[str], tokens: list[tuple[int, int]],
                counts: Counter[str]) -> tuple[Owners, list[str]]:
    """One owner per token for spans of ``labels`` (earlier labels win where spans overlap).

    A token is inside a span when any of its characters is. Spans are placed by label
    priority, then by start, longest first; a span that would re-tag a token already tagged is
    left out and counted, unless it covers exactly the same tokens with the same label.
    Returns the owners and the label of each owner index.
    """
    token_starts = [start for start, _ in tokens]
    token_ends = [end for _, end in tokens]
    owners: Owners = [-1] * len(tokens)
    owner_labels: list[str] = []
    priority = {label: n for n, label in enumerate(labels)}
    placed: set[tuple[int, int, str]] = set()
    chosen = [s for s in view.spans if s[0].label in priority]
    for span, start, end in sorted(chosen, key=lambda s: (priority[s[0].label], s[1], -s[2],
                                                          s[0].id)):
        first = bisect.bisect_right(token_ends, start)
        last = bisect.bisect_left(token_starts, end)
        if first >= last:
            counts[f"{span.label} left out (no token)"] += 1
            continue
        if (first, last, span.label) in placed:
            continue
        taken = {owner_labels[o] for o in owners[first:last] if o >= 0}
        if taken:
            other = span.label if taken == {span.label} else "/".join(sorted(taken))
            counts[f"{span.label} left out (overlaps another {other})"] += 1
            continue
        placed.add((first, last, span.label))
        owner_labels.append(span.label)
        owners[first:last] = [len(owner_labels) - 1] * (last - first)
    return owners, owner_labels


def sentence_tags(owners: Owners, owner_labels: list[str], first: int, last: int,
                  tagging: str) -> list[str]:
    """The tags of tokens ``first..last`` (one sentence): chunks restart at the sentence."""
    tags: list[str] = []
    for i in range(first, last):
        owner = owners[i]
        if owner < 0:
            tags.append("O")
            continue
        label = owner_labels[owner]
        begins = i == first or owners[i - 1] != owner
        ends = i + 1 == last or owners[i + 1] != owner
        if tagging == "bioes":
            prefix = ("S" if ends else "B") if begins else ("E" if ends else "I")
        else:
            prefix = "B" if begins else "I"
        tags.append(f"{prefix}-{label}")
    return tags


def sentences_of_tokens(view: DocumentView, tokens: list[tuple[int, int]]
                        ) -> Iterator[tuple[int, int]]:
    """``(first, last)`` token indices of each sentence that has tokens."""
    token_starts = [start for start, _ in tokens]
    for start, end in view.sentences():
        first = bisect.bisect_left(token_starts, start)
        last = bisect.bisect_left(token_starts, end)
        if last > first:
            yield first, last


def tag_labels(context: ExportContext, label: str | None) -> list[str]:
    """The labels of a one-column tagging: ``label`` alone, else every label by priority."""
    names = list(context.schema.label_names)
    if label is None:
        return names
    if label not in names:
        raise InputError(f"--label {label!r} is not a label of the project's schema "
                         f"({', '.join(names)})")
    return [label]


def _canonical_only(view: DocumentView, fmt: str) -> None:
    if view.original:
        raise InputError(f"{fmt} writes the canonical text's tokens; use --offsets canonical")


class _TagWriter:
    """What the token-tag writers share: the labels they tag, the scheme, overlap counts."""

    def __init__(self, stream: IO[str], context: ExportContext, *, label: str | None,
                 tagging: str) -> None:
        self.stream = stream
        self.labels = tag_labels(context, label)
        self.tagging = tagging
        self.counts: Counter[str] = Counter()

    def finish(self) -> None:
        pass


class Conll2003Writer(_TagWriter):
    """``token TAG`` lines (one space), a blank line after each sentence, and
    ``-DOCSTART- O`` then a blank line before each document; no comments."""


    def write(self, view: DocumentView) -> int:
        _canonical_only(view, "conll2003")
        text = view.document.canonical_text
        tokens = view.tokens()
        owners, owner_labels = place_spans(view, self.labels, tokens, self.counts)
        out = ["-DOCSTART- O\n\n"]
        for first, last in sentences_of_tokens(view, tokens):
            tags = sentence_tags(owners, owner_labels, first, last, self.tagging)
            out.extend(f"{text[tokens[i][0]:tokens[i][1]]} {tag}\n"
                       for i, tag in zip(range(first, last), tags, strict=True))
            out.append("\n")
        self.stream.write("".join(out))
        return len(tokens)



def sentence_records(view: DocumentView, labels: Sequence[str], tagging: str,
                     counts: Counter[str]) -> Iterator[dict[str, object]]:
    """One record per sentence: ``doc_id``, ``sentence_id`` (from 1, counting sentences with
    tokens), ``start``/``end`` (code points), ``text``, ``tokens`` and ``ner_tags``."""
    _canonical_only(view, "a token table")
    text = view.document.canonical_text
    tokens = view.tokens()
    owners, owner_labels = place_spans(view, labels, tokens, counts)
    for number, (first, last) in enumerate(sentences_of_tokens(view, tokens), start=1):
        start, end = tokens[first][0], tokens[last - 1][1]
        yield {"doc_id": view.document.id, "sentence_id": number, "start": start, "end": end,
               "text": text[start:end],
               "tokens": [text[a:b] for a, b in tokens[first:last]],
               "ner_tags": sentence_tags(owners, owner_labels, first, last, tagging)}


class TokensJsonlWriter(_TagWriter):
    """One JSON line per sentence, the Hugging Face token-classification layout."""


    def write(self, view: DocumentView) -> int:
        lines = [json.dumps(record, ensure_ascii=False) + "\n"
                 for record in sentence_records(view, self.labels, self.tagging, self.counts)]
        self.stream.write("".join(lines))
        return len(lines)

