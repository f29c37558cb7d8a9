"""Import files into a project: parse everything first, then store it in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.domain.errors import InputError, InvariantError
from annotator.domain.model import Document, text_sha256
from annotator.domain.schema import Attribute, LabelSchema, Layer, RelationType
from annotator.formats.jsonl import read_jsonl
from annotator.formats.limits import check_document_length, check_input_size
from annotator.formats.plain import read_csv, read_txt
from annotator.formats.records import ImportedDocument, ImportedSpan
from annotator.storage.project import Project
from annotator.text import NormalizationLevel

IMPORT_FORMATS = ("auto", "txt", "csv", "jsonl")
_READERS: dict[str, Callable[[Path, NormalizationLevel], Iterable[ImportedDocument]]] = {
    "txt": read_txt,
    "csv": read_csv,
    "jsonl": read_jsonl,
}
_EXTENSIONS = {".txt": "txt", ".text": "txt", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_NEW_LAYER_COLOURS = ("#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#ff7f0e")


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


def parse_files(paths: Iterable[str | Path], *, fmt: str, level: NormalizationLevel
                ) -> list[ImportedDocument]:
    """Read and check every file; raises ``InputError`` naming the file and line on a fault."""
    documents: list[ImportedDocument] = []
    for path in expand_paths(paths):
        reader = _READERS[detect_format(path, fmt)]
        check_input_size(path)
        documents.extend(reader(path, level))
    return documents


def import_files(project: Project, paths: Iterable[str | Path], *, fmt: str = "auto"
                 ) -> ImportReport:
    """Import files all-or-nothing: on any error the project is left exactly as it was."""
    documents = parse_files(paths, fmt=fmt, level=project.normalization)
    return store_documents(project, documents)


def store_documents(project: Project, documents: list[ImportedDocument]) -> ImportReport:
    report = ImportReport()
    for document in documents:
        check_document_length(len(document.canonical_text), document.path, document.line)
        if document.removed_controls:
            report.notes.append(
                f"{_where(document)}: removed {document.removed_controls} control character(s)")
    with project.transaction():
        _extend_schema(project, documents, report)
        registry = _SpeakerRegistry.of(project)
        for document in documents:
            try:
                _store(project, document, registry, report)
            except InvariantError as error:
                raise InputError(error.message, path=document.path, line=document.line) \
                    from error
    return report


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


def _store(project: Project, imported: ImportedDocument, registry: _SpeakerRegistry,
           report: ImportReport) -> None:
    sha = text_sha256(imported.canonical_text)
    existing = project.find_document(imported.id, sha)
    if existing is None:
        stored = project.add_document(Document(
            id=imported.id, title=imported.title, source=imported.source,
            canonical_text=imported.canonical_text, raw_text=imported.raw_text,
            alignment=imported.alignment, metadata=imported.metadata, encoding=imported.encoding))
        doc_id = stored.id
        report.documents_added += 1
    else:
        if project.document(existing).canonical_text != imported.canonical_text:
            raise InvariantError(
                f"document {imported.id} is already in the project with a different text")
        doc_id = existing
        report.documents_already_present += 1
    for speaker in imported.speakers:
        if speaker.id not in registry.ids:
            registry.add(project, speaker.name, report, speaker_id=speaker.id,
                         aliases=speaker.aliases, role=speaker.role,
                         affiliation=speaker.affiliation)
    known_spans = {s.id for s in project.spans(doc_id, include_deleted=True)}
    for span in imported.spans:
        if span.id and span.id in known_spans:
            report.spans_already_present += 1
            continue
        attrs = _resolve_speakers(project, span, registry, report)
        project.add_span(doc_id, span.start, span.end, span.label, attrs,
                         span_id=span.id or None, author=span.author or None)
        report.spans_added += 1
    known_relations = {r.id for r in project.relations(doc_id, include_deleted=True)}
    for relation in imported.relations:
        if relation.id and relation.id in known_relations:
            continue
        project.add_relation(relation.from_id, relation.to_id, relation.type,
                             relation_id=relation.id or None, author=relation.author or None)
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
    schema = project.schema
    original = schema
    for document in documents:
        for span in document.spans:
            schema = _with_span(schema, span, report)
        for relation in document.relations:
            if schema.relation(relation.type) is None:
                schema = schema.with_relation(RelationType(relation.type))
                report.notes.append(f"added the relation type {relation.type!r} to the schema")
    if schema != original:
        project.set_schema(schema)


def _with_span(schema: LabelSchema, span: ImportedSpan, report: ImportReport) -> LabelSchema:
    layer = schema.layer(span.label)
    if layer is None:
        colour = _NEW_LAYER_COLOURS[len(schema.layers) % len(_NEW_LAYER_COLOURS)]
        layer = Layer(span.label, colour)
        report.notes.append(f"added the label {span.label!r} to the schema")
    changed = False
    attributes = list(layer.attributes)
    speaker_names = schema.speaker_attributes(span.label)
    for name, value in span.attrs.items():
        if name.endswith("_id") and name[:-3] in speaker_names:
            continue
        found = next((a for a in attributes if a.name == name), None)
        if found is None:
            attributes.append(Attribute(name, "text"))
            report.notes.append(f"added the attribute {span.label}.{name} to the schema")
            changed = True
        elif found.kind == "choice" and value not in found.values:
            attributes[attributes.index(found)] = Attribute(name, "choice", (*found.values, value))
            report.notes.append(f"added the value {value!r} to {span.label}.{name}")
            changed = True
    if changed or schema.layer(span.label) is None:
        return schema.with_layer(Layer(layer.name, layer.color, layer.shortcut, tuple(attributes)))
    return schema


def _where(document: ImportedDocument) -> str:
    return f"{document.path}:{document.line}" if document.line else document.path
