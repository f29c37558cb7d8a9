"""Schema 9: an identity alignment is stored as NULL and read as the identity; a file made at
schema 7 opens, migrates and keeps working (its rows keep their JSON)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from annotator.domain.model import Document
from annotator.formats.exporting import ExportOptions, export_project
from annotator.formats.importing import import_files
from annotator.storage.checks import check_project
from annotator.storage.merging import merge_files
from annotator.storage.migrations import SCHEMA_VERSION
from annotator.storage.project import Project
from tests.storage.stored_files import column_by_title, import_texts

ZWNJ = "\u200c"
# Folded letters keep the length (identity), CRLF does not, an emoji is one code point.
TEXTS = {"folded": "علي و كتاب 😀", "crlf": "خط اول\r\nخط دوم علی", "plain": f"کتاب{ZWNJ}ها"}

# What m011, m009 and m008 changed, undone: the file a schema 7 program wrote (m010 only
# raised min_reader_version, which the next statements set anyway).
BACK_TO_SCHEMA_7 = (
    "ALTER TABLE learned_models DROP COLUMN adds_from",
    "DELETE FROM _sqlite_migrations WHERE name = 'm011_learned_model_threshold'",
    "DELETE FROM _sqlite_migrations WHERE name = 'm010_raw_text_patches'",
    "UPDATE documents SET alignment = CASE length WHEN 0 THEN '[]'"  # as json.dumps wrote it
    " ELSE '[[' || length || ', ' || length || ']]' END WHERE alignment IS NULL",
    "PRAGMA writable_schema = ON",
    "UPDATE sqlite_master SET sql = replace(sql, 'alignment TEXT,', 'alignment TEXT NOT NULL,')"
    " WHERE type = 'table' AND name = 'documents'",
    "PRAGMA writable_schema = OFF",
    "DELETE FROM _sqlite_migrations WHERE name = 'm009_identity_alignment'",
    "UPDATE meta SET value = '1' WHERE key = 'min_reader_version'",
    "DROP INDEX documents_title", "DROP INDEX spans_live", "DROP INDEX document_status_analyst",
    "DELETE FROM _sqlite_migrations WHERE name = 'm008_document_list_indexes'",
    "PRAGMA user_version = 7",
)


def stored_alignments(path: Path) -> dict[str, object]:
    return column_by_title(path, "alignment")


def imported(project: Project, folder: Path) -> dict[str, str]:
    return import_texts(project, folder, TEXTS)


def test_an_identity_alignment_is_stored_as_null_and_read_as_the_identity(
        tmp_path: Path) -> None:
    path = tmp_path / "p.annot"
    with Project.create(path, analyst="a") as project:
        ids = imported(project, tmp_path)
        kept = project.add_document(Document("odd", "odd", "s", "ab", "ab", ((1, 1), (1, 1))))
        documents = {d.title: d for d in project.documents()}
        assert documents["folded"].alignment == ((12, 12),)
        assert documents["folded"].raw_text == "علي و كتاب 😀"  # kept: the raw text differs
        assert documents["plain"].alignment == ((7, 7),)
        assert documents["crlf"].alignment != ((18, 18),)
        assert project.document(kept.id).alignment == ((1, 1), (1, 1))  # as given
        assert check_project(project) == []
    assert stored_alignments(path) == {"folded": None, "plain": None, "odd": "[[1, 1], [1, 1]]",
                                       "crlf": stored_alignments(path)["crlf"]}
    assert stored_alignments(path)["crlf"] is not None
    with Project.open(path, analyst="a") as project:  # original offsets map through NULL
        project.add_span(ids["folded"], 6, 10, "Speaker")
        out = tmp_path / "spans.jsonl"
        export_project(project, out, ExportOptions(format="spans-jsonl", offsets="original"))
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (record["start"], record["end"], record["text"]) == (6, 10, "كتاب")


def test_a_file_made_at_schema_7_opens_migrates_and_keeps_working(tmp_path: Path) -> None:
    old = tmp_path / "old.annot"
    with Project.create(old, analyst="a") as project:
        ids = imported(project, tmp_path)
        project.add_span(ids["crlf"], 0, 3, "Speaker")
        while project.index_pending(10):  # as a schema 7 file: every document indexed
            pass
        before = list(project.documents())
        hits = project.search("علی")
    conn = sqlite3.connect(old, isolation_level=None)
    for statement in BACK_TO_SCHEMA_7:
        conn.execute(statement)
    conn.close()
    assert None not in stored_alignments(old).values()
    # A schema 7 file merges into a current project as it is (its schema is checked exactly).
    lead = tmp_path / "lead.annot"
    Project.create(lead, analyst="b").close()
    report = merge_files(lead, [old], analyst="b")
    assert (report.documents.added, report.spans.added) == (3, 1)
    with Project.open(lead, analyst="b") as project:
        assert list(project.documents()) == before and check_project(project) == []
    with Project.open(old, analyst="a") as project:
        assert project.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert project._meta("min_reader_version") == "10"  # m010: older programs refuse it
        assert list(project.documents()) == before
        assert project.search("علی") == hits
        assert check_project(project) == []
        (tmp_path / "new.txt").write_text("متن تازه علی", encoding="utf-8")
        import_files(project, [tmp_path / "new.txt"])
        assert len(project.search("علی")) == len(hits) + 1
    assert stored_alignments(old)["new"] is None
    assert stored_alignments(old)["folded"] == "[[12, 12]]"  # the old row keeps its JSON
    # And a current file, NULL alignments and all, merges too.
    report = merge_files(lead, [old], analyst="b")
    assert report.documents.added == 1
    with Project.open(lead, analyst="b") as project:
        assert check_project(project) == []
        assert project.search("تازه")[0].text == "تازه"
