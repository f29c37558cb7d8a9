"""The project file's tables, each declared once: its columns, its key, how its rows become
domain objects, and the statements that read and write it.

Rows of a table are read and written through its declaration, so adding a column is a
change here plus a migration (and the domain object's field that carries it); see
``docs/design.md``. ``tests/storage/test_tables.py`` checks each declaration against the
migrated schema. Rows are read by column name: ``Table.pick`` turns a row selected with
``Table.select`` into the values of the named columns.

The items merged by id (spans, relations, speakers) also declare their *version*: the JSON
object merging compares and ``storage.history`` hashes (id, author, created, modified, revision,
deleted and the item's own fields). A version is made from a stored row or from a domain object
by the same declaration, so the hash Project stores and the one merging computes never differ.
"""

from __future__ import annotations

import json
import operator
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from annotator.domain.errors import InvariantError
from annotator.domain.model import Document, Relation, Span, Speaker
from annotator.storage.raw_patch import raw_from_stored, stored_raw

# SQL words used as column names, quoted wherever a column is named.
_RESERVED = frozenset({"end", "from", "to", "key", "type", "action"})


Row = Sequence[Any]
"""A row as ``sqlite3`` returns it (where stored values enter): read it by the names of the
declaration it was selected with (``Table.pick``)."""

JsonObject = dict[str, Any]
"""A JSON object as stored or exchanged (an item's version, an edit's detail): JSON enters
and leaves as these; checked values become domain objects or ``ItemVersion``s."""

# The assignment that appends a hash (its one parameter) to an item's history, but only while
# the history is complete: a gap would shift every later hash to the wrong revision.
APPEND_HISTORY = ("history = CASE WHEN json_array_length(history) = revision"
                  " THEN json_insert(history, '$[#]', ?) ELSE history END")


def quoted(column: str) -> str:
    return f'"{column}"' if column in _RESERVED else column


def stored_json(value: object) -> str:
    """JSON as the project stores an item's attributes, aliases, metadata and edit details
    (keys sorted, non-ASCII kept), so a merged row is the same text as the original."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def history_json(history: Sequence[str]) -> str:
    """An item's history as stored, the same text SQLite's JSON functions write."""
    return json.dumps(list(history), separators=(",", ":"))


def canonical_json(value: object) -> str:
    """The canonical JSON of a value: what merging orders and stores versions by."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Table:
    """One table: its name, its columns in their stored order and its key."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...] = ("id",)

    @cached_property
    def positions(self) -> dict[str, int]:
        return {column: n for n, column in enumerate(self.columns)}

    def column_list(self, columns: Sequence[str] | None = None, *, alias: str = "",
                    read_as: Mapping[str, str] | None = None) -> str:
        """The named columns (every column by default), ``alias.`` before each; a column in
        ``read_as`` is read as that SQL expression instead (``"''"``: not worth its memory to
        the caller; ``"'[]'"``: a file from before the column)."""
        prefix = f"{alias}." if alias else ""
        instead = read_as or {}
        return ", ".join(instead.get(c, f"{prefix}{quoted(c)}")
                         for c in (self.columns if columns is None else columns))

    def select(self, where: str = "", *, order: str = "",
               read_as: Mapping[str, str] | None = None) -> str:
        """``SELECT`` of every column (in declared order), with optional clauses."""
        sql = f"SELECT {self.column_list(read_as=read_as)} FROM {self.name}"
        return sql + (f" WHERE {where}" if where else "") + (f" ORDER BY {order}" if order else "")

    def pick(self, *columns: str) -> Callable[[Row], tuple[Any, ...]]:
        """A function giving the values of ``columns`` of a row read with ``select``."""
        getter = operator.itemgetter(*(self.positions[c] for c in columns))
        if len(columns) == 1:
            return lambda row: (getter(row),)
        return getter

    def insert(self, verb: str = "INSERT", columns: Sequence[str] | None = None) -> str:
        """``INSERT`` of the named columns (every column by default), one ``?`` each."""
        names = self.columns if columns is None else tuple(columns)
        marks = ", ".join("?" * len(names))
        return f"{verb} INTO {self.name}({self.column_list(names)}) VALUES ({marks})"

    def upsert(self) -> str:
        """``INSERT`` of a whole row that replaces the other columns of a row with its key."""
        others = ", ".join(f"{quoted(c)} = excluded.{quoted(c)}"
                           for c in self.columns if c not in self.key)
        return (f"{self.insert()} ON CONFLICT({', '.join(map(quoted, self.key))})"
                f" DO UPDATE SET {others}")

    def update(self) -> str:
        """``UPDATE`` of every column but the key; parameters are ``update_values``."""
        assignments = ", ".join(f"{quoted(c)} = ?" for c in self.columns if c not in self.key)
        where = " AND ".join(f"{quoted(c)} = ?" for c in self.key)
        return f"UPDATE {self.name} SET {assignments} WHERE {where}"

    def values(self, row: Mapping[str, object]) -> tuple[object, ...]:
        """A row's values in column order, for ``insert()``."""
        return tuple(row[c] for c in self.columns)

    def update_values(self, row: Mapping[str, object]) -> tuple[object, ...]:
        """A row's values for ``update()``: the other columns, then the key."""
        return (*(row[c] for c in self.columns if c not in self.key),
                *(row[c] for c in self.key))


