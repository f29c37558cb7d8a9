"""The project file: one SQLite database holding texts, schema, spans, speakers and history.

Every public method that changes the file is one transaction, durable when it returns
(WAL with ``synchronous=FULL``). Methods nest: inside ``project.transaction()`` they become
savepoints of the outer transaction, which is how imports are all-or-nothing.
A writable project holds SQLite's exclusive lock for as long as it is open, so a second
process gets ``ProjectLockedError`` at once instead of waiting or interleaving writes.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, cast

from annotator.domain.errors import (
    InvariantError,
    NewerProjectError,
    ProjectError,
    ReadOnlyProjectError,
)
from annotator.domain.model import (
    Document,
    DocumentStatusValue,
    DocumentSummary,
    Relation,
    Span,
    Speaker,
    check_span_bounds,
    check_status,
    new_id,
    text_sha256,
    utc_now,
)
from annotator.domain.schema import LabelSchema, interview_schema
from annotator.storage import backups, learned
from annotator.storage.history import (
    APPEND_SQL,
    history_json,
    next_hash,
    relation_version,
    span_version,
    speaker_version,
    version_hash,
)
from annotator.storage.learned import LearnedModel
from annotator.storage.migrations import APPLICATION_ID, SCHEMA_VERSION, migrations
from annotator.storage.safety import (
    backup_folder,
    check_file_header,
    connect,
    damaged_error,
    disk_error,
    translate,
)
from annotator.storage.search import SearchHit, SearchIndex
from annotator.storage.sqlite import connect as sqlite_utils_view
from annotator.text import LEVELS, NormalizationLevel, hazm_version

if TYPE_CHECKING:
    from annotator.storage.sqlite import Database

BACKUP_INTERVAL_SECONDS = 10 * 60  # how often maybe_backup() backs up a changing project


class Project:
    """An open project file. Use ``Project.create`` or ``Project.open``; close it when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, analyst: str,
                 read_only: bool) -> None:
        self.path = path
        self.conn = conn
        self.analyst = analyst
        self.read_only = read_only
        self.read_only_reason = "it was opened read-only" if read_only else ""
        self._schema: LabelSchema | None = None
        self._search_index: SearchIndex | None = None
        self.backup_interval = BACKUP_INTERVAL_SECONDS
        self.backup_problem = ""  # why the last automatic backup failed, for the window
        self._last_backup_check = time.monotonic()
        self._backed_up = ""  # fingerprint of the project when last backed up

    @functools.cached_property
    def db(self) -> Database:
        """sqlite-utils' view of the connection, for migrations and ``atomic()``: made (and
        sqlite-utils loaded) at the first write, so opening and reading do without it."""
        return sqlite_utils_view(self.conn)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, analyst: str, schema: LabelSchema | None = None,
               normalization: str = "letters") -> Self:
        """Make a new project file at ``path``; refuses to overwrite an existing file.

        The file is built under a temporary name and renamed, so a failure leaves nothing.
        """
        path = Path(path)
        if normalization not in LEVELS:
            raise ProjectError(
                f"normalization {normalization!r} is not one of {', '.join(LEVELS)}")
        if path.exists():
            raise ProjectError("already exists; choose another name", path=str(path))
        if not path.parent.is_dir():
            raise ProjectError("the folder for the new project does not exist", path=str(path))
        schema = schema or interview_schema()
        schema.validate()
        temporary = path.with_name(f".{path.name}.{os.getpid()}.creating")
        try:
            conn = _connect(temporary, immutable=False)
            _set_pragmas(conn, wal=True)
            project = cls(temporary, conn, analyst=analyst, read_only=False)
            project._take_lock()
            migrations.apply(project.db)
            with project.transaction():
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                project._set_meta("normalization", normalization)
                project._set_meta("hazm_version", hazm_version())
                project._set_meta("created", utc_now())
                project._set_meta("label_schema", json.dumps(schema.to_json(), ensure_ascii=False))
                project._ensure_analyst(analyst)
            conn.close()
            temporary.replace(path)
        except sqlite3.Error as error:
            raise ProjectError(f"cannot create the project: {error}", path=str(path)) from error
        except ProjectError as error:  # reported against the temporary name
            raise ProjectError(f"cannot create the project: {error.message}", path=str(path)) \
                from error
        finally:
            for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
                leftover.unlink(missing_ok=True)
        return cls.open(path, analyst=analyst)

    @classmethod
    def open(cls, path: str | Path, *, analyst: str, read_only: bool = False) -> Self:
        """Open an existing project, migrating it forward if it is older than this program.

        A file written by a newer program opens read-only when it says we may read it,
        otherwise ``NewerProjectError``; either way it is never written. A folder or file we
        may not write opens read-only (``read_only_reason`` says why). A writable project is
        backed up on opening when it changed since its newest backup; a damaged one raises
        ``DamagedProjectError`` (saying whether backups exist) instead of opening for writing.
        """
        path = Path(path)
        if not path.is_file():
            raise ProjectError("no such project file", path=str(path))
        check_file_header(path)
        unwritable = _unwritable_reason(path)
        reason = unwritable or ("it was opened read-only" if read_only else "")
        if unwritable and Path(f"{path}-wal").exists():
            raise ProjectError(
                "cannot be read safely: its latest changes are still in its -wal file and the "
                "file or its folder may not be written; open it once where it can be written",
                path=str(path))
        conn = _connect(path, immutable=bool(unwritable))
        project = cls(path, conn, analyst=analyst, read_only=bool(reason))
        project.read_only_reason = reason
        try:
            # Check that the file is ours, and how new, before anything writes to it.
            project._check_header()
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            min_reader = int(project._meta("min_reader_version") or "1")
            if min_reader > SCHEMA_VERSION:
                raise NewerProjectError(
                    "was written by a newer Annotator; update the program to open it",
                    path=str(path),
                )
            if version > SCHEMA_VERSION and not project.read_only:
                project.read_only = True
                project.read_only_reason = "it was written by a newer Annotator"
            _set_pragmas(conn, wal=not project.read_only)
            if not project.read_only:
                project._take_lock()
                project._backup_on_open()
                if version < SCHEMA_VERSION:
                    project._migrate(version)
                if analyst not in project.analysts():  # a known analyst opens without a write
                    with project.transaction():
                        project._ensure_analyst(analyst)
        except sqlite3.DatabaseError as error:
            conn.close()
            raise translate(error, path) or ProjectError(
                f"is not a readable Annotator project ({error})", path=str(path)
            ) from error
        except BaseException:
            conn.close()
            raise
        return project

    def close(self) -> None:
        """Close the file; SQLite checkpoints the WAL into it and removes the WAL."""
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def _check_header(self) -> None:
        app_id = int(self.conn.execute("PRAGMA application_id").fetchone()[0])
        if app_id != APPLICATION_ID:
            raise ProjectError(
                "is a SQLite database but not an Annotator project", path=str(self.path)
            )
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
        if "meta" not in tables:
            raise ProjectError("is an Annotator project without its tables", path=str(self.path))

    def _take_lock(self) -> None:
        # In EXCLUSIVE locking mode the first write transaction's lock is kept until close.
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("COMMIT")

    def _migrate(self, from_version: int) -> None:
        if from_version > 0:
            self._backup(f"before-v{SCHEMA_VERSION}", required=True)
        migrations.apply(self.db)
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def backup_to(self, target: Path) -> None:
        """Write a self-contained copy of the project with SQLite's backup API."""
        target.unlink(missing_ok=True)
        destination = sqlite3.connect(target)
        try:
            self.conn.backup(destination)
        finally:
            destination.close()

    # -- automatic backups ---------------------------------------------------------------

    def maybe_backup(self) -> Path | None:
        """Back up when ``backup_interval`` seconds passed since the last backup and the
        project changed since; returns the new backup, else None.

        Cheap enough to call after every edit: it reads the clock and nothing else until
        a backup is due. A backup that fails is reported in ``backup_problem``, not raised.
        """
        if self.read_only or time.monotonic() - self._last_backup_check < self.backup_interval:
            return None
        self._last_backup_check = time.monotonic()
        if self._fingerprint() == self._backed_up:
            return None
        return self._backup("timed", required=False)

    def _fingerprint(self) -> str:
        return backups.fingerprint(self.conn)

    def _backup_on_open(self) -> None:
        """Back up a project that changed since its newest backup; either way make sure it is
        sound, as the verified backup or a quick check of the file shows."""
        self._last_backup_check = time.monotonic()
        if backups.has_edits(self.conn):  # a new, empty project has nothing to lose
            current = self._fingerprint()
            if current == backups.newest_fingerprint(self.path):
                self._backed_up = current
            elif self._backup("open", required=False) is not None or self.backup_problem:
                return  # the copy verified, or the file was checked when it failed
        self._raise_if_damaged()

    def _raise_if_damaged(self) -> None:
        problem = [r[0] for r in self.conn.execute("PRAGMA quick_check")]
        if problem != ["ok"]:
            raise damaged_error(self.path, f"SQLite integrity check: {problem[0]}")

    def _backup(self, reason: str, *, required: bool) -> Path | None:
        """Make a verified backup. A damaged project raises ``DamagedProjectError``; any other
        failure raises when ``required``, else is kept in ``backup_problem``."""
        mark = self._fingerprint()
        try:
            made = backups.make_backup(self.conn, self.path, reason)
        except backups.BackupFailed as failure:
            self._raise_if_damaged()
            self.backup_problem = f"the backup in {backup_folder(self.path)} failed: {failure}"
            if required:
                raise ProjectError(f"was not changed: {self.backup_problem}",
                                   path=str(self.path)) from failure
            return None
        self._backed_up = mark
        self.backup_problem = ""
        return made

    # -- transactions and metadata -------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit: a transaction, or a savepoint inside an enclosing one."""
        if self.read_only:
            raise ReadOnlyProjectError(
                f"is open read-only ({self.read_only_reason or 'read-only'}); "
                "changes cannot be saved", path=str(self.path)
            )
        try:
            with self.db.atomic():
                yield
        except sqlite3.DatabaseError as error:
            raise translate(error, self.path) or error from error
        except OSError as error:  # SQLite reports most I/O failures itself; this is a backstop
            raise disk_error(error, self.path, "change") from error

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @property
    def normalization(self) -> NormalizationLevel:
        """The normalization level chosen when the project was made: letters, hazm or none."""
        value = self._meta("normalization") or "letters"
        for level in LEVELS:
            if value == level:
                return level
        raise ProjectError(f"has the unknown normalization level {value!r}", path=str(self.path))

    @property
    def hazm_version(self) -> str:
        return self._meta("hazm_version") or ""

    @property
    def schema(self) -> LabelSchema:
        if self._schema is None:
            self._schema = LabelSchema.from_json(json.loads(self._meta("label_schema") or "{}"))
        return self._schema

    def set_schema(self, schema: LabelSchema) -> None:
        """Replace the label schema (validated first); existing spans keep their labels."""
        schema.validate()
        with self.transaction():
            self._set_meta("label_schema", json.dumps(schema.to_json(), ensure_ascii=False))
            self._record("set schema", "schema", schema.name, None, schema.to_json())
        self._schema = schema

    def _ensure_analyst(self, name: str) -> None:
        if not name.strip():
            raise InvariantError("the analyst name is empty")
        self.conn.execute(
            "INSERT OR IGNORE INTO analysts(name, created) VALUES (?, ?)", (name, utc_now())
        )

    def analysts(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM analysts ORDER BY name")]

    def _record(self, action: str, entity: str, entity_id: str, doc_id: str | None,
                detail: Mapping[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO edits(at, analyst, action, entity, entity_id, doc_id, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (utc_now(), self.analyst, action, entity, entity_id, doc_id,
             json.dumps(detail, ensure_ascii=False, sort_keys=True)),
        )

    def edits(self, limit: int = 100) -> list[dict[str, Any]]:
        """The newest ``limit`` entries of the audit trail, newest first."""
        rows = self.conn.execute(
            "SELECT at, analyst, action, entity, entity_id, doc_id, detail FROM edits "
            "ORDER BY id DESC LIMIT ?", (limit,))
        keys = ("at", "analyst", "action", "entity", "entity_id", "doc_id", "detail")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    # -- documents -----------------------------------------------------------------------

    def add_document(self, document: Document) -> Document:
        """Store a new document. Its id, hash and creation time are filled in when empty."""
        return self.add_documents([document])[0]

    def add_documents(self, documents: list[Document] | Iterator[Document]) -> list[Document]:
        """Store new documents in one transaction, as ``add_document`` would one by one.

        Each is checked as it is taken from ``documents``, before any is stored, so a caller
        that feeds a generator knows which one an ``InvariantError`` is about. All are stored,
        each with its ``edits`` row, or none.
        """
        stored: list[Document] = []
        rows: list[tuple[object, ...]] = []
        ids: set[str] = set()
        now = utc_now()
        # One transaction from the first check: each lookup is then ~4 µs instead of ~14.
        with self.transaction():
            for document in documents:
                checked = _checked_document(document, now)
                if checked.id in ids or self.conn.execute(
                        "SELECT 1 FROM documents WHERE id = ?", (checked.id,)).fetchone():
                    raise InvariantError(f"document {checked.id} is already in the project")
                ids.add(checked.id)
                stored.append(checked)
                rows.append(
                    (checked.id, checked.title, checked.source, checked.canonical_text,
                     None if checked.raw_text == checked.canonical_text else checked.raw_text,
                     json.dumps([list(s) for s in checked.alignment]),
                     json.dumps(checked.metadata, ensure_ascii=False, sort_keys=True),
                     checked.text_sha256, len(checked.canonical_text), checked.encoding,
                     self.analyst, checked.created))
            self._ensure_analyst(self.analyst)
            self.conn.executemany(
                "INSERT INTO documents(id, title, source, canonical_text, raw_text, alignment,"
                " metadata, text_sha256, length, encoding, author, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self.conn.executemany(
                "INSERT INTO edits(at, analyst, action, entity, entity_id, doc_id, detail) "
                "VALUES (?, ?, 'add document', 'document', ?, ?, ?)",
                ((now, self.analyst, d.id, d.id,
                  _json({"title": d.title, "source": d.source, "text_sha256": d.text_sha256}))
                 for d in stored))
        return stored

    def document(self, doc_id: str) -> Document:
        row = self.conn.execute(
            "SELECT id, title, source, canonical_text, raw_text, alignment, metadata,"
            " text_sha256, created, encoding FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no document {doc_id!r} in the project")
        return _document_from_row(row)

    def documents(self) -> Iterator[Document]:
        """Every document with its texts, in import order, one at a time."""
        rows = self.conn.execute(
            "SELECT id, title, source, canonical_text, raw_text, alignment, metadata,"
            " text_sha256, created, encoding FROM documents ORDER BY rowid")
        for row in rows:
            yield _document_from_row(row)

    def document_summaries(self) -> list[DocumentSummary]:
        statuses: dict[str, dict[str, DocumentStatusValue]] = {}
        for doc_id, analyst, status in self.conn.execute(
                "SELECT doc_id, analyst, status FROM document_status"):
            statuses.setdefault(doc_id, {})[analyst] = check_status(status)
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.source, d.text_sha256, d.length,"
            " (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.deleted = 0)"
            " FROM documents d ORDER BY d.rowid")
        return [DocumentSummary(r[0], r[1], r[2], r[3], r[4], r[5], statuses.get(r[0], {}))
                for r in rows]

    def find_document(self, doc_id: str, sha256: str) -> str | None:
        """The id of the document that is the same as (``doc_id``, ``sha256``), if any.

        Documents are the same when their ids match or, failing that, their text hashes.
        """
        row = self.conn.execute("SELECT id FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE text_sha256 = ? ORDER BY rowid LIMIT 1",
                (sha256,)).fetchone()
        return None if row is None else str(row[0])

    def search(self, query: str, *, doc_id: str | None = None, limit: int | None = None
               ) -> list[SearchHit]:
        """Non-overlapping matches of ``query`` in every document (or only ``doc_id``), in
        import order then by start, at most ``limit``; both sides folded by ``search_fold``.
        Offsets are code points of the canonical text, end exclusive."""
        if self._search_index is None:
            self._search_index = SearchIndex()
        return self._search_index.search(self.conn, query, doc_id=doc_id, limit=limit)

    # -- spans ---------------------------------------------------------------------------

    def add_span(self, doc_id: str, start: int, end: int, label: str,
                 attrs: Mapping[str, str] | None = None, *, span_id: str | None = None,
                 author: str | None = None) -> Span:
        """Mark ``[start, end)`` (code points of the canonical text) with ``label``."""
        attrs = dict(attrs or {})
        with self.transaction():
            length = self._document_length(doc_id)
            check_span_bounds(start, end, length)
            self._check_label_and_attrs(label, attrs)
            now = utc_now()
            span = Span(span_id or new_id(), doc_id, start, end, label, attrs,
                        author or self.analyst, now, now, 1, False)
            self._ensure_analyst(span.author)
            try:
                self.conn.execute(
                    'INSERT INTO spans(id, doc_id, start, "end", label, attrs, author, created,'
                    " modified, revision, deleted, history)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                    (span.id, doc_id, start, end, label, _json(attrs), span.author, now, now, 1,
                     history_json([version_hash(span_version(span))])),
                )
            except sqlite3.IntegrityError as error:
                raise InvariantError(f"span {span.id} is already in the project") from error
            self._record("add span", "span", span.id, doc_id, _span_detail(span))
        return span

    def update_span(self, span_id: str, *, start: int | None = None, end: int | None = None,
                    label: str | None = None, attrs: Mapping[str, str] | None = None) -> Span:
        """Change a span's bounds, label or attributes; its revision goes up by one."""
        with self.transaction():
            old = self.span(span_id)
            if old.deleted:
                raise InvariantError(f"span {span_id} was deleted")
            new_start = old.start if start is None else start
            new_end = old.end if end is None else end
            new_label = old.label if label is None else label
            new_attrs = dict(old.attrs if attrs is None else attrs)
            check_span_bounds(new_start, new_end, self._document_length(old.doc_id))
            self._check_label_and_attrs(new_label, new_attrs)
            now = utc_now()
            self.conn.execute(
                'UPDATE spans SET start = ?, "end" = ?, label = ?, attrs = ?, modified = ?,'
                f" revision = revision + 1, {APPEND_SQL} WHERE id = ?",
                (new_start, new_end, new_label, _json(new_attrs), now,
                 next_hash(span_version(old), start=new_start, end=new_end, label=new_label,
                           attrs=new_attrs), span_id))
            span = self.span(span_id)
            self._record("update span", "span", span_id, span.doc_id, _span_detail(span))
        return span

    def delete_span(self, span_id: str) -> None:
        """Tombstone a span (and the relations that use it) so merges see the deletion."""
        with self.transaction():
            span = self.span(span_id)
            now = utc_now()
            self.conn.execute(
                f"UPDATE spans SET deleted = 1, modified = ?, revision = revision + 1, {APPEND_SQL}"
                " WHERE id = ? AND deleted = 0",
                (now, next_hash(span_version(span), deleted=True), span_id))
            for (relation_id,) in self.conn.execute(
                    "SELECT id FROM relations WHERE deleted = 0 AND (from_id = ? OR to_id = ?)",
                    (span_id, span_id)).fetchall():
                self._tombstone_relation(relation_id, now)
            self._record("delete span", "span", span_id, span.doc_id, {})

    def restore_span(self, span_id: str) -> Span:
        """Undo a deletion: the span is live again with a new revision."""
        with self.transaction():
            old = self.span(span_id)
            self.conn.execute(
                f"UPDATE spans SET deleted = 0, modified = ?, revision = revision + 1, {APPEND_SQL}"
                " WHERE id = ? AND deleted = 1",
                (utc_now(), next_hash(span_version(old), deleted=False), span_id))
            span = self.span(span_id)
            self._record("restore span", "span", span_id, span.doc_id, _span_detail(span))
        return span

    def span(self, span_id: str) -> Span:
        row = self.conn.execute(
            f"SELECT {_SPAN_COLUMNS} FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no span {span_id!r} in the project")
        return _span_from_row(row)

    def spans(self, doc_id: str, *, include_deleted: bool = False,
              timestamps: bool = True) -> list[Span]:
        """The spans of one document ordered by start, end and label.

        ``timestamps=False`` leaves ``created`` and ``modified`` empty: a window showing tens of
        thousands of spans does not show them, and they are a third of a span's memory.
        """
        deleted = "" if include_deleted else " AND deleted = 0"
        columns = _SPAN_COLUMNS if timestamps else _SPAN_COLUMNS.replace(
            "created, modified", "'', ''")
        rows = self.conn.execute(
            f"SELECT {columns} FROM spans WHERE doc_id = ?{deleted}"
            ' ORDER BY start, "end", label, id', (doc_id,))
        return [_span_from_row(r) for r in rows]

    def attribute_values(self, label: str, attribute: str) -> list[str]:
        """Distinct non-empty values of one attribute over the project's live spans, sorted."""
        rows = self.conn.execute(
            "SELECT DISTINCT json_extract(attrs, '$.' || json_quote(?)) AS value FROM spans"
            " WHERE deleted = 0 AND label = ? AND value IS NOT NULL AND value != ''"
            " ORDER BY value", (attribute, label))
        return [str(r[0]) for r in rows]

    def spans_in(self, doc_id: str, start: int, end: int) -> list[Span]:
        """The live spans sharing a code point with ``[start, end)``, ordered by start: what a
        window needs to paint one screen of a long document before it loads the rest."""
        rows = self.conn.execute(
            f'SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND start < ? AND "end" > ?'
            ' AND deleted = 0 ORDER BY start, "end", label, id', (doc_id, end, start))
        return [_span_from_row(r) for r in rows]

    def _document_length(self, doc_id: str) -> int:
        row = self.conn.execute("SELECT length FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no document {doc_id!r} in the project")
        return int(row[0])

    def _check_label_and_attrs(self, label: str, attrs: Mapping[str, str]) -> None:
        faults = self.schema.span_faults(label, attrs, self._speaker_exists)
        if faults:
            raise InvariantError(faults[0])

    # -- relations -----------------------------------------------------------------------

    def add_relation(self, from_id: str, to_id: str, type: str, *,
                     relation_id: str | None = None, author: str | None = None) -> Relation:
        """Link two live spans of the same document with a relation of the schema."""
        with self.transaction():
            source, target = self.span(from_id), self.span(to_id)
            if source.deleted or target.deleted:
                raise InvariantError("a relation cannot use a deleted span")
            if source.doc_id != target.doc_id:
                raise InvariantError("a relation must link spans of the same document")
            relation_type = self.schema.relation(type)
            if relation_type is None:
                raise InvariantError(f"the relation {type!r} is not in the project's schema")
            if relation_type.from_labels and source.label not in relation_type.from_labels:
                raise InvariantError(f"a {type} relation cannot start at a {source.label} span")
            if relation_type.to_labels and target.label not in relation_type.to_labels:
                raise InvariantError(f"a {type} relation cannot end at a {target.label} span")
            now = utc_now()
            relation = Relation(relation_id or new_id(), source.doc_id, from_id, to_id, type,
                                author or self.analyst, now, now, 1, False)
            self._ensure_analyst(relation.author)
            try:
                self.conn.execute(
                    "INSERT INTO relations(id, doc_id, from_id, to_id, type, author, created,"
                    " modified, revision, deleted, history)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?)",
                    (relation.id, relation.doc_id, from_id, to_id, type, relation.author, now, now,
                     history_json([version_hash(relation_version(relation))])))
            except sqlite3.IntegrityError as error:
                raise InvariantError(f"relation {relation.id} is already in the project") \
                    from error
            self._record("add relation", "relation", relation.id, relation.doc_id,
                         {"from": from_id, "to": to_id, "type": type})
        return relation

    def delete_relation(self, relation_id: str) -> None:
        with self.transaction():
            row = self.conn.execute(
                "SELECT doc_id FROM relations WHERE id = ?", (relation_id,)).fetchone()
            if row is None:
                raise InvariantError(f"there is no relation {relation_id!r} in the project")
            self._tombstone_relation(relation_id, utc_now())
            self._record("delete relation", "relation", relation_id, row[0], {})

    def restore_relation(self, relation_id: str) -> Relation:
        """Undo a deletion: the relation is live again, provided both of its spans are."""
        with self.transaction():
            relation = self._relation(relation_id)
            if self.span(relation.from_id).deleted or self.span(relation.to_id).deleted:
                raise InvariantError("a relation cannot use a deleted span")
            self.conn.execute(
                "UPDATE relations SET deleted = 0, modified = ?, revision = revision + 1,"
                f" {APPEND_SQL} WHERE id = ? AND deleted = 1",
                (utc_now(), next_hash(relation_version(relation), deleted=False), relation_id))
            relation = self._relation(relation_id)
            self._record("restore relation", "relation", relation_id, relation.doc_id,
                         {"from": relation.from_id, "to": relation.to_id, "type": relation.type})
        return relation

    def _relation(self, relation_id: str) -> Relation:
        row = self.conn.execute(
            "SELECT id, doc_id, from_id, to_id, type, author, created, modified, revision,"
            " deleted FROM relations WHERE id = ?", (relation_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no relation {relation_id!r} in the project")
        return Relation(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                        bool(row[9]))

    def _tombstone_relation(self, relation_id: str, now: str) -> None:
        relation = self._relation(relation_id)
        self.conn.execute(
            "UPDATE relations SET deleted = 1, modified = ?, revision = revision + 1,"
            f" {APPEND_SQL} WHERE id = ? AND deleted = 0",
            (now, next_hash(relation_version(relation), deleted=True), relation_id))

    def relations(self, doc_id: str, *, include_deleted: bool = False) -> list[Relation]:
        deleted = "" if include_deleted else " AND deleted = 0"
        rows = self.conn.execute(
            "SELECT id, doc_id, from_id, to_id, type, author, created, modified, revision,"
            f" deleted FROM relations WHERE doc_id = ?{deleted} ORDER BY created, id", (doc_id,))
        return [Relation(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]))
                for r in rows]

    # -- speakers ------------------------------------------------------------------------

    def add_speaker(self, name: str, *, aliases: tuple[str, ...] = (), role: str = "",
                    affiliation: str = "", speaker_id: str | None = None,
                    author: str | None = None) -> Speaker:
        if not name.strip():
            raise InvariantError("a speaker needs a name")
        with self.transaction():
            now = utc_now()
            speaker = Speaker(speaker_id or new_id(), name, tuple(aliases), role, affiliation,
                              author or self.analyst, now, now, 1, False)
            self._ensure_analyst(speaker.author)
            try:
                self.conn.execute(
                    "INSERT INTO speakers(id, name, aliases, role, affiliation, author, created,"
                    " modified, revision, deleted, history)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?)",
                    (speaker.id, name, _json(list(aliases)), role, affiliation, speaker.author,
                     now, now, history_json([version_hash(speaker_version(speaker))])))
            except sqlite3.IntegrityError as error:
                raise InvariantError(f"speaker {speaker.id} is already in the project") from error
            self._record("add speaker", "speaker", speaker.id, None,
                         {"name": name, "aliases": list(aliases), "role": role,
                          "affiliation": affiliation})
        return speaker

    def update_speaker(self, speaker_id: str, *, name: str | None = None,
                       aliases: tuple[str, ...] | None = None, role: str | None = None,
                       affiliation: str | None = None) -> Speaker:
        """Change a registry entry; its revision goes up by one."""
        if name is not None and not name.strip():
            raise InvariantError("a speaker needs a name")
        with self.transaction():
            old = self.speaker(speaker_id)
            new = Speaker(old.id, old.name if name is None else name,
                          old.aliases if aliases is None else tuple(aliases),
                          old.role if role is None else role,
                          old.affiliation if affiliation is None else affiliation)
            self.conn.execute(
                "UPDATE speakers SET name = ?, aliases = ?, role = ?, affiliation = ?,"
                f" modified = ?, revision = revision + 1, {APPEND_SQL} WHERE id = ?",
                (new.name, _json(list(new.aliases)), new.role, new.affiliation, utc_now(),
                 next_hash(speaker_version(old), name=new.name, aliases=list(new.aliases),
                           role=new.role, affiliation=new.affiliation), speaker_id))
            self._record("update speaker", "speaker", speaker_id, None,
                         {"name": new.name, "aliases": list(new.aliases), "role": new.role,
                          "affiliation": new.affiliation})
        return self.speaker(speaker_id)

    def set_speaker_deleted(self, speaker_id: str, deleted: bool) -> Speaker:
        """Tombstone a registry entry or bring it back; spans keep pointing at it either way."""
        with self.transaction():
            old = self.speaker(speaker_id)
            self.conn.execute(
                "UPDATE speakers SET deleted = ?, modified = ?, revision = revision + 1,"
                f" {APPEND_SQL} WHERE id = ? AND deleted = ?",
                (int(deleted), utc_now(), next_hash(speaker_version(old), deleted=deleted),
                 speaker_id, int(not deleted)))
            self._record("delete speaker" if deleted else "restore speaker", "speaker",
                         speaker_id, None, {})
        return self.speaker(speaker_id)

    def speaker(self, speaker_id: str) -> Speaker:
        row = self.conn.execute(
            "SELECT id, name, aliases, role, affiliation, author, created, modified, revision,"
            " deleted FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no speaker {speaker_id!r} in the project")
        return Speaker(row[0], row[1], tuple(json.loads(row[2])), row[3], row[4], row[5], row[6],
                       row[7], row[8], bool(row[9]))

    def speakers(self, *, include_deleted: bool = False) -> list[Speaker]:
        where = "" if include_deleted else " WHERE deleted = 0"
        rows = self.conn.execute(
            "SELECT id, name, aliases, role, affiliation, author, created, modified, revision,"
            f" deleted FROM speakers{where} ORDER BY name, id")
        return [Speaker(r[0], r[1], tuple(json.loads(r[2])), r[3], r[4], r[5], r[6], r[7], r[8],
                        bool(r[9])) for r in rows]

    def speaker_names(self) -> dict[str, str]:
        """Every speaker id (deleted ones too, so old spans still resolve) to its display name."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, name FROM speakers")}

    def _speaker_exists(self, speaker_id: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM speakers WHERE id = ?", (speaker_id,)).fetchone() is not None

    # -- rejected suggestions ------------------------------------------------------------

    def reject_suggestion(self, doc_id: str, key: str) -> None:
        """Remember that this analyst rejected the suggestion ``key`` in ``doc_id``."""
        with self.transaction():
            self._document_length(doc_id)
            self._ensure_analyst(self.analyst)
            self.conn.execute(
                "INSERT OR IGNORE INTO rejected_suggestions(key, doc_id, analyst, at)"
                " VALUES (?, ?, ?, ?)", (key, doc_id, self.analyst, utc_now()))
            self._record("reject suggestion", "suggestion", key, doc_id, {})

    def unreject_suggestion(self, doc_id: str, key: str) -> None:
        """Undo ``reject_suggestion`` by this analyst: the suggestion may be proposed again."""
        with self.transaction():
            self.conn.execute(
                "DELETE FROM rejected_suggestions WHERE key = ? AND doc_id = ? AND analyst = ?",
                (key, doc_id, self.analyst))
            self._record("unreject suggestion", "suggestion", key, doc_id, {})

    def rejected_suggestion_keys(self, doc_id: str) -> set[str]:
        """Keys of the suggestions any analyst rejected in ``doc_id``."""
        return {r[0] for r in self.conn.execute(
            "SELECT key FROM rejected_suggestions WHERE doc_id = ?", (doc_id,))}

    # -- the learned model (annotator.storage.learned) ------------------------------------

    def learned_models(self) -> list[LearnedModel]:
        """The models learned from this project's marks, one per label."""
        return learned.stored_models(self)

    def store_learned_models(self, models: Iterable[LearnedModel]) -> list[LearnedModel]:
        """Replace the learned models, in one transaction."""
        return learned.store_models(self, models)

    def learned_models_stamp(self) -> str:
        """Changes whenever the learned models do; reads no model bytes."""
        return learned.models_stamp(self)

    # -- document status -----------------------------------------------------------------

    def set_status(self, doc_id: str, status: str, *, analyst: str | None = None) -> None:
        """Record one analyst's progress on a document: todo, in progress or done."""
        value = check_status(status)
        who = analyst or self.analyst
        with self.transaction():
            self._document_length(doc_id)
            self._ensure_analyst(who)
            self.conn.execute(
                "INSERT INTO document_status(doc_id, analyst, status, modified) VALUES (?,?,?,?)"
                " ON CONFLICT(doc_id, analyst) DO UPDATE SET status = excluded.status,"
                " modified = excluded.modified", (doc_id, who, value, utc_now()))
            self._record("set status", "document", doc_id, doc_id,
                         {"analyst": who, "status": value})

    def statuses(self, doc_id: str) -> dict[str, DocumentStatusValue]:
        rows = self.conn.execute(
            "SELECT analyst, status FROM document_status WHERE doc_id = ? ORDER BY analyst",
            (doc_id,))
        return {r[0]: check_status(r[1]) for r in rows}


_SPAN_COLUMNS = (
    'id, doc_id, start, "end", label, attrs, author, created, modified, revision, deleted')


def _checked_document(document: Document, now: str) -> Document:
    """The document as it will be stored (id, hash and time filled in), or InvariantError."""
    sha = text_sha256(document.canonical_text)
    if document.text_sha256 and document.text_sha256 != sha:
        raise InvariantError(f"document {document.id}: text_sha256 does not match its text")
    stored = Document(
        id=document.id or new_id(),
        title=document.title,
        source=document.source,
        canonical_text=document.canonical_text,
        raw_text=document.raw_text,
        alignment=document.alignment,
        metadata=dict(document.metadata),
        text_sha256=sha,
        created=document.created or now,
        encoding=document.encoding,
    )
    raw_length = sum(r for r, _ in stored.alignment)
    canonical_length = sum(c for _, c in stored.alignment)
    if raw_length != len(stored.raw_text) or canonical_length != len(stored.canonical_text):
        raise InvariantError(f"document {stored.id}: the alignment does not fit its texts")
    return stored


def _span_from_row(r: tuple[Any, ...]) -> Span:
    # Document ids, labels and authors repeat on every row: intern them to keep big documents
    # small in memory; an empty attribute object needs no JSON parse.
    attrs: dict[str, str] = {} if r[5] == "{}" else cast(dict[str, str], json.loads(r[5]))
    return Span(r[0], sys.intern(r[1]), r[2], r[3], sys.intern(r[4]), attrs, sys.intern(r[6]),
                r[7], r[8], r[9], bool(r[10]))


def _document_from_row(r: tuple[Any, ...]) -> Document:
    canonical = str(r[3])
    return Document(
        id=r[0], title=r[1], source=r[2], canonical_text=canonical,
        raw_text=canonical if r[4] is None else str(r[4]),
        alignment=tuple((int(a), int(b)) for a, b in json.loads(r[5])),
        metadata=json.loads(r[6]), text_sha256=r[7], created=r[8], encoding=r[9],
    )


def _span_detail(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "label": span.label, "attrs": span.attrs,
            "revision": span.revision}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _connect(path: Path, *, immutable: bool) -> sqlite3.Connection:
    """Connect to ``path``. Read-only use of a writable file still connects read-write; a
    file we may not write is opened immutable, as SQLite cannot open a WAL file read-only
    without creating its side files."""
    conn = connect(path, immutable=immutable)
    # EXCLUSIVE before WAL: the WAL index then lives in memory and no other process can
    # open the file while we hold it.
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    return conn


def _unwritable_reason(path: Path) -> str:
    """Why ``path`` may not be written, or an empty string when it may."""
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):
        return "its folder is read-only"
    return ""


def _set_pragmas(conn: sqlite3.Connection, *, wal: bool) -> None:
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # every commit is durable when it returns
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it (Project.db)
