"""Merge project files from other analysts into a project, all-or-nothing.

Matching: documents by id, else by canonical text hash (the same article imported twice is one
document); spans, relations and speakers by id. Each item keeps its author.

Which version of an item wins is a pure function of all the versions seen, so merging is
idempotent (the same file twice changes nothing), commutative and associative:

* the highest ``revision`` wins (an edit made on top of another has a higher revision);
* versions at that revision whose content differs (anything but ``modified``) are a conflict:
  the one with the later ``modified`` (then the larger canonical JSON) stays in the item's row
  and every other is kept in ``merge_conflicts`` as JSON for review, never dropped;
* a version at a lower revision that no other version was built on (by their ``history``)
  is a conflict too, unless the winner's history is unknown there (then the higher revision
  simply wins, as before histories);
* conflicts at a lower revision than the row are obsolete: a later edit resolved them.

A source file is untrusted: its header is read as bytes first, then it is opened read-only
and immutable, its schema must be exactly ours (no view, trigger or unknown table), and every
value is checked like an import before anything is written.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.domain import safe_json
from annotator.domain.errors import (
    AnnotatorError,
    InvariantError,
    NewerProjectError,
    ProjectError,
)
from annotator.domain.model import STATUSES, text_sha256, utc_now
from annotator.domain.schema import Attribute, LabelSchema, Layer, RelationType
from annotator.storage.history import (
    APPEND_SQL,
    HASH_LENGTH,
    SEEN_ALL,
    content,
    history_json,
    next_hash,
    version_hash,
)
from annotator.storage.migrations import APPLICATION_ID, SCHEMA_VERSION, migrations
from annotator.storage.project import Project
from annotator.storage.sqlite import Database

Version = dict[str, Any]
ENTITIES = ("span", "relation", "speaker")
# Tables SQLite makes by itself (ANALYZE, AUTOINCREMENT); harmless, so a source may have them.
_SQLITE_OWN_TABLES = frozenset({"sqlite_stat1", "sqlite_stat4", "sqlite_sequence"})
_SQLITE_MIGRATIONS = "_sqlite_migrations"  # sqlite-utils' own bookkeeping; we never read it
_NEW_LAYER_COLOURS = ("#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#ff7f0e")
_PROGRESS: dict[str, int] = {status: rank for rank, status in enumerate(STATUSES)}


@dataclass
class MergeCounts:
    """What happened to one kind of item across all sources."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    refused: int = 0

    def to_json(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "conflicts": self.conflicts, "refused": self.refused}


@dataclass(frozen=True)
class Refusal:
    """One item a source holds that could not be merged, and why."""

    source: str
    entity: str
    id: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "entity": self.entity, "id": self.id,
                "reason": self.reason}


@dataclass
class MergeReport:
    """Counts per kind of item, the refusals with reasons, and notes (schema additions)."""

    sources: list[str] = field(default_factory=list)
    documents: MergeCounts = field(default_factory=MergeCounts)
    spans: MergeCounts = field(default_factory=MergeCounts)
    relations: MergeCounts = field(default_factory=MergeCounts)
    speakers: MergeCounts = field(default_factory=MergeCounts)
    statuses: MergeCounts = field(default_factory=MergeCounts)
    refusals: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, MergeCounts]:
        return {"documents": self.documents, "spans": self.spans, "relations": self.relations,
                "speakers": self.speakers, "statuses": self.statuses}

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated or c.conflicts for c in self.counts().values())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"sources": list(self.sources)}
        out.update({name: counts.to_json() for name, counts in self.counts().items()})
        out["refused"] = [r.to_json() for r in self.refusals]
        out["notes"] = list(self.notes)
        return out


# -- the entry points -----------------------------------------------------------------------


def merge_files(project_path: str | Path, sources: Sequence[str | Path], *,
                analyst: str) -> MergeReport:
    """Check every source, then open the project and merge them all in one transaction.

    A source that fails the checks is refused before the project is even opened, so the
    project file stays byte-for-byte as it was.
    """
    project_path = Path(project_path)
    opened = [open_source(Path(s), project=project_path) for s in sources]
    try:
        with Project.open(project_path, analyst=analyst) as project:
            return merge_projects(project, opened)
    finally:
        for source in opened:
            source.close()


def merge_projects(project: Project, sources: Sequence[SourceFile]) -> MergeReport:
    """Merge already opened and checked sources into ``project`` in one transaction."""
    report = MergeReport(sources=[s.name for s in sources])
    for source in sources:
        if source.normalization != project.normalization:
            raise ProjectError(
                f"was made with normalization {source.normalization!r} but this project uses "
                f"{project.normalization!r}, so their texts would not match; nothing was merged",
                path=source.name)
    current = sources[0] if sources else None
    try:
        with project.transaction():
            project.conn.execute("PRAGMA defer_foreign_keys = ON")  # documents may be renamed
            for current in sources:
                _Merge(project, current, report).run()
            if report.changed:
                project.conn.execute(
                    "INSERT INTO edits(at, analyst, action, entity, entity_id, doc_id, detail)"
                    " VALUES (?, ?, 'merge', 'project', '', NULL, ?)",
                    (utc_now(), project.analyst, _canonical(report.to_json())))
    except sqlite3.Error as error:
        # Undecodable text in a source, or a rule of the project file it would break.
        raise ProjectError(f"cannot be merged ({error}); nothing was merged",
                           path=current.name if current else None) from error
    return report