@dataclass(frozen=True)
class ItemTable(Table):
    """A table of items merged by id: spans, relations, speakers.

    ``fields`` maps each version key of the item's own content to its column (the domain
    object's attribute of the same name); ``json_columns`` names the columns stored as JSON
    and what a reader calls them.

    ``added`` holds the fields added since (column, domain attribute and version key share
    the name) with their defaults, text or a whole number: a version carries one only when
    it is not the default, so the hashes of versions made before the column stay the same,
    and a source file from before the column reads as the default.
    """

    entity: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    json_columns: Mapping[str, str] = field(default_factory=dict)
    has_doc: bool = True
    added: Mapping[str, str | int] = field(default_factory=dict)

    def version(self, item: Span | Relation | Speaker) -> JsonObject:
        """The version of a domain object (without its history)."""
        version: JsonObject = {
            "id": item.id, "author": item.author, "created": item.created,
            "modified": item.modified, "revision": item.revision, "deleted": item.deleted}
        for key, column in self.fields:
            value = getattr(item, column)
            version[key] = list(value) if isinstance(value, tuple) else (
                dict(value) if isinstance(value, dict) else value)
        for column, default in self.added.items():
            if (value := getattr(item, column)) != default:
                version[column] = value
        return version

    def revise(self, columns: Sequence[str], where: str = "") -> str:
        """``UPDATE`` of one item making its next revision: parameters are the new values of
        ``columns``, the modified time, the new version's hash, then the id."""
        assignments = "".join(f"{quoted(c)} = ?, " for c in columns)
        return (f"UPDATE {self.name} SET {assignments}modified = ?, revision = revision + 1,"
                f" {APPEND_HISTORY} WHERE id = ?" + (f" AND {where}" if where else ""))

    def raw_version(self, row: Row, load: Callable[[object, str], Any]) -> JsonObject:
        """A stored row (read with ``select``) as a version with its history, unchecked:
        ``load(text, what)`` parses each JSON column."""
        at = self.positions
        version: JsonObject = {name: row[at[name]] for name in
                                   ("id", "author", "created", "modified", "revision", "deleted")}
        for key, column in self.fields:
            value = row[at[column]]
            version[key] = load(value, self.json_columns[column]) \
                if column in self.json_columns else value
        for column, default in self.added.items():
            if (value := row[at[column]]) != default:
                version[column] = value
        version["history"] = load(row[at["history"]], "history")
        return version

    def read_as_before(self, created: str) -> dict[str, str]:
        """For a file whose table was made by ``created`` (its SQL), how to read the columns
        it lacks: the history as unknown, an added column as its default."""
        missing = {"history": "'[]'"} | {
            column: f"'{default}'" if isinstance(default, str) else str(default)
            for column, default in self.added.items()}
        return {column: sql for column, sql in missing.items()
                if not re.search(rf'\b"?{column}"?\b', created)}

    def row(self, version: Mapping[str, Any], doc_id: str | None) -> dict[str, object]:
        """The stored row of a version (its history included) in ``doc_id``."""
        row: dict[str, object] = {
            "id": version["id"], "author": version["author"], "created": version["created"],
            "modified": version["modified"], "revision": version["revision"],
            "deleted": int(version["deleted"]),
            "history": history_json(version["history"])}
        if self.has_doc:
            row["doc_id"] = doc_id
        for key, column in self.fields:
            value = version[key]
            row[column] = stored_json(value) if column in self.json_columns else value
        for column, default in self.added.items():
            row[column] = version.get(column, default)
        return row

    def added_values(self, row: Row) -> dict[str, Any]:
        """The added fields of a row read with ``select``, for the domain object."""
        return {column: row[self.positions[column]] for column in self.added}


