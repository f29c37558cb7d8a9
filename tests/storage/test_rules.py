"""``identify`` from a file's header alone, and the relation-end rule every writer asks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.storage.migrations import SCHEMA_VERSION
from annotator.storage.project import Project
from annotator.storage.rules import End, end_fault, identify, identify_open


def test_identify_tells_our_files_from_others(tmp_path: Path) -> None:
    empty = tmp_path / "empty.annot"
    empty.write_bytes(b"")
    text = tmp_path / "notes.annot"
    text.write_text("سلام 😀\r\n", encoding="utf-8")
    short = tmp_path / "short.annot"
    short.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t(x)")
    conn.close()
    assert [identify(p).kind for p in (empty, text, short, foreign)] == [
        "empty", "foreign", "truncated", "sqlite"]
    ours = tmp_path / "p.annot"
    Project.create(ours, analyst="tester").close()
    identity = identify(ours)
    assert identity.ours and identity.tables and not identity.newer
    assert identity.version == SCHEMA_VERSION
    conn = sqlite3.connect(ours)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    assert identify_open(conn).newer and identify_open(conn).ours
    conn.close()
    assert identify(ours).newer


def test_a_relation_end_must_be_a_live_span_of_its_document() -> None:
    assert end_fault("d", End("d", "Claim"), live=True) is None
    assert end_fault("d", None, live=False) == "other document"
    assert end_fault("d", End("e", "Claim"), live=False) == "other document"
    assert end_fault("d", End("d", "Claim", deleted=True), live=False) is None
    assert end_fault("d", End("e", "Claim", deleted=True), live=True) == "deleted span"