# -- opening and checking a source ---------------------------------------------------------


@dataclass
class SourceFile:
    """A source project opened read-only and immutable, its header and schema checked."""

    path: Path
    conn: sqlite3.Connection
    version: int
    normalization: str
    schema: LabelSchema

    @property
    def name(self) -> str:
        return str(self.path)

    def close(self) -> None:
        self.conn.close()


def open_source(path: Path, *, project: Path | None = None) -> SourceFile:
    """Open ``path`` for merging, or raise ``ProjectError`` naming it and saying why not."""
    name = str(path)
    if not path.is_file():
        raise ProjectError("no such project file; nothing was merged", path=name)
    if project is not None and project.exists() and path.samefile(project):
        raise ProjectError("is the project itself; nothing was merged", path=name)
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise ProjectError("is not an Annotator project file (not a SQLite database); "
                           "nothing was merged", path=name)
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise ProjectError("is a SQLite database but not an Annotator project; "
                           "nothing was merged", path=name)
    version = int.from_bytes(header[60:64], "big")
    if version > SCHEMA_VERSION:
        raise NewerProjectError(
            f"was written by a newer Annotator (schema {version}; this program reads up to "
            f"{SCHEMA_VERSION}); update the program before merging it", path=name)
    if version < 1:
        raise ProjectError("is an Annotator project without its tables; nothing was merged",
                           path=name)
    wal = Path(f"{path}-wal")
    if header[18] == 2 and wal.exists() and wal.stat().st_size > 0:
        raise ProjectError("is open in Annotator or was not closed cleanly (it has a -wal "
                           "file); close it there, or send a copy made with 'annotator share'",
                           path=name)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                           isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA query_only = ON")
        _check_schema(conn, version, name)
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        try:
            schema = LabelSchema.from_json(safe_json.loads(str(meta.get("label_schema", "{}"))))
        except (AnnotatorError, ValueError) as error:
            raise ProjectError(f"has a damaged label schema ({error}); nothing was merged",
                               path=name) from error
        min_reader = str(meta.get("min_reader_version", "1"))
        if not min_reader.isdigit() or int(min_reader) > SCHEMA_VERSION:
            raise NewerProjectError("was written by a newer Annotator; update the program "
                                    "before merging it", path=name)
        return SourceFile(path, conn, version, str(meta.get("normalization", "letters")),
                          schema)
    except sqlite3.Error as error:
        conn.close()
        raise ProjectError(f"cannot be read as an Annotator project ({error}); "
                           "nothing was merged", path=name) from error
    except BaseException:
        conn.close()
        raise


def _check_schema(conn: sqlite3.Connection, version: int, name: str) -> None:
    expected = _expected_schema(version)
    found: dict[str, tuple[str, str]] = {}
    for kind, object_name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
        kind, object_name = str(kind), str(object_name)
        if kind in ("view", "trigger"):
            raise ProjectError(
                f"contains a {kind} named {object_name!r}; Annotator projects have none, so the "
                "file is refused and nothing was merged", path=name)
        if kind == "table" and object_name in _SQLITE_OWN_TABLES:
            continue
        if object_name not in expected:
            raise ProjectError(
                f"contains a {kind} named {object_name!r} that is not part of an Annotator "
                "project; the file is refused and nothing was merged", path=name)
        found[object_name] = (kind, _squeeze(sql))
    for object_name, (kind, sql) in expected.items():
        if object_name not in found:
            raise ProjectError(f"lacks the {kind} {object_name!r} of an Annotator project; "
                               "nothing was merged", path=name)
        other_kind, other_sql = found[object_name]
        same = other_kind == kind and (
            other_sql == sql or object_name.startswith(_SQLITE_MIGRATIONS)
            or object_name.startswith(f"idx_{_SQLITE_MIGRATIONS}"))
        if not same:
            raise ProjectError(f"defines the {kind} {object_name!r} differently from Annotator; "
                               "the file is refused and nothing was merged", path=name)


@functools.cache
def _expected_schema(version: int) -> dict[str, tuple[str, str]]:
    """Name → (type, SQL with whitespace squeezed) of a project file at schema ``version``."""
    names = [m.name for m in migrations._migrations]  # sqlite-utils keeps the list private
    db = Database(memory=True)
    migrations.apply(db, stop_before=names[version] if version < len(names) else None)
    rows = db.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    db.close()
    return {str(r[1]): (str(r[0]), _squeeze(r[2])) for r in rows}


def _squeeze(sql: object) -> str:
    return " ".join(str(sql).split()) if sql is not None else ""


# -- versions --------------------------------------------------------------------------------