DOCUMENTS = Table("documents", (
    "id", "title", "source", "canonical_text", "raw_text", "alignment", "metadata",
    "text_sha256", "length", "encoding", "author", "created"))
SPANS = ItemTable(
    "spans", ("id", "doc_id", "start", "end", "label", "attrs", "author", "created", "modified",
              "revision", "deleted", "history"),
    entity="span", fields=(("start", "start"), ("end", "end"), ("label", "label"),
                           ("attrs", "attrs")),
    json_columns={"attrs": "attributes"})
RELATIONS = ItemTable(
    "relations", ("id", "doc_id", "from_id", "to_id", "type", "author", "created", "modified",
                  "revision", "deleted", "history"),
    entity="relation", fields=(("from", "from_id"), ("to", "to_id"), ("type", "type")))
SPEAKERS = ItemTable(
    "speakers", ("id", "name", "aliases", "role", "affiliation", "author", "created",
                 "modified", "revision", "deleted", "history"),
    entity="speaker", fields=(("name", "name"), ("aliases", "aliases"), ("role", "role"),
                              ("affiliation", "affiliation")),
    json_columns={"aliases": "aliases"}, has_doc=False)
DOCUMENT_STATUS = Table("document_status", ("doc_id", "analyst", "status", "modified"),
                 key=("doc_id", "analyst"))
EDITS = Table("edits", ("id", "at", "analyst", "action", "entity", "entity_id", "doc_id",
                        "detail"))
MERGE_CONFLICTS = Table("merge_conflicts", (
    "id", "entity", "entity_id", "doc_id", "revision", "kept", "other", "found"))
REJECTED_SUGGESTIONS = Table("rejected_suggestions", ("key", "doc_id", "analyst", "at"),
                             key=("key", "doc_id", "analyst"))
LEARNED_MODELS = Table("learned_models", ("name", "model", "labels", "fingerprint", "trained",
                                          "documents", "marks", "analyst", "adds_from"),
                       key=("name",))
SPEAKER_NUMBERS = Table("speaker_numbers", ("speaker_id", "number"), key=("speaker_id",))
ANALYSTS = Table("analysts", ("name", "created"), key=("name",))
META = Table("meta", ("key", "value"), key=("key",))
# Each document's row in the FTS5 index ``search_index`` (annotator.storage.search), which is
# SQLite's to declare.
SEARCH_DOCUMENTS = Table("search_documents", ("id", "doc_id"))

TABLES: tuple[Table, ...] = (META, ANALYSTS, DOCUMENTS, SPEAKERS, SPANS, RELATIONS, DOCUMENT_STATUS,
                             EDITS, REJECTED_SUGGESTIONS, MERGE_CONFLICTS, LEARNED_MODELS,
                             SEARCH_DOCUMENTS, SPEAKER_NUMBERS)
ITEMS: dict[str, ItemTable] = {t.entity: t for t in (SPANS, RELATIONS, SPEAKERS)}

# -- rows as domain objects ------------------------------------------------------------------

_SPAN_FIELDS = SPANS.pick("id", "doc_id", "start", "end", "label", "attrs", "author", "created",
                          "modified", "revision", "deleted")
_RELATION_FIELDS = RELATIONS.pick("id", "doc_id", "from_id", "to_id", "type", "author",
                                  "created", "modified", "revision", "deleted")
_SPEAKER_FIELDS = SPEAKERS.pick("id", "name", "aliases", "role", "affiliation", "author",
                                "created", "modified", "revision", "deleted")
