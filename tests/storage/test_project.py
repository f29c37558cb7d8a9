from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.domain.errors import (
    InvariantError,
    NewerProjectError,
    ProjectError,
    ReadOnlyProjectError,
)
from annotator.domain.model import Document
from annotator.storage.checks import check_project, project_stats
from annotator.storage.migrations import APPLICATION_ID, SCHEMA_VERSION
from annotator.storage.project import Project

TEXT = "سفیر 😀 گفت: می‌پردازند."


def add_doc(project: Project, text: str = TEXT) -> str:
    return project.add_document(
        Document("", "title", "source.txt", text, text, ((len(text), len(text)),))).id


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_has_our_header_and_durable_settings(project: Project) -> None:
    conn = project.conn
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert project.normalization == "letters"
    assert project.schema.label_names == ("Speaker", "Turn", "Claim", "Stance")


def test_create_refuses_to_overwrite(project_path: Path) -> None:
    before = digest(project_path)
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(project_path, analyst="a")
    assert digest(project_path) == before


def test_create_leaves_nothing_when_it_fails(tmp_path: Path) -> None:
    with pytest.raises(ProjectError):
        Project.create(tmp_path / "x.annot", analyst="a", normalization="bogus")
    assert list(tmp_path.iterdir()) == []


def test_every_edit_is_committed_when_the_call_returns(project: Project) -> None:
    doc_id = add_doc(project)
    span = project.add_span(doc_id, 0, 4, "Speaker")
    assert not project.conn.in_transaction
    # A fresh connection after close sees the span: it reached the file, not a buffer.
    path = project.path
    project.close()
    with Project.open(path, analyst="other") as reopened:
        assert [s.id for s in reopened.spans(doc_id)] == [span.id]
        assert reopened.span(span.id).text_in(reopened.document(doc_id).canonical_text) == "سفیر"


def test_second_process_gets_a_clear_message_not_a_hang(project: Project) -> None:
    code = (
        "import sys\n"
        "from annotator.storage.project import Project\n"
        "from annotator.domain.errors import ProjectLockedError\n"
        "try:\n"
        f"    Project.open({str(project.path)!r}, analyst='b')\n"
        "except ProjectLockedError as e:\n"
        "    print(e); sys.exit(3)\n"
    )
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=30, check=False)
    assert result.returncode == 3, result.stderr
    assert str(project.path) in result.stdout
    assert "another" in result.stdout
    assert time.monotonic() - started < 10


def test_random_bytes_and_foreign_databases_are_refused_unchanged(tmp_path: Path) -> None:
    junk = tmp_path / "junk.annot"
    junk.write_bytes(os.urandom(8192))
    foreign = tmp_path / "foreign.annot"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    for path in (junk, foreign):
        before = digest(path)
        with pytest.raises(ProjectError, match="not"):
            Project.open(path, analyst="a")
        assert digest(path) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.annot", "junk.annot"]


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project file") as caught:
        Project.open(tmp_path / "missing.annot", analyst="a")
    assert "missing.annot" in str(caught.value)


