"""Label Studio's JSON task list, in and out, with the labelling config that reads it.

Export: one task per document, ``{"id", "data": {"text", "doc_id", "title", "source",
"metadata"}, "annotations": [{"id", "completed_by", "annotator", "result": [...]}],
"predictions": [...]}``. ``id`` is an integer stable per document (the Label Studio id it was
imported with, else one derived from the document id); one annotation per analyst, whose
``completed_by`` is an integer derived from the analyst's name and ``annotator`` the name. A
span is a ``labels`` result ``{"id", "from_name": "label", "to_name": "text", "value": {"start",
"end", "text", "labels": [label]}}``; each attribute is a per-region ``choices`` (choice
attributes) or ``textarea`` result with the span's ``id``; a relation is a ``relation`` result.
``--with-suggestions`` adds the rule suggestions as ``predictions``. ``label_config.xml``
(``label_config``) declares these names. Offsets count UTF-16 code units of ``data.text``, as
Label Studio's front end does, end exclusive.

Import: full exports and JSON-MIN exports (``[{"id", "text", "label": [{"start", "end", "text",
"labels"}], "annotator", ...}]``); the text is ``data.text``, or ``data[text_key]``. Annotations
are imported, predictions counted and left out. Where a region has ``value.text``, its offsets
are read as UTF-16 units, else as code points, else at the nearest occurrence of its text, and
the import says so when it was not UTF-16; a span whose text occurs nowhere is an error.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, cast
from xml.sax.saxutils import quoteattr

from annotator.domain import safe_json
from annotator.domain.errors import InputError
from annotator.domain.model import text_sha256
from annotator.domain.schema import LabelSchema
from annotator.formats.export_view import DocumentView, ExportContext
from annotator.formats.foreign import (
    Fail,
    Placer,
    SpanList,
    int_field,
    is_uuid,
    json_array,
    stable_id,
    string_field,
)
from annotator.formats.plain import document_from_text
from annotator.formats.records import ImportedDocument, ImportedRelation, ImportedSpan
from annotator.text import Alignment, NormalizationLevel, Utf16Index

_DATA_KEYS = ("text", "doc_id", "title", "source", "metadata")
_REGION_TYPES = ("labels",)
_ATTRIBUTE_TYPES = ("choices", "textarea", "taxonomy")
_MIN_KEYS = ("id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time",
             "agreement")
LABEL_CONFIG = "label_config.xml"
Suggestions = Callable[[str], list[dict[str, Any]]]  # document id to suggestion records


def integer_id(name: str) -> int:
    """A positive integer derived from ``name``, below 2**53 (exact in JavaScript)."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:13], 16) + 1


def label_config(schema: LabelSchema) -> str:
    """Label Studio's labelling config (XML) for the schema: labels, per-region choices and
    text areas, and the relation types."""
    lines = ["<View>", '  <Labels name="label" toName="text">']
    lines += [f"    <Label value={quoteattr(layer.name)} background={quoteattr(layer.color)}/>"
              for layer in schema.layers]
    lines += ["  </Labels>", '  <Text name="text" value="$text"/>']
    seen: set[str] = set()
    for layer in schema.layers:
        for attribute in layer.attributes:
            if attribute.name in seen or attribute.name in ("label", "text"):
                continue
            seen.add(attribute.name)
            owners = ",".join(x.name for x in schema.layers if x.attribute(attribute.name))
            if attribute.kind == "choice":
                lines.append(f"  <Choices {_per_region(attribute.name, owners)} "
                             'choice="single">')
                lines += [f"    <Choice value={quoteattr(v)}/>" for v in attribute.values]
                lines.append("  </Choices>")
                continue
            # A speaker-valued attribute is exported as the name with the id beside it.
            names = [attribute.name] + ([f"{attribute.name}_id"] if attribute.kind == "speaker"
                                        else [])
            lines += [f'  <TextArea {_per_region(name, owners)} maxSubmissions="1" '
                      'editable="true"/>' for name in names]
    if schema.relations:
        lines.append("  <Relations>")
        lines += [f"    <Relation value={quoteattr(r.name)}/>" for r in schema.relations]
        lines.append("  </Relations>")
    return "\n".join([*lines, "</View>", ""])


