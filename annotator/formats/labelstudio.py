"""Label Studio's JSON task list, in and out.

Export: one task per document, ``{"data": {"text", "doc_id", "title", "source", "metadata"},
"annotations": [{"annotator", "result": [...]}], "predictions": []}`` with one annotation per
analyst. A span is a ``labels`` result ``{"id", "from_name": "label", "to_name": "text",
"value": {"start", "end", "text", "labels": [label]}}``; each attribute is a per-region
``choices`` (choice attributes) or ``textarea`` result with the span's ``id``; a relation is a
``relation`` result. Offsets are code points of ``data.text``, end exclusive.

Import: annotations (not predictions, which are counted and left out). Older Label Studio wrote
UTF-16 offsets; where ``text[start:end]`` is not ``value.text`` the span is looked for at the
UTF-16 reading of its offsets, then at the nearest occurrence of its text, and the import says
so; a span whose text occurs nowhere is an error.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import IO, Any, cast

from annotator.domain import safe_json
from annotator.domain.errors import InputError
from annotator.domain.model import text_sha256
from annotator.formats.export_view import DocumentView, ExportContext
from annotator.formats.foreign import (
    Fail,
    Placer,
    add_span,
    int_field,
    is_uuid,
    json_array,
    stable_id,
    string_field,
)
from annotator.formats.plain import document_from_text
from annotator.formats.records import ImportedDocument, ImportedRelation, ImportedSpan
from annotator.text import NormalizationLevel, Utf16Index

_DATA_KEYS = ("text", "doc_id", "title", "source", "metadata")
_REGION_TYPES = ("labels",)
_ATTRIBUTE_TYPES = ("choices", "textarea", "taxonomy")


class LabelStudioWriter:
    def __init__(self, stream: IO[str], context: ExportContext) -> None:
        self.stream = stream
        self.context = context
        self.counts: Counter[str] = Counter()
        self.first = True
        stream.write("[")

    def write(self, view: DocumentView) -> int:
        document = view.document
        by_author: dict[str, list[dict[str, Any]]] = {}
        author_of: dict[str, str] = {}
        for span, start, end in view.spans:
            author_of[span.id] = span.author
            results = by_author.setdefault(span.author, [])
            where = {"start": start, "end": end}
            results.append({"id": span.id, "from_name": "label", "to_name": "text",
                            "type": "labels", "origin": "manual",
                            "value": {**where, "text": view.text[start:end],
                                      "labels": [span.label]}})
            layer = self.context.schema.layer(span.label)
            for name, value in self.context.attrs(span).items():
                attribute = layer.attribute(name) if layer else None
                if attribute is not None and attribute.kind == "choice":
                    kind, payload = "choices", {"choices": [value]}
                else:
                    kind, payload = "textarea", {"text": [value]}
                results.append({"id": span.id, "from_name": name, "to_name": "text",
                                "type": kind, "origin": "manual", "value": {**where, **payload}})
        for relation in view.relations:
            by_author.setdefault(author_of[relation.from_id], []).append(
                {"from_id": relation.from_id, "to_id": relation.to_id, "type": "relation",
                 "direction": "right", "labels": [relation.type]})
        task = {
            "data": {"text": view.text, "doc_id": document.id, "title": document.title,
                     "source": document.source, "metadata": document.metadata},
            "annotations": [{"annotator": author, "result": results}
                            for author, results in sorted(by_author.items())],
            "predictions": [],
        }
        self.stream.write(("\n" if self.first else ",\n") + safe_json.dumps(task))
        self.first = False
        return 1

    def finish(self) -> None:
        self.stream.write("\n]\n")


def read_label_studio(path: Path, level: NormalizationLevel) -> list[ImportedDocument]:
    """Parse a Label Studio JSON export (a list of tasks); errors name the task's line."""
    return [_task(value, path=str(path), line=line, level=level)
            for line, value in json_array(path)]


