"""Import files into a project: parse everything first, then store it in one transaction."""

from __future__ import annotations

import dataclasses
import itertools
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from annotator.domain.errors import InputError, InvariantError
from annotator.domain.model import Document, new_id, text_sha256
from annotator.domain.schema import LabelSchema, RelationType
from annotator.formats.brat import read_brat
from annotator.formats.doccano import read_doccano
from annotator.formats.documents import read_docx, read_html, read_pdf
from annotator.formats.foreign import stable_id
from annotator.formats.jsonl import read_jsonl
from annotator.formats.labelstudio import read_label_studio
from annotator.formats.limits import check_document_length, check_input_size
from annotator.formats.names import IMPORT_FORMATS as IMPORT_FORMATS  # re-exported
from annotator.formats.plain import read_csv, read_txt
from annotator.formats.records import ImportedDocument, ImportedSpan
from annotator.storage import queries
from annotator.storage.annotations import NewSpan
from annotator.storage.project import Project
from annotator.text import NormalizationLevel

_READERS: dict[str, Callable[[Path, NormalizationLevel], Iterable[ImportedDocument]]] = {
    "txt": read_txt,
    "csv": read_csv,
    "jsonl": read_jsonl,
    "doccano": read_doccano,
    "label-studio": read_label_studio,
    "brat": read_brat,
    "html": read_html,
    "docx": read_docx,
    "pdf": read_pdf,
}
BATCH = 500  # documents parsed and stored at a time by import_files
_EXTENSIONS = {".txt": "txt", ".text": "txt", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
               ".json": "label-studio", ".ann": "brat", ".html": "html", ".htm": "html",
               ".docx": "docx", ".pdf": "pdf"}


@dataclass(frozen=True)
class ImportOptions:
    """``offsets_unit``: what doccano offsets count (``utf16``, doccano's own, ``codepoints`` or
    ``graphemes``); ``text_key``: the key of a Label Studio task's ``data`` holding the text."""

    offsets_unit: str = "utf16"
    text_key: str | None = None


def _reader(fmt: str, options: ImportOptions
            ) -> Callable[[Path, NormalizationLevel], Iterable[ImportedDocument]]:
    if fmt == "doccano":
        return partial(read_doccano, unit=options.offsets_unit)
    if fmt == "label-studio":
        return partial(read_label_studio, text_key=options.text_key)
    return _READERS[fmt]


@dataclass
class ImportReport:
    """What an import did, for the CLI to print and the window to show."""

    documents_added: int = 0
    documents_already_present: int = 0
    spans_added: int = 0
    spans_already_present: int = 0
    relations_added: int = 0
    speakers_added: int = 0
    notes: list[str] = field(default_factory=list)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder stands for every ``.txt`` file directly inside it, sorted."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            texts = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
            if not texts:
                raise InputError("is a folder with no .txt files in it", path=str(path))
            files.extend(texts)
        else:
            files.append(path)
    return files


def detect_format(path: Path, requested: str) -> str:
    if requested not in IMPORT_FORMATS:
        raise InputError(f"the import format {requested!r} is not one of "
                         + ", ".join(IMPORT_FORMATS))
    if requested != "auto":
        return requested
    try:
        return _EXTENSIONS[path.suffix.lower()]
    except KeyError:
        raise InputError("cannot tell its format from the extension; give --format",
                         path=str(path)) from None


def parse_files(paths: Iterable[str | Path], *, fmt: str, level: NormalizationLevel,
                options: ImportOptions | None = None) -> list[ImportedDocument]:
    """Read and check every file; raises ``InputError`` naming the file and line on a fault."""
    return list(iter_documents(paths, fmt=fmt, level=level, options=options))


