"""doccano's JSONL for sequence labelling, in and out.

Export: one line per document, ``{"id", "text", "label": [[start, end, label], ...]}`` plus
``title``, ``source``, ``text_sha256`` and ``metadata`` (doccano keeps unknown keys as
metadata). Import also reads the relation-extraction shape ``{"text", "entities":
[{"id", "label", "start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id",
"type"}]}``, which export writes with ``shape="entities"``.

Offsets count ``unit``s of ``text``, end exclusive: UTF-16 code units by default (what doccano's
front end counts), or code points, or grapheme clusters (doccano's grapheme mode). On import an
entity that carries its ``text`` tells which unit its offsets are in; otherwise the unit given
is used, and the import says so where the units differ in that text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import IO, Any

from annotator.domain import safe_json
from annotator.domain.errors import InputError
from annotator.domain.model import text_sha256
from annotator.formats.export_view import DocumentView
from annotator.formats.foreign import (
    Fail,
    Placer,
    SpanList,
    int_field,
    json_lines,
    record_with_text,
    stable_id,
    string_field,
)
from annotator.formats.plain import document_from_text
from annotator.formats.records import ImportedDocument, ImportedRelation, ImportedSpan
from annotator.text import NormalizationLevel
from annotator.text.units import UNITS, UnitIndex

_SHAPE_KEYS = ("id", "text", "label", "entities", "relations")
OFFSET_UNITS = UNITS
DOCCANO_SHAPES = ("label", "entities")
_UNIT_NAMES = {"codepoints": "code points", "utf16": "UTF-16 code units",
               "graphemes": "grapheme clusters"}


class DoccanoWriter:
    def __init__(self, stream: IO[str], *, unit: str = "utf16", shape: str = "label") -> None:
        self.stream = stream
        self.unit = unit
        self.shape = shape
        self.counts: Counter[str] = Counter()

    def write(self, view: DocumentView) -> int:
        document = view.document
        index = UnitIndex(view.text, self.unit)
        placed = [(span, index.to_unit(start), index.to_unit(end, end=True))
                  for span, start, end in view.spans]
        inexact = sum(not (index.exact(start) and index.exact(end)) for _, start, end in view.spans)
        if inexact:
            self.counts["spans widened to whole grapheme clusters"] += inexact
        record: dict[str, Any] = {"id": document.id, "text": view.text}
        if self.shape == "entities":
            numbers = {span.id: n for n, (span, _, _) in enumerate(placed, start=1)}
            record["entities"] = [{"id": numbers[span.id], "label": span.label,
                                   "start_offset": start, "end_offset": end}
                                  for span, start, end in placed]
            record["relations"] = [{"id": n, "from_id": numbers[r.from_id],
                                    "to_id": numbers[r.to_id], "type": r.type}
                                   for n, r in enumerate(view.relations, start=1)]
        else:
            record["label"] = [[start, end, span.label] for span, start, end in placed]
        record.update({
            "title": document.title,
            "source": document.source,
            "text_sha256": document.text_sha256,
            "metadata": document.metadata,
        })
        self.stream.write(safe_json.dumps(record) + "\n")
        return 1

    def finish(self) -> None:
        pass


def read_doccano(path: Path, level: NormalizationLevel, *, unit: str = "utf16"
                 ) -> list[ImportedDocument]:
    """Parse a doccano JSONL file whose offsets count ``unit``; every span must lie inside its
    line's text."""
    if unit not in UNITS:
        raise InputError("--offsets-unit must be one of " + ", ".join(UNITS))
    return [_document(value, path=str(path), line=number, level=level, unit=unit)
            for number, value in json_lines(path)]


class _Offsets:
    """Reads one record's offsets in its unit, noting where the unit mattered."""

    def __init__(self, document: ImportedDocument, unit: str, fail: Fail) -> None:
        self.document = document
        self.fail = fail
        self.unit = unit
        self.indexes = {unit: UnitIndex(document.raw_text, unit)}  # the others when needed
        self.used: set[str] = set()  # units in which some span differed from code points

    def read(self, start: int, end: int, quoted: object) -> tuple[int, int]:
        """Code points of ``[start, end)``; ``quoted`` (the span's text, if the file has it)
        chooses the unit whose reading gives that text."""
        raw = self.document.raw_text
        units = [self.unit, *(u for u in UNITS if u != self.unit)] \
            if isinstance(quoted, str) else [self.unit]
        for unit in units:
            index = self._index(unit)
            try:
                found = (index.from_unit(start), index.from_unit(end))
            except ValueError:
                continue
            if isinstance(quoted, str) and raw[found[0]:found[1]] != quoted:
                continue
            if found != (start, end):
                self.used.add(unit)
            if unit != self.unit:
                self.document.notes.append(
                    f"{self.document.path}:{self.document.line}: the span {quoted!r} has "
                    f"offsets in {_UNIT_NAMES[unit]}, not {_UNIT_NAMES[self.unit]}; read so")
            return found
        if isinstance(quoted, str):
            raise self.fail(f"has a span [{start}, {end}) whose text {quoted!r} is not there in "
                            "code points, UTF-16 code units or grapheme clusters")
        raise self.fail(f"has a span [{start}, {end}) outside its text")

    def _index(self, unit: str) -> UnitIndex:
        """The text's index in ``unit``, made once: a file whose every span is in another
        unit than the one given must not rebuild it per span."""
        if unit not in self.indexes:
            self.indexes[unit] = UnitIndex(self.document.raw_text, unit)
        return self.indexes[unit]

    def report(self) -> None:
        if self.unit in self.used:
            self.document.notes.append(
                f"{self.document.path}:{self.document.line}: offsets were read as "
                f"{_UNIT_NAMES[self.unit]} (--offsets-unit {self.unit}); in this text they "
                "differ from code points (emoji or combining characters)")