_DOCUMENT_FIELDS = DOCUMENTS.pick("id", "title", "source", "canonical_text", "raw_text",
                                  "alignment", "metadata", "text_sha256", "created", "encoding")


def span_from_row(row: Row) -> Span:
    """A row of ``SPANS.select()`` as a ``Span``."""
    (span_id, doc_id, start, end, label, attrs, author, created, modified, revision,
     deleted) = _SPAN_FIELDS(row)
    # Document ids, labels and authors repeat on every row: intern them to keep big documents
    # small in memory; an empty attribute object needs no JSON parse.
    parsed: dict[str, str] = {} if attrs == "{}" else json.loads(attrs)
    return Span(span_id, sys.intern(doc_id), start, end, sys.intern(label), parsed,
                sys.intern(author), created, modified, revision, bool(deleted),
                **SPANS.added_values(row))


def relation_from_row(row: Row) -> Relation:
    """A row of ``RELATIONS.select()`` as a ``Relation``."""
    (relation_id, doc_id, from_id, to_id, type_, author, created, modified, revision,
     deleted) = _RELATION_FIELDS(row)
    return Relation(relation_id, doc_id, from_id, to_id, type_, author, created, modified,
                    revision, bool(deleted), **RELATIONS.added_values(row))


def speaker_from_row(row: Row) -> Speaker:
    """A row of ``SPEAKERS.select()`` as a ``Speaker``."""
    (speaker_id, name, aliases, role, affiliation, author, created, modified, revision,
     deleted) = _SPEAKER_FIELDS(row)
    return Speaker(speaker_id, name, tuple(json.loads(aliases)), role, affiliation, author,
                   created, modified, revision, bool(deleted), **SPEAKERS.added_values(row))


def alignment_json(stored: object, canonical: str) -> object:
    """A document's stored ``alignment`` as JSON text: NULL (since schema 9) stands for the
    identity on its canonical text, ``((n, n),)`` or ``()`` for an empty text. Other values are
    given back as they are, for the reader to check."""
    if stored is not None:
        return stored
    return f"[[{len(canonical)},{len(canonical)}]]" if canonical else "[]"


def document_from_row(row: Row) -> Document:
    """A row of ``DOCUMENTS.select()`` as a ``Document``."""
    (doc_id, title, source, canonical, raw, alignment, metadata, sha, created,
     encoding) = _DOCUMENT_FIELDS(row)
    canonical = str(canonical)
    try:
        raw_text = raw_from_stored(raw, canonical)
    except ValueError as error:  # a patch that does not fit, or a value of another type
        raise InvariantError(f"document {doc_id}: {error}") from None
    return Document(
        id=doc_id, title=title, source=source, canonical_text=canonical,
        raw_text=raw_text,
        alignment=tuple((int(a), int(b)) for a, b in
                        json.loads(str(alignment_json(alignment, canonical)))),
        metadata=json.loads(metadata), text_sha256=sha, created=created, encoding=encoding)


def document_row(document: Document, author: str) -> dict[str, object]:
    """The stored row of a checked document (``raw_text`` NULL when it is the canonical text,
    a patch when only folded letters differ: see ``raw_patch``; ``alignment`` NULL when it is
    the identity: see ``alignment_json``)."""
    canonical, raw = document.canonical_text, document.raw_text
    identity = len(raw) == len(canonical) and tuple(document.alignment) == (
        ((len(canonical), len(canonical)),) if canonical else ())
    return {
        "id": document.id, "title": document.title, "source": document.source,
        "canonical_text": canonical,
        "raw_text": stored_raw(raw, canonical, identity),
        "alignment": None if identity else json.dumps([list(s) for s in document.alignment]),
        "metadata": stored_json(document.metadata), "text_sha256": document.text_sha256,
        "length": len(document.canonical_text), "encoding": document.encoding,
        "author": author, "created": document.created}


def record_edits(conn: sqlite3.Connection,
                 edits: Iterable[tuple[str, str, str, str, str, str | None, str]]) -> None:
    """Append ``(at, analyst, action, entity, entity_id, doc_id, detail JSON)`` rows to the
    audit trail: the one writer of ``edits``."""
    conn.executemany(EDITS.insert(columns=EDITS.columns[1:]), edits)