def iter_documents(paths: Iterable[str | Path], *, fmt: str, level: NormalizationLevel,
                   options: ImportOptions | None = None) -> Iterator[ImportedDocument]:
    """``parse_files`` one document at a time, in the same order."""
    for given in paths:
        path = given if isinstance(given, Path) else Path(given)  # a copy parses it again
        try:  # one stat says whether it is a folder and how large a file it is
            status: os.stat_result | None = path.stat()
        except OSError:
            status = None  # the reader names what is wrong with it
        folder = status is not None and stat.S_ISDIR(status.st_mode)
        if folder and (fmt == "brat" or (fmt == "auto" and any(path.rglob("*.ann")))):
            yield from read_brat(path, level)  # .txt and .ann pairs
            continue
        for file in expand_paths([path]) if folder else [path]:
            reader = _reader(detect_format(file, fmt), options or ImportOptions())
            check_input_size(file, None if folder else status)
            yield from reader(file, level)


def import_files(project: Project, paths: Iterable[str | Path], *, fmt: str = "auto",
                 options: ImportOptions | None = None) -> ImportReport:
    """Import files all-or-nothing: on any error the project is left exactly as it was.

    The files are read and stored ``BATCH`` documents at a time inside one transaction, so
    memory holds one batch, not the corpus; a fault in any file rolls all of it back.
    """
    report = ImportReport()
    documents = iter_documents(paths, fmt=fmt, level=project.normalization, options=options)
    with project.transaction():
        while batch := list(itertools.islice(documents, BATCH)):
            store_documents(project, batch, report)
    return report


def store_documents(project: Project, documents: list[ImportedDocument],
                    report: ImportReport | None = None) -> ImportReport:
    """Store parsed documents in one transaction, adding to ``report`` (or a new one)."""
    report = report if report is not None else ImportReport()
    for document in documents:
        _own_marks(document, project.analyst)
        check_document_length(len(document.canonical_text), document.path, document.line)
        if document.removed_controls:
            report.notes.append(
                f"{_where(document)}: removed {document.removed_controls} control character(s)")
        report.notes.extend(document.notes)
    with project.transaction():
        _extend_schema(project, documents, report)
        registry = _SpeakerRegistry.of(project)
        doc_ids, fresh = _place_documents(project, documents, report)
        for document, doc_id in zip(documents, doc_ids, strict=True):
            try:
                _store_annotations(project, document, doc_id, registry, report,
                                   fresh=doc_id in fresh)
            except InvariantError as error:
                raise InputError(error.message, path=document.path, line=document.line) \
                    from error
    return report


def _own_marks(document: ImportedDocument, analyst: str) -> None:
    """Give marks the file names no author to the importing analyst, with ids that include the
    analyst: two analysts importing one identical mark keep two marks, and the same analyst
    importing the same file again finds their marks already there."""
    renamed: dict[str, str] = {}
    for n, span in enumerate(document.spans):
        if span.positional and not span.author:
            renamed[span.id] = new = stable_id(span.id, analyst)
            document.spans[n] = dataclasses.replace(span, id=new, author=analyst)
    for n, relation in enumerate(document.relations):
        if relation.author or not (relation.from_id in renamed or relation.to_id in renamed):
            continue
        document.relations[n] = dataclasses.replace(
            relation, from_id=renamed.get(relation.from_id, relation.from_id),
            to_id=renamed.get(relation.to_id, relation.to_id),
            id=stable_id(relation.id, analyst) if relation.id else "", author=analyst)


