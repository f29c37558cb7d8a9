"""Exports: our JSONL (one document per line) and span tables (JSONL and CSV).

Exports stream document by document and are written to a temporary file in the target's
folder, then renamed over the target, so a failed export never leaves a truncated file.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from annotator.domain.errors import InputError
from annotator.domain.model import Document, DocumentStatusValue, Span, Speaker
from annotator.domain.schema import LabelSchema
from annotator.storage.project import Project
from annotator.storage.safety import disk_error
from annotator.text import Alignment, sentence_spans

EXPORT_FORMATS = ("jsonl", "spans-jsonl", "spans-csv")
CONTEXT_CHARS = 100  # code points of left and right context in span tables
SPAN_FIELDS = ("doc_id", "span_id", "label", "start", "end", "text", "left_context",
               "right_context", "sentence", "speaker", "speaker_id")
_RESERVED = (*SPAN_FIELDS, "annotator")
_UNSAFE_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportOptions:
    """``offsets``: ``canonical`` (the project's text) or ``original`` (the imported text).

    ``status``: ``any`` or ``done`` (only documents some analyst marked done).
    ``by``: ``all`` or one analyst's name (``gold`` is the adjudicated analyst).
    """

    format: str
    offsets: str = "canonical"
    status: str = "any"
    by: str = "all"
    csv_safe: bool = False


@dataclass
class ExportReport:
    documents: int = 0
    spans: int = 0


@dataclass(frozen=True)
class _DocumentView:
    """A document as an export shows it: the chosen text and spans in its offsets."""

    document: Document
    text: str
    spans: list[tuple[Span, int, int]]
    statuses: dict[str, DocumentStatusValue]


def export_project(project: Project, output: str | Path, options: ExportOptions) -> ExportReport:
    """Write the project to ``output`` in ``options.format``; returns what was written."""
    if options.format not in EXPORT_FORMATS:
        raise InputError(f"the export format {options.format!r} is not one of "
                         + ", ".join(EXPORT_FORMATS))
    if options.offsets not in ("canonical", "original"):
        raise InputError("--offsets must be canonical or original")
    if options.status not in ("any", "done"):
        raise InputError("--status must be done or any")
    output = Path(output)
    report = ExportReport()
    views = _views(project, options, report)
    speakers = {s.id: s for s in project.speakers(include_deleted=True)}
    schema = project.schema
    with _atomic_output(output) as stream:
        if options.format == "jsonl":
            _write_jsonl(stream, project, views, schema, speakers)
        elif options.format == "spans-jsonl":
            for row in _span_rows(views, schema, speakers):
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.writer(stream, lineterminator="\n")
            columns = span_columns(schema)
            writer.writerow(columns)
            for row in _span_rows(views, schema, speakers):
                cells = [row.get(column, "") for column in columns]
                writer.writerow([_inert(c) if options.csv_safe else c for c in cells])
    return report


def span_columns(schema: LabelSchema) -> list[str]:
    """The columns of a span table: the fixed ones, each attribute, then ``annotator``."""
    columns = list(SPAN_FIELDS)
    for layer in schema.layers:
        for attribute in layer.attributes:
            names = [attribute.name] + ([f"{attribute.name}_id"] if attribute.kind == "speaker"
                                        else [])
            for name in names:
                if name in ("speaker", "speaker_id"):
                    continue  # the fixed speaker columns
                column = name if name not in _RESERVED else f"attr_{name}"
                if column not in columns:
                    columns.append(column)
    columns.append("annotator")
    return columns


def _views(project: Project, options: ExportOptions, report: ExportReport
           ) -> Iterator[_DocumentView]:
    for document in project.documents():
        statuses = project.statuses(document.id)
        if options.status == "done" and "done" not in statuses.values():
            continue
        spans = [s for s in project.spans(document.id)
                 if options.by == "all" or s.author == options.by]
        if options.offsets == "original":
            alignment = Alignment(document.alignment)
            text = document.raw_text
            placed = [(s, *alignment.to_raw(s.start, s.end)) for s in spans]
        else:
            text = document.canonical_text
            placed = [(s, s.start, s.end) for s in spans]
        report.documents += 1
        report.spans += len(placed)
        yield _DocumentView(document, text, placed, statuses)


def _export_attrs(span: Span, schema: LabelSchema, speakers: dict[str, Speaker]
                  ) -> dict[str, str]:
    """Span attributes with each speaker id written as the name, the id beside it."""
    speaker_attributes = schema.speaker_attributes(span.label)
    out: dict[str, str] = {}
    for name, value in sorted(span.attrs.items()):
        if name in speaker_attributes:
            speaker = speakers.get(value)
            out[name] = speaker.name if speaker else ""
            out[f"{name}_id"] = value
        else:
            out[name] = value
    return out


def _write_jsonl(stream: IO[str], project: Project, views: Iterator[_DocumentView],
                 schema: LabelSchema, speakers: dict[str, Speaker]) -> None:
    for view in views:
        document = view.document
        live_ids = {span.id for span, _, _ in view.spans}
        used_speakers = sorted({v for span, _, _ in view.spans for k, v in span.attrs.items()
                                if k in schema.speaker_attributes(span.label) and v in speakers})
        relations = [r for r in project.relations(document.id)
                     if r.from_id in live_ids and r.to_id in live_ids]
        record: dict[str, Any] = {
            "id": document.id,
            "title": document.title,
            "source": document.source,
            "text": view.text,
            "text_sha256": document.text_sha256,
            "spans": [
                {"id": span.id, "start": start, "end": end, "label": span.label,
                 "text": view.text[start:end], "attrs": _export_attrs(span, schema, speakers),
                 "annotator": span.author}
                for span, start, end in view.spans
            ],
            "relations": [{"id": r.id, "from": r.from_id, "to": r.to_id, "type": r.type}
                          for r in relations],
            "speakers": [_speaker_json(speakers[i]) for i in used_speakers],
            "status": view.statuses,
            "metadata": document.metadata,
        }
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _span_rows(views: Iterator[_DocumentView], schema: LabelSchema,
               speakers: dict[str, Speaker]) -> Iterator[dict[str, Any]]:
    for view in views:
        text = view.text
        sentences = sentence_spans(text)
        sentence_ends = [e for _, e in sentences]
        for span, start, end in view.spans:
            attrs = _export_attrs(span, schema, speakers)
            row: dict[str, Any] = {
                "doc_id": view.document.id,
                "span_id": span.id,
                "label": span.label,
                "start": start,
                "end": end,
                "text": text[start:end],
                "left_context": text[max(0, start - CONTEXT_CHARS):start],
                "right_context": text[end:end + CONTEXT_CHARS],
                "sentence": _sentence_around(text, sentences, sentence_ends, start, end),
                "speaker": attrs.get("speaker", ""),
                "speaker_id": attrs.get("speaker_id", ""),
            }
            for name, value in attrs.items():
                if name in ("speaker", "speaker_id"):
                    continue
                row[name if name not in _RESERVED else f"attr_{name}"] = value
            row["annotator"] = span.author
            yield row


def _sentence_around(text: str, sentences: list[tuple[int, int]], ends: list[int], start: int,
                     end: int) -> str:
    """The sentence(s) covering ``[start, end)``; the span itself when it lies between them."""
    first = bisect.bisect_right(ends, start)
    last = first
    while last < len(sentences) and sentences[last][0] < end:
        last += 1
    if last == first:
        return text[start:end]
    return text[min(sentences[first][0], start):max(sentences[last - 1][1], end)]


def _speaker_json(speaker: Speaker) -> dict[str, Any]:
    return {"id": speaker.id, "name": speaker.name, "aliases": list(speaker.aliases),
            "role": speaker.role, "affiliation": speaker.affiliation}


def _inert(cell: object) -> object:
    """Make a text cell that a spreadsheet would run as a formula plain text."""
    if isinstance(cell, str) and cell.startswith(_UNSAFE_STARTS):
        return "'" + cell
    return cell


@contextlib.contextmanager
def _atomic_output(target: Path) -> Iterator[IO[str]]:
    """A text stream that replaces ``target`` only once everything was written and synced."""
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise InputError("the folder for the export does not exist", path=str(target))
    if target.is_dir():
        raise InputError("is a folder; give a file name", path=str(target))
    temporary = folder / f".{target.name}.{secrets.token_hex(8)}.part"
    # Mode 0o666 less the umask, like any file the user writes (mkstemp would make it 0600).
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise disk_error(error, target, "export") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise disk_error(error, target, "export") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise

