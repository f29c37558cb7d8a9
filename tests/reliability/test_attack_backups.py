"""Issue 16, items 2, 5, 20-22, 24 and 27: restore, rotation and the backup folder under
attack; messages on one line whatever the file names."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from attack_support import run
from reliability_support import table_digest

from annotator.storage import backups
from annotator.storage.project import Project


def _backups(project: Path) -> list[Path]:
    return sorted(project.with_name(f"{project.name}.backups").glob("*.annot"))


def _edit_and_back_up(project: Path, name: str) -> Path:
    """Add a speaker, then open the project again so that its changed state is backed up."""
    with Project.open(project, analyst="tester") as opened:
        opened.add_speaker(name)
    before = set(_backups(project))
    with Project.open(project, analyst="tester"):
        pass
    [made] = set(_backups(project)) - before
    return made


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotator", "--analyst", "intruder", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def test_an_import_during_a_restore_is_refused_or_kept(
        filled_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = _edit_and_back_up(filled_project, "پیش از بازگردانی")
    text = tmp_path / "late.txt"
    text.write_text("متنی که وسط بازگردانی می‌رسد 😀", encoding="utf-8")
    real_connect: Callable[..., Any] = sqlite3.connect
    results: list[subprocess.CompletedProcess[str]] = []

    def connect(database: Any, *args: Any, **kwargs: Any) -> Any:
        # The moment the backup is read for copying, after the before-restore backup is made.
        made = any("before-restore" in p.name for p in _backups(filled_project))
        if made and not results and backup.name in str(database):
            results.append(_cli("import", str(filled_project), str(text)))
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(backups.sqlite3, "connect", connect)
    backups.restore_backup(filled_project, backup.name)
    monkeypatch.undo()
    [imported] = results
    with Project.open(filled_project, analyst="tester", read_only=True) as project:
        titles = [d.title for d in project.documents()]
    if imported.returncode == 0:  # acknowledged: then it must be in the restored file
        assert "late" in titles, imported.stdout
    else:
        assert "is open in another Annotator window or command" in imported.stderr
        assert "late" not in titles


def test_backups_dated_in_the_future_never_make_the_newest_one_rotate_away(
        filled_project: Path) -> None:
    made = _edit_and_back_up(filled_project, "یک")
    folder = made.parent
    for year in range(2090, 2090 + backups.KEEP_AUTOMATIC):  # a clock once far ahead
        shutil.copyfile(made, folder / f"{year}-01-01T00-00-00.000000Z.open.annot")
    newest = _edit_and_back_up(filled_project, "دو")
    assert newest.exists()
    assert backups.list_backups(filled_project)[0].path == newest
    assert len([p for p in _backups(filled_project) if p.name.endswith(".open.annot")]) == \
        backups.KEEP_AUTOMATIC


def test_a_restore_with_no_room_leaves_no_truncated_backup(filled_project: Path) -> None:
    backup = _edit_and_back_up(filled_project, "بی‌جا")
    listed = [b.path for b in backups.list_backups(filled_project)]
    before = table_digest(filled_project)
    limit = filled_project.stat().st_size // 3
    code = ("import resource, sys\n"
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))\n"
            "from annotator.cli import main\n"
            f"sys.exit(main(['restore', {str(filled_project)!r}, {backup.name!r}]))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith(f"annotator: {filled_project}: ") and \
        "disk is full" in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert [b.path for b in backups.list_backups(filled_project)] == listed
    assert not [p for p in backup.parent.iterdir() if p.name.startswith(".")]
    assert table_digest(filled_project) == before


def test_a_plain_file_in_place_of_the_backup_folder_is_named_and_work_goes_on(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = filled_project.with_name(f"{filled_project.name}.backups")
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("not a folder")
    text = tmp_path / "one.txt"
    text.write_text("یک متن کوتاه برای آزمون.", encoding="utf-8")
    for _ in range(2):  # the second open is the one that must back up the first import
        status, out, err = run(capsys, "import", str(filled_project), str(text))
        assert status == 0, err
        assert "Imported" in out
    assert err.count("\n") == 1 and err.startswith("annotator: warning: "), err
    assert f"{folder} is a file where the backup folder should be" in err
    assert folder.read_text() == "not a folder"


def test_a_failed_automatic_backup_is_one_warning_line(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> Path:
        raise backups.BackupFailed("the copy does not verify: simulated")

    monkeypatch.setattr(backups, "make_backup", fail)
    with Project.open(filled_project, analyst="tester") as project:
        project.add_speaker("تغییر")
    text = tmp_path / "two.txt"
    text.write_text("متن دوم برای آزمون.", encoding="utf-8")
    status, _, err = run(capsys, "import", str(filled_project), str(text))
    assert status == 0
    assert err == (f"annotator: warning: {filled_project}: the backup in "
                   f"{filled_project}.backups failed: the copy does not verify: simulated\n")


def test_temporaries_left_by_killed_backups_and_exports_are_removed_next_time(
        filled_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout)
    folder = filled_project.with_name(f"{filled_project.name}.backups")
    folder.mkdir(exist_ok=True)
    stale_backup = folder / f".2026-01-01T00-00-00.000000Z.open.annot.{dead}.part"
    stale_backup.write_bytes(b"half")
    out = tmp_path / "out.jsonl"
    stale_export = tmp_path / f".out.jsonl.0123456789abcdefx.{dead}.part"
    stale_export.write_bytes(b"half")
    _edit_and_back_up(filled_project, "سه")
    assert not stale_backup.exists()
    status, _, err = run(capsys, "export", str(filled_project), "--format", "jsonl", "-o",
                         str(out))
    assert status == 0, err
    assert not stale_export.exists()


def test_a_file_name_with_line_breaks_gives_a_one_line_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.annot"
    status, _, err = run(capsys, "new", str(project))
    assert status == 0
    bad = tmp_path / "x\nannotator: fake.txt:1: all is well\x1b[2J\u202e.txt"
    bad.write_bytes(b"")
    status, _, err = run(capsys, "import", str(project), str(bad))
    assert status == 1
    assert err.count("\n") == 1, err
    assert "\\nannotator: fake.txt:1: all is well\\x1b[2J\\u202e.txt" in err
