"""Issue 18: automatic backups on a worker thread, through the project's own connection, in
steps; rotation by count and total size; closing mid-backup leaves nothing listed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.storage import backups
from annotator.storage.project import Project
from annotator.storage.safety import backup_folder

ZWNJ_TEXT = "می‌گوید 😀 كتاب ي\r\n"


@pytest.fixture
def slow_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """One page per step and a pause after each: a backup that takes long enough to overlap."""
    monkeypatch.setattr(backups, "STEP_BYTES", 1)
    monkeypatch.setattr(backups, "STEP_PAUSE", 0.02)


def _changed(path: Path) -> None:
    with Project.open(path, analyst="tester") as project:
        project.add_speaker("تازه")
    for made in backup_folder(path).glob("*"):
        made.unlink()


def test_the_opening_backup_runs_in_the_background_and_verifies(filled_project: Path) -> None:
    _changed(filled_project)
    with Project.open(filled_project, analyst="tester", background_backups=True) as project:
        assert project.backup_running
        made = project.finish_backup(wait=True)
        assert made is not None and made.name.endswith(".open.annot")
        assert backups.verify(made) == "" and project.backup_problem == ""
        assert not project.backup_running
    assert [b.reason for b in backups.list_backups(filled_project)] == ["open"]


def test_the_project_is_read_and_written_while_its_backup_runs(
        filled_project: Path, slow_steps: None) -> None:
    _changed(filled_project)
    with Project.open(filled_project, analyst="tester", background_backups=True) as project:
        doc = project.document_summaries()[0].id
        added = []
        while project.backup_running and project.finish_backup() is None and len(added) < 5:
            assert project.spans(doc)
            added.append(project.add_speaker(f"گوینده {len(added)} {ZWNJ_TEXT}").name)
        assert added, "the backup ended before the first edit"
        made = project.finish_backup(wait=True) or backups.list_backups(filled_project)[0].path
        assert backups.verify(made) == ""
        with Project.open(made, analyst="tester", read_only=True) as copy:
            names = [s.name for s in copy.speakers()]
        # SQLite brings the copy up to date with writes through the same connection.
        assert set(added) <= set(names)


def test_closing_while_a_backup_runs_leaves_no_file_behind(
        filled_project: Path, slow_steps: None) -> None:
    _changed(filled_project)
    project = Project.open(filled_project, analyst="tester", background_backups=True)
    assert project.backup_running
    project.close()
    assert not backups.list_backups(filled_project)
    assert list(backup_folder(filled_project).iterdir()) == []
    # The file is released and sound.
    with Project.open(filled_project, analyst="tester") as again:
        assert "تازه" in [s.name for s in again.speakers()]


def test_a_timed_backup_runs_in_the_background(filled_project: Path) -> None:
    with Project.open(filled_project, analyst="tester", background_backups=True) as project:
        project.finish_backup(wait=True)
        project.backup_interval = 0
        project.add_speaker("دیگر")
        assert project.maybe_backup() is None and project.backup_running
        assert project.maybe_backup() is None or not project.backup_running  # not a second one
        made = project.finish_backup(wait=True)
        assert made is not None and made.name.endswith(".timed.annot")
        assert project.maybe_backup() is None  # nothing changed since
        assert not project.backup_running


def test_a_failed_background_backup_is_reported_not_raised(filled_project: Path) -> None:
    _changed(filled_project)
    folder = backup_folder(filled_project)
    folder.rmdir()
    folder.write_text("not a folder", encoding="utf-8")
    with Project.open(filled_project, analyst="tester", background_backups=True) as project:
        assert project.finish_backup(wait=True) is None
        assert "is a file where the backup folder should be" in project.backup_problem


def test_a_killed_backups_temporary_is_removed_on_the_next_open(filled_project: Path) -> None:
    folder = backup_folder(filled_project)
    folder.mkdir(exist_ok=True)
    dead = _dead_pid()
    left = folder / f".2026-01-01T00-00-00.000000Z.timed.annot.{dead}{backups.TEMPORARY_SUFFIX}"
    left.write_bytes(b"SQLite format 3\0" + b"\0" * 100)
    ours = folder / f".2026-01-01T00-00-00.000000Z.timed.annot.{os.getpid()}.part"
    ours.write_bytes(b"")
    # Unchanged since its newest backup, so opening makes none: the temporary still goes.
    with Project.open(filled_project, analyst="tester") as project:
        project.add_speaker("یک")
    Project.open(filled_project, analyst="tester").close()
    Project.open(filled_project, analyst="tester").close()
    assert not left.exists() and ours.exists()
    assert all(b.documents == 2 for b in backups.list_backups(filled_project))


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_automatic_backups_are_rotated_by_total_size_as_well_as_count(
        filled_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "KEEP_SIZE_FLOOR", 0)
    size = filled_project.stat().st_size
    with Project.open(filled_project, analyst="tester") as project:
        backups.make_backup(project.conn, filled_project, "before-restore")
        project.backup_interval = 0
        for number in range(6):
            project.add_speaker(f"گوینده {number}")
            assert project.maybe_backup() is not None
    listed = backups.list_backups(filled_project)
    automatic = [b for b in listed if b.reason in backups.AUTOMATIC_REASONS]
    assert sum(b.size for b in automatic) <= backups.KEEP_SIZE_FACTOR * max(
        size, filled_project.stat().st_size)
    assert 1 <= len(automatic) < 7
    assert [b.reason for b in listed].count("before-restore") == 1
    with Project.open(automatic[0].path, analyst="tester", read_only=True) as newest:
        assert "گوینده 5" in [s.name for s in newest.speakers()]


def test_the_newest_backup_is_kept_even_when_it_alone_is_over_the_budget(
        filled_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "KEEP_SIZE_FLOOR", 0)
    monkeypatch.setattr(backups, "KEEP_SIZE_FACTOR", 0)
    with Project.open(filled_project, analyst="tester") as project:
        project.backup_interval = 0
        for number in range(3):
            project.add_speaker(f"گوینده {number}")
            assert project.maybe_backup() is not None
    assert [b.reason for b in backups.list_backups(filled_project)] == ["timed"]