def _place_documents(project: Project, documents: list[ImportedDocument],
                     report: ImportReport) -> tuple[list[str], set[str]]:
    """The project's id for each document: the one already there (same id, else same text,
    also among the documents before it), or a new one; new documents are stored in bulk.
    Also the ids of the new ones."""
    doc_ids: list[str] = []
    new: list[tuple[ImportedDocument, Document]] = []
    by_id: dict[str, Document] = {}
    by_sha: dict[str, Document] = {}
    shas = [text_sha256(imported.canonical_text) for imported in documents]
    stored_ids, stored_by_sha = _stored_matches(project, documents, shas)
    for imported, sha in zip(documents, shas, strict=True):
        earlier = by_id.get(imported.id) if imported.id else None
        existing = earlier.id if earlier else (
            imported.id if imported.id in stored_ids else stored_by_sha.get(sha))
        if existing is None and sha in by_sha:
            earlier = by_sha[sha]
            existing = earlier.id
        if existing is None:
            document = Document(
                id=imported.id or new_id(), title=imported.title, source=imported.source,
                canonical_text=imported.canonical_text, raw_text=imported.raw_text,
                alignment=imported.alignment, metadata=imported.metadata,
                text_sha256=sha, encoding=imported.encoding)
            new.append((imported, document))
            by_id[document.id] = document
            by_sha.setdefault(sha, document)
            doc_ids.append(document.id)
            report.documents_added += 1
            continue
        text = earlier.canonical_text if earlier else project.document(existing).canonical_text
        if text != imported.canonical_text:
            raise InputError(
                f"document {imported.id} is already in the project with a different text",
                path=imported.path, line=imported.line)
        doc_ids.append(existing)
        report.documents_already_present += 1
    current: list[ImportedDocument] = []

    def checked_in_order() -> Iterator[Document]:
        for imported, document in new:
            current[:] = [imported]
            yield document

    try:
        project.add_documents(checked_in_order(), hashed=True)  # ``shas`` hashed them above
    except InvariantError as error:
        where = current[0] if current else documents[0]
        raise InputError(error.message, path=where.path, line=where.line) from error
    return doc_ids, {document.id for _, document in new}


def _stored_matches(project: Project, documents: list[ImportedDocument], shas: list[str]
                    ) -> tuple[set[str], dict[str, str]]:
    """The ids among ``documents`` already stored, and the first stored document (in import
    order) of each text hash, read in a few queries: what ``find_document`` answers one by one."""
    return (queries.stored_document_ids(project, (d.id for d in documents if d.id)),
            queries.first_documents_by_sha(project, shas))


@dataclass
class _SpeakerRegistry:
    """The project's speakers as an import sees them, read once and kept up to date."""

    ids: set[str]
    by_name: dict[str, str]  # live speakers only

    @classmethod
    def of(cls, project: Project) -> _SpeakerRegistry:
        registry = cls(set(), {})
        for speaker in project.speakers(include_deleted=True):
            registry.ids.add(speaker.id)
            if not speaker.deleted:
                registry.by_name.setdefault(speaker.name, speaker.id)
        return registry

    def add(self, project: Project, name: str, report: ImportReport, *, speaker_id: str = "",
            aliases: tuple[str, ...] = (), role: str = "", affiliation: str = "") -> str:
        speaker = project.add_speaker(name, aliases=aliases, role=role, affiliation=affiliation,
                                      speaker_id=speaker_id or None)
        self.ids.add(speaker.id)
        self.by_name.setdefault(name, speaker.id)
        report.speakers_added += 1
        return speaker.id


def _store_annotations(project: Project, imported: ImportedDocument, doc_id: str,
                       registry: _SpeakerRegistry, report: ImportReport, *,
                       fresh: bool = False) -> None:
    """Store a document's marks; ``fresh``: the document is new, so nothing is there yet."""
    if not (imported.speakers or imported.spans or imported.relations or imported.statuses):
        return
    for speaker in imported.speakers:
        if speaker.id not in registry.ids:
            registry.add(project, speaker.name, report, speaker_id=speaker.id,
                         aliases=speaker.aliases, role=speaker.role,
                         affiliation=speaker.affiliation)
    stored = [] if fresh else project.spans(doc_id, include_deleted=True)
    known_spans = {s.id for s in stored}
    places = {(s.start, s.end, s.label): s.id for s in stored if not s.deleted}
    new_spans: list[NewSpan] = []
    same_place: dict[str, str] = {}  # imported span id -> the live span already at its place
    for span in imported.spans:
        if span.id and span.id in known_spans:
            report.spans_already_present += 1
            continue
        place = (span.start, span.end, span.label)
        if span.positional and place in places:
            same_place[span.id] = places[place]
            report.spans_already_present += 1
            continue
        attrs = _resolve_speakers(project, span, registry, report)
        new_spans.append((span.start, span.end, span.label, attrs, span.id or None,
                          span.author or None))
    project.add_spans(doc_id, new_spans, speaker_exists=registry.ids.__contains__)
    report.spans_added += len(new_spans)
    relations = [] if fresh or not imported.relations else \
        project.relations(doc_id, include_deleted=True)
    known_relations = {r.id for r in relations}
    links = {(r.from_id, r.to_id, r.type) for r in relations if not r.deleted}
    for relation in imported.relations:
        if relation.id and relation.id in known_relations:
            continue
        ends = (same_place.get(relation.from_id, relation.from_id),
                same_place.get(relation.to_id, relation.to_id))
        if (*ends, relation.type) in links:
            continue  # the same link, read from a file that has no relation ids of ours
        project.add_relation(*ends, relation.type, relation_id=relation.id or None,
                             author=relation.author or None)
        links.add((*ends, relation.type))
        report.relations_added += 1
    for analyst, status in imported.statuses.items():
        project.set_status(doc_id, status, analyst=analyst)