def _document(value: object, *, path: str, line: int, level: NormalizationLevel, unit: str
              ) -> ImportedDocument:
    def fail(message: str) -> InputError:
        return InputError(message, path=path, line=line)

    record, text = record_with_text(value, fail)
    title = record.get("title")
    source = record.get("source")
    document = document_from_text(
        text, level=level, title=title if isinstance(title, str) and title else f"line {line}",
        source=source if isinstance(source, str) and source else f"{Path(path).name}:{line}",
        encoding="utf-8", path=path, line=line)
    given_id = record.get("id")
    if isinstance(given_id, str):
        document.id = given_id  # ours, from an export; doccano's own ids are numbers
    metadata = record.get("metadata")
    document.metadata = dict(metadata) if isinstance(metadata, dict) else {}
    for key, item in record.items():
        if key not in (*_SHAPE_KEYS, "title", "source", "metadata", "text_sha256"):
            document.metadata[key] = item
    if isinstance(given_id, int):
        document.metadata["doccano_id"] = given_id
    placer = Placer(document)
    spans = SpanList(document)
    sha = text_sha256(document.canonical_text)
    offsets = _Offsets(document, unit, fail)
    if "entities" in record:
        _entities(record, spans, placer, offsets, sha, fail)
    else:
        for item in _list(record.get("label", []), "label", fail):
            if isinstance(item, str):
                raise fail("is a text-classification record (its labels have no offsets); "
                           "only sequence labelling can be imported")
            if not isinstance(item, list) or len(item) != 3:
                raise fail("has a label that is not [start, end, label]")
            start, end = offsets.read(int_field(item[0], "a label start", fail),
                                      int_field(item[1], "a label end", fail), None)
            label = string_field(item[2], "a label name", fail)
            spans.add(_span(placer, sha, start, end, label, fail))
    offsets.report()
    return document


def _entities(record: dict[str, Any], spans: SpanList, placer: Placer,
              offsets: _Offsets, sha: str, fail: Fail) -> None:
    ids: dict[object, str] = {}
    for item in _list(record.get("entities"), "entities", fail):
        if not isinstance(item, dict):
            raise fail("has an entity that is not an object")
        start, end = offsets.read(
            int_field(item.get("start_offset"), "an entity start_offset", fail),
            int_field(item.get("end_offset"), "an entity end_offset", fail), item.get("text"))
        label = string_field(item.get("label"), "an entity label", fail)
        span = _span(placer, sha, start, end, label, fail)
        spans.add(span)
        ids[_entity_id(item.get("id"), fail)] = span.id
    for item in _list(record.get("relations", []), "relations", fail):
        if not isinstance(item, dict):
            raise fail("has a relation that is not an object")
        kind = string_field(item.get("type"), "a relation type", fail)
        ends = [ids.get(_entity_id(item.get(key), fail)) for key in ("from_id", "to_id")]
        if ends[0] is None or ends[1] is None:
            raise fail(f"has a {kind} relation naming an entity id that is not on the line")
        spans.document.relations.append(ImportedRelation(
            ends[0], ends[1], kind, stable_id(sha, ends[0], ends[1], kind)))


def _span(placer: Placer, sha: str, start: int, end: int, label: str, fail: Fail
          ) -> ImportedSpan:
    if not label.strip():
        raise fail("has a span with an empty label")
    canonical_start, canonical_end = placer.place(start, end, fail)
    return ImportedSpan(canonical_start, canonical_end, label,
                        id=stable_id(sha, canonical_start, canonical_end, label), positional=True)


def _entity_id(value: object, fail: Fail) -> object:
    if value is not None and not isinstance(value, str | int):
        raise fail("has an entity or relation id that is not a number or a string")
    return value


def _list(value: object, what: str, fail: Fail) -> list[Any]:
    if not isinstance(value, list):
        raise fail(f"has '{what}' that is not a list")
    return value