def _canonical(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _content(version: Version) -> str:
    return content(version)


def _order(version: Version) -> tuple[str, str]:
    return (str(version["modified"]), _canonical(version))


def combine(versions: Iterable[Version]) -> tuple[Version, list[Version]]:
    """The winning version and the conflicting others, as a function of the set of versions.

    Equal content is one version (the latest ``modified`` of it). Among the versions at the
    highest revision the latest ``modified`` wins, then the larger canonical JSON; the others
    there conflict. A version at a lower revision that no other version was built on (by their
    histories) conflicts too, when the winner's history is known at its revision.
    """
    best: dict[str, Version] = {}
    for version in versions:
        key = _content(version)
        if key not in best or _order(version) > _order(best[key]):
            best[key] = version
    top = max(int(v["revision"]) for v in best.values())
    ranked = sorted((v for v in best.values() if v["revision"] == top), key=_order)
    winner = ranked[-1]
    # Dropping what another version was built on (not only the winner) keeps the result the
    # same whichever merge dropped an ancestor first.
    unseen = [v for v in best.values() if v["revision"] < top
              and len(winner.get("history", [])) >= v["revision"]
              and not any(_built_on(other, v) for other in best.values())]
    return winner, sorted([*ranked[:-1], *unseen], key=_order)


def _built_on(later: Version, earlier: Version) -> bool:
    """Whether ``later``'s history shows ``earlier`` (or every version) at its revision."""
    history: list[str] = later.get("history", [])
    revision = int(earlier["revision"])
    return int(later["revision"]) > revision and len(history) >= revision and \
        history[revision - 1] in (SEEN_ALL, version_hash(earlier))


class _Refused(Exception):
    """An item of a source that cannot be merged; the message is the reason."""


def _text(value: object, what: str, *, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise _Refused(f"its {what} is not {'text' if empty else 'non-empty text'}")
    return value


def _integer(value: object, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _Refused(f"its {what} is not a whole number of at least {minimum}")
    return value


def _flag(value: object) -> bool:
    if value not in (0, 1) or not isinstance(value, int | bool):
        raise _Refused("its deleted flag is not 0 or 1")
    return bool(value)


def _history(raw: dict[str, Any], entity_id: str) -> Version:
    if raw.get("id") != entity_id:
        raise _Refused("a stored version names another item")
    return {"id": entity_id, "author": _text(raw.get("author"), "author", empty=False),
            "created": _text(raw.get("created"), "created time", empty=False),
            "modified": _text(raw.get("modified"), "modified time", empty=False),
            "revision": _integer(raw.get("revision"), "revision", 1),
            "deleted": _flag(raw.get("deleted")), "history": raw.get("history", [])}


def _settles(one: Version, other: Version) -> bool:
    """Whether the newer of two versions at different revisions wins without a conflict."""
    newer, older = (one, other) if one["revision"] > other["revision"] else (other, one)
    return len(newer["history"]) < older["revision"] or _built_on(newer, older)


def _is_hash(text: str) -> bool:
    return len(text) == HASH_LENGTH and all(c in "0123456789abcdef" for c in text)


def _checked_history(version: Version) -> Version:
    """``version`` if its history is a list of short hashes (or ``SEEN_ALL``), one per
    revision at most; else refused."""
    history = version["history"]
    revision = version["revision"]
    if not isinstance(history, list) or len(history) > revision or not all(
            isinstance(h, str) and (h == SEEN_ALL or _is_hash(h)) for h in history):
        raise _Refused(f"its history is not a list of at most {revision} short hashes")
    return {**version, "history": list(history)}


def _span_version(raw: dict[str, Any], entity_id: str) -> Version:
    attrs = raw.get("attrs")
    if not isinstance(attrs, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in attrs.items()):
        raise _Refused("its attributes are not a JSON object of text values")
    start = _integer(raw.get("start"), "start", 0)
    end = _integer(raw.get("end"), "end", 1)
    if start >= end:
        raise _Refused(f"it is empty or reversed ([{start}, {end}))")
    return _checked_history({
        **_history(raw, entity_id), "start": start, "end": end,
        "label": _text(raw.get("label"), "label", empty=False), "attrs": dict(attrs)})


def _relation_version(raw: dict[str, Any], entity_id: str) -> Version:
    return _checked_history({
        **_history(raw, entity_id), "from": _text(raw.get("from"), "from span", empty=False),
        "to": _text(raw.get("to"), "to span", empty=False),
        "type": _text(raw.get("type"), "type", empty=False)})


def _speaker_version(raw: dict[str, Any], entity_id: str) -> Version:
    aliases = raw.get("aliases")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _Refused("its aliases are not a JSON list of text")
    return _checked_history({
        **_history(raw, entity_id), "name": _text(raw.get("name"), "name", empty=False),
        "aliases": list(aliases), "role": _text(raw.get("role"), "role"),
        "affiliation": _text(raw.get("affiliation"), "affiliation")})


def _json_field(value: object, what: str) -> Any:
    try:
        return safe_json.loads(str(value))
    except ValueError:
        raise _Refused(f"its {what} is not valid JSON") from None


_SPAN_SQL = ('id, doc_id, start, "end", label, attrs, author, created, modified, revision,'
             " deleted, history")
_RELATION_SQL = ("id, doc_id, from_id, to_id, type, author, created, modified, revision, deleted,"
                 " history")
_SPEAKER_SQL = ("id, name, aliases, role, affiliation, author, created, modified, revision,"
                " deleted, history")


def _span_raw(r: Sequence[Any]) -> dict[str, Any]:
    return {"id": r[0], "start": r[2], "end": r[3], "label": r[4],
            "attrs": _json_field(r[5], "attributes"), "author": r[6], "created": r[7],
            "modified": r[8], "revision": r[9], "deleted": r[10],
            "history": _json_field(r[11], "history")}


def _relation_raw(r: Sequence[Any]) -> dict[str, Any]:
    return {"id": r[0], "from": r[2], "to": r[3], "type": r[4], "author": r[5], "created": r[6],
            "modified": r[7], "revision": r[8], "deleted": r[9],
            "history": _json_field(r[10], "history")}


def _speaker_raw(r: Sequence[Any]) -> dict[str, Any]:
    return {"id": r[0], "name": r[1], "aliases": _json_field(r[2], "aliases"), "role": r[3],
            "affiliation": r[4], "author": r[5], "created": r[6], "modified": r[7],
            "revision": r[8], "deleted": r[9], "history": _json_field(r[10], "history")}


def _stored_json(value: object) -> str:
    """JSON as ``Project`` stores it, so a merged row is the same text as the original."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _span_row(v: Version, doc_id: str | None) -> tuple[Any, ...]:
    return (v["id"], doc_id, v["start"], v["end"], v["label"], _stored_json(v["attrs"]),
            v["author"], v["created"], v["modified"], v["revision"], int(v["deleted"]),
            history_json(v["history"]))


def _relation_row(v: Version, doc_id: str | None) -> tuple[Any, ...]:
    return (v["id"], doc_id, v["from"], v["to"], v["type"], v["author"], v["created"],
            v["modified"], v["revision"], int(v["deleted"]), history_json(v["history"]))


def _speaker_row(v: Version, doc_id: str | None) -> tuple[Any, ...]:
    return (v["id"], v["name"], _stored_json(v["aliases"]), v["role"], v["affiliation"],
            v["author"], v["created"], v["modified"], v["revision"], int(v["deleted"]),
            history_json(v["history"]))


@dataclass(frozen=True)
class _Kind:
    entity: str
    table: str
    columns: str
    raw: Callable[[Sequence[Any]], dict[str, Any]]
    version: Callable[[dict[str, Any], str], Version]
    row: Callable[[Version, str | None], tuple[Any, ...]]
    has_doc: bool


_SPANS = _Kind("span", "spans", _SPAN_SQL, _span_raw, _span_version, _span_row, True)
_RELATIONS = _Kind("relation", "relations", _RELATION_SQL, _relation_raw, _relation_version,
                   _relation_row, True)
_SPEAKERS = _Kind("speaker", "speakers", _SPEAKER_SQL, _speaker_raw, _speaker_version,
                  _speaker_row, False)


@dataclass
class _Incoming:
    """One source item: its document in the target (if it has one) and its versions."""

    doc_id: str | None
    versions: list[Version]
    row: tuple[Any, ...] | None = None  # the source's row as read, for a cheap equality test


# -- one source into the project --------------------------------------------------------------


class _Merge:
    def __init__(self, project: Project, source: SourceFile, report: MergeReport) -> None:
        self.project = project
        self.conn = project.conn
        self.source = source
        self.report = report
        self.doc_map: dict[str, str] = {}       # source document id -> target document id
        self.doc_lengths: dict[str, int] = {}   # target document id -> code points

    def run(self) -> None:
        authors = self._authors()
        self.conn.executemany("INSERT OR IGNORE INTO analysts(name, created) VALUES (?, ?)",
                              sorted(authors.items()))
        self._merge_items(_SPEAKERS, self._incoming(_SPEAKERS), self.report.speakers)
        self._merge_documents()
        spans = self._incoming(_SPANS)
        self._extend_schema(spans, self._incoming_relation_types())
        self._merge_items(_SPANS, spans, self.report.spans)
        self._merge_items(_RELATIONS, self._incoming(_RELATIONS), self.report.relations)
        self._merge_statuses()
        self._tombstone_orphaned_relations()

    def _refuse(self, entity: str, item_id: object, reason: str) -> None:
        self.report.refusals.append(Refusal(self.source.name, entity, str(item_id), reason))

    def _authors(self) -> dict[str, str]:
        known = {str(r[0]) for r in self.conn.execute("SELECT name FROM analysts")}
        found: dict[str, str] = {}
        for name, created in self.source.conn.execute("SELECT name, created FROM analysts"):
            if isinstance(name, str) and name.strip() and name not in known:
                found[name] = str(created)
        now = utc_now()
        for table in ("spans", "relations", "speakers", "documents"):
            for (name,) in self.source.conn.execute(f"SELECT DISTINCT author FROM {table}"):
                if isinstance(name, str) and name.strip() and name not in known:
                    found.setdefault(name, now)
        for (name,) in self.source.conn.execute("SELECT DISTINCT analyst FROM document_status"):
            if isinstance(name, str) and name.strip() and name not in known:
                found.setdefault(name, now)
        return found

    # -- documents -------------------------------------------------------------------------

    def _merge_documents(self) -> None:
        counts = self.report.documents
        columns = ("id, title, source, canonical_text, raw_text, alignment, metadata,"
                   " text_sha256, length, encoding, author, created")
        by_id: dict[str, tuple[Any, ...]] = {}
        by_sha: dict[str, str] = {}
        for row in self.conn.execute(f"SELECT {columns} FROM documents ORDER BY rowid"):
            by_id[row[0]] = row
            by_sha.setdefault(row[7], row[0])
        for row in self.source.conn.execute(f"SELECT {columns} FROM documents ORDER BY rowid"):
            try:
                _check_document(row)
            except _Refused as refusal:
                counts.refused += 1
                self._refuse("document", row[0], str(refusal))
                continue
            source_id, sha = str(row[0]), str(row[7])
            target_id = source_id if source_id in by_id else by_sha.get(sha)
            if target_id is None:
                self.conn.execute(f"INSERT INTO documents({columns}) VALUES "
                                  f"({', '.join('?' * 12)})", row)
                by_id[source_id], by_sha[sha] = row, source_id
                self.doc_map[source_id] = source_id
                counts.added += 1
                continue
            existing = by_id[target_id]
            if existing[7] != sha:
                counts.refused += 1
                self._refuse("document", source_id, "the project has a document with this id "
                             "but a different text")
                continue
            if _document_key(row) < _document_key(existing):
                # The document imported first (then the smaller id) keeps its id everywhere,
                # whichever file was merged into which.
                self._replace_document(target_id, row)
                del by_id[target_id]
                by_id[source_id], by_sha[sha] = row, source_id
                for key, value in self.doc_map.items():
                    if value == target_id:
                        self.doc_map[key] = source_id
                target_id = source_id
                counts.updated += 1
            else:
                counts.unchanged += 1
            self.doc_map[source_id] = target_id
        self.doc_lengths = {str(r[0]): int(r[1]) for r in
                            self.conn.execute("SELECT id, length FROM documents")}

    def _replace_document(self, old_id: str, row: tuple[Any, ...]) -> None:
        new_id = row[0]
        self.conn.execute(
            "UPDATE documents SET id = ?, title = ?, source = ?, canonical_text = ?,"
            " raw_text = ?, alignment = ?, metadata = ?, text_sha256 = ?, length = ?,"
            " encoding = ?, author = ?, created = ? WHERE id = ?", (*row, old_id))
        for table in ("spans", "relations", "document_status", "merge_conflicts", "edits"):
            self.conn.execute(f"UPDATE {table} SET doc_id = ? WHERE doc_id = ?",
                              (new_id, old_id))

    # -- spans, relations, speakers --------------------------------------------------------

    def _incoming(self, kind: _Kind) -> dict[str, _Incoming]:
        """The source's items of one kind, each version checked; refusals are reported."""
        counts = self.report.counts()[kind.table]
        items: dict[str, _Incoming] = {}
        refused: set[str] = set()
        columns = kind.columns
        if "history" not in _expected_schema(self.source.version)[kind.table][1]:
            columns = columns.replace(", history", ", '[]'")  # a file from before histories
        for row in self.source.conn.execute(f"SELECT {columns} FROM {kind.table}"):
            item_id = row[0]
            try:
                if not isinstance(item_id, str) or not item_id:
                    raise _Refused("it has no id")
                doc_id = self._document_of(row[1]) if kind.has_doc else None
                items[item_id] = _Incoming(doc_id, [kind.version(kind.raw(row), item_id)],
                                           tuple(row))
            except _Refused as refusal:
                counts.refused += 1
                refused.add(str(item_id))
                self._refuse(kind.entity, item_id, str(refusal))
        if "merge_conflicts" not in _expected_schema(self.source.version):
            return items  # a file from before merges kept conflicts
        for entity_id, other, revision in self.source.conn.execute(
                "SELECT entity_id, other, revision FROM merge_conflicts WHERE entity = ?",
                (kind.entity,)):
            if entity_id in refused or (
                    entity_id in items and revision != items[entity_id].versions[0]["revision"]):
                continue  # obsolete: an edit in that file settled it
            try:
                if entity_id not in items:
                    raise _Refused("the file keeps a conflict for an item it does not have")
                raw = _json_field(other, "conflicting version")
                if not isinstance(raw, dict):
                    raise _Refused("a conflicting version is not a JSON object")
                items[entity_id].versions.append(kind.version(raw, entity_id))
            except _Refused as refusal:
                counts.refused += 1
                self._refuse(kind.entity, entity_id, str(refusal))
        return items

    def _document_of(self, source_doc_id: object) -> str:
        target = self.doc_map.get(str(source_doc_id))
        if target is None:
            raise _Refused(f"its document {source_doc_id} was refused or is missing")
        return target

    def _incoming_relation_types(self) -> set[str]:
        return {str(r[0]) for r in self.source.conn.execute("SELECT DISTINCT type FROM relations")
                if isinstance(r[0], str) and r[0].strip()}

    def _merge_items(self, kind: _Kind, incoming: dict[str, _Incoming],
                     counts: MergeCounts) -> None:
        target = {str(r[0]): r for r in
                  self.conn.execute(f"SELECT {kind.columns} FROM {kind.table}")}
        stored_conflicts: dict[str, list[tuple[str, str, Version]]] = {}
        obsolete: set[str] = set()  # conflicts an edit made after the merge settled
        for conflict_id, entity_id, kept, other, revision in self.conn.execute(
                "SELECT c.id, c.entity_id, c.kept, c.other, c.revision < t.revision"
                f" FROM merge_conflicts c LEFT JOIN {kind.table} t ON t.id = c.entity_id"
                " WHERE c.entity = ?", (kind.entity,)):
            stored_conflicts.setdefault(entity_id, []).append(
                (conflict_id, kept, {"history": [], **json.loads(other)}))
            if revision:
                obsolete.add(conflict_id)
        check = self._checker(kind)
        revision_at = kind.columns.split(", ").index("revision")
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        drop_conflicts: list[tuple[str]] = []
        add_conflicts: list[tuple[Any, ...]] = []
        authors: set[str] = set()
        for item_id in sorted(incoming):
            item = incoming[item_id]
            row = target.get(item_id)
            if row is not None and kind.has_doc and row[1] != item.doc_id:
                counts.refused += 1
                self._refuse(kind.entity, item_id, "the project has an item with this id in "
                             "another document")
                continue
            old_others = stored_conflicts.get(item_id, [])
            simple = not old_others and len(item.versions) == 1
            if simple and row is not None and item.row is not None and \
                    row[0] == item.row[0] and row[2:] == item.row[2:]:
                counts.unchanged += 1  # the very row the project has
                continue
            versions = []
            for version in item.versions:
                try:
                    check(version, item.doc_id)
                    versions.append(version)
                except _Refused as refusal:
                    counts.refused += 1
                    self._refuse(kind.entity, item_id, str(refusal))
            if not versions:
                continue
            if simple and (row is None or (
                    row[revision_at] != versions[0]["revision"]
                    and _settles(kind.version(kind.raw(row), item_id), versions[0]))):
                # No conflict anywhere and one side strictly newer, built on the other (or
                # its history unknown there): no need to combine.
                version = versions[0]
                authors.add(version["author"])
                if row is None:
                    inserts.append(kind.row(version, item.doc_id))
                    counts.added += 1
                elif version["revision"] > row[revision_at]:
                    updates.append(kind.row(version, item.doc_id))
                    counts.updated += 1
                else:
                    counts.unchanged += 1
                continue
            old = [kind.version(kind.raw(row), item_id)] if row is not None else []
            winner, others = combine([*old, *versions, *(
                v for cid, _, v in old_others if cid not in obsolete)])
            before = {_canonical(v) for _, _, v in old_others}
            after = {_canonical(v) for v in others}
            authors.add(winner["author"])
            if row is None:
                inserts.append(kind.row(winner, item.doc_id))
                counts.added += 1
            elif _canonical(winner) == _canonical(old[0]) and before == after and all(
                    kept == _canonical(winner) for _, kept, _ in old_others):
                counts.unchanged += 1
                continue
            else:
                if _canonical(winner) != _canonical(old[0]):
                    updates.append(kind.row(winner, item.doc_id))
                if {_content(v) for v in others} - {
                        _content(v) for cid, _, v in old_others if cid not in obsolete}:
                    counts.conflicts += 1
                else:
                    counts.updated += 1
            drop_conflicts.extend((cid,) for cid, _, _ in old_others)
            for other in others:
                add_conflicts.append((
                    _conflict_id(kind.entity, other), kind.entity, item_id, item.doc_id,
                    winner["revision"], _canonical(winner), _canonical(other),
                    max(str(winner["modified"]), str(other["modified"]))))
        self.conn.executemany(
            "INSERT OR IGNORE INTO analysts(name, created) VALUES (?, ?)",
            [(author, utc_now()) for author in sorted(authors)])
        names = kind.columns.split(", ")
        marks = ", ".join("?" * len(names))
        self.conn.executemany(f"INSERT INTO {kind.table}({kind.columns}) VALUES ({marks})",
                              inserts)
        assignments = ", ".join(f"{n} = ?" for n in names[1:])
        self.conn.executemany(f"UPDATE {kind.table} SET {assignments} WHERE id = ?",
                              [(*row[1:], row[0]) for row in updates])
        self.conn.executemany("DELETE FROM merge_conflicts WHERE id = ?", drop_conflicts)
        self.conn.executemany(
            "INSERT OR REPLACE INTO merge_conflicts(id, entity, entity_id, doc_id, revision,"
            " kept, other, found) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", add_conflicts)

    def _checker(self, kind: _Kind) -> Callable[[Version, str | None], None]:
        """How a version of this kind is checked against the project before it is stored."""
        if kind is _SPANS:
            schema = self.project.schema
            speakers = {str(r[0]) for r in self.conn.execute("SELECT id FROM speakers")}

            def check_span(version: Version, doc_id: str | None) -> None:
                length = self.doc_lengths.get(str(doc_id), -1)
                if not version["end"] <= length:
                    raise _Refused(f"[{version['start']}, {version['end']}) is outside its "
                                   f"document's text (0..{length})")
                faults = schema.span_faults(version["label"], version["attrs"],
                                            speakers.__contains__)
                if faults:
                    raise _Refused(faults[0])
            return check_span
        if kind is _RELATIONS:
            span_docs = {str(r[0]): str(r[1]) for r in
                         self.conn.execute("SELECT id, doc_id FROM spans")}
            relation_types = {r.name for r in self.project.schema.relations}

            def check_relation(version: Version, doc_id: str | None) -> None:
                for end in ("from", "to"):
                    if span_docs.get(version[end]) != doc_id:
                        raise _Refused(f"its {end} span {version[end]} is not in its document")
                if version["type"] not in relation_types:
                    raise _Refused(f"the relation type {version['type']!r} is not in the schema")
            return check_relation

        def check_speaker(version: Version, doc_id: str | None) -> None:
            return None  # every field was checked when the version was read
        return check_speaker

    def _extend_schema(self, spans: dict[str, _Incoming], relation_types: set[str]) -> None:
        """Add the labels, attributes, values and relation types the source uses and the
        project's schema lacks, as an import does; each addition is noted."""
        schema = self.project.schema
        original = schema
        for item in spans.values():
            for version in item.versions:
                schema = self._with_span(schema, version["label"], version["attrs"])
        for name in sorted(relation_types):
            if schema.relation(name) is None:
                found = self.source.schema.relation(name)
                candidate = found if found is not None and all(
                    schema.layer(label) for label in (*found.from_labels, *found.to_labels)
                ) else RelationType(name)
                schema = schema.with_relation(candidate)
                self._note(f"added the relation type {name!r} to the schema")
        if schema != original:
            self.project.set_schema(schema)

    def _with_span(self, schema: LabelSchema, label: str, attrs: dict[str, str]
                   ) -> LabelSchema:
        layer = schema.layer(label)
        if layer is None:
            theirs = self.source.schema.layer(label)
            shortcuts = {existing.shortcut for existing in schema.layers}
            colour = _NEW_LAYER_COLOURS[len(schema.layers) % len(_NEW_LAYER_COLOURS)]
            layer = Layer(label, colour) if theirs is None else Layer(
                label, theirs.color, "" if theirs.shortcut in shortcuts else theirs.shortcut,
                theirs.attributes)
            schema = schema.with_layer(layer)
            self._note(f"added the label {label!r} to the schema")
        attributes = list(layer.attributes)
        for name, value in sorted(attrs.items()):
            found = next((a for a in attributes if a.name == name), None)
            if found is None:
                attributes.append(Attribute(name, "text"))
                self._note(f"added the attribute {label}.{name} to the schema")
            elif found.kind == "choice" and value not in found.values:
                attributes[attributes.index(found)] = Attribute(
                    name, "choice", (*found.values, value))
                self._note(f"added the value {value!r} to {label}.{name}")
        if attributes != list(layer.attributes):
            schema = schema.with_layer(
                Layer(layer.name, layer.color, layer.shortcut, tuple(attributes)))
        return schema

    def _note(self, note: str) -> None:
        full = f"{self.source.name}: {note}"
        if full not in self.report.notes:
            self.report.notes.append(full)

    # -- statuses and relations left pointing at deleted spans -----------------------------

    def _merge_statuses(self) -> None:
        counts = self.report.statuses
        target = {(str(r[0]), str(r[1])): (str(r[2]), str(r[3])) for r in self.conn.execute(
            "SELECT doc_id, analyst, status, modified FROM document_status")}
        writes: list[tuple[str, str, str, str]] = []
        for doc_id, analyst, status, modified in self.source.conn.execute(
                "SELECT doc_id, analyst, status, modified FROM document_status"):
            key_text = f"{doc_id}/{analyst}"
            try:
                target_doc = self._document_of(doc_id)
                _text(analyst, "analyst", empty=False)
                _text(modified, "modified time", empty=False)
                if status not in _PROGRESS:
                    raise _Refused(f"status {status!r} is not one of {', '.join(STATUSES)}")
            except _Refused as refusal:
                counts.refused += 1
                self._refuse("status", key_text, str(refusal))
                continue
            key = (target_doc, str(analyst))
            mine = target.get(key)
            theirs = (str(status), str(modified))
            if mine is None:
                counts.added += 1
            elif _status_order(theirs) > _status_order(mine):
                counts.updated += 1
            else:
                counts.unchanged += 1
                continue
            target[key] = theirs
            writes.append((*key, *theirs))
        self.conn.executemany(
            "INSERT INTO document_status(doc_id, analyst, status, modified) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(doc_id, analyst) DO UPDATE SET status = excluded.status,"
            " modified = excluded.modified", writes)

    def _tombstone_orphaned_relations(self) -> None:
        """A relation one analyst made to a span another deleted goes with the span, as it
        would have had the deletion happened in the same file (``Project.delete_span``)."""
        columns = ", ".join(f"r.{name}" for name in _RELATION_SQL.split(", "))
        found = self.conn.execute(
            f"SELECT {columns}, max(r.modified, a.modified, b.modified) FROM relations r"
            " JOIN spans a ON a.id = r.from_id JOIN spans b ON b.id = r.to_id"
            " WHERE r.deleted = 0 AND (a.deleted = 1 OR b.deleted = 1)").fetchall()
        rows = [(str(r[0]), str(r[-1])) for r in found]
        self.conn.executemany(
            "UPDATE relations SET deleted = 1, modified = ?, revision = revision + 1,"
            f" {APPEND_SQL} WHERE id = ?",
            [(modified, next_hash(_relation_raw(r), deleted=True), r[0])
             for r, (_, modified) in zip(found, rows, strict=True)])
        # The deletion supersedes any conflicting versions of those relations.
        self.conn.executemany(
            "DELETE FROM merge_conflicts WHERE entity = 'relation' AND entity_id = ?",
            [(relation_id,) for relation_id, _ in rows])
        if rows:
            self._note(f"deleted {len(rows)} relation(s) whose span another analyst deleted")


def _check_document(row: Sequence[Any]) -> None:
    (doc_id, title, source, canonical, raw, alignment, metadata, sha, length, encoding, author,
     created) = row
    _text(doc_id, "id", empty=False)
    for value, what in ((title, "title"), (source, "source"), (encoding, "encoding")):
        _text(value, what)
    _text(author, "author", empty=False)
    _text(created, "created time", empty=False)
    canonical = _text(canonical, "canonical text")
    raw = canonical if raw is None else _text(raw, "raw text")
    if sha != text_sha256(canonical):
        raise _Refused("its text_sha256 does not match its text")
    if length != len(canonical):
        raise _Refused("its stored length does not match its text")
    segments = _json_field(alignment, "alignment")
    if not isinstance(segments, list) or not all(
            isinstance(s, list) and len(s) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in s)
            for s in segments):
        raise _Refused("its alignment is not a list of [raw, canonical] lengths")
    if sum(s[0] for s in segments) != len(raw) or sum(s[1] for s in segments) != len(canonical):
        raise _Refused("its alignment does not fit its texts")
    if not isinstance(_json_field(metadata, "metadata"), dict):
        raise _Refused("its metadata is not a JSON object")


def _document_key(row: Sequence[Any]) -> tuple[str, str, str]:
    return (str(row[11]), str(row[0]), _canonical([str(v) for v in row]))


def _status_order(value: tuple[str, str]) -> tuple[str, int]:
    return (value[1], _PROGRESS[value[0]])


def _conflict_id(entity: str, other: Version) -> str:
    return hashlib.sha256(f"{entity}\0{other['id']}\0{_canonical(other)}".encode()).hexdigest()


# -- reviewing conflicts ---------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """A version of an item that lost a merge at the revision the item's row holds."""

    id: str
    entity: str
    entity_id: str
    doc_id: str | None
    revision: int
    kept: Version = field(hash=False)
    other: Version = field(hash=False)
    found: str


def conflicts(project: Project, doc_id: str | None = None) -> list[Conflict]:
    """The open conflicts (of one document, if given), oldest item first. Rows left at a
    lower revision than their item are obsolete (a later edit settled them) and not listed."""
    where = "" if doc_id is None else " AND c.doc_id = ?"
    found = []
    for row in project.conn.execute(
            "SELECT c.id, c.entity, c.entity_id, c.doc_id, c.revision, c.kept, c.other, c.found"
            " FROM merge_conflicts c LEFT JOIN spans s ON c.entity = 'span' AND s.id = c.entity_id"
            " LEFT JOIN relations r ON c.entity = 'relation' AND r.id = c.entity_id"
            " LEFT JOIN speakers k ON c.entity = 'speaker' AND k.id = c.entity_id"
            " WHERE c.revision = coalesce(s.revision, r.revision, k.revision)" + where
            + " ORDER BY c.found, c.entity_id, c.id", () if doc_id is None else (doc_id,)):
        found.append(Conflict(row[0], row[1], row[2], row[3], int(row[4]), json.loads(row[5]),
                              json.loads(row[6]), row[7]))
    return found


def resolve_conflict(project: Project, entity: str, entity_id: str, choice: Version) -> None:
    """Settle an item's conflict with ``choice`` (the kept version, a conflicting one, or an
    edit of either): it becomes the item's content at the next revision, by the project's
    analyst now, and the item's conflict rows go. Merged elsewhere, the higher revision wins
    over the conflicting versions there too."""
    kinds = {k.entity: k for k in (_SPANS, _RELATIONS, _SPEAKERS)}
    if entity not in kinds:
        raise InvariantError(f"{entity!r} is not one of {', '.join(ENTITIES)}")
    kind = kinds[entity]
    with project.transaction():
        row = project.conn.execute(
            f"SELECT {kind.columns} FROM {kind.table} WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no {entity} {entity_id!r} in the project")
        current = kind.version(kind.raw(row), entity_id)
        try:
            chosen = kind.version({**choice, "id": entity_id, "author": current["author"],
                                   "created": current["created"], "modified": utc_now(),
                                   "revision": current["revision"] + 1, "history": []},
                                  entity_id)
        except _Refused as refusal:
            raise InvariantError(f"the chosen version cannot be used: {refusal}") from None
        history = list(current["history"])
        if len(history) == current["revision"]:
            # The reviewer saw every version at the current revision, not only the kept one,
            # and so every revision where a conflicting version's own history differs.
            for (other,) in project.conn.execute(
                    "SELECT other FROM merge_conflicts WHERE entity = ? AND entity_id = ?"
                    " AND revision = ?", (entity, entity_id, current["revision"])):
                theirs = json.loads(other).get("history", [])
                for index, entry in enumerate(theirs[:len(history)]):
                    if entry != history[index]:
                        history[index] = SEEN_ALL
            chosen["history"] = [*history[:-1], SEEN_ALL, version_hash(chosen)]
        else:
            chosen["history"] = list(history)  # unknown from a gap on: keep the gap
        doc_id = row[1] if kind.has_doc else None
        if kind is _SPANS:
            length = project.conn.execute("SELECT length FROM documents WHERE id = ?",
                                          (doc_id,)).fetchone()[0]
            if chosen["end"] > length:
                raise InvariantError(f"span [{chosen['start']}, {chosen['end']}) is outside "
                                     f"the text (0..{length})")
            speakers = set(project.speaker_names())
            faults = project.schema.span_faults(chosen["label"], chosen["attrs"],
                                                speakers.__contains__)
            if faults:
                raise InvariantError(faults[0])
        if kind is _RELATIONS and not chosen["deleted"]:
            for end in ("from", "to"):
                span = project.conn.execute("SELECT doc_id, deleted FROM spans WHERE id = ?",
                                            (chosen[end],)).fetchone()
                if span is None or span[0] != doc_id or span[1]:
                    raise InvariantError("a relation must link live spans of its document")
        new_row = kind.row(chosen, doc_id)
        names = kind.columns.split(", ")
        assignments = ", ".join(f"{n} = ?" for n in names[1:])
        project.conn.execute(f"UPDATE {kind.table} SET {assignments} WHERE id = ?",
                             (*new_row[1:], new_row[0]))
        project.conn.execute("DELETE FROM merge_conflicts WHERE entity = ? AND entity_id = ?",
                             (entity, entity_id))
        project.conn.execute(
            "INSERT INTO edits(at, analyst, action, entity, entity_id, doc_id, detail)"
            " VALUES (?, ?, 'resolve conflict', ?, ?, ?, ?)",
            (chosen["modified"], project.analyst, entity, entity_id, doc_id,
             _canonical(chosen)))