def _resolve_speakers(project: Project, span: ImportedSpan, registry: _SpeakerRegistry,
                      report: ImportReport) -> dict[str, str]:
    """Turn speaker-valued attributes (``name`` plus ``name_id``) into registry ids."""
    attrs = dict(span.attrs)
    for name in project.schema.speaker_attributes(span.label):
        speaker_id = attrs.pop(f"{name}_id", "")
        display = attrs.get(name, "")
        if speaker_id:
            if speaker_id not in registry.ids:
                registry.add(project, display or speaker_id, report, speaker_id=speaker_id)
            attrs[name] = speaker_id
        elif display:
            attrs[name] = registry.by_name.get(display) or registry.add(project, display, report)
    return attrs


def _extend_schema(project: Project, documents: list[ImportedDocument],
                   report: ImportReport) -> None:
    """Add the labels, attributes and choice values the files use and the schema lacks."""
    schema = original = project.schema
    for document in documents:
        for span in document.spans:
            if any(not name.strip() for name in span.attrs):
                raise InputError(f"has a {span.label} span with an attribute that has no name",
                                 path=document.path, line=document.line)
        try:
            schema, notes = schema.extended_for(
                ((span.label, span.attrs) for span in document.spans),
                (relation.type for relation in document.relations), id_columns=True)
        except InvariantError as error:  # a name the schema cannot take: say which file
            raise InputError(error.message, path=document.path, line=document.line) from error
        report.notes.extend(notes)
        labels = {span.id: span.label for span in document.spans}
        for relation in document.relations:
            schema = _with_relation_ends(schema, relation.type, labels.get(relation.from_id),
                                         labels.get(relation.to_id), report)
    if schema != original:
        project.set_schema(schema)


def _with_relation_ends(schema: LabelSchema, name: str, source: str | None,
                        target: str | None, report: ImportReport) -> LabelSchema:
    """The schema with relation ``name`` allowed from ``source`` and to ``target`` labels."""
    relation = schema.relation(name)
    assert relation is not None
    from_labels, to_labels = relation.from_labels, relation.to_labels
    if from_labels and source is not None and source not in from_labels:
        from_labels = (*from_labels, source)
        report.notes.append(f"the relation {name!r} may now start at a {source} span "
                            "(added to the schema)")
    if to_labels and target is not None and target not in to_labels:
        to_labels = (*to_labels, target)
        report.notes.append(f"the relation {name!r} may now end at a {target} span "
                            "(added to the schema)")
    if (from_labels, to_labels) == (relation.from_labels, relation.to_labels):
        return schema
    changed = RelationType(name, from_labels, to_labels)
    return dataclasses.replace(schema, relations=tuple(
        changed if r.name == name else r for r in schema.relations))


def _where(document: ImportedDocument) -> str:
    return f"{document.path}:{document.line}" if document.line else document.path
