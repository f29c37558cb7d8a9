"""What every exporter sees: one document at a time, its text and spans in the chosen offsets.

Offsets are Unicode code point indices, end exclusive, into ``DocumentView.text``: the canonical
text, or the imported (raw) text when the export asks for original offsets.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from annotator.domain.model import Document, DocumentStatusValue, Relation, Span, Speaker
from annotator.domain.schema import LabelSchema
from annotator.storage.project import Project
from annotator.text import Alignment, sentence_spans, token_spans

_UNSAFE_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class DocumentView:
    """A document as an export shows it.

    ``spans`` pairs each span with its ``(start, end)`` in ``text``; ``relations`` are those
    whose two ends are both among the exported spans.
    """

    document: Document
    text: str
    spans: list[tuple[Span, int, int]]
    relations: list[Relation]
    statuses: dict[str, DocumentStatusValue]
    original: bool

    @property
    def done(self) -> bool:
        """Whether some analyst marked the document done."""
        return "done" in self.statuses.values()

    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in ``text`` offsets, found on the canonical text and mapped over."""
        canonical = self.document.canonical_text
        spans = sentence_spans(canonical)
        if not self.original:
            return spans
        alignment = Alignment(self.document.alignment)
        return [alignment.to_raw(start, end) for start, end in spans]

    def tokens(self) -> list[tuple[int, int]]:
        """hazm word-token spans of the canonical text (conll works on canonical text only)."""
        return token_spans(self.document.canonical_text)


@dataclass(frozen=True)
class ExportContext:
    """What a writer needs besides the documents: the schema and the speaker registry."""

    schema: LabelSchema
    speakers: dict[str, Speaker]
    csv_safe: bool

    def attrs(self, span: Span) -> dict[str, str]:
        """Span attributes with each speaker id written as the name, the id beside it."""
        speaker_attributes = self.schema.speaker_attributes(span.label)
        out: dict[str, str] = {}
        for name, value in sorted(span.attrs.items()):
            if name in speaker_attributes:
                speaker = self.speakers.get(value)
                out[name] = speaker.name if speaker else ""
                out[f"{name}_id"] = value
            else:
                out[name] = value
        return out

    def cell(self, value: object) -> object:
        """A CSV cell, made inert for spreadsheets when ``--csv-safe`` was asked for."""
        if self.csv_safe and isinstance(value, str) and value.startswith(_UNSAFE_STARTS):
            return "'" + value
        return value


class Writer(Protocol):
    """Writes one export file (or folder) document by document.

    ``counts`` holds what the dataset card reports per class (``label 1``, ``FAVOR``, ...).
    """

    counts: Counter[str]

    def write(self, view: DocumentView) -> int:
        """Write one document; returns the number of records written."""
        ...

    def finish(self) -> None:
        """Write what closes the file, if anything."""
        ...


def document_views(project: Project, *, original: bool, status: str, by: str
                   ) -> Iterator[DocumentView]:
    """The project's documents one at a time, in import order.

    ``status`` ``done`` keeps documents some analyst marked done; ``by`` keeps only that
    analyst's spans (``all`` keeps every span).
    """
    for document in project.documents():
        statuses = project.statuses(document.id)
        if status == "done" and "done" not in statuses.values():
            continue
        spans = [s for s in project.spans(document.id) if by == "all" or s.author == by]
        if original:
            alignment = Alignment(document.alignment)
            text = document.raw_text
            placed = [(s, *alignment.to_raw(s.start, s.end)) for s in spans]
        else:
            text = document.canonical_text
            placed = [(s, s.start, s.end) for s in spans]
        live = {s.id for s in spans}
        relations = [r for r in project.relations(document.id)
                     if r.from_id in live and r.to_id in live]
        yield DocumentView(document, text, placed, relations, statuses, original)


def sentence_around(text: str, sentences: list[tuple[int, int]], ends: list[int], start: int,
                    end: int) -> str:
    """The sentence(s) covering ``[start, end)``; the span itself when it lies between them.

    ``ends`` are the sentences' ends, computed once per document.
    """
    first = bisect.bisect_right(ends, start)
    last = first
    while last < len(sentences) and sentences[last][0] < end:
        last += 1
    if last == first:
        return text[start:end]
    return text[min(sentences[first][0], start):max(sentences[last - 1][1], end)]
