"""Checking what a source file holds before any of it is written: each value of an untrusted
row or stored conflict is checked for its type and range, as an import would, and a stored
version becomes an ``ItemVersion``; what fails is refused with a reason (``Refused``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotator.domain import safe_json
from annotator.storage.merge.versions import SEEN_ALL, Field, ItemVersion, is_hash
from annotator.storage.raw_patch import MalformedPatch, patched_raw
from annotator.storage.rules import (
    MAX_DOCUMENT_CHARS,
    alignment_fits,
    document_faults,
    revision_fault,
)
from annotator.storage.tables import DOCUMENTS, ItemTable, JsonObject, Row, alignment_json


class Refused(Exception):
    """An item of a source that cannot be merged; the message is the reason."""


def text(value: object, what: str, *, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise Refused(f"its {what} is not {'text' if empty else 'non-empty text'}")
    return value


def integer(value: object, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise Refused(f"its {what} is not a whole number of at least {minimum}")
    return value


def flag(value: object) -> bool:
    if value not in (0, 1) or not isinstance(value, int | bool):
        raise Refused("its deleted flag is not 0 or 1")
    return bool(value)


def json_field(value: object, what: str) -> Any:  # JSON enters here: checked by the caller
    try:
        return safe_json.loads(str(value))
    except ValueError:
        raise Refused(f"its {what} is not valid JSON") from None


def _history(raw: JsonObject, entity_id: str,
             own: dict[str, Callable[[], Field]]) -> ItemVersion:
    """The common fields of a version and its ``own`` fields, checked; then its history."""
    if raw.get("id") != entity_id:
        raise Refused("a stored version names another item")
    author = text(raw.get("author"), "author", empty=False)
    created = text(raw.get("created"), "created time", empty=False)
    modified = text(raw.get("modified"), "modified time", empty=False)
    revision = raw.get("revision")
    fault = revision_fault(revision)
    if fault or not isinstance(revision, int):
        raise Refused(fault or "its revision is not a whole number")
    deleted = flag(raw.get("deleted"))
    values = {key: check() for key, check in own.items()}
    history = raw.get("history", [])
    if not isinstance(history, list) or len(history) > revision or not all(
            isinstance(h, str) and (h == SEEN_ALL or is_hash(h)) for h in history):
        raise Refused(f"its history is not a list of at most {revision} short hashes")
    return ItemVersion(entity_id, author, created, modified, revision, deleted, values,
                       tuple(history))


def span_version(raw: JsonObject, entity_id: str) -> ItemVersion:
    attrs = raw.get("attrs")
    if not isinstance(attrs, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in attrs.items()):
        raise Refused("its attributes are not a JSON object of text values")
    start = integer(raw.get("start"), "start", 0)
    end = integer(raw.get("end"), "end", 1)
    if start >= end:
        raise Refused(f"it is empty or reversed ([{start}, {end}))")
    return _history(raw, entity_id, {
        "start": lambda: start, "end": lambda: end,
        "label": lambda: text(raw.get("label"), "label", empty=False),
        "attrs": lambda: dict(attrs)})


def relation_version(raw: JsonObject, entity_id: str) -> ItemVersion:
    return _history(raw, entity_id, {
        "from": lambda: text(raw.get("from"), "from span", empty=False),
        "to": lambda: text(raw.get("to"), "to span", empty=False),
        "type": lambda: text(raw.get("type"), "type", empty=False)})


def speaker_version(raw: JsonObject, entity_id: str) -> ItemVersion:
    aliases = raw.get("aliases")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise Refused("its aliases are not a JSON list of text")
    return _history(raw, entity_id, {
        "name": lambda: text(raw.get("name"), "name", empty=False),
        "aliases": lambda: list(aliases), "role": lambda: text(raw.get("role"), "role"),
        "affiliation": lambda: text(raw.get("affiliation"), "affiliation")})


CHECKS: dict[str, Callable[[JsonObject, str], ItemVersion]] = {
    "span": span_version, "relation": relation_version, "speaker": speaker_version}


def checked(table: ItemTable, raw: object, entity_id: str) -> ItemVersion:
    """A version of an item of ``table`` given as JSON, checked, or ``Refused``."""
    if not isinstance(raw, dict):
        raise Refused("a conflicting version is not a JSON object")
    version = CHECKS[table.entity](raw, entity_id)
    if not table.added:
        return version
    own = dict(version.own)
    for column, default in table.added.items():
        value = raw.get(column, default)
        value = text(value, column) if isinstance(default, str) else integer(
            value, column, -(2 ** 63))
        if value != default:
            own[column] = value
    return ItemVersion(version.id, version.author, version.created, version.modified,
                       version.revision, version.deleted, own, version.history)


def row_version(table: ItemTable, row: Row) -> ItemVersion:
    """A row of ``table`` (read with ``table.select()``) as a checked version, or ``Refused``."""
    return checked(table, table.raw_version(row, json_field), str(row[0]))


_DOCUMENT_FIELDS = DOCUMENTS.pick(*DOCUMENTS.columns)


def check_document(row: Row) -> None:
    """Refuse a document row (read with ``DOCUMENTS.select()``) unless it is sound."""
    (doc_id, title, source, canonical, raw, alignment, metadata, sha, length, encoding, author,
     created) = _DOCUMENT_FIELDS(row)
    text(doc_id, "id", empty=False)
    for value, what in ((title, "title"), (source, "source"), (encoding, "encoding")):
        text(value, what)
    text(author, "author", empty=False)
    text(created, "created time", empty=False)
    canonical = text(canonical, "canonical text")
    if isinstance(raw, bytes):
        try:
            raw = patched_raw(canonical, raw)
        except MalformedPatch as error:
            raise Refused(f"its {error}") from None
    else:
        raw = canonical if raw is None else text(raw, "raw text")
    if max(len(canonical), len(raw)) > MAX_DOCUMENT_CHARS:
        raise Refused(f"its text is over the {MAX_DOCUMENT_CHARS:,} characters one document "
                      "may have (an import refuses it too)")
    faults = document_faults(canonical, raw, None, str(sha), length)
    if "text_sha256" in faults:
        raise Refused("its text_sha256 does not match its text")
    if "length" in faults:
        raise Refused("its stored length does not match its text")
    segments = json_field(alignment_json(alignment, canonical), "alignment")
    if not isinstance(segments, list) or not all(
            isinstance(s, list) and len(s) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in s)
            for s in segments):
        raise Refused("its alignment is not a list of [raw, canonical] lengths")
    if not alignment_fits(segments, raw, canonical):
        raise Refused("its alignment does not fit its texts")
    if not isinstance(json_field(metadata, "metadata"), dict):
        raise Refused("its metadata is not a JSON object")
