"""Schema of the project file, as an ordered list of sqlite-utils migrations.

``SCHEMA_VERSION`` is the number of migrations; each migration states the oldest program
version able to read the file it leaves behind (``MIN_READER_VERSION``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.storage.search import SEARCH_SCHEMA, index_all
from annotator.storage.sqlite import Migrations  # sqlite-utils loads when applied

if TYPE_CHECKING:
    from annotator.storage.sqlite import Database

APPLICATION_ID = 0x414E4E54  # "ANNT"
MIGRATION_SET = "annotator"

migrations = Migrations(MIGRATION_SET)


_INITIAL = """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE analysts (
            name TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
            created TEXT NOT NULL
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            canonical_text TEXT NOT NULL,
            raw_text TEXT,                     -- NULL when identical to canonical_text
            alignment TEXT NOT NULL,           -- JSON [[raw_len, canonical_len], ...]
            metadata TEXT NOT NULL DEFAULT '{}',
            text_sha256 TEXT NOT NULL,
            length INTEGER NOT NULL,           -- code points of canonical_text
            encoding TEXT NOT NULL,
            author TEXT NOT NULL REFERENCES analysts(name),
            created TEXT NOT NULL
        );
        CREATE INDEX documents_sha ON documents(text_sha256);
        CREATE TABLE speakers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            role TEXT NOT NULL DEFAULT '',
            affiliation TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL REFERENCES analysts(name),
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
        );
        CREATE TABLE spans (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            author TEXT NOT NULL REFERENCES analysts(name),
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            CHECK (0 <= start AND start < "end")
        );
        CREATE INDEX spans_doc ON spans(doc_id, start);
        CREATE TABLE relations (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            from_id TEXT NOT NULL REFERENCES spans(id),
            to_id TEXT NOT NULL REFERENCES spans(id),
            type TEXT NOT NULL,
            author TEXT NOT NULL REFERENCES analysts(name),
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
        );
        CREATE INDEX relations_doc ON relations(doc_id);
        CREATE TABLE document_status (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            analyst TEXT NOT NULL REFERENCES analysts(name),
            status TEXT NOT NULL CHECK (status IN ('todo', 'in progress', 'done')),
            modified TEXT NOT NULL,
            PRIMARY KEY (doc_id, analyst)
        );
        CREATE TABLE edits (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            analyst TEXT NOT NULL,
            action TEXT NOT NULL,              -- e.g. 'add span', 'import'
            entity TEXT NOT NULL,              -- 'span', 'document', ...
            entity_id TEXT NOT NULL,
            doc_id TEXT,
            detail TEXT NOT NULL DEFAULT '{}'  -- JSON: the values after the edit
        );
        CREATE INDEX edits_entity ON edits(entity, entity_id);
        INSERT INTO meta(key, value) VALUES ('min_reader_version', '1');
        """


@migrations()
def m001_initial(db: Database) -> None:
    # executescript() would COMMIT the migration's transaction first, so run statements one by one.
    for statement in _statements(_INITIAL):
        db.execute(statement)


@migrations()
def m002_suggestions(db: Database) -> None:
    # Rejected suggestions, so the engine never proposes them again; older programs ignore it.
    for statement in _statements(
        """
        CREATE TABLE rejected_suggestions (
            key TEXT NOT NULL,                 -- Suggestion.key: a hash of what was proposed
            doc_id TEXT NOT NULL REFERENCES documents(id),
            analyst TEXT NOT NULL REFERENCES analysts(name),
            at TEXT NOT NULL,
            PRIMARY KEY (key, doc_id, analyst)
        );
        CREATE INDEX rejected_suggestions_doc ON rejected_suggestions(doc_id);
        """
    ):
        db.execute(statement)


@migrations()
def m003_merge(db: Database) -> None:
    # Versions of a span, relation or speaker that lost a merge at the revision its row holds:
    # kept for review, never dropped (see annotator.storage.merging).
    for statement in _statements(
        """
        CREATE TABLE merge_conflicts (
            id TEXT PRIMARY KEY,               -- sha256 of entity, entity_id and other
            entity TEXT NOT NULL CHECK (entity IN ('span', 'relation', 'speaker')),
            entity_id TEXT NOT NULL,
            doc_id TEXT REFERENCES documents(id),
            revision INTEGER NOT NULL,
            kept TEXT NOT NULL,                -- JSON of the version in the item's row
            other TEXT NOT NULL,               -- JSON of the version that lost
            found TEXT NOT NULL                -- the later 'modified' of the two versions
        );
        CREATE INDEX merge_conflicts_entity ON merge_conflicts(entity, entity_id);
        CREATE INDEX merge_conflicts_doc ON merge_conflicts(doc_id);
        """
    ):
        db.execute(statement)


@migrations()
def m004_history(db: Database) -> None:
    # A short hash of every revision of an item, oldest first, so a merge can tell a version
    # the winner built on from one it never saw ('[]': unknown, from before this column).
    for table in ("spans", "relations", "speakers"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN history TEXT NOT NULL DEFAULT '[]'")


@migrations()
def m005_learned_models(db: Database) -> None:
    # The model learned from the project's marks (annotator.analysis.learning), kept in the
    # file so a shared file carries it; older programs ignore the table.
    for statement in _statements(
        """
        CREATE TABLE learned_models (
            name TEXT PRIMARY KEY,             -- which model: 'spans' tags spans of 'labels'
            model BLOB NOT NULL,               -- a python-crfsuite model file
            labels TEXT NOT NULL,              -- JSON list of the labels it tags
            fingerprint TEXT NOT NULL,         -- of the label schema and the features it used
            trained TEXT NOT NULL,             -- UTC time of the training
            documents INTEGER NOT NULL,        -- documents it was trained on
            marks INTEGER NOT NULL,            -- marks it was trained on
            analyst TEXT NOT NULL REFERENCES analysts(name)
        );
        """
    ):
        db.execute(statement)


@migrations()
def m006_search_index(db: Database) -> None:
    # The trigram index search reads (annotator.storage.search), built here for the documents
    # already in the file; older programs ignore it, and open the file read-only.
    for statement in _statements(SEARCH_SCHEMA):
        db.execute(statement)
    index_all(db.conn)


@migrations()
def m007_speaker_numbers(db: Database) -> None:
    # Each speaker's number (its key in the Inspector, its # in the Speakers list), pinned when
    # it is added and never given to anyone else. A file's own fact, never merged as a version:
    # a colleague's older speakers cannot shift it. Existing speakers keep the numbers their
    # creation order gave them.
    for statement in _statements(
        """
        CREATE TABLE speaker_numbers (
            speaker_id TEXT PRIMARY KEY REFERENCES speakers(id),
            number INTEGER NOT NULL UNIQUE CHECK (number > 0)
        );
        INSERT INTO speaker_numbers(speaker_id, number)
            SELECT id, row_number() OVER (ORDER BY created, id) FROM speakers
        """
    ):
        db.execute(statement)


@migrations()
def m008_document_list_indexes(db: Database) -> None:
    # What the Documents panel reads at 100,000 documents (storage.document_list), from
    # indexes instead of the documents' rows (each a few pages of text): every title in order,
    # a document's live span count, and the documents an analyst gave a status.
    for statement in _statements(
        """
        CREATE INDEX documents_title ON documents(title, id);
        CREATE INDEX spans_live ON spans(doc_id) WHERE deleted = 0;
        CREATE INDEX document_status_analyst ON document_status(analyst, status, doc_id)
        """
    ):
        db.execute(statement)


@migrations()
def m009_identity_alignment(db: Database) -> None:
    # A document whose alignment is the identity (nearly every import) stores NULL instead of
    # '[[n,n]]', read as the identity (tables.alignment_json); rows already stored keep theirs.
    # SQLite cannot drop a NOT NULL in place and rebuilding the table would copy every text,
    # so the table's declaration is edited, as SQLite documents for removing a NOT NULL
    # (lang_altertable.html, "otheralter"). Older programs cannot read a NULL alignment: they
    # must refuse the file, not open it read-only.
    conn = db.conn
    table = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'"
    declared = str(conn.execute(table).fetchone()[0])
    loosened = declared.replace("alignment TEXT NOT NULL,", "alignment TEXT,", 1)
    if loosened == declared:
        raise RuntimeError("the documents table does not declare its alignment as expected")
    version = int(conn.execute("PRAGMA schema_version").fetchone()[0])
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'documents'",
                     (loosened,))
        conn.execute(f"PRAGMA schema_version = {version + 1}")  # every connection re-reads it
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    conn.execute("UPDATE meta SET value = '9' WHERE key = 'min_reader_version'")


@migrations()
def m010_raw_text_patches(db: Database) -> None:
    # A raw text that differs from its canonical text only by folded letters is stored as a
    # BLOB patch of the canonical text (storage.raw_patch) instead of the whole text; rows
    # already stored keep theirs. Older programs would read a patch as the raw text itself:
    # they must refuse the file.
    db.conn.execute("UPDATE meta SET value = '10' WHERE key = 'min_reader_version'")


@migrations()
def m011_learned_model_threshold(db: Database) -> None:
    # The confidence from which a learned model's suggestions join the rules', found when it
    # was trained by checking it on the analyst's own held-out documents; NULL: it adds none
    # (not checked, or its additions were not right often enough). Older programs do not read
    # the column and leave it NULL when they store a model, which only keeps that model quiet.
    db.execute("ALTER TABLE learned_models ADD COLUMN adds_from REAL")


def _statements(script: str) -> list[str]:
    """Split a script of our own DDL (no ';' inside literals or comments) into statements."""
    without_comments = "\n".join(line.split("--")[0] for line in script.splitlines())
    return [s.strip() for s in without_comments.split(";") if s.strip()]


SCHEMA_VERSION = len(migrations.names)