def _per_region(name: str, owners: str) -> str:
    """The attributes of a control shown for the selected region of one of ``owners``."""
    return (f'name={quoteattr(name)} toName="text" perRegion="true" '
            f'visibleWhen="region-selected" whenLabelValue={quoteattr(owners)}')


class LabelStudioWriter:
    def __init__(self, stream: IO[str], context: ExportContext, *,
                 suggestions: Suggestions | None = None) -> None:
        self.stream = stream
        self.context = context
        self.suggestions = suggestions
        self.counts: Counter[str] = Counter()
        self.first = True
        stream.write("[")

    def write(self, view: DocumentView) -> int:
        document = view.document
        units = Utf16Index(view.text)
        by_author: dict[str, list[dict[str, Any]]] = {}
        author_of: dict[str, str] = {}
        for span, start, end in view.spans:
            author_of[span.id] = span.author
            by_author.setdefault(span.author, []).extend(self._results(
                span.id, span.label, self.context.attrs(span), view.text, start, end, units,
                "manual"))
        for relation in view.relations:
            by_author.setdefault(author_of[relation.from_id], []).append(
                {"from_id": relation.from_id, "to_id": relation.to_id, "type": "relation",
                 "direction": "right", "labels": [relation.type]})
        given = document.metadata.get("label_studio_id")
        task = {
            "id": given if isinstance(given, int) and not isinstance(given, bool)
            else integer_id(document.id),
            "data": {"text": view.text, "doc_id": document.id, "title": document.title,
                     "source": document.source, "metadata": document.metadata},
            "annotations": [{"id": integer_id(f"{document.id}\n{author}"),
                             "completed_by": integer_id(author), "annotator": author,
                             "result": results}
                            for author, results in sorted(by_author.items())],
            "predictions": self._predictions(view, units),
        }
        self.stream.write(("\n" if self.first else ",\n") + safe_json.dumps(task))
        self.first = False
        return 1

    def _results(self, region: str, label: str, attrs: dict[str, Any], text: str, start: int,
                 end: int, units: Utf16Index, origin: str) -> list[dict[str, Any]]:
        """A region's ``labels`` result and one result per attribute; offsets in UTF-16."""
        where = {"start": units.to_qt_position(start), "end": units.to_qt_position(end)}
        results: list[dict[str, Any]] = [
            {"id": region, "from_name": "label", "to_name": "text", "type": "labels",
             "origin": origin, "value": {**where, "text": text[start:end], "labels": [label]}}]
        layer = self.context.schema.layer(label)
        for name, value in attrs.items():
            attribute = layer.attribute(name) if layer else None
            if attribute is not None and attribute.kind == "choice":
                kind, payload = "choices", {"choices": [value]}
            else:
                kind, payload = "textarea", {"text": [value]}
            results.append({"id": region, "from_name": name, "to_name": "text", "type": kind,
                            "origin": origin, "value": {**where, **payload}})
        return results

    def _predictions(self, view: DocumentView, units: Utf16Index) -> list[dict[str, Any]]:
        if self.suggestions is None:
            return []
        alignment = Alignment(view.document.alignment) if view.original else None
        results: list[dict[str, Any]] = []
        for n, row in enumerate(self.suggestions(view.document.id), start=1):
            start, end = alignment.to_raw(row["start"], row["end"]) if alignment else (
                row["start"], row["end"])
            attrs = {k: v for k, v in row["attrs"].items() if v}
            results.extend(self._results(f"suggestion-{n}", row["label"], attrs, view.text,
                                         start, end, units, "prediction"))
            self.counts["suggestions (predictions)"] += 1
        return [{"model_version": "annotator-rules", "result": results}] if results else []

    def finish(self) -> None:
        self.stream.write("\n]\n")


def read_label_studio(path: Path, level: NormalizationLevel, *, text_key: str | None = None
                      ) -> list[ImportedDocument]:
    """Parse a Label Studio JSON export (a list of tasks, full or JSON-MIN); the text is under
    ``text_key`` when given; errors name the task's line."""
    return [_task(value, path=str(path), line=line, level=level, text_key=text_key)
            for line, value in json_array(path)]


