from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from annotator.domain.errors import ProjectError
from annotator.domain.model import Document
from annotator.storage.checks import check_project
from annotator.storage.migrations import APPLICATION_ID
from annotator.storage.project import Project
from annotator.storage.sharing import share_project

TEXT = "سفیر 😀 گفت: می‌پردازند."


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_share_writes_one_verified_file_that_is_not_in_wal_mode(project: Project,
                                                                  tmp_path: Path) -> None:
    doc = project.add_document(Document("", "t", "s", TEXT, TEXT, ((len(TEXT), len(TEXT)),)))
    span = project.add_span(doc.id, 0, 4, "Speaker")
    # The edit may still sit in the open project's WAL; the copy must include it anyway.
    out = share_project(project, tmp_path / "copy.annot")
    assert out == tmp_path / "copy.annot"
    assert sorted(p.name for p in tmp_path.iterdir()
                  if p.name.startswith("copy")) == ["copy.annot"]
    with out.open("rb") as handle:
        header = handle.read(100)
    assert header[18:20] == b"\x01\x01"  # rollback journal, not WAL
    conn = sqlite3.connect(f"{out.resolve().as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    with Project.open(out, analyst="other") as copy:
        assert [s.id for s in copy.spans(doc.id)] == [span.id]
        assert check_project(copy) == []


def test_share_refuses_to_overwrite_the_open_project(project: Project) -> None:
    project.conn.execute("PRAGMA wal_checkpoint")
    before = digest(project.path)
    with pytest.raises(ProjectError, match="open project itself"):
        share_project(project, project.path)
    with pytest.raises(ProjectError, match="open project itself"):
        share_project(project, project.path.parent / "." / project.path.name)
    assert digest(project.path) == before


def test_share_replaces_an_older_copy_atomically(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "copy.annot"
    out.write_bytes(b"an old copy")
    share_project(project, out)
    with Project.open(out, analyst="x", read_only=True) as copy:
        assert copy.schema.label_names == project.schema.label_names


def test_share_never_replaces_another_project(project: Project, tmp_path: Path) -> None:
    other = tmp_path / "ali.annot"
    Project.create(other, analyst="ali").close()
    before = digest(other)
    with pytest.raises(ProjectError, match="may hold someone's work"):
        share_project(project, other)
    assert digest(other) == before


def test_share_into_a_missing_folder_is_a_clear_error(project: Project, tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="folder for the copy does not exist"):
        share_project(project, tmp_path / "nowhere" / "copy.annot")