def _bump_versions(path: Path, user_version: int, min_reader: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.execute("UPDATE meta SET value = ? WHERE key = 'min_reader_version'", (str(min_reader),))
    conn.commit()
    conn.close()


def test_newer_file_we_may_read_opens_read_only(project_path: Path) -> None:
    _bump_versions(project_path, SCHEMA_VERSION + 1, SCHEMA_VERSION)
    with Project.open(project_path, analyst="a") as project:
        assert project.read_only
        with pytest.raises(ReadOnlyProjectError):
            add_doc(project)


def test_newer_file_we_may_not_read_is_refused_unchanged(project_path: Path) -> None:
    _bump_versions(project_path, SCHEMA_VERSION + 1, SCHEMA_VERSION + 1)
    before = digest(project_path)
    with pytest.raises(NewerProjectError, match="newer"):
        Project.open(project_path, analyst="a")
    assert digest(project_path) == before


def test_read_only_open_refuses_edits(project_path: Path) -> None:
    with (Project.open(project_path, analyst="a", read_only=True) as project,
          pytest.raises(ReadOnlyProjectError, match="read-only")):
        add_doc(project)


def test_span_rules(project: Project) -> None:
    doc_id = add_doc(project)
    with pytest.raises(InvariantError, match="outside"):
        project.add_span(doc_id, 0, len(TEXT) + 1, "Claim")
    with pytest.raises(InvariantError, match="outside"):
        project.add_span(doc_id, 3, 3, "Claim")
    with pytest.raises(InvariantError, match="not in the project's schema"):
        project.add_span(doc_id, 0, 4, "Nonsense")
    with pytest.raises(InvariantError, match="not one of the values"):
        project.add_span(doc_id, 0, 4, "Claim", {"type": "rumour"})
    with pytest.raises(InvariantError, match="unknown speaker"):
        project.add_span(doc_id, 0, 4, "Claim", {"speaker": "nobody"})
    assert project.spans(doc_id) == []


def test_update_delete_restore_keep_history(project: Project) -> None:
    doc_id = add_doc(project)
    speaker = project.add_speaker("کاظم جلالی", aliases=("جلالی",), role="interviewee")
    mention = project.add_span(doc_id, 0, 4, "Speaker", {"speaker": speaker.id})
    claim = project.add_span(doc_id, 7, 10, "Claim", {"type": "factual"})
    relation = project.add_relation(claim.id, mention.id, "attributed_to")
    updated = project.update_span(claim.id, attrs={"type": "opinion", "checkworthy": "yes"})
    assert updated.revision == 2 and updated.attrs["type"] == "opinion"
    project.delete_span(mention.id)
    assert [s.id for s in project.spans(doc_id)] == [claim.id]
    assert project.relations(doc_id) == []
    assert project.relations(doc_id, include_deleted=True)[0].id == relation.id
    restored = project.restore_span(mention.id)
    assert not restored.deleted and restored.revision == 3
    actions = [e["action"] for e in project.edits()]
    assert actions[:5] == ["restore span", "delete span", "update span", "add relation",
                           "add span"]
    assert check_project(project) == []


def test_relations_must_fit_the_schema(project: Project) -> None:
    doc_id = add_doc(project)
    a = project.add_span(doc_id, 0, 4, "Claim")
    b = project.add_span(doc_id, 7, 10, "Claim")
    with pytest.raises(InvariantError, match="cannot end at a Claim"):
        project.add_relation(a.id, b.id, "attributed_to")
    stance = project.add_span(doc_id, 12, 15, "Stance", {"polarity": "against"})
    about = project.add_relation(stance.id, b.id, "about")
    assert [r.id for r in project.relations(doc_id)] == [about.id]
    project.delete_relation(about.id)
    assert project.relations(doc_id) == []
    assert project.relations(doc_id, include_deleted=True)[0].revision == 2


def test_a_failed_transaction_leaves_nothing(project: Project) -> None:
    doc_id = add_doc(project)
    with pytest.raises(InvariantError), project.transaction():
        project.add_span(doc_id, 0, 4, "Claim")
        project.add_span(doc_id, 0, 400, "Claim")
    assert project.spans(doc_id) == []


def test_statuses_per_analyst(project: Project) -> None:
    doc_id = add_doc(project)
    project.set_status(doc_id, "in progress")
    project.set_status(doc_id, "done", analyst="maryam")
    assert project.statuses(doc_id) == {"maryam": "done", "tester": "in progress"}
    with pytest.raises(InvariantError):
        project.set_status(doc_id, "finished")
    stats = project_stats(project)
    assert stats["documents_by_status"]["done"] == 1
    assert set(stats["analysts"]) == {"maryam", "tester"}


def test_check_finds_spans_outside_their_text_and_bad_hashes(project: Project) -> None:
    doc_id = add_doc(project)
    span = project.add_span(doc_id, 0, 4, "Claim")
    project.conn.execute('UPDATE spans SET "end" = 999 WHERE id = ?', (span.id,))
    project.conn.execute("UPDATE documents SET text_sha256 = 'x'")
    faults = check_project(project)
    assert any("outside its document" in f for f in faults)
    assert any("text_sha256" in f for f in faults)


def test_reading_never_writes_the_file(project_path: Path) -> None:
    # A copy made elsewhere may be in rollback-journal mode; reading must not switch it to WAL.
    conn = sqlite3.connect(project_path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = digest(project_path)
    with Project.open(project_path, analyst="reader", read_only=True) as project:
        assert project_stats(project)["documents"] == 0
        assert check_project(project) == []
    assert digest(project_path) == before


def test_document_summaries_count_live_spans_and_statuses(project: Project) -> None:
    first, second = add_doc(project), add_doc(project, "متن دوم")
    kept = project.add_span(first, 0, 4, "Claim")
    project.delete_span(project.add_span(first, 7, 10, "Claim").id)
    project.set_status(second, "done")
    summaries = project.document_summaries()
    assert [(s.id, s.span_count, s.statuses) for s in summaries] == [
        (first, 1, {}), (second, 0, {"tester": "done"})]
    assert summaries[0].length == len(TEXT)
    assert project.find_document("unknown-id", summaries[1].text_sha256) == second
    assert project.find_document(first, "no-such-hash") == first
    assert project.span(kept.id).author == "tester"
