"""What every exporter sees: one document at a time, its text and spans in the chosen offsets.

Offsets are Unicode code point indices, end exclusive, into ``DocumentView.text``: the canonical
text, or the imported (raw) text when the export asks for original offsets.
"""

from __future__ import annotations

import bisect
import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import IO, Any, Protocol, cast

from annotator.domain.model import Document, DocumentStatusValue, Relation, Span, Speaker
from annotator.domain.schema import LabelSchema
from annotator.storage.project import Project
from annotator.storage.queries import SpanRow as SpanRow  # in DocumentView.text offsets here
from annotator.storage.queries import export_span_rows
from annotator.text import Alignment, sentence_spans, token_spans

_UNSAFE_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CACHE_LIMIT = 4096  # distinct attribute objects remembered at a time (memory stays flat)



@dataclass(frozen=True)
class DocumentView:
    """A document as an export shows it.

    ``rows`` are the exported spans in ``text`` offsets, ordered by start, end, label and id;
    ``spans`` pairs each as a ``Span`` with its ``(start, end)`` in ``text`` (built on first
    use; ``created`` and ``modified`` are left empty, as exports do not write them).
    ``relations`` are those whose two ends are both among the exported spans.
    ``canonical`` holds each row's canonical ``(start, end)`` when ``text`` is the original text.
    """

    document: Document
    text: str
    rows: list[SpanRow]
    relations: list[Relation]
    statuses: dict[str, DocumentStatusValue]
    original: bool
    canonical: list[tuple[int, int]] | None = None

    @cached_property
    def spans(self) -> list[tuple[Span, int, int]]:
        """Each span with its ``(start, end)`` in ``text``."""
        doc_id = self.document.id
        placed = []
        for n, (span_id, label, attrs, author, start, end, revision) in enumerate(self.rows):
            span_start, span_end = self.canonical[n] if self.canonical is not None else (
                start, end)
            placed.append((Span(span_id, doc_id, span_start, span_end, label, parse_attrs(attrs),
                                author, "", "", revision, False), start, end))
        return placed

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
    _speaker_attributes: dict[str, frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _parsed: dict[str, dict[str, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def speaker_attributes(self, label: str) -> frozenset[str]:
        """The schema's speaker-valued attributes of ``label``, looked up once per label."""
        found = self._speaker_attributes.get(label)
        if found is None:
            found = self._speaker_attributes[label] = self.schema.speaker_attributes(label)
        return found

    def parsed(self, attrs: str) -> dict[str, Any]:
        """A row's attribute JSON parsed, shared between rows with the same text: do not
        change the dict returned."""
        found = self._parsed.get(attrs)
        if found is None:
            if len(self._parsed) >= _CACHE_LIMIT:
                self._parsed.clear()
            found = self._parsed[attrs] = parse_attrs(attrs)
        return found

    def attrs(self, span: Span) -> dict[str, str]:
        """Span attributes with each speaker id written as the name, the id beside it."""
        return self.named_attrs(span.label, span.attrs)

    def named_attrs(self, label: str, attrs: dict[str, Any]) -> dict[str, Any]:
        """``attrs`` of a span of ``label``, each speaker id written as the name, the id
        beside it, ordered by name."""
        speaker_attributes = self.speaker_attributes(label)
        out: dict[str, Any] = {}
        for name, value in sorted(attrs.items()):
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


class CsvRows:
    """The one CSV writer of every export: rows end in ``\n``, each cell passes through
    ``ExportContext.cell`` (the header row too), and a row with a carriage return in a cell is
    written with its text cells quoted. Python's ``csv`` quotes only cells holding ``\n`` (the
    line end given), so a lone CR (old Mac line breaks, or a planted one) would be left bare,
    and readers would split the row there."""

    def __init__(self, stream: IO[str], context: ExportContext) -> None:
        self.stream = stream
        self.context = context
        self.writer = csv.writer(stream, lineterminator="\n")

    def row(self, values: Iterable[object]) -> None:
        cell = self.context.cell
        cells = [cell(value) for value in values]
        if any(isinstance(c, str) and "\r" in c for c in cells):
            self.stream.write(",".join(_quoted(c) for c in cells) + "\n")
        else:
            self.writer.writerow(cells)


def _quoted(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return str(value)


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
        rows = export_span_rows(project, document.id, by=by)
        canonical = None
        if original:
            alignment = Alignment(document.alignment)
            text = document.raw_text
            canonical = [(r[4], r[5]) for r in rows]
            rows = [(r[0], r[1], r[2], r[3], *alignment.to_raw(r[4], r[5]), r[6]) for r in rows]
        else:
            text = document.canonical_text
        relations = project.relations(document.id)
        if relations:
            live = {r[0] for r in rows}
            relations = [r for r in relations if r.from_id in live and r.to_id in live]
        yield DocumentView(document, text, rows, relations, statuses, original, canonical)


def parse_attrs(attrs: str) -> dict[str, Any]:
    """A stored attribute object; ``{}`` (most spans' attributes) needs no JSON parse."""
    return {} if attrs == "{}" else cast(dict[str, Any], json.loads(attrs))


def sentence_around(text: str, sentences: list[tuple[int, int]], ends: list[int], start: int,
                    end: int) -> str:
    """The sentence(s) covering ``[start, end)``; the span itself when it lies between them.

    ``ends`` are the sentences' ends, computed once per document.
    """
    low, high = sentence_bounds(sentences, ends, start, end)
    return text[low:high]


def sentence_bounds(sentences: list[tuple[int, int]], ends: list[int], start: int, end: int
                    ) -> tuple[int, int]:
    """Where ``sentence_around`` cuts the text: ``(start, end)`` of the sentence(s) covering
    ``[start, end)``, or the span's own bounds when it lies between sentences."""
    first = bisect.bisect_right(ends, start)
    last = first
    while last < len(sentences) and sentences[last][0] < end:
        last += 1
    if last == first:
        return start, end
    return min(sentences[first][0], start), max(sentences[last - 1][1], end)
