"""``safety.read_ahead``: the one sequential pass that brings a project or a backup into the page
cache before its integrity check (whose B-tree order is random reads on a cold cache), without
ever dropping the exclusive lock the open project holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.storage import autobackup, backups, safety
from annotator.storage.project import Project

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(),
                                reason="lists this process's descriptors in /proc")

# A second process tries to take the file's write lock the way SQLite takes it.
_TRY_TO_WRITE = (
    "import sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1], timeout=0.1, isolation_level=None)\n"
    "try:\n"
    "    conn.execute('BEGIN IMMEDIATE')\n"
    "except sqlite3.OperationalError as error:\n"
    "    print(error); sys.exit(3)\n"
    "print('got the lock')\n"
)


def _second_process_can_write(path: Path) -> bool:
    result = subprocess.run([sys.executable, "-c", _TRY_TO_WRITE, str(path)],
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode in (0, 3), result.stderr
    return result.returncode == 0


def _descriptors() -> set[str]:
    return {entry.name for entry in Path("/proc/self/fd").iterdir()}


def test_the_open_projects_exclusive_lock_survives_reading_it_ahead(project: Project) -> None:
    assert not _second_process_can_write(project.path)
    before = _descriptors()
    # Read through SQLite's own descriptor: all of the file, none of our descriptors closed.
    assert safety.read_ahead(project.path) == project.path.stat().st_size > 0
    assert not _second_process_can_write(project.path)
    assert before <= _descriptors()
    project.add_speaker("سفیر")  # SQLite's descriptor still reads and writes where it did
    project.close()
    assert _second_process_can_write(project.path)


def test_a_file_open_nowhere_here_is_read_and_its_descriptor_closed(tmp_path: Path) -> None:
    path = tmp_path / "copy.annot"
    path.write_bytes(os.urandom(3 * safety.READ_AHEAD_STEP // 2))
    before = _descriptors()
    assert safety.read_ahead(path) == path.stat().st_size
    assert _descriptors() == before


def test_a_file_too_large_to_stay_in_memory_is_not_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.annot"
    path.write_bytes(b"x" * 4096)
    monkeypatch.setattr(safety, "_physical_memory", lambda: 4096)
    assert safety.read_ahead(path) == 0


def test_a_backups_verification_and_the_opens_check_read_the_file_ahead(
        project_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Path] = []
    monkeypatch.setattr(backups, "read_ahead", lambda path, **_: read.append(path) or 0)
    monkeypatch.setattr(autobackup, "read_ahead", lambda path, **_: read.append(path) or 0)
    with Project.open(project_path, analyst="tester") as project:  # no edits: checked only
        assert read == [project_path]
        project.add_speaker("سفیر")
        made = backups.make_backup(project.conn, project.path, "manual")
    assert read[1].name == f".{made.name}.{os.getpid()}{backups.TEMPORARY_SUFFIX}"


def test_without_sendfile_it_reads_by_offset_and_the_lock_still_stays(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "sendfile")
    assert safety.read_ahead(project.path) == project.path.stat().st_size
    assert not _second_process_can_write(project.path)
    project.add_speaker("سفیر")