def _task(value: object, *, path: str, line: int, level: NormalizationLevel) -> ImportedDocument:
    def fail(message: str) -> InputError:
        return InputError(message, path=path, line=line)

    if not isinstance(value, dict):
        raise fail("is a task that is not a JSON object")
    task = cast(dict[str, Any], value)
    data = task.get("data")
    if not isinstance(data, dict):
        raise fail("is a task without a 'data' object")
    text = data.get("text")
    if text is None:
        strings = [v for v in data.values() if isinstance(v, str)]
        text = strings[0] if len(strings) == 1 else None
    if not isinstance(text, str) or not text.strip():
        raise fail("is a task whose data has no 'text' string")
    title, source = data.get("title"), data.get("source")
    document = document_from_text(
        text, level=level, title=title if isinstance(title, str) and title else f"task {line}",
        source=source if isinstance(source, str) and source else f"{Path(path).name}:{line}",
        encoding="utf-8", path=path, line=line)
    if isinstance(data.get("doc_id"), str):
        document.id = data["doc_id"]
    metadata = data.get("metadata")
    document.metadata = dict(metadata) if isinstance(metadata, dict) else {}
    document.metadata.update(
        (k, v) for k, v in data.items() if k not in _DATA_KEYS and v is not text)
    if isinstance(task.get("id"), int):
        document.metadata["label_studio_id"] = task["id"]
    reader = _Results(document, fail)
    for annotation in _list(task.get("annotations", []), "annotations", fail):
        if not isinstance(annotation, dict):
            raise fail("has an annotation that is not an object")
        if annotation.get("was_cancelled"):
            reader.note("an annotation marked cancelled was left out")
            continue
        reader.read(_list(annotation.get("result", []), "result", fail), _author(annotation))
    predictions = _list(task.get("predictions") or [], "predictions", fail)
    if predictions:
        reader.note(f"{len(predictions)} prediction(s) were left out; only annotations are "
                    "imported")
    return document


def _author(annotation: dict[str, Any]) -> str:
    if isinstance(annotation.get("annotator"), str):
        return cast(str, annotation["annotator"])
    who = annotation.get("completed_by")
    if isinstance(who, dict) and isinstance(who.get("email"), str):
        return cast(str, who["email"])
    if isinstance(who, int) and not isinstance(who, bool):
        return f"label-studio user {who}"
    return ""


