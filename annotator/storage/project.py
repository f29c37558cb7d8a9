"""The project file: one SQLite database holding texts, schema, spans, speakers and history.

Every public method that changes the file is one transaction, durable when it returns
(WAL with ``synchronous=FULL``). Methods nest: inside ``project.transaction()`` they become
savepoints of the outer transaction, which is how imports are all-or-nothing.
A writable project holds SQLite's exclusive lock for as long as it is open, so a second
process gets ``ProjectLockedError`` at once instead of waiting or interleaving writes.
The methods for spans, relations, speakers and statuses are in ``storage.annotations``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

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
    check_status,
    new_id,
    text_sha256,
    utc_now,
)
from annotator.domain.schema import LabelSchema, interview_schema
from annotator.storage import learned
from annotator.storage.annotations import Annotations
from annotator.storage.autobackup import AutomaticBackups
from annotator.storage.learned import LearnedModel
from annotator.storage.migrations import APPLICATION_ID, SCHEMA_VERSION, migrations
from annotator.storage.rules import (
    document_faults,
    identify_open,
    readable,
)
from annotator.storage.safety import (
    check_file_header,
    connect,
    disk_error,
    translate,
)
from annotator.storage.search import (
    PENDING_STEP_SECONDS,
    SearchHit,
    hits,
    index_pending,
    pending_count,
)
from annotator.storage.search import search as search_index
from annotator.storage.sqlite import connect as sqlite_utils_view
from annotator.storage.tables import (
    DOCUMENTS,
    EDITS,
    META,
    document_from_row,
    document_row,
    record_edits,
    stored_json,
)
from annotator.text import LEVELS, NormalizationLevel, hazm_version

if TYPE_CHECKING:
    from annotator.storage.sqlite import Database

class Project(AutomaticBackups, Annotations):
    """An open project file. Use ``Project.create`` or ``Project.open``; close it when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, analyst: str,
                 read_only: bool, background_backups: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.analyst = analyst
        self.read_only = read_only
        self.read_only_reason = "it was opened read-only" if read_only else ""
        self._schema: LabelSchema | None = None
        self._init_backups(background=background_backups)
        # A file opened for writing is changed only by a write that commits: the opening
        # analyst is registered inside the first transaction and a file in another journal
        # mode (a shared copy) turns to WAL after it, so a refused import or merge leaves
        # the file as it was (issue 16, item 10).
        self._registered = True
        self._wal_pending = False
        self.closed = False  # set by close(): a timer that outlives the project asks

    @functools.cached_property
    def db(self) -> Database:
        """sqlite-utils' view of the connection, for migrations and ``atomic()``: made (and
        sqlite-utils loaded) at the first write, so opening and reading do without it."""
        return sqlite_utils_view(self.conn)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, analyst: str, schema: LabelSchema | None = None,
               normalization: str = "letters", background_backups: bool = False) -> Self:
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
        return cls.open(path, analyst=analyst, background_backups=background_backups)

    @classmethod
    def open(cls, path: str | Path, *, analyst: str, read_only: bool = False,
             background_backups: bool = False) -> Self:
        """Open an existing project, migrating it forward if it is older than this program.

        A file written by a newer program opens read-only when it says we may read it,
        otherwise ``NewerProjectError``; either way it is never written. A folder or file we
        may not write opens read-only (``read_only_reason`` says why). A writable project is
        backed up on opening when it changed since its newest backup; a damaged one raises
        ``DamagedProjectError`` (saying whether backups exist) instead of opening for writing.
        ``background_backups`` (the window's): automatic backups are made on a worker thread
        through this connection (see ``storage.autobackup``), the one on opening included.
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
        conn = _connect(path, immutable=bool(unwritable), threads=background_backups)
        project = cls(path, conn, analyst=analyst, read_only=bool(reason))
        project.read_only_reason = reason
        try:
            # Check that the file is ours, and how new, before anything writes to it.
            identity = identify_open(conn)
            if not identity.ours:
                raise ProjectError("is a SQLite database but not an Annotator project",
                                   path=str(path))
            if not identity.tables:
                raise ProjectError("is an Annotator project without its tables", path=str(path))
            version = identity.version
            if not readable(project._meta("min_reader_version")):
                raise NewerProjectError(
                    "was written by a newer Annotator; update the program to open it",
                    path=str(path),
                )
            if version > SCHEMA_VERSION and not project.read_only:
                project.read_only = True
                project.read_only_reason = "it was written by a newer Annotator"
            _set_pragmas(conn, wal=False)
            if not project.read_only:
                project._take_lock()
                # A file to migrate is backed up before it is changed, not beside it.
                project.background_backups = background_backups and version == SCHEMA_VERSION
                project._backup_on_open()
                project.background_backups = background_backups
                if version < SCHEMA_VERSION:
                    project._migrate(version)
                project._wal_pending = _journal_mode(conn) != "wal"
                if version < SCHEMA_VERSION:
                    project._wal_after_commit()  # migrated: the file has changed anyway
                project._registered = analyst in project.analysts()
        except sqlite3.DatabaseError as error:
            conn.close()
            raise translate(error, path) or ProjectError(
                f"is not a readable Annotator project ({error})", path=str(path)
            ) from error
        except BaseException:
            project._stop_backup()
            conn.close()
            raise
        return project

    def close(self) -> None:
        """Close the file; SQLite checkpoints the WAL into it and removes the WAL. A backup
        still being made in the background is stopped first and leaves nothing behind."""
        self._stop_backup()
        self.conn.close()
        self.closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def _take_lock(self) -> None:
        # In EXCLUSIVE locking mode the first write transaction's lock is kept until close.
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("COMMIT")

    def _migrate(self, from_version: int) -> None:
        if from_version > 0:
            self._backup(f"before-v{SCHEMA_VERSION}", required=True)
        migrations.apply(self.db)
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- transactions and metadata -------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit: a transaction, or a savepoint inside an enclosing one."""
        if self.read_only:
            raise ReadOnlyProjectError(
                f"is open read-only ({self.read_only_reason or 'read-only'}); "
                "changes cannot be saved", path=str(self.path)
            )
        kept = self._schema
        outermost = not self.conn.in_transaction
        try:
            with self.db.atomic():
                if outermost and not self._registered:
                    self._ensure_analyst(self.analyst)
                yield
            if outermost:
                self._registered = True
                self._wal_after_commit()
        except BaseException as error:
            self._schema = kept  # rolled back, so is a schema set inside (a failed import)
            if isinstance(error, sqlite3.DatabaseError):
                raise translate(error, self.path) or error from error
            if isinstance(error, OSError):  # SQLite reports most I/O failures; a backstop
                raise disk_error(error, self.path, "change") from error
            raise

    def _wal_after_commit(self) -> None:
        """Turn the file to WAL once a write has committed in its own journal mode."""
        if self._wal_pending and not self.conn.in_transaction:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self._wal_pending = False

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute(META.upsert(), (key, value))

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
        record_edits(self.conn, [(utc_now(), self.analyst, action, entity, entity_id, doc_id,
                                  stored_json(detail))])

    def edits(self, limit: int = 100) -> list[dict[str, Any]]:
        """The newest ``limit`` entries of the audit trail, newest first."""
        keys = EDITS.columns[1:]
        rows = self.conn.execute(
            f"SELECT {EDITS.column_list(keys)} FROM edits ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(zip(keys, row, strict=True)) for row in rows]

    # -- documents -----------------------------------------------------------------------

    def add_document(self, document: Document) -> Document:
        """Store a new document. Its id, hash and creation time are filled in when empty."""
        return self.add_documents([document])[0]

    def add_documents(self, documents: list[Document] | Iterator[Document], *,
                      hashed: bool = False) -> list[Document]:
        """Store new documents in one transaction, as ``add_document`` would one by one.

        Each is checked as it is taken from ``documents``, before any is stored, so a caller
        that feeds a generator knows which one an ``InvariantError`` is about; an id already
        in the project is looked up for all of them at once after the last is taken (the
        message names it). All are stored, with one ``edits`` row for the lot, or none. They
        are not in the search index yet (``index_pending``); search finds them all the same.
        ``hashed``: the caller computed every ``text_sha256`` itself from the canonical text it
        gives, so it is not hashed again (never for a hash read from a file).
        """
        stored: list[Document] = []
        rows: list[tuple[object, ...]] = []
        insert = DOCUMENTS.insert()
        ids: set[str] = set()
        now = utc_now()
        with self.transaction():
            for document in documents:
                checked = _checked_document(document, now, hashed=hashed)
                if checked.id in ids:
                    raise InvariantError(f"document {checked.id} is already in the project")
                ids.add(checked.id)
                stored.append(checked)
                rows.append(DOCUMENTS.values(document_row(checked, self.analyst)))
            if taken := stored_document_ids(self.conn, ids):
                first = next(d.id for d in stored if d.id in taken)
                raise InvariantError(f"document {first} is already in the project")
            self._ensure_analyst(self.analyst)
            self.conn.executemany(insert, rows)
            if stored:
                record_edits(self.conn, [_added_record(stored, now, self.analyst)])
        return stored

    def document(self, doc_id: str) -> Document:
        row = self.conn.execute(DOCUMENTS.select("id = ?"), (doc_id,)).fetchone()
        if row is None:
            raise InvariantError(f"there is no document {doc_id!r} in the project")
        return document_from_row(row)

    def documents(self) -> Iterator[Document]:
        """Every document with its texts, in import order, one at a time."""
        for row in self.conn.execute(DOCUMENTS.select(order="rowid")):
            yield document_from_row(row)

    def document_summaries(self) -> list[DocumentSummary]:
        statuses: dict[str, dict[str, DocumentStatusValue]] = {}
        for doc_id, analyst, status in self.conn.execute(
                "SELECT doc_id, analyst, status FROM document_status"):
            statuses.setdefault(doc_id, {})[analyst] = check_status(status)
        rows = self.conn.execute(
            f"SELECT {DOCUMENTS.column_list(_SUMMARY_COLUMNS, alias='d')},"
            " (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.deleted = 0)"
            " FROM documents d ORDER BY d.rowid")
        return [DocumentSummary(doc_id, title, source, sha, length, count,
                                statuses.get(doc_id, {}))
                for doc_id, title, source, sha, length, count in rows]

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
        return search_index(self.conn, query, doc_id=doc_id, limit=limit)

    def search_hits(self, query: str, *, doc_id: str | None = None) -> Iterator[SearchHit]:
        """The hits ``search`` gives, lazily: each step reads at most a page of documents, so
        the window can list them a few at a time between events."""
        return hits(self.conn, query, doc_id=doc_id)

    def index_pending(self, limit: int | None = None, *,
                      seconds: float = PENDING_STEP_SECONDS) -> int:
        """Put the oldest documents not yet in the search index into it for about ``seconds``
        (at least one whole document; at most ``limit`` documents), in one short transaction;
        how many (0: none was pending). Search gives the same hits either way."""
        # Derived data: a step a power cut takes back leaves its documents pending again, so
        # its commit need not wait for the disk (WAL keeps the file sound, and the next edit's
        # commit syncs the log with it). Inside an outer transaction the outer one decides.
        quick = not self.conn.in_transaction and not self._wal_pending
        if quick:
            self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            with self.transaction():
                return index_pending(self.conn, seconds=seconds, limit=limit)
        finally:
            if quick:
                self.conn.execute("PRAGMA synchronous = FULL")

    def pending_index_count(self) -> int:
        """How many documents are not in the search index yet."""
        return pending_count(self.conn)

    # -- the learned model (annotator.storage.learned) ------------------------------------

    def learned_models(self) -> list[LearnedModel]:
        """The models learned from this project's marks, one per name."""
        return learned.stored_models(self)

    def store_learned_models(self, models: Iterable[LearnedModel]) -> list[LearnedModel]:
        """Replace the learned models, in one transaction."""
        return learned.store_models(self, models)

    def learned_models_stamp(self) -> str:
        """Changes whenever the learned models do; reads no model bytes."""
        return learned.models_stamp(self)

_SUMMARY_COLUMNS = ("id", "title", "source", "text_sha256", "length")
_ID_BATCH = 500  # values bound in one IN (...) lookup


def stored_document_ids(conn: sqlite3.Connection, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the project has as document ids, in a few lookups."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    for first in range(0, len(wanted), _ID_BATCH):
        chunk = wanted[first:first + _ID_BATCH]
        found.update(str(r[0]) for r in conn.execute(
            f"SELECT id FROM documents WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
    return found


def _added_record(stored: list[Document], at: str, analyst: str
                  ) -> tuple[str, str, str, str, str, str | None, str]:
    """The one audit row of documents added together: one document's title, source and hash
    (as each document had its own row before), or how many and the first and last ids (the
    import order between them is the documents' own)."""
    if len(stored) == 1:
        only = stored[0]
        return (at, analyst, "add document", "document", only.id, only.id, stored_json(
            {"title": only.title, "source": only.source, "text_sha256": only.text_sha256}))
    return (at, analyst, "add documents", "document", stored[0].id, None, stored_json(
        {"documents": len(stored), "first": stored[0].id, "last": stored[-1].id}))


def _checked_document(document: Document, now: str, *, hashed: bool = False) -> Document:
    """The document as it will be stored (id, hash and time filled in), or InvariantError.
    ``hashed``: its hash was computed from its canonical text by the caller, not checked."""
    if hashed and not document.text_sha256:
        raise InvariantError(f"document {document.id}: a hashed document has no text_sha256")
    faults = document_faults(document.canonical_text, document.raw_text, document.alignment,
                             None if hashed else document.text_sha256 or None)
    if "text_sha256" in faults:
        raise InvariantError(f"document {document.id}: text_sha256 does not match its text")
    stored = Document(
        id=document.id or new_id(),
        title=document.title,
        source=document.source,
        canonical_text=document.canonical_text,
        raw_text=document.raw_text,
        alignment=document.alignment,
        metadata=dict(document.metadata),
        # A hash the document came with was just checked against its text: not hashed twice.
        text_sha256=document.text_sha256 or text_sha256(document.canonical_text),
        created=document.created or now,
        encoding=document.encoding,
    )
    if "alignment" in faults:
        raise InvariantError(f"document {stored.id}: the alignment does not fit its texts")
    return stored


def _connect(path: Path, *, immutable: bool, threads: bool = False) -> sqlite3.Connection:
    """Connect to ``path``. Read-only use of a writable file still connects read-write; a
    file we may not write is opened immutable, as SQLite cannot open a WAL file read-only
    without creating its side files. ``threads``: a backup thread may use the connection."""
    conn = connect(path, immutable=immutable, threads=threads)
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


def _journal_mode(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()


def _set_pragmas(conn: sqlite3.Connection, *, wal: bool) -> None:
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # every commit is durable when it returns
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it (Project.db)