def from_json_min(record: dict[str, Any]) -> dict[str, Any]:
    """A JSON-MIN record (data keys, each control's regions under its name) as a full task."""
    data: dict[str, Any] = {}
    result: list[dict[str, Any]] = []
    for key, item in record.items():
        if key in _MIN_KEYS:
            continue
        if isinstance(item, list) and item and all(
                isinstance(v, dict) and "start" in v and "end" in v for v in item):
            for n, region in enumerate(item, start=1):
                labels = region.get("labels")
                result.append({"id": f"{key}-{n}", "from_name": key, "to_name": "text",
                               "type": "labels", "value": {**region, "labels": labels}})
        else:
            data[key] = item
    who = record.get("annotator")
    return {"id": record.get("id"), "data": data,
            "annotations": [{"result": result, "completed_by": who}] if result else []}


def _task(value: object, *, path: str, line: int, level: NormalizationLevel,
          text_key: str | None) -> ImportedDocument:
    def fail(message: str) -> InputError:
        return InputError(message, path=path, line=line)

    if not isinstance(value, dict):
        raise fail("is a task that is not a JSON object")
    task = cast(dict[str, Any], value)
    if "data" not in task and "annotations" not in task:
        task = from_json_min(task)
    data = task.get("data")
    if not isinstance(data, dict):
        raise fail("is a task without a 'data' object")
    key = text_key or "text"
    text = data.get(key)
    if text is None and text_key is None:
        strings = [k for k, v in data.items() if isinstance(v, str)]
        key = strings[0] if len(strings) == 1 else key
        text = data.get(key)
    if not isinstance(text, str) or not text.strip():
        raise fail(f"is a task whose data has no {key!r} string"
                   + ("" if text_key else "; give --text-key for the key that holds the text"))
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
        (k, v) for k, v in data.items() if k not in (*_DATA_KEYS, key))
    given = task.get("id")
    if isinstance(given, int) and not isinstance(given, bool) and \
            given != integer_id(document.id):  # Label Studio's own id, not one we derived
        document.metadata["label_studio_id"] = given
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
        self.spans = SpanList(document)
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
                self.spans.add(span)
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

    def _locate(self, start: int, end: int, quoted: str | None) -> tuple[int, int]:
        """Where the region really is, in code points: its UTF-16 offsets (Label Studio's),
        else its offsets as code points, else the nearest occurrence of its text (noted)."""
        raw = self.document.raw_text
        try:
            utf16 = (self.utf16.from_qt_position(start), self.utf16.from_qt_position(end))
        except ValueError:
            utf16 = (-1, -1)
        if quoted is None:
            if utf16[0] < 0 or utf16[0] >= utf16[1]:
                raise self.fail(f"has a span [{start}, {end}) outside its text of "
                                f"{self.utf16.qt_length} UTF-16 code units")
            return utf16
        if not quoted:
            raise self.fail(f"has a region [{start}, {end}) with an empty text")
        if utf16[0] >= 0 and raw[utf16[0]:utf16[1]] == quoted:
            return utf16
        if 0 <= start < end <= len(raw) and raw[start:end] == quoted:
            self.note(f"the region {quoted!r} had code point offsets [{start}, {end}), not "
                      "UTF-16 code units as Label Studio writes; read as code points")
            return start, end
        found = _nearest(raw, quoted, start)
        if found < 0:
            raise self.fail(f"has a region [{start}, {end}) whose text {quoted!r} is not in "
                            "the task's text")
        self.note(f"the region {quoted!r} at [{start}, {end}) did not match the text there; "
                  f"moved to its nearest occurrence [{found}, {found + len(quoted)})")
        return found, found + len(quoted)


def _nearest(text: str, needle: str, near: int) -> int:
    """The start of the occurrence of ``needle`` in ``text`` closest to ``near`` (the earlier
    one on a tie); -1 if none. Looks only as far as the nearest occurrence on each side, so a
    file whose every region is a little off costs no more than one whose regions are right."""
    near = max(0, min(near, len(text)))
    after = text.find(needle, near)
    before = text.rfind(needle, 0, near + len(needle) - 1)
    if before < 0 or (after >= 0 and after - near < near - before):
        return after
    return before


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
