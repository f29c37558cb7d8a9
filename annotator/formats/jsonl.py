"""Our own JSONL: one document per line with its spans, relations, speakers and statuses.

Fields: ``id, title, source, text, text_sha256, spans[{id, start, end, label, text, attrs,
annotator}], relations[{id, from, to, type}], speakers[...], status, metadata``. Offsets are
code points into ``text``. A speaker-valued attribute is written as the speaker's display
name with the id beside it under ``<attribute>_id``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from annotator.domain.errors import InputError
from annotator.formats.foreign import Placer, json_lines, record_with_text
from annotator.formats.plain import document_from_text
from annotator.formats.records import (
    ImportedDocument,
    ImportedRelation,
    ImportedSpan,
    ImportedSpeaker,
)
from annotator.text import NormalizationLevel

Fail = Callable[[str], InputError]  # builds the error for this file and line


def read_jsonl(path: Path, level: NormalizationLevel) -> Iterator[ImportedDocument]:
    """Parse our JSONL; every span must lie inside its text and match its ``text`` field."""
    for number, value in json_lines(path):
        yield _document(value, path=str(path), line=number, level=level)


def _document(value: object, *, path: str, line: int, level: NormalizationLevel
              ) -> ImportedDocument:
    def fail(message: str) -> InputError:
        return InputError(message, path=path, line=line)

    record, text = record_with_text(value, fail)
    document = document_from_text(
        text, level=level, title=_string(record.get("title", ""), "title", fail) or f"line {line}",
        source=_string(record.get("source", ""), "source", fail) or Path(path).name,
        encoding="utf-8", path=path, line=line)
    document.id = _string(record.get("id", ""), "id", fail)
    metadata = record.get("metadata", {})
    if not isinstance(metadata, dict):
        raise fail("has 'metadata' that is not an object")
    document.metadata = metadata
    placer = Placer(document)
    for item in _list(record.get("speakers", []), "speakers", fail):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) \
                or not isinstance(item.get("name"), str):
            raise fail("has a speaker without a string 'id' and 'name'")
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise fail(f"speaker {item['name']!r} has aliases that are not a list of strings")
        document.speakers.append(ImportedSpeaker(
            item["id"], item["name"], tuple(aliases),
            _string(item.get("role", ""), "role", fail),
            _string(item.get("affiliation", ""), "affiliation", fail)))
    for item in _list(record.get("spans", []), "spans", fail):
        document.spans.append(_span(item, text, placer, fail))
    for item in _list(record.get("relations", []), "relations", fail):
        if not isinstance(item, dict) or not all(
                isinstance(item.get(k), str) for k in ("from", "to", "type")):
            raise fail("has a relation without string 'from', 'to' and 'type'")
        document.relations.append(ImportedRelation(
            item["from"], item["to"], item["type"], _string(item.get("id", ""), "id", fail),
            _string(item.get("annotator", ""), "annotator", fail)))
    status = record.get("status", {})
    if not isinstance(status, dict) or not all(isinstance(v, str) for v in status.values()):
        raise fail("has a 'status' that is not an object of analyst to status")
    if any(not analyst.strip() for analyst in status):
        raise fail("has a status for an analyst without a name")
    document.statuses = cast(dict[str, str], status)
    return document


def _span(item: object, text: str, placer: Placer, fail: Fail) -> ImportedSpan:
    if not isinstance(item, dict):
        raise fail("has a span that is not an object")
    start, end, label = item.get("start"), item.get("end"), item.get("label")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) \
            or isinstance(end, bool):
        raise fail("has a span whose 'start' and 'end' are not integers")
    if not isinstance(label, str) or not label.strip():
        raise fail("has a span without a 'label'")
    if not (0 <= start < end <= len(text)):
        raise fail(f"has a span [{start}, {end}) outside its text of {len(text)} characters")
    quoted = item.get("text")
    if quoted is not None and quoted != text[start:end]:
        raise fail(f"has a span [{start}, {end}) whose text {quoted!r} is not the text there "
                   f"({text[start:end]!r})")
    attrs = item.get("attrs", {})
    if not isinstance(attrs, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in attrs.items()):
        raise fail("has a span whose 'attrs' are not an object of strings")
    # An edge inside a CRLF pair (or other changed text) is refused, as the other importers do.
    new_start, new_end = placer.place(start, end, fail)
    return ImportedSpan(new_start, new_end, label, dict(attrs),
                        _string(item.get("id", ""), "span id", fail),
                        _string(item.get("annotator", ""), "annotator", fail))


def _string(value: object, what: str, fail: Fail) -> str:
    if not isinstance(value, str):
        raise fail(f"has a {what} that is not a string")
    return value


def _list(value: object, what: str, fail: Fail) -> list[Any]:
    if not isinstance(value, list):
        raise fail(f"has '{what}' that is not a list")
    return value

