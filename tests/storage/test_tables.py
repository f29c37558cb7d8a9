"""Every table declaration in ``storage.tables`` against the schema the migrations build, and
the statements built from a declaration against a real project file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.domain.model import Document, Span
from annotator.storage.history import version_hash
from annotator.storage.migrations import migrations
from annotator.storage.project import Project
from annotator.storage.sqlite import Database
from annotator.storage.tables import ITEMS, SPANS, TABLES, Table, span_from_row

# Tables that belong to SQLite or sqlite-utils, not to the project's entities.
_NOT_OURS = ("sqlite_", "_sqlite_migrations")


@pytest.fixture(scope="module")
def migrated() -> sqlite3.Connection:
    db = Database(memory=True)
    migrations.apply(db)
    return db.conn


def test_every_table_of_the_migrated_schema_is_declared(migrated: sqlite3.Connection) -> None:
    tables = {str(r[0]) for r in migrated.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    virtual = {str(r[0]) for r in migrated.execute(
        "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")}
    assert virtual == {"search_index"}
    # A virtual table and the shadow tables that hold it are SQLite's (FTS5's) to declare.
    ours = {t for t in tables if not t.startswith(_NOT_OURS)
            and not any(t == v or t.startswith(f"{v}_") for v in virtual)}
    assert ours == {t.name for t in TABLES}


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_declaration_matches_the_migrated_table(migrated: sqlite3.Connection,
                                                table: Table) -> None:
    info = migrated.execute(f"PRAGMA table_info({table.name})").fetchall()
    assert tuple(str(r[1]) for r in info) == table.columns  # names and stored order
    primary = sorted((int(r[5]), str(r[1])) for r in info if r[5])
    assert tuple(name for _, name in primary) == table.key
    # Every statement built from the declaration compiles against the real table.
    for sql in (table.select(), table.insert(), table.update(), table.upsert()):
        migrated.execute(f"EXPLAIN {sql}", [None] * sql.count("?"))


@pytest.mark.parametrize("entity", sorted(ITEMS))
def test_item_versions_name_real_columns(migrated: sqlite3.Connection, entity: str) -> None:
    table = ITEMS[entity]
    assert table.entity == entity
    for _, column in table.fields:
        assert column in table.columns
    assert set(table.json_columns) <= set(table.columns)
    assert set(table.added) <= set(table.columns) - {c for _, c in table.fields}
    assert ("doc_id" in table.columns) == table.has_doc
    sql = table.revise([c for _, c in table.fields])
    migrated.execute(f"EXPLAIN {sql}", [None] * sql.count("?"))


def test_a_row_read_by_name_is_the_version_stored(tmp_path: Path) -> None:
    text = "علی 😀 گفت\u200cوگو کرد."
    with Project.create(tmp_path / "p.annot", analyst="tester") as project:
        doc = project.add_document(Document("", "t", "s", text, text, ((len(text),) * 2,)))
        span = project.add_span(doc.id, 4, 5, "Claim", {"type": "opinion"})
        row = project.conn.execute(SPANS.select("id = ?"), (span.id,)).fetchone()
        read: Span = span_from_row(row)
        assert read == span and text[read.start:read.end] == "😀"
        version = SPANS.raw_version(row, lambda value, what: json.loads(str(value)))
        assert version["history"] == [version_hash(SPANS.version(span))]
        assert SPANS.values(SPANS.row(version, doc.id)) == tuple(row)