class _Results:
    """Turns one task's results into spans, attributes and relations."""

    def __init__(self, document: ImportedDocument, fail: Fail) -> None:
        self.document = document
        self.fail = fail
        self.placer = Placer(document)
        self.sha = text_sha256(document.canonical_text)
        self.utf16 = Utf16Index(document.raw_text)

    def note(self, message: str) -> None:
        self.document.notes.append(f"{self.document.path}:{self.document.line}: {message}")

    def read(self, results: list[Any], author: str) -> None:
        attrs: dict[str, dict[str, str]] = {}
        regions: list[dict[str, Any]] = []
        relations: list[dict[str, Any]] = []
        for result in results:
            if not isinstance(result, dict):
                raise self.fail("has a result that is not an object")
            kind = result.get("type")
            value = result.get("value")
            if kind == "relation":
                relations.append(result)
            elif not isinstance(value, dict):
                raise self.fail(f"has a {kind} result without a 'value' object")
            elif kind in _REGION_TYPES:
                regions.append(result)
            elif kind in _ATTRIBUTE_TYPES:
                name = string_field(result.get("from_name"), f"a {kind} from_name", self.fail)
                if "start" in value:
                    attrs.setdefault(str(result.get("id")), {})[name] = _attribute(value)
                else:
                    self.document.metadata[name] = _attribute(value)
            else:
                raise self.fail(f"has a {kind!r} result, which Annotator cannot import "
                                "(only text spans: 'labels', with choices and text per region)")
        span_ids: dict[str, str] = {}
        for result in regions:
            region_id = str(result.get("id"))
            for span in self._spans(result, attrs.get(region_id, {}), author):
                span_ids.setdefault(region_id, span.id)
                add_span(self.document, span)
        for result in relations:
            ends = [span_ids.get(str(result.get(key))) for key in ("from_id", "to_id")]
            if ends[0] is None or ends[1] is None:
                raise self.fail("has a relation naming a region id that is not in its result")
            if result.get("direction") == "left":  # drawn from the second region to the first
                ends.reverse()
            labels = _list(result.get("labels") or ["related"], "labels", self.fail)
            kind = string_field(labels[0], "a relation label", self.fail)
            self.document.relations.append(ImportedRelation(
                ends[0], ends[1], kind, stable_id(self.sha, ends[0], ends[1], kind), author))

    def _spans(self, result: dict[str, Any], attrs: dict[str, str], author: str
               ) -> list[ImportedSpan]:
        value = cast(dict[str, Any], result["value"])
        start = int_field(value.get("start"), "a region start", self.fail)
        end = int_field(value.get("end"), "a region end", self.fail)
        quoted = value.get("text")
        if quoted is not None:
            quoted = string_field(quoted, "a region text", self.fail)
            start, end = self._locate(start, end, quoted)
        labels = value.get(result["type"])
        if not isinstance(labels, list) or not labels or \
                not all(isinstance(label, str) and label.strip() for label in labels):
            raise self.fail("has a region whose labels are not a list of names")
        canonical_start, canonical_end = self.placer.place(start, end, self.fail)
        if len(labels) == 1 and is_uuid(result.get("id")):
            # Written by our export: the span keeps its identity.
            return [ImportedSpan(canonical_start, canonical_end, labels[0], dict(attrs),
                                 result["id"], author)]
        return [ImportedSpan(canonical_start, canonical_end, label, dict(attrs),
                             stable_id(self.sha, canonical_start, canonical_end, label, author),
                             author, positional=True)
                for label in labels]

    def _locate(self, start: int, end: int, quoted: str) -> tuple[int, int]:
        """Where the region's text really is, in code points; notes any realignment."""
        raw = self.document.raw_text
        if not quoted:
            raise self.fail(f"has a region [{start}, {end}) with an empty text")
        if 0 <= start < end <= len(raw) and raw[start:end] == quoted:
            return start, end
        try:
            utf16 = (self.utf16.from_qt_position(start), self.utf16.from_qt_position(end))
        except ValueError:
            utf16 = (-1, -1)
        if utf16[0] >= 0 and raw[utf16[0]:utf16[1]] == quoted:
            self.note(f"the region {quoted!r} had UTF-16 offsets [{start}, {end}) (older Label "
                      f"Studio); read as code points [{utf16[0]}, {utf16[1]})")
            return utf16
        found = _nearest(raw, quoted, start)
        if found < 0:
            raise self.fail(f"has a region [{start}, {end}) whose text {quoted!r} is not in "
                            "the task's text")
        self.note(f"the region {quoted!r} at [{start}, {end}) did not match the text there; "
                  f"moved to its nearest occurrence [{found}, {found + len(quoted)})")
        return found, found + len(quoted)


def _nearest(text: str, needle: str, near: int) -> int:
    """The start of the occurrence of ``needle`` in ``text`` closest to ``near``; -1 if none."""
    best = -1
    position = text.find(needle)
    while position >= 0:
        if best < 0 or abs(position - near) < abs(best - near):
            best = position
        position = text.find(needle, position + 1)
    return best


def _attribute(value: dict[str, Any]) -> str:
    """The value of a per-region choices, textarea or taxonomy result, as one string."""
    for key in ("choices", "text", "taxonomy"):
        items = value.get(key)
        if isinstance(items, list):
            flat = ["/".join(map(str, i)) if isinstance(i, list) else str(i) for i in items]
            return ", ".join(flat)
        if isinstance(items, str):
            return items
    return ""


def _list(value: object, what: str, fail: Fail) -> list[Any]:
    if not isinstance(value, list):
        raise fail(f"has '{what}' that is not a list")
    return value
