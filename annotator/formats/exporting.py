"""Exports: every ``--format`` of the command line, with splits and a dataset card.

Exports stream document by document (memory does not grow with the number of spans) and are
written to temporary files beside their targets, then renamed over them, so a failed export
never leaves a truncated file. Offsets are Unicode code point indices, end exclusive.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from annotator.domain import safe_json
from annotator.domain.errors import InputError
from annotator.domain.model import Speaker
from annotator.domain.schema import LabelSchema
from annotator.formats.brat import BratWriter
from annotator.formats.card import ALL, Tally, card_path, render_card
from annotator.formats.datasets import ClaimsWriter, ConllWriter, StanceWriter
from annotator.formats.doccano import DOCCANO_SHAPES, OFFSET_UNITS, DoccanoWriter
from annotator.formats.export_card import card_facts
from annotator.formats.export_view import (
    CsvRows,
    DocumentView,
    ExportContext,
    Writer,
    document_views,
    sentence_around,
    sentence_bounds,
)
from annotator.formats.labelstudio import LABEL_CONFIG, LabelStudioWriter, Suggestions, label_config
from annotator.formats.names import EXPORT_FORMATS as EXPORT_FORMATS  # re-exported
from annotator.formats.output import STDOUT, Outputs, atomic_outputs, write_synced
from annotator.formats.parquet import ParquetWriter, require_pyarrow
from annotator.formats.splits import assign_splits, parse_split, split_folder, split_path
from annotator.formats.tagging import TAGGINGS, Conll2003Writer, TokensJsonlWriter
from annotator.lazy import lazy
from annotator.storage.project import Project

if TYPE_CHECKING:  # the suggestion engine, for --with-suggestions only (annotator/lazy.py)
    from annotator.analysis import review
else:
    review = lazy("annotator.analysis.review")

FOLDER_FORMATS = ("brat",)  # written as a folder, not a file
SUFFIXES = {"jsonl": ".jsonl", "spans-jsonl": ".jsonl", "spans-csv": ".csv",
            "claims-csv": ".csv", "stance-csv": ".csv", "conll": ".conll",
            "conll2003": ".conll", "tokens-jsonl": ".jsonl", "parquet": ".parquet",
            "doccano": ".jsonl", "label-studio": ".json"}
CONTEXT_CHARS = 100  # code points of left and right context in span tables
SPAN_FIELDS = ("doc_id", "span_id", "label", "start", "end", "text", "left_context",
               "right_context", "sentence", "speaker", "speaker_id")
_RESERVED = (*SPAN_FIELDS, "annotator")

@dataclass(frozen=True)
class ExportOptions:
    """``offsets``: ``canonical`` (the project's text) or ``original`` (the imported text).

    ``status``: ``any``, ``done`` (only documents some analyst marked done), or ``None`` when
    not given: the same as ``any``, except that ``claims-csv`` then takes sentences without a
    claim only from documents marked done. ``by``: ``all`` or one analyst's name (``gold`` is
    the adjudicated analyst). ``split``: ``80/10/10`` (train/dev/test) or ``90/10``
    (train/test), by document, shuffled with ``seed``, written as a folder with
    ``train``/``validation``/``test`` files and ``README.md``. ``offsets_unit`` applies to
    doccano only (Label Studio always counts UTF-16 units).
    """

    format: str
    offsets: str = "canonical"
    status: str | None = None
    by: str = "all"
    csv_safe: bool = False
    split: str | None = None
    seed: int = 0
    offsets_unit: str = "utf16"  # doccano's offsets: codepoints, utf16 or graphemes
    doccano_shape: str = "label"  # or "entities" (with relations)
    label: str | None = None  # conll2003, tokens-jsonl, parquet sentences: one label's tags
    tagging: str = "bio"  # or "bioes"
    license: str | None = None
    with_suggestions: bool = False  # label-studio: rule suggestions as predictions
    table: str = "spans"  # parquet: spans or sentences


@dataclass
class ExportReport:
    """What an export wrote: counts, the files (one per split) and the dataset card."""

    documents: int = 0
    spans: int = 0
    files: list[Path] = field(default_factory=list)
    card: Path | None = None
    counts: Counter[str] = field(default_factory=Counter)


def export_project(project: Project, output: str | Path, options: ExportOptions, *,
                   progress: Callable[[int, int], None] | None = None) -> ExportReport:
    """Write the project to ``output`` in ``options.format``; returns what was written.

    ``progress(done, total)`` is called after each exported document (``total`` counts the
    project's documents); an exception it raises (to cancel) stops the export and leaves no file.

    With a split, ``output`` names a new folder: ``out.jsonl`` gives ``out/train.jsonl``,
    ``out/validation.jsonl``, ``out/test.jsonl`` (brat: ``out/train/`` and so on). The card is
    ``<output>.README.md`` beside a file, ``README.md`` inside a folder; a Label Studio export
    also writes ``label_config.xml`` beside its tasks.
    """
    _check_options(options)
    output = Path(output)
    folder = options.format in FOLDER_FORMATS
    to_stdout = str(output) == STDOUT
    if to_stdout and (folder or options.split):
        raise InputError(f"-o {STDOUT} writes one file to standard output; brat and --split "
                         "write several, so give a file or folder name")
    status = options.status or "any"
    split = parse_split(options.split) if options.split else None
    assignment: dict[str, str] | None = None
    names: tuple[str, ...] = (ALL,)
    if split is not None:
        names = split.names
        assignment = assign_splits(
            (d.id for d in project.document_summaries()
             if status == "any" or "done" in d.statuses.values()), split, options.seed)
    context = ExportContext(project.schema, {s.id: s for s in project.speakers(
        include_deleted=True)}, options.csv_safe)
    report = ExportReport()
    tally = Tally(names)
    with atomic_outputs(output) as outputs, contextlib.ExitStack() as streams:
        # A split export is a folder (README.md beside train/validation/test); so is brat.
        root = outputs.folder(split_folder(output) if split else output) \
            if folder or split else None
        writers, files = _open_writers(project, output, options, context, names, root,
                                       outputs, streams, report)
        if options.format == "label-studio" and not to_stdout:
            config = label_config(context.schema)
            if root is not None:
                write_synced(root / LABEL_CONFIG, config)
            else:
                outputs.file(output.with_name(LABEL_CONFIG)).write(config)
        _write_documents(project, options, status, assignment, writers, tally, context, report,
                         progress)
        for name, writer in writers.items():
            writer.finish()
            for what, count in writer.counts.items():
                tally.extra[what, name] += count
                report.counts[what] += count
        if to_stdout:
            return report  # standard output gets the records alone, without a card
        facts = card_facts(project, options, output, status, files, context.schema)
        card = render_card(facts, tally)
        if root is not None:
            report.card = (split_folder(output) if split else output) / "README.md"
            write_synced(root / "README.md", card)
        else:
            report.card = card_path(output, folder=False)
            outputs.file(report.card).write(card)
    return report


def _open_writers(project: Project, output: Path, options: ExportOptions,
                  context: ExportContext, names: tuple[str, ...], root: Path | None,
                  outputs: Outputs, streams: contextlib.ExitStack, report: ExportReport
                  ) -> tuple[dict[str, Writer], dict[str, str]]:
    """One writer per split, and each split's file (or folder) name relative to the card."""
    folder = options.format in FOLDER_FORMATS
    split = names != (ALL,)
    writers: dict[str, Writer] = {}
    files: dict[str, str] = {}
    suggestions = _suggestions(project, options)
    for name in names:
        path = split_path(output, name, folder=folder, suffix=SUFFIXES.get(
            options.format, "")) if split else output
        if folder and root is not None:
            target = root / name if split else root
            target.mkdir(exist_ok=True)
            writers[name] = BratWriter(target, context)
            files[name] = f"{name}/" if split else "./"
        else:
            stream = streams.enter_context(_synced(root / path.name)) \
                if root is not None else outputs.file(path)
            writers[name] = _open_writer(stream, options, context, suggestions)
            files[name] = path.name
        report.files.append(path)
    return writers, files


def _check_options(options: ExportOptions) -> None:
    if options.format not in EXPORT_FORMATS:
        raise InputError(f"the export format {options.format!r} is not one of "
                         + ", ".join(EXPORT_FORMATS))
    if options.offsets not in ("canonical", "original"):
        raise InputError("--offsets must be canonical or original")
    if options.status not in (None, "any", "done"):
        raise InputError("--status must be done or any")
    if options.format in TOKEN_FORMATS and options.offsets == "original":
        raise InputError(f"{options.format} writes the canonical text's tokens; use "
                         "--offsets canonical")
    if options.offsets_unit not in OFFSET_UNITS:
        raise InputError("--offsets-unit must be one of " + ", ".join(OFFSET_UNITS))
    if options.doccano_shape not in DOCCANO_SHAPES:
        raise InputError("--doccano-shape must be one of " + ", ".join(DOCCANO_SHAPES))
    if options.tagging not in TAGGINGS:
        raise InputError("--tagging must be one of " + ", ".join(TAGGINGS))
    if options.format == "parquet":
        require_pyarrow()


TOKEN_FORMATS = ("conll", "conll2003", "tokens-jsonl")


def _write_documents(project: Project, options: ExportOptions, status: str,
                     assignment: dict[str, str] | None, writers: dict[str, Writer],
                     tally: Tally, context: ExportContext, report: ExportReport,
                     progress: Callable[[int, int], None] | None) -> None:
    # Progress counts the project's documents in export order; skipped ones count as done.
    order = {d.id: n for n, d in enumerate(project.document_summaries(), start=1)} \
        if progress is not None else {}
    for view in document_views(project, original=options.offsets == "original",
                               status=status, by=options.by):
        name = assignment[view.document.id] if assignment is not None else ALL
        try:
            records = writers[name].write(view)
        except safe_json.UnsafeJSON as error:  # NaN or Infinity in stored metadata
            raise InputError(f"document {view.document.id} {error.reason}; nothing was "
                             "exported", path=str(project.path)) from None
        tally.add(name, view, records, context)
        report.documents += 1
        report.spans += len(view.rows)
        if progress is not None:
            progress(order.get(view.document.id, 0), len(order))
    if progress is not None:
        progress(len(order), len(order))


@contextlib.contextmanager
def _synced(path: Path) -> Iterator[IO[str]]:
    """A file inside a pending export folder, synced to disk when closed."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        yield stream
        stream.flush()
        os.fsync(stream.fileno())


def _suggestions(project: Project, options: ExportOptions) -> Suggestions | None:
    """Rule suggestions per document, for ``--with-suggestions``; ``None`` without it."""
    if not options.with_suggestions:
        return None
    if options.format != "label-studio":
        raise InputError("--with-suggestions is for --format label-studio")
    return lambda doc_id: review.as_json(review.suggest_document(project, doc_id), project)


def _open_writer(stream: IO[str], options: ExportOptions, context: ExportContext,
                 suggestions: Suggestions | None) -> Writer:
    fmt = options.format
    if fmt == "jsonl":
        return JsonlWriter(stream, context)
    if fmt in ("spans-jsonl", "spans-csv"):
        return SpanTableWriter(stream, context, csv_table=fmt == "spans-csv")
    if fmt == "claims-csv":
        return ClaimsWriter(stream, context, negatives_everywhere=options.status == "any")
    if fmt == "stance-csv":
        return StanceWriter(stream, context)
    if fmt == "conll":
        return ConllWriter(stream, context, tagging=options.tagging)
    if fmt == "conll2003":
        return Conll2003Writer(stream, context, label=options.label, tagging=options.tagging)
    if fmt == "tokens-jsonl":
        return TokensJsonlWriter(stream, context, label=options.label, tagging=options.tagging)
    if fmt == "parquet":
        spans = SpanTableWriter(io.StringIO(), context, csv_table=False) \
            if options.table == "spans" else None
        return ParquetWriter(stream, context, table=options.table, label=options.label,
                             tagging=options.tagging, span_lines=spans,
                             columns=span_columns(context.schema))
    if fmt == "doccano":
        return DoccanoWriter(stream, unit=options.offsets_unit, shape=options.doccano_shape)
    return LabelStudioWriter(stream, context, suggestions=suggestions)


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


class JsonlWriter:
    """Our JSONL: one document per line with its spans, relations, speakers and statuses."""

    def __init__(self, stream: IO[str], context: ExportContext) -> None:
        self.stream = stream
        self.context = context
        self.counts: Counter[str] = Counter()

    def write(self, view: DocumentView) -> int:
        document = view.document
        speakers = self.context.speakers
        used_speakers = sorted({v for span, _, _ in view.spans
                                for k, v in span.attrs.items()
                                if k in self.context.speaker_attributes(span.label)
                                and v in speakers})
        record: dict[str, Any] = {
            "id": document.id,
            "title": document.title,
            "source": document.source,
            "text": view.text,
            "text_sha256": document.text_sha256,
            "spans": [
                {"id": span.id, "start": start, "end": end, "label": span.label,
                 "text": view.text[start:end], "attrs": self.context.attrs(span),
                 "annotator": span.author}
                for span, start, end in view.spans
            ],
            "relations": [{"id": r.id, "from": r.from_id, "to": r.to_id, "type": r.type}
                          for r in view.relations],
            "speakers": [_speaker_json(speakers[i]) for i in used_speakers],
            "status": view.statuses,
            "metadata": document.metadata,
        }
        self.stream.write(safe_json.dumps(record) + "\n")
        return 1

    def finish(self) -> None:
        pass


class SpanTableWriter:
    """One record per span, as JSON lines or CSV rows.

    A JSON line is what ``json.dumps(record, ensure_ascii=False)`` writes, put together from
    pieces: the attribute columns of each distinct (label, attribute text) are rendered once,
    each sentence is quoted once per document, and lines are written in batches, so a million
    spans take seconds.
    """

    def __init__(self, stream: IO[str], context: ExportContext, *, csv_table: bool) -> None:
        self.stream = stream
        self.context = context
        self.counts: Counter[str] = Counter()
        self.columns = span_columns(context.schema)
        self.writer = CsvRows(stream, context) if csv_table else None
        if self.writer is not None:
            self.writer.row(self.columns)
        self._columns: dict[tuple[str, str], _AttributeColumns] = {}

    def write(self, view: DocumentView) -> int:
        text = view.text
        sentences = view.sentences()
        ends = [e for _, e in sentences]
        if self.writer is None:
            self._write_jsonl(view, text, sentences, ends)
            return len(view.rows)
        doc_id = view.document.id
        for span_id, label, attrs, author, start, end, _ in view.rows:
            columns = self._attribute_columns(label, attrs)
            row: dict[str, Any] = {
                "doc_id": doc_id,
                "span_id": span_id,
                "label": label,
                "start": start,
                "end": end,
                "text": text[start:end],
                "left_context": text[max(0, start - CONTEXT_CHARS):start],
                "right_context": text[end:end + CONTEXT_CHARS],
                "sentence": sentence_around(text, sentences, ends, start, end),
                "speaker": columns.speaker,
                "speaker_id": columns.speaker_id,
                **columns.others,
                "annotator": author,
            }
            self.writer.row([row.get(c, "") for c in self.columns])
        return len(view.rows)

    def _write_jsonl(self, view: DocumentView, text: str, sentences: list[tuple[int, int]],
                     ends: list[int]) -> None:
        quote = encode_basestring
        doc_id = quote(view.document.id)
        lines = []
        count = len(sentences)
        quoted_sentences: dict[tuple[int, int], str] = {}  # spans share sentences
        for span_id, label, attrs, author, start, end, _ in view.rows:
            columns = self._attribute_columns(label, attrs)
            first = bisect_right(ends, start)
            # Most spans lie inside one sentence; sentence_bounds handles the rest.
            if first < count and sentences[first][0] <= start and end <= ends[first] and (
                    first + 1 == count or sentences[first + 1][0] >= end):
                bounds = sentences[first]
            else:
                bounds = sentence_bounds(sentences, ends, start, end)
            sentence = quoted_sentences.get(bounds)
            if sentence is None:
                sentence = quoted_sentences[bounds] = quote(text[bounds[0]:bounds[1]])
            left = start - CONTEXT_CHARS if start > CONTEXT_CHARS else 0
            lines.append(
                f'{{"doc_id": {doc_id}, "span_id": {quote(span_id)}, {columns.label}'
                f'"start": {start}, "end": {end}, "text": {quote(text[start:end])}, '
                f'"left_context": {quote(text[left:start])}, '
                f'"right_context": {quote(text[end:end + CONTEXT_CHARS])}, '
                f'"sentence": {sentence}, '
                f"{columns.json}"
                f'"annotator": {quote(author)}}}\n')
            if len(lines) == _LINES_PER_WRITE:  # a document of many spans: memory stays flat
                self.stream.write("".join(lines))
                lines.clear()
        self.stream.write("".join(lines))

    def _attribute_columns(self, label: str, attrs: str) -> _AttributeColumns:
        found = self._columns.get((label, attrs))
        if found is None:
            if len(self._columns) >= _COLUMNS_CACHE:
                self._columns.clear()
            found = self._columns[label, attrs] = _AttributeColumns.of(
                label, self.context.named_attrs(label, self.context.parsed(attrs)))
        return found

    def finish(self) -> None:
        pass


_COLUMNS_CACHE = 4096  # distinct (label, attributes) remembered at a time
_LINES_PER_WRITE = 256  # lines joined into one write


@dataclass(frozen=True)
class _AttributeColumns:
    """The columns a span's attributes fill in a span table, and the same as JSON text:
    ``"speaker": …, "speaker_id": …, <others>, `` as ``json.dumps`` writes them (``label``:
    ``"label": …, ``)."""

    speaker: Any
    speaker_id: Any
    others: dict[str, Any]
    json: str
    label: str

    @classmethod
    def of(cls, label: str, attrs: dict[str, Any]) -> _AttributeColumns:
        others: dict[str, Any] = {}
        for name, value in attrs.items():
            if name in ("speaker", "speaker_id"):
                continue
            others[name if name not in _RESERVED else f"attr_{name}"] = value
        speaker, speaker_id = attrs.get("speaker", ""), attrs.get("speaker_id", "")
        fixed = {"speaker": speaker, "speaker_id": speaker_id, **others}
        return cls(speaker, speaker_id, others, json.dumps(fixed, ensure_ascii=False)[1:-1] + ", ",
                   f'"label": {encode_basestring(label)}, ')


def _speaker_json(speaker: Speaker) -> dict[str, Any]:
    return {"id": speaker.id, "name": speaker.name, "aliases": list(speaker.aliases),
            "role": speaker.role, "affiliation": speaker.affiliation}


